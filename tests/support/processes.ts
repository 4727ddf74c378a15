import { readdirSync, readFileSync } from 'node:fs';

/** One live (not zombie) process, read from /proc. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  cmdline: string;
  /** Its environment as `KEY=value` strings; empty when unreadable. */
  environ: string[];
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Every process on the machine that is still running (zombies, which run nothing, are left out). */
export function listProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readText(`/proc/${name}/stat`);
    if (!stat) continue;
    // The command name in parentheses may hold spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [state, ppid, pgid] = [fields[0], Number(fields[1]), Number(fields[2])];
    if (state === 'Z' || state === 'X') continue;
    out.push({
      pid: Number(name),
      ppid,
      pgid,
      state,
      cmdline: (readText(`/proc/${name}/cmdline`) ?? '').split('\0').join(' ').trim(),
      environ: (readText(`/proc/${name}/environ`) ?? '').split('\0').filter(Boolean),
    });
  }
  return out;
}

/** Live processes of process group `pgid`. */
export function groupMembers(pgid: number): ProcessInfo[] {
  return listProcesses().filter((p) => p.pgid === pgid);
}

/**
 * Live processes that belong to the build writing to `outDir` with cache `cacheDir`: their command line
 * names either folder, or they run with that cache dir in their environment (every step of
 * `npm run build` inherits ASTRO_CACHE_DIR: Astro, the search indexer, Pagefind, the shells between).
 */
export function buildProcesses(outDir: string, cacheDir: string): ProcessInfo[] {
  return listProcesses().filter(
    (p) => p.pid !== process.pid && (p.cmdline.includes(outDir) || p.cmdline.includes(cacheDir) || p.environ.includes(`ASTRO_CACHE_DIR=${cacheDir}`)),
  );
}

/** Sends `signal` to a whole process group; false when the group is already gone. */
export function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every `interval` ms until it holds or `limit` ms have passed; returns whether it held. */
export async function waitUntil(condition: () => boolean, limit: number, interval = 50): Promise<boolean> {
  const end = Date.now() + limit;
  for (;;) {
    if (condition()) return true;
    if (Date.now() >= end) return false;
    await sleep(interval);
  }
}
