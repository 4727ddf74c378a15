import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/build-fixture';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the authors' npm scripts against a content root, as an author would. */
export function runScript(script: 'import:hugo' | 'new' | 'check:content', args: string[], contentRoot: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_ROOT: contentRoot, NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `dir` with the hash of its bytes, to prove a second run changed nothing. */
export function treeSnapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Splits check:content output into the problems listed under each file heading. */
export function problemsByFile(stdout: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let file = '';
  for (const line of stdout.split('\n')) {
    if (/^\S/.test(line) && !line.startsWith('共')) out.set((file = line.trim()), []);
    else if (line.startsWith('  ✗ ')) out.get(file)!.push(line.slice(4));
  }
  return out;
}
