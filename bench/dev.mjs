/**
 * `npm run bench:dev -- --content DIR`: how long `npm run dev` takes to serve the home page, and how much
 * memory its process tree holds on the way. Starts the dev server with CONTENT_ROOT=DIR (default `src`),
 * asks for `/` every 100 ms until it answers 200, and prints the time to that answer, the CPU time the
 * tree used until then (less sensitive than wall time to other work on the machine), the peak summed
 * RSS of the tree (npm → astro → workers) up to then, and how many inotify watches the tree holds (one
 * per watched file or folder). `--cold` first deletes the dev data store (`.astro/data-store.json`), so
 * every post is parsed and rendered again; otherwise unchanged posts come from the store. `--runs N`
 * repeats the measurement; `--port P` (default 4391, 0 for any free one) is the port it listens on.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { treeUsage } from '../scripts/lib/memory.ts';
import { inotifyWatches } from '../scripts/lib/inotify.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = process.argv[i + 1];
  return value === undefined || value.startsWith('--') ? true : value;
}

const content = String(option('content', 'src'));
const runs = Number(option('runs', 1));
const cold = option('cold', false) === true;
const limitS = Number(option('limit', 300));
// The port is part of the Astro config that keys the dev data store: a new port each run would clear the
// store every time, unlike an author's `npm run dev`.
const fixedPort = Number(option('port', 4391));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Every pid in the tree below (and including) `root`. */
function treePids(root) {
  const pids = [root];
  const parent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone already.
    }
  }
  for (let i = 0; i < pids.length; i++) for (const [pid, ppid] of parent) if (ppid === pids[i]) pids.push(pid);
  return pids;
}

async function once(run) {
  if (cold) rmSync(path.join(ROOT, '.astro/data-store.json'), { force: true });
  const port = fixedPort || (await freePort());
  const load = loadavg()[0];
  const started = performance.now();
  const child = spawn('npm', ['run', 'dev', '--silent', '--', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_ROOT: content, ASTRO_DEV_BACKGROUND: '0', ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const log = [];
  let enospc = 0;
  const collect = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      if (line.includes('ENOSPC')) enospc++;
      else log.push(`${((performance.now() - started) / 1000).toFixed(2).padStart(7)} ${line}`);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let peak = 0;
  let cpuS = 0;
  const sample = () => {
    const usage = treeUsage(child.pid);
    peak = Math.max(peak, usage?.rssBytes ?? 0);
    cpuS = Math.max(cpuS, usage?.cpuS ?? 0);
  };
  const poll = setInterval(sample, 100);
  let readyS;
  while (readyS === undefined && (performance.now() - started) / 1000 < limitS && child.exitCode === null) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(60_000) });
      await res.arrayBuffer();
      if (res.status === 200) readyS = (performance.now() - started) / 1000;
    } catch {
      // Not listening yet.
    }
    if (readyS === undefined) await new Promise((r) => setTimeout(r, 100));
  }
  clearInterval(poll);
  sample();
  const watches = treePids(child.pid).reduce((sum, pid) => sum + inotifyWatches(pid).length, 0);
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
  await new Promise((r) => (child.exitCode === null ? child.once('close', r) : r()));
  const label = readyS === undefined ? `not ready after ${limitS} s (exit ${child.exitCode})` : `home page 200 after ${readyS.toFixed(1)} s`;
  console.log(
    `bench dev (${content}${cold ? ', cold store' : ''}) run ${run}: ${label}, ${cpuS.toFixed(1)} s CPU, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB tree, ` +
      `${watches} inotify watches, ${enospc} ENOSPC lines, load ${load.toFixed(2)} before`,
  );
  if (readyS === undefined || process.argv.includes('--log')) console.log(log.join('\n'));
}

for (let run = 1; run <= runs; run++) await once(run);
