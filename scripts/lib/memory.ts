import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of a process in bytes, from /proc/<pid>/status (Linux); undefined when unreadable. */
function rssOf(pid: number): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * Resident memory of `pid` and every process below it, in bytes, read from /proc. Undefined where there is
 * no /proc (macOS, Windows). A process that exits while it is read counts as 0.
 */
export function treeRss(pid = process.pid): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const children = new Map<number, number[]>();
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const own = rssOf(pid);
  if (own === undefined) return undefined;
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const next = stack.pop()!;
    total += rssOf(next) ?? 0;
    stack.push(...(children.get(next) ?? []));
  }
  return total;
}
