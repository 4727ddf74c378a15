/**
 * The whole-build cache behind `npm run build`: when nothing the site is built from has changed since
 * the last successful build, that build's output is put back instead of building again.
 *
 * "What the site is built from" is every file under the input folders and files below (content, images,
 * code, configuration, lockfile), the environment variables the build reads, the Node version, and time:
 * a build is stale once a scheduled post's date has passed or the year (shown in the footer) has turned.
 * The output is kept as hard links in the cache dir, with each file's size and mtime to notice when one
 * was rewritten in place (a build that keeps the out dir does that, and is never the recorded one until it
 * succeeds and the links are brought up to date).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';

export const RECORD_VERSION = 1;

/** Folders and files whose contents the build reads, relative to the project root. */
export const INPUT_DIRS = ['src', 'public', 'scripts'];
export const INPUT_FILES = ['astro.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];
/** Environment variables the build reads. */
export const INPUT_ENV = ['CONTENT_ROOT', 'SITE_URL', 'SEARCH_SHARD_SIZE', 'NODE_ENV'];

interface StatKey {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** What the last successful build was made from and what it wrote. */
export interface BuildRecord {
  version: number;
  fingerprint: string;
  /** Absolute out dir it was built into. */
  outDir: string;
  builtAt: string;
  /** Taipei year at build time (the footer shows it). */
  year: number;
  /** Earliest date of a post that was scheduled (not yet published) at build time. */
  nextScheduled?: string;
  /** Output files, relative to the out dir, with [size, mtimeMs] as written. */
  output: Record<string, [number, number]>;
  /** Content hashes of input files by path, reused while size, mtime and inode stay the same. */
  inputs: Record<string, { stat: StatKey; hash: string }>;
}

const statKey = (s: Stats): StatKey => ({ size: s.size, mtimeMs: s.mtimeMs, ino: s.ino });
const sameStat = (a: StatKey, b: StatKey) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

/** Files under `dir`; with `everything`, also whatever else is not a folder (symlinks, sockets). */
function walkFiles(dir: string, skip: (full: string) => boolean, out: string[] = [], everything = false): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip(full)) continue;
    if (entry.isDirectory()) walkFiles(full, skip, out, everything);
    else if (everything || entry.isFile()) out.push(full);
  }
  return out;
}

const chunk = Buffer.allocUnsafe(1 << 20);

/** SHA-256 of a file, read through one reused buffer (hundreds of MB of images leave no garbage behind). */
function hashFile(file: string): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    let read: number;
    while ((read = readSync(fd, chunk, 0, chunk.length, null)) > 0) hash.update(chunk.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('base64url');
}

export interface Inputs {
  fingerprint: string;
  hashes: BuildRecord['inputs'];
  files: number;
}

/**
 * Hashes every input. Files whose size, mtime and inode match the previous record keep their recorded
 * hash, so an unchanged tree costs a `stat` per file; anything else is read and hashed.
 */
export function hashInputs(root: string, contentRoot: string, env: NodeJS.ProcessEnv, skipDirs: string[], previous?: BuildRecord): Inputs {
  const skip = (full: string) => skipDirs.some((dir) => full === dir) || path.basename(full) === '.DS_Store';
  const dirs = [...INPUT_DIRS, contentRoot].map((d) => path.resolve(root, d));
  const files = new Set<string>();
  for (const dir of dirs) for (const file of walkFiles(dir, skip)) files.add(file);
  for (const file of INPUT_FILES) if (existsSync(path.join(root, file))) files.add(path.join(root, file));
  const hashes: BuildRecord['inputs'] = {};
  const overall = createHash('sha256');
  for (const file of [...files].sort()) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const stat = statKey(statSync(file));
    const known = previous?.inputs[rel];
    const hash = known && sameStat(known.stat, stat) ? known.hash : hashFile(file);
    hashes[rel] = { stat, hash };
    overall.update(`${rel}\0${hash}\n`);
  }
  overall.update(JSON.stringify({ env: INPUT_ENV.map((k) => [k, env[k] ?? null]), node: process.version, version: RECORD_VERSION }));
  return { fingerprint: overall.digest('base64url'), hashes, files: files.size };
}

/** Files under `dir`, relative, with size and mtime. */
export function listOutput(dir: string): BuildRecord['output'] {
  const output: BuildRecord['output'] = {};
  for (const file of walkFiles(dir, () => false)) {
    const s = statSync(file);
    output[path.relative(dir, file).split(path.sep).join('/')] = [s.size, s.mtimeMs];
  }
  return output;
}

/** True when `dir` holds exactly the recorded files, each with its recorded size and mtime. */
export function matchesOutput(dir: string, output: BuildRecord['output']): boolean {
  if (!existsSync(dir)) return false;
  const actual = listOutput(dir);
  const names = Object.keys(output);
  if (Object.keys(actual).length !== names.length) return false;
  return names.every((name) => actual[name]?.[0] === output[name][0] && actual[name]?.[1] === output[name][1]);
}

/** Why the recorded build cannot stand in for this one, or undefined when it can. */
export function staleReason(record: BuildRecord | undefined, inputs: Inputs, outDir: string, now: Date, year: number): string | undefined {
  if (!record || record.version !== RECORD_VERSION) return 'no previous build recorded';
  if (record.outDir !== outDir) return 'the previous build went to another out dir';
  if (record.fingerprint !== inputs.fingerprint) return 'content, code or settings changed';
  if (record.nextScheduled && now.getTime() >= new Date(record.nextScheduled).getTime()) return `a scheduled post is due (${record.nextScheduled})`;
  if (record.year !== year) return 'the year changed';
  return undefined;
}

export function readRecord(file: string): BuildRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BuildRecord;
  } catch {
    return undefined;
  }
}

export function writeRecord(file: string, record: BuildRecord) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(record));
}

/**
 * Makes `to` hold hard links to exactly the given files of `from`: links that already point at the same
 * file are left alone (an incremental build rewrites few files in place), others are replaced, and files
 * of `to` not in the list are removed.
 */
export function linkTree(from: string, to: string, files: string[]) {
  const wanted = new Set(files);
  for (const file of walkFiles(to, () => false, [], true)) {
    if (!wanted.has(path.relative(to, file).split(path.sep).join('/'))) unlinkSync(file);
  }
  removeEmptyDirs(to);
  const made = new Set<string>();
  for (const rel of files) {
    const source = path.join(from, rel);
    const target = path.join(to, rel);
    const existing = statOrUndefined(target);
    if (existing) {
      if (existing.ino === statSync(source).ino) continue;
      unlinkSync(target);
    }
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    linkSync(source, target);
  }
}

/** The file itself, not what a symlink points to. */
function statOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** Removes the empty folders under `dir` (not `dir` itself), deepest first. */
export function removeEmptyDirs(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = path.join(dir, entry.name);
    removeEmptyDirs(full);
    if (readdirSync(full).length === 0) rmdirSync(full);
  }
}

/**
 * After a build into a kept out dir: the files of the previous build that are still exactly as it
 * recorded them (so this build did not write them) and that `kept` does not claim are left
 * over from content since removed (a deleted post's page, its hero's variants). Removes them and the
 * folders they leave empty; returns them.
 */
export function removeLeftovers(
  outDir: string,
  previous: BuildRecord['output'],
  current: BuildRecord['output'],
  kept: (file: string) => boolean,
): string[] {
  const removed: string[] = [];
  for (const [rel, [size, mtime]] of Object.entries(current)) {
    const before = previous[rel];
    if (!before || before[0] !== size || before[1] !== mtime || kept(rel)) continue;
    unlinkSync(path.join(outDir, rel));
    removed.push(rel);
  }
  if (removed.length) removeEmptyDirs(outDir);
  return removed;
}
