/**
 * Where the build cache lives: Astro's cache (content store, pages of the incremental build, image
 * variants), the posts' rendered HTML, the search shards and the build record. One folder, so a CI keeps
 * one folder between runs.
 *
 * The default is a git-ignored folder at the project root, not `node_modules/.astro` (Astro's default):
 * `npm ci` deletes `node_modules/` before it installs, so a cache restored into it before `npm ci` was
 * thrown away and every CI build was a cold one (80–110 s instead of about 10 s at 1,000 articles).
 * `ASTRO_CACHE_DIR` moves it (tests and the benchmark give each build its own).
 */
import path from 'node:path';

/** The cache folder, relative to the project root, when ASTRO_CACHE_DIR is not set. */
export const DEFAULT_CACHE_DIR = '.build-cache';

/** The absolute cache folder of the project at `root`. */
export function resolveCacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(root, env.ASTRO_CACHE_DIR || DEFAULT_CACHE_DIR);
}

/** Whether `file` (absolute) is `dir` or inside it. */
export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
