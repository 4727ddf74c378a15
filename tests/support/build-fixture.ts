import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where fixture builds go; each scenario gets `<OUTPUT_ROOT>/<scenario>/{dist,cache}`. */
export const OUTPUT_ROOT = path.resolve(ROOT, process.env.TEST_OUTPUT_DIR ?? 'tests/.output');

export interface FixtureBuild {
  scenario: string;
  dist: string;
  log: string;
}

export function fixtureDirs(scenario: string) {
  const base = path.join(OUTPUT_ROOT, scenario);
  return { base, dist: path.join(base, 'dist'), cache: path.join(base, 'cache') };
}

/**
 * Builds `tests/fixtures/<scenario>` as the site's content with `npm run build` (Astro, then Pagefind)
 * into its own output folder. Throws with the build log when the build fails.
 */
export function buildFixture(scenario: string, env: Record<string, string> = {}): FixtureBuild {
  const { base, dist, cache } = fixtureDirs(scenario);
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const log = runBuild(scenario, { ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache, ...env });
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error(`fixture ${scenario}: no index.html\n${log}`);
  return { scenario, dist, log };
}

/**
 * Builds a one-post site: the site fixture's companies, people and images plus `source` as
 * `content/posts/<file>`. Returns the exit status and the build's output, whether it failed or not.
 * `freshCache` starts without the scenario's cache, so the post is rendered (and warns) again.
 */
export function buildWithPost(scenario: string, file: string, source: string, { freshCache = false } = {}): { status: number; output: string } {
  // Content must sit inside the project: Astro cannot resolve deferred-render modules from far outside it.
  const contentBase = OUTPUT_ROOT.startsWith(ROOT) ? OUTPUT_ROOT : path.join(ROOT, 'tests/.output');
  const root = path.join(contentBase, 'content', scenario);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'content/posts'), { recursive: true });
  const site = path.join(ROOT, 'tests/fixtures/site');
  cpSync(path.join(site, 'content/companies'), path.join(root, 'content/companies'), { recursive: true });
  cpSync(path.join(site, 'content/people'), path.join(root, 'content/people'), { recursive: true });
  cpSync(path.join(site, 'assets'), path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'content/posts', file), source);
  const { dist, cache } = fixtureDirs(scenario);
  if (freshCache) rmSync(cache, { recursive: true, force: true });
  try {
    const output = runBuild(scenario, { CONTENT_ROOT: path.relative(ROOT, root), ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache });
    return { status: 0, output };
  } catch (err) {
    const e = err as { status: number; output: string };
    return { status: e.status, output: e.output };
  }
}

/** Runs the production build on a fixture; returns its output or throws an error carrying it. */
export function runBuild(scenario: string, env: Record<string, string>): string {
  try {
    return execFileSync('npm', ['run', 'build', '--silent'], {
      cwd: ROOT,
      // NODE_ENV=test (set by Vitest) would make Astro build in development mode, drafts included.
      env: { ...buildEnv(), NODE_ENV: 'production', CONTENT_ROOT: `tests/fixtures/${scenario}`, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; status?: number };
    const error = new Error(`build of fixture "${scenario}" exited ${e.status}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    Object.assign(error, { output: `${e.stdout ?? ''}\n${e.stderr ?? ''}`, status: e.status });
    throw error;
  }
}

/**
 * The parent's environment without what Vitest's workers add: DEV=1, MODE=test and friends would reach
 * `import.meta.env` in the child build and switch on dev-only behaviour (drafts in listings). Colours off.
 */
export function buildEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['DEV', 'PROD', 'MODE', 'SSR', 'BASE_URL', 'TEST']) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  // Plain log text for the assertions: Astro's logger colours its output whenever CI is set.
  delete env.FORCE_COLOR;
  env.NO_COLOR = '1';
  return env;
}

export function readDist(dist: string, file: string): string {
  return readFileSync(path.join(dist, file), 'utf8');
}

/**
 * The pages Astro rendered in a build and the pages it copied from its incremental cache, read from the
 * build's log. Astro renders several pages at once (build.concurrency), so a rendered page's line can be
 * cut by the next page's: each "├─ path" is read with what directly follows it. A reused page's status is
 * printed in the same tick as its path.
 */
export function astroPages(log: string): { rendered: string[]; reused: string[] } {
  const rendered: string[] = [];
  const reused: string[] = [];
  for (const [, file, status] of log.matchAll(/├─ (\S+?)(?= |$|\d\d:\d\d:\d\d)( \((?:cached|restored)\))?/gm)) (status ? reused : rendered).push(file);
  return { rendered, reused };
}
