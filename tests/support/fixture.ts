import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fixtureDirs } from './build-fixture';

/** The built `site` fixture, produced once by the global setup. */
export const SITE_DIST = fixtureDirs('site').dist;

/** Reads a built file of the site fixture; `urlPath` is a URL path such as `/posts/x/`. */
export function builtPage(urlPath: string): string {
  const decoded = decodeURIComponent(urlPath);
  const file = decoded.endsWith('/') ? path.join(decoded, 'index.html') : decoded;
  return readFileSync(path.join(SITE_DIST, file), 'utf8');
}

export function builtFileExists(urlPath: string): boolean {
  const decoded = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  const file = decoded.endsWith('/') ? path.join(decoded, 'index.html') : decoded;
  return existsSync(path.join(SITE_DIST, file));
}
