import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { privateRoot } from '../../bench/root.mjs';
import { inotifyWatches } from '../../scripts/lib/inotify';
import { buildEnv, OUTPUT_ROOT, ROOT } from './build-fixture';
import { killGroup, listProcesses, waitUntil } from './processes';

export interface DevServer {
  /** Origin, e.g. http://127.0.0.1:40123. */
  url: string;
  /** The project root it runs in: a private copy of the sources (see devRoot). */
  root: string;
  /** Everything it printed so far, colours off. */
  log: () => string;
  /** Inodes of every folder and file its process tree holds an inotify watch on. */
  watchedInodes: () => Set<number>;
  stop: () => Promise<void>;
}

/**
 * A private project root for a dev server under `tests/.output/<name>/`: a copy of the sources with
 * node_modules linked (as the benchmark makes one), so the server's `.astro/` store and what the test
 * plants in the root (`.bench/`, `dist/`) never touch the checkout. `fixture` (a folder of
 * tests/fixtures) is copied to `<root>/site-content`, the content root the server is started with.
 */
export function devRoot(name: string, fixture: string): { root: string; contentRoot: string } {
  const base = path.join(OUTPUT_ROOT, name);
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const root = privateRoot(ROOT, base, 'dev');
  const contentRoot = path.join(root, 'site-content');
  cpSync(path.join(ROOT, 'tests/fixtures', fixture), contentRoot, { recursive: true });
  return { root, contentRoot };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Every live pid in the process group `pgid` (npm, the shell, Astro and its workers). */
const groupPids = (pgid: number) => listProcesses().filter((p) => p.pgid === pgid).map((p) => p.pid);

/**
 * Starts `npm run dev -- --port <free port>` in `root` with CONTENT_ROOT=`contentRoot` in its own process
 * group and waits (up to `limitMs`) until the home page answers 200. Throws with the log when it exits
 * or never gets there.
 */
export async function startDevServer(root: string, contentRoot: string, limitMs = 240_000): Promise<DevServer> {
  const port = await freePort();
  const child: ChildProcess = spawn('npm', ['run', 'dev', '--silent', '--', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: root,
    env: {
      ...buildEnv(),
      // Vitest's NODE_ENV=test would reach Astro; an author's `npm run dev` has none.
      NODE_ENV: 'development',
      CONTENT_ROOT: path.relative(root, contentRoot),
      // `astro dev` would detach itself when it thinks an AI agent runs it.
      ASTRO_DEV_BACKGROUND: '0',
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString().replace(/\u001b\[[0-9;]*m/g, '');
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const pgid = child.pid!;
  const server: DevServer = {
    url,
    root,
    log: () => output,
    watchedInodes: () => new Set(groupPids(pgid).flatMap((pid) => inotifyWatches(pid).map((w) => w.inode))),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
      killGroup(pgid, 'SIGTERM');
      if (!(await waitUntil(() => child.exitCode !== null || child.signalCode !== null, 10_000))) killGroup(pgid, 'SIGKILL');
      await exited;
    },
  };
  let ready = false;
  const end = Date.now() + limitMs;
  while (!ready && Date.now() < end && child.exitCode === null) {
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(60_000) });
      await res.arrayBuffer();
      ready = res.status === 200;
    } catch {
      // Not listening yet.
    }
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!ready) {
    await server.stop();
    throw new Error(`npm run dev never served / with 200 (exit ${child.exitCode})\n${output}`);
  }
  return server;
}
