/**
 * Runs what the docs show that no other test runs: the options of every command with a strict option
 * parser (with `--help`, which exits 0 only once every option before it parsed), `npm run preview`,
 * `npm run dev`, `npx astro sync`, and `npm run bench` and `npm run migrate:eval` on small inputs. Which test
 * runs each other command is in tests/support/docs.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureDirs, ROOT } from '../support/build-fixture';
import { freePort } from '../support/dev-server';
import { commandKey, docFiles, extractCommands, optionHandling, scriptFile, type DocCommand } from '../support/docs';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const commands = docFiles().flatMap((file) => extractCommands(read(file), file));
const { base } = fixtureDirs('docs');
const siteDist = fixtureDirs('site').dist;
/**
 * The environment an author's shell has: Vitest's own variables left out (NODE_ENV=test would put Astro in
 * test mode, and VITEST makes tools believe they run inside a test).
 */
const env = Object.fromEntries(Object.entries({ ...process.env, NO_COLOR: '1' }).filter(([key]) => key !== 'NODE_ENV' && !/^_*VITEST/.test(key)));

/** `npm run <name> -- <args>` as an author types it, returning exit status and output. */
function npmRun(name: string, args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync('npm', ['run', '--silent', name, ...(args.length ? ['--', ...args] : [])], { cwd: ROOT, env: { ...env, ...extraEnv }, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The commands shown with a script that parses its options strictly, once per distinct argument list. */
function strictCommands(): DocCommand[] {
  const seen = new Set<string>();
  return commands.filter((c) => {
    if (c.kind !== 'npm run') return false;
    const file = scriptFile(scripts[c.name] ?? '');
    if (!file || optionHandling(read(file))?.kind !== 'strict') return false;
    const key = `${c.name} ${JSON.stringify(c.args)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

describe('options the docs show', () => {
  const shown = strictCommands();

  it('covers the tools with options', () => {
    expect(new Set(shown.map((c) => c.name))).toEqual(new Set(['build', 'new', 'check:content', 'import:hugo', 'search:index', 'test:rebuilds', 'migrate:eval']));
  });

  it('each command as shown is accepted by its script (with --help, so nothing runs)', () => {
    for (const c of shown) {
      const run = npmRun(c.name, [...c.args, '--help']);
      expect(run.status, `${c.file}:${c.line}: npm run ${c.name} -- ${c.args.join(' ')}\n${run.output}`).toBe(0);
      expect(run.output).toMatch(/usage/i);
    }
  }, 600_000);

  it('an option the script does not know is refused, so the check above can fail', () => {
    const made = npmRun('new', ['模型評測', '--slug', 'x', '--turbo', '--help']);
    expect(made.status).toBe(2);
    expect(made.output).toContain("Unknown option '--turbo'");
    expect(npmRun('migrate:eval', ['site', '--turbo', '--help']).status).not.toBe(0);
    expect(npmRun('new', ['模型評測', '--slug', 'x', '--help']).status).toBe(0);
  }, 300_000);
});


/** Fetches `url` until it answers 200, giving up (with the server's output) after `limitMs`. */
async function fetchWhenUp(url: string, child: ChildProcess, output: () => string, limitMs = 180_000): Promise<string> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before answering:\n${output()}`);
    try {
      // A dev server holds the first request while Vite optimizes dependencies; ask again rather than wait forever.
      const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      if (response.ok) return await response.text();
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`no answer from ${url}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

let server: ChildProcess | undefined;

/** Starts an npm script in its own process group, so the test can stop it and everything it started. */
function startServer(name: string, args: string[], extraEnv: Record<string, string>) {
  let log = '';
  server = spawn('npm', ['run', '--silent', name, '--', ...args], { cwd: ROOT, env: { ...env, ...extraEnv }, detached: true });
  server.stdout!.on('data', (d) => (log += d));
  server.stderr!.on('data', (d) => (log += d));
  return { child: server, output: () => log };
}

afterEach(async () => {
  if (!server?.pid || server.exitCode !== null) return;
  const exited = new Promise((r) => server!.once('exit', r));
  process.kill(-server.pid, 'SIGTERM');
  await exited;
  server = undefined;
});

describe('servers the docs show', () => {
  it('npm run preview serves the built dist/', async () => {
    expect(commands.map(commandKey)).toContain('npm run preview');
    const port = await freePort();
    const { child, output } = startServer('preview', ['--port', String(port), '--host', '127.0.0.1'], { ASTRO_OUT_DIR: siteDist });
    const home = await fetchWhenUp(`http://127.0.0.1:${port}/`, child, output);
    expect(home).toBe(readFileSync(path.join(siteDist, 'index.html'), 'utf8'));
    const missing = await fetch(`http://127.0.0.1:${port}/posts/draft/`);
    expect(missing.status).toBe(404);
  }, 240_000);

  it('npm run dev shows a draft with its 草稿 badge', async () => {
    expect(commands.map(commandKey)).toContain('npm run dev');
    const port = await freePort();
    const { child, output } = startServer('dev', ['--port', String(port), '--host', '127.0.0.1'], {
      ASTRO_DEV_BACKGROUND: '0',
      CONTENT_ROOT: 'tests/fixtures/site',
      ASTRO_CACHE_DIR: path.join(base, 'dev-cache'),
    });
    const draft = await fetchWhenUp(`http://127.0.0.1:${port}/posts/draft/`, child, output, 360_000);
    expect(draft).toContain('尚未完成的草稿');
    expect(draft).toMatch(/<span class="badge"[^>]*>草稿<\/span>/);
    const published = await fetchWhenUp(`http://127.0.0.1:${port}/posts/hugo-typical/`, child, output);
    expect(published).not.toMatch(/<span class="badge"[^>]*>草稿<\/span>/);
  }, 420_000);
});

describe('editor setup', () => {
  it('npx astro sync writes the JSON schemas .vscode/settings.json points the YAML extension at', () => {
    expect(commands.map(commandKey)).toContain('npx astro');
    const settings = JSON.parse(read('.vscode/settings.json')) as { 'yaml.schemas': Record<string, string> };
    const schemas = Object.keys(settings['yaml.schemas']);
    expect(schemas).toEqual(['.astro/collections/companies.schema.json', '.astro/collections/people.schema.json']);
    const cache = path.join(base, 'sync-cache');
    mkdirSync(base, { recursive: true });
    for (const schema of schemas) rmSync(path.join(ROOT, schema), { force: true });
    const result = spawnSync('npx', ['astro', 'sync'], { cwd: ROOT, env: { ...env, CONTENT_ROOT: 'tests/fixtures/site', ASTRO_CACHE_DIR: cache }, encoding: 'utf8' });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    for (const schema of schemas) expect(existsSync(path.join(ROOT, schema)), schema).toBe(true);
    const people = JSON.parse(read('.astro/collections/people.schema.json')) as Record<string, unknown>;
    expect(JSON.stringify(people)).toContain('"role"');
    expect(JSON.parse(read('.astro/collections/posts.schema.json'))).toBeTypeOf('object');
  }, 120_000);
});

describe('slow tools the docs show, on small inputs', () => {
  it('npm run bench builds a small corpus cold, then warm with nothing to do', () => {
    rmSync(path.join(ROOT, '.bench/run-4-docs-test/results.json'), { force: true });
    const run = npmRun('bench', ['--posts', '4', '--no-hugo', '--phases', 'cold,warm', '--name', 'docs-test']);
    expect(run.status, run.output).toBe(0);
    const results = JSON.parse(read('.bench/run-4-docs-test/results.json')) as { tool: string; phase: string; posts: number; pages: number }[];
    expect(results.map((r) => [r.tool, r.phase, r.posts])).toEqual([
      ['astro', 'cold', 4],
      ['astro', 'warm', 4],
    ]);
    expect(results[0].pages).toBeGreaterThan(4);
    expect(results[1].pages).toBe(results[0].pages);
  }, 900_000);

  it('npm run bench:dev starts the dev server on the fixture and prints its start-up figures', () => {
    const run = npmRun('bench:dev', ['--content', 'tests/fixtures/site', '--port', '0']);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/home page 200 after [\d.]+ s, [\d.]+ s CPU, peak RSS \d+ MB tree, \d+ inotify watches, 0 ENOSPC lines/);
  }, 600_000);

  it('npm run migrate:eval imports and builds a Hugo site and writes its figures', () => {
    const json = path.join(base, 'migrate.json');
    rmSync(json, { force: true });
    const run = npmRun('migrate:eval', ['tests/fixtures/hugo-site', '--out', path.join(base, 'migrate'), '--json', json, '--now', '2026-12-01T00:00:00Z']);
    expect(run.status, run.output).toBe(0);
    const result = JSON.parse(readFileSync(json, 'utf8')) as { import: { ok: boolean; articles: number }; build: { ok: boolean }; targets: { name: string; pass: boolean }[] };
    expect(result.import.ok).toBe(true);
    expect(result.import.articles).toBeGreaterThan(0);
    expect(result.build.ok).toBe(true);
    expect(result.targets.length).toBeGreaterThan(3);
  }, 900_000);
});
