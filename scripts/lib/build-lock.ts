/**
 * One `npm run build` at a time per checkout. The lock file names the build's pid and the pids of the
 * steps it started; a second build that finds any of them alive stops and says which to wait for or stop.
 * A lock whose processes are all gone was left by a killed build and is taken over (the build's own
 * marker in the cache dir then tells the next build not to trust what that build wrote).
 *
 * The build's steps never outlive it: on SIGINT, SIGTERM or SIGHUP it passes the signal on to them and
 * exits once they have; the lock goes with the process on any exit.
 */
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { processAlive } from '../../src/lib/process.ts';
import { writeJsonAtomic } from './build-cache.ts';

interface LockData {
  pid: number;
  startedAt: string;
  children: number[];
}

export interface BuildLock {
  /** Records a step's process in the lock, and stops it with the build. */
  addChild(child: ChildProcess): void;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function readLock(file: string): LockData | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as LockData;
    return typeof data.pid === 'number' && Array.isArray(data.children) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock at `file`, or calls `fail` with what to do when another build holds it. */
export function acquireLock(file: string, fail: (message: string) => never): BuildLock {
  mkdirSync(path.dirname(file), { recursive: true });
  const data: LockData = { pid: process.pid, startedAt: new Date().toISOString(), children: [] };
  const write = () => writeJsonAtomic(file, data);
  for (let attempt = 0; ; attempt++) {
    try {
      closeSync(openSync(file, 'wx'));
      write();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readLock(file);
    // A lock being written by a build that is starting right now reads empty for a moment.
    if (!holder && attempt < 5) {
      sleep(100);
      continue;
    }
    const alive = holder ? [holder.pid, ...holder.children].filter((pid) => pid !== process.pid && processAlive(pid)) : [];
    if (alive.length) {
      fail(
        `another build is running in this checkout (pid ${holder!.pid}, started at ${holder!.startedAt}); ` +
          `wait for it to finish, or stop it with: kill ${alive.join(' ')}`,
      );
    }
    if (attempt >= 6) fail(`could not take the build lock ${file}; remove it if no build is running`);
    // Left by a build that was killed: take it over.
    try {
      unlinkSync(file);
    } catch {
      // Another build took it over first; try again.
    }
  }

  const children = new Set<ChildProcess>();
  process.on('exit', () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (readLock(file)?.pid === process.pid) unlinkSync(file);
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      const running = [...children].filter((child) => child.exitCode === null && child.signalCode === null);
      const code = 128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const)[signal];
      if (!running.length) process.exit(code);
      for (const child of running) child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
      let left = running.length;
      for (const child of running) child.once('close', () => --left === 0 && process.exit(code));
      // A step that ignores the signal is killed after a grace period (the exit handler above).
      setTimeout(() => process.exit(code), 10_000).unref();
    });
  }
  return {
    addChild(child) {
      children.add(child);
      if (child.pid) data.children.push(child.pid);
      write();
      child.once('close', () => children.delete(child));
    },
  };
}
