import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** One inotify watch: the watched inode on its device, as the kernel lists it in /proc/<pid>/fdinfo. */
export interface InotifyWatch {
  inode: number;
  device: string;
}

/**
 * Every inotify watch held by process `pid` (Linux; empty where /proc is missing or unreadable). A file
 * watcher such as Vite's holds one watch per watched directory, so this is the set of folders it
 * follows, as the kernel sees it rather than as the watcher reports it.
 */
export function inotifyWatches(pid: number): InotifyWatch[] {
  const out: InotifyWatch[] = [];
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return out;
  }
  for (const fd of fds) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== 'anon_inode:inotify') continue;
      // "inotify wd:3 ino:1a2b sdev:800001 mask:… ignored_mask:0 …", inode and device in hex.
      for (const match of readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8').matchAll(/^inotify wd:\S+ ino:([0-9a-f]+) sdev:([0-9a-f]+)/gm)) {
        out.push({ inode: Number.parseInt(match[1], 16), device: match[2] });
      }
    } catch {
      // The descriptor closed between listing and reading.
    }
  }
  return out;
}
