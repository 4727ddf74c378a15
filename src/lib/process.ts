import { readFileSync } from 'node:fs';

/**
 * Whether a process with this id is running (one owned by another user counts). A zombie — killed, but
 * not yet reaped by its parent — is not: it can no longer do anything.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // Field 3 of /proc/<pid>/stat, after the command name in parentheses, is the state.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // No /proc (not Linux): the signal check above is all there is.
    return true;
  }
}
