import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir` with one of `extensions`, as paths relative to `dir` (POSIX separators). */
export function listFiles(dir: string, extensions: string[]): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else if (extensions.some((ext) => name.endsWith(ext))) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** The built file a static host serves for a site path (percent-decoded; folders serve index.html). */
export function fileForUrlPath(dist: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  } catch {
    return undefined;
  }
  const candidate = path.join(dist, decoded);
  if (!candidate.startsWith(dist)) return undefined;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  const index = path.join(candidate, 'index.html');
  return existsSync(index) ? index : undefined;
}

export function readText(dist: string, rel: string): string {
  return readFileSync(path.join(dist, rel), 'utf8');
}
