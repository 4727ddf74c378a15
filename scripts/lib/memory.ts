import { readdirSync, readFileSync } from 'node:fs';

/** Linux pages are 4 KiB on the machines this runs on (statm counts pages). */
const PAGE_BYTES = 4096;

interface ProcessInfo {
  ppid: number;
  rssBytes: number;
  /** utime + stime, in clock ticks (100 per second on Linux). */
  cpuTicks: number;
}

/** Every process in /proc; undefined where there is none (macOS, Windows). */
function processTable(): Map<number, ProcessInfo> | undefined {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const table = new Map<number, ProcessInfo>();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ")".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const residentPages = Number(readFileSync(`/proc/${name}/statm`, 'utf8').split(' ')[1]);
      table.set(Number(name), { ppid: Number(fields[1]), rssBytes: residentPages * PAGE_BYTES, cpuTicks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process exited between listing and reading.
    }
  }
  return table;
}

/**
 * Summed resident memory (bytes) and CPU seconds so far of `root` and every live process below it, read
 * from /proc. Undefined where there is no /proc, or when `root` is gone.
 */
export function treeUsage(root = process.pid): { rssBytes: number; cpuS: number } | undefined {
  const table = processTable();
  if (!table?.has(root)) return undefined;
  const children = new Map<number, number[]>();
  for (const [pid, p] of table) {
    const list = children.get(p.ppid) ?? [];
    list.push(pid);
    children.set(p.ppid, list);
  }
  let rssBytes = 0;
  let cpuTicks = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    rssBytes += table.get(pid)?.rssBytes ?? 0;
    cpuTicks += table.get(pid)?.cpuTicks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return { rssBytes, cpuS: cpuTicks / 100 };
}
