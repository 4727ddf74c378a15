import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_CACHE_DIR } from '../../scripts/lib/cache-dir';
import { ROOT, astroPages, buildEnv } from '../support/build-fixture';

/**
 * The GitHub Pages workflow (.github/workflows/deploy.yml): its shape, and its own `run:` steps executed
 * in order in a fresh clone of this checkout's HEAD, twice, with the cache folder carried from the first
 * run to the second the way its cache steps do (saved after the build, restored before `npm ci`).
 */

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  if?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, { steps: Step[]; needs?: string; environment?: { name: string } }>;
}

const WORKFLOW = path.join(ROOT, '.github/workflows/deploy.yml');
const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as Workflow;
const buildSteps = workflow.jobs.build.steps;
const pinnedNode = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.node;
const action = (name: string) => buildSteps.find((s) => s.uses?.split('@')[0] === name);

describe('deploy workflow: triggers, permissions, concurrency, cache', () => {
  it('runs on a push to main, every hour and by hand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'schedule', 'workflow_dispatch']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    const schedule = workflow.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    // Minute fixed, every hour of every day.
    expect(schedule[0].cron).toMatch(/^\d{1,2} \* \* \* \*$/);
    expect(Number(schedule[0].cron.split(' ')[0])).toBeLessThan(60);
  });

  it('may read the repository and deploy to Pages, nothing else', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
  });

  it('deploys one at a time, without cancelling a deploy under way', () => {
    expect(workflow.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
    expect(workflow.jobs.deploy.needs).toBe('build');
    expect(workflow.jobs.deploy.environment?.name).toBe('github-pages');
    expect(workflow.jobs.deploy.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v5']);
  });

  it('restores the newest cache before npm ci and saves a new one after the build, under a key of its own', () => {
    const restore = action('actions/cache/restore')!;
    const save = action('actions/cache/save')!;
    for (const step of [restore, save]) expect(step.with?.path).toBe(DEFAULT_CACHE_DIR);
    // A key that changes every run (a saved cache is never overwritten, so the newest must get a new key)...
    expect(restore.with?.key).toContain('${{ github.run_id }}');
    expect(save.with?.key).toBe(restore.with?.key);
    // ...and a restore key that is its fixed prefix, so every earlier run's cache matches and the newest wins.
    const prefix = restore.with!['restore-keys'];
    expect(prefix).toBe('build-cache-');
    expect(restore.with!.key.startsWith(prefix)).toBe(true);
    expect(restore.with!.key.slice(prefix.length)).toMatch(/^\$\{\{/);
    const order = (step: Step | undefined) => buildSteps.indexOf(step!);
    const install = buildSteps.find((s) => s.run?.startsWith('npm ci'));
    const build = buildSteps.find((s) => s.run === 'npm run build');
    expect(order(restore)).toBeLessThan(order(install));
    expect(order(install)).toBeLessThan(order(build));
    expect(order(build)).toBeLessThan(order(save));
    expect(order(save)).toBeLessThan(order(action('actions/upload-pages-artifact')));
  });

  it('sets up the Node pinned in package.json before npm ci, and uploads dist/', () => {
    const read = buildSteps.find((s) => s.id === 'node');
    expect(read?.run).toContain('devDependencies.node');
    expect(action('actions/setup-node')?.with?.['node-version']).toBe('${{ steps.node.outputs.version }}');
    expect(buildSteps.indexOf(action('actions/setup-node')!)).toBeLessThan(buildSteps.findIndex((s) => s.run?.startsWith('npm ci')));
    expect(action('actions/upload-pages-artifact')?.with?.path).toBe('dist');
    expect(action('actions/configure-pages')).toBeDefined();
    expect(buildSteps[0].uses).toBe('actions/checkout@v7');
  });
});

// ---------------------------------------------------------------------------------------------------------

/**
 * Where the clone lives: one path for both runs, as a CI runner's workspace (Astro's caches hold it);
 * outside the project, which tools walk; one per checkout.
 */
const WORK = path.join(tmpdir(), `deploy-workflow-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`);
const CLONE = path.join(WORK, 'site');
/** The cache step's storage between the two runs. */
const SAVED = path.join(WORK, 'saved-cache');
const EDITED_POST = 'src/content/posts/20261020-open-weights-licensing.md';
const EDITED_PAGE = '/posts/20261020-open-weights-licensing/index.html';
const UNRELATED_PAGE = '/posts/20251203-data-wall-synthetic-data/index.html';
const MARKER = '部署流程測試：第二次執行前加上的一段。';

interface StepResult {
  step: string;
  output: string;
  seconds: number;
}
interface Run {
  steps: StepResult[];
  /** The cache folder's files (path → size) right before and right after `npm ci`. */
  cacheBeforeInstall: Record<string, number>;
  cacheAfterInstall: Record<string, number>;
  githubOutput: string;
  buildLog: string;
  buildSeconds: number;
  installSeconds: number;
  gitStatus: string;
}

/** Every file under `dir` with its size. */
function sizes(dir: string): Record<string, number> {
  if (!existsSync(dir)) return {};
  const out: Record<string, number> = {};
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(path.join(dir, rel));
    if (stat.isFile()) out[rel] = stat.size;
  }
  return out;
}

/**
 * The environment of a step on the runner: no project variables (the defaults are under test), no npm or
 * Vitest variables of this process, CI set, and the pinned Node first on PATH (what setup-node does:
 * this process runs on it, see the check in `runWorkflow`).
 */
function runnerEnv(githubOutput: string): NodeJS.ProcessEnv {
  const env = buildEnv();
  for (const key of Object.keys(env)) if (/^npm_/i.test(key) || key === 'INIT_CWD') delete env[key];
  for (const key of ['ASTRO_CACHE_DIR', 'ASTRO_OUT_DIR', 'CONTENT_ROOT', 'SITE_URL', 'NODE_ENV', 'BUILD_CACHE', 'PUBLIC_DIR', 'SEARCH_SHARD_SIZE']) delete env[key];
  const pathEntries = (env.PATH ?? '').split(':').filter((p) => p && !p.includes('node_modules'));
  env.PATH = [path.dirname(process.execPath), ...pathEntries].join(':');
  return { ...env, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: githubOutput };
}

/** Runs the build job's steps in a fresh clone: `run:` steps in bash as the runner does, `uses:` steps as described. */
function runWorkflow(label: string, beforeSteps: () => void): Run {
  rmSync(CLONE, { recursive: true, force: true });
  const clone = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, CLONE], { encoding: 'utf8' });
  if (clone.status !== 0) throw new Error(`git clone failed: ${clone.stderr}`);
  beforeSteps();
  const githubOutput = path.join(WORK, `${label}-github-output`);
  writeFileSync(githubOutput, '');
  const env = runnerEnv(githubOutput);
  const run: Run = { steps: [], cacheBeforeInstall: {}, cacheAfterInstall: {}, githubOutput: '', buildLog: '', buildSeconds: 0, installSeconds: 0, gitStatus: '' };
  const cacheDir = path.join(CLONE, DEFAULT_CACHE_DIR);
  for (const step of buildSteps) {
    const name = step.name ?? step.uses ?? step.run!;
    const uses = step.uses?.split('@')[0];
    if (step.run !== undefined) {
      if (step.run.startsWith('npm ci')) run.cacheBeforeInstall = sizes(cacheDir);
      const started = performance.now();
      const result = spawnSync('bash', ['-e', '-c', step.run], { cwd: CLONE, env: { ...env, ...step.env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const seconds = (performance.now() - started) / 1000;
      const output = `${result.stdout}\n${result.stderr}`;
      writeFileSync(path.join(WORK, `${label}-${run.steps.length}.log`), `$ ${step.run}\n${output}\n[exit ${result.status} after ${seconds.toFixed(1)} s]\n`);
      run.steps.push({ step: name, output, seconds });
      if (result.status !== 0) throw new Error(`${label}: step "${name}" exited ${result.status}:\n${output.split('\n').slice(-30).join('\n')}`);
      if (step.run.startsWith('npm ci')) {
        run.cacheAfterInstall = sizes(cacheDir);
        run.installSeconds = seconds;
      }
      if (step.run === 'npm run build') {
        run.buildLog = output;
        run.buildSeconds = seconds;
      }
    } else if (uses === 'actions/setup-node') {
      // The runner gets the Node named by the step before; here, the Node this test runs on is first on
      // PATH, so it must be that one.
      const version = /^version=(.*)$/m.exec(readFileSync(githubOutput, 'utf8'))?.[1];
      if (version !== pinnedNode || process.version !== `v${version}`) {
        throw new Error(`${label}: the workflow asks for Node ${version}, package.json pins ${pinnedNode}, this test runs on ${process.version}`);
      }
    } else if (uses === 'actions/cache/restore') {
      if (existsSync(SAVED)) cpSync(SAVED, path.join(CLONE, step.with!.path), { recursive: true, preserveTimestamps: true });
    } else if (uses === 'actions/cache/save') {
      rmSync(SAVED, { recursive: true, force: true });
      cpSync(path.join(CLONE, step.with!.path), SAVED, { recursive: true, preserveTimestamps: true });
    } else if (uses === 'actions/upload-pages-artifact') {
      if (!existsSync(path.join(CLONE, step.with!.path, 'index.html'))) throw new Error(`${label}: nothing to upload in ${step.with!.path}`);
    }
  }
  run.githubOutput = readFileSync(githubOutput, 'utf8');
  run.gitStatus = spawnSync('git', ['status', '--porcelain'], { cwd: CLONE, encoding: 'utf8' }).stdout;
  return run;
}

let first: Run;
let second: Run;
let editedHtml = '';

describe('deploy workflow: its run steps in a fresh clone, twice, the cache carried over', () => {
  beforeAll(() => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    first = runWorkflow('first', () => {});
    // The second run: a new clone (a runner starts empty) with one post edited, as a push would bring it.
    second = runWorkflow('second', () => appendFileSync(path.join(CLONE, EDITED_POST), `\n${MARKER}\n`));
    editedHtml = readFileSync(path.join(CLONE, 'dist', EDITED_PAGE), 'utf8');
    console.log(
      `[deploy-workflow] npm ci ${first.installSeconds.toFixed(1)} s / ${second.installSeconds.toFixed(1)} s; ` +
        `build ${first.buildSeconds.toFixed(1)} s / ${second.buildSeconds.toFixed(1)} s; ` +
        `pages rendered ${astroPages(first.buildLog).rendered.length} / ${astroPages(second.buildLog).rendered.length}; ` +
        `${/\[image-stats\] (encoded \d+)/.exec(first.buildLog)?.[1]} / ${/\[image-stats\] (encoded \d+)/.exec(second.buildLog)?.[1]}`,
    );
    rmSync(CLONE, { recursive: true, force: true });
  }, 45 * 60_000);

  it('reads the pinned Node version for setup-node', () => {
    expect(first.githubOutput.trim()).toBe(`version=${pinnedNode}`);
  });

  it('npm ci leaves the restored cache folder in place, every file of it', () => {
    // Positive control: the first run had no cache to restore.
    expect(first.cacheBeforeInstall).toEqual({});
    expect(Object.keys(second.cacheBeforeInstall)).toContain('build-record.json');
    expect(Object.keys(second.cacheBeforeInstall).length).toBeGreaterThan(50);
    expect(second.cacheAfterInstall).toEqual(second.cacheBeforeInstall);
  });

  it('keeps the cache folder and dist/ out of git', () => {
    expect(second.gitStatus.split('\n').filter(Boolean)).toEqual([` M ${EDITED_POST}`]);
    expect(first.gitStatus).toBe('');
  });

  it('builds everything the first time and encodes every image (positive control)', () => {
    expect(first.buildLog).toContain('[build] no previous build recorded; building');
    const pages = astroPages(first.buildLog);
    expect(pages.reused).toEqual([]);
    expect(pages.rendered).toEqual(expect.arrayContaining([EDITED_PAGE, UNRELATED_PAGE, '/index.html']));
    expect(Number(/\[image-stats\] encoded (\d+) image variant/.exec(first.buildLog)?.[1])).toBeGreaterThan(10);
  });

  it('renders only what the edit changed the second time', () => {
    expect(second.buildLog).toContain('[build] content, code or settings changed; building');
    const firstPages = astroPages(first.buildLog);
    const pages = astroPages(second.buildLog);
    expect(pages.rendered).toContain(EDITED_PAGE);
    expect(pages.rendered).not.toContain(UNRELATED_PAGE);
    expect(pages.reused).toContain(UNRELATED_PAGE);
    // The edited post's page, the pages that list it and the routes Astro always renders: a small part.
    expect(pages.rendered.length).toBeLessThan(firstPages.rendered.length / 2);
    expect(pages.rendered.length + pages.reused.length).toBe(firstPages.rendered.length);
    expect(editedHtml).toContain(MARKER);
  });

  it('encodes no image the second time', () => {
    expect(second.buildLog).toContain('[image-stats] encoded 0 image variant(s): every one came from the image cache');
    // Astro's own line for an image it had made again (positive control: the first run has them).
    expect(first.buildLog).toMatch(/\(before: \d+kB, after: \d+kB\)/);
    expect(second.buildLog).not.toMatch(/\(before: \d+kB, after: \d+kB\)/);
  });
});
