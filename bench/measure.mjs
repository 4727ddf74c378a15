/**
 * Runs a command and measures it as a whole process tree (npm → scripts/build.ts → astro → workers, then
 * the search indexer and its Pagefind processes): wall time, CPU time (user + sys of every reaped descendant, via /usr/bin/time), the peak
 * of the summed RSS of the tree (polled from /proc, with a once-a-second timeline in `<log>.rss.tsv`),
 * and the largest single process. Each output line is stamped with the seconds since start, so a
 * build log shows where the time went.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { treeUsage } from '../scripts/lib/memory.ts';

/**
 * Runs `command args` with `env`, writing the stamped log to `logFile`. Resolves with the figures;
 * rejects when the command fails.
 */
export function measure(command, args, { env, cwd, logFile, pollMs = 100 }) {
  const timeFile = `${logFile}.time`;
  const load = loadavg()[0];
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, command, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const log = createWriteStream(logFile);
  const stampLine = (line) => {
    if (!line.trim()) return;
    const t = ((performance.now() - started) / 1000).toFixed(2).padStart(7);
    lines.push(`${t} ${line}`);
    log.write(`${t} ${line}\n`);
  };
  // A chunk can end inside a line (Hugo writes its summary table in pieces): keep the rest for the next one.
  const stamper = () => {
    let rest = '';
    const onData = (chunk) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop();
      parts.forEach(stampLine);
    };
    onData.flush = () => {
      stampLine(rest);
      rest = '';
    };
    return onData;
  };
  const stdout = stamper();
  const stderr = stamper();
  child.stdout.on('data', stdout);
  child.stderr.on('data', stderr);
  let peakTreeKb = 0;
  let peakAtS = 0;
  const timeline = createWriteStream(`${logFile}.rss.tsv`);
  timeline.write('seconds\ttree_rss_mb\tlive_tree_cpu_s\n');
  const samples = [];
  let polls = 0;
  const poll = setInterval(() => {
    const { rssBytes, cpuS } = treeUsage(child.pid) ?? { rssBytes: 0, cpuS: 0 };
    const kb = rssBytes / 1024;
    const t = (performance.now() - started) / 1000;
    samples.push([t, cpuS]);
    if (polls++ % 10 === 0) timeline.write(`${t.toFixed(1)}\t${(kb / 1024).toFixed(0)}\t${cpuS.toFixed(1)}\n`);
    if (kb > peakTreeKb) {
      peakTreeKb = kb;
      peakAtS = (performance.now() - started) / 1000;
    }
  }, pollMs);
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearInterval(poll);
      stdout.flush();
      stderr.flush();
      timeline.end();
      const wallS = (performance.now() - started) / 1000;
      log.end();
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}; log: ${logFile}\n${lines.slice(-30).join('\n')}`));
      const [, user, sys, maxKb] = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number) : [];
      resolve({ wallS, cpuS: user + sys, peakTreeMb: peakTreeKb / 1024, peakAtS, samples, maxProcessMb: maxKb / 1024, loadBefore: load, lines });
    });
  });
}
