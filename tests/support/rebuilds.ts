/**
 * A differential harness for `npm run build`: whatever happened before it (edits, undos with the old mtime
 * put back, killed builds, edits saved while a build runs, a damaged cache or out dir, posts coming due),
 * an incremental build must write exactly what a clean build of the same sources writes, or both must fail.
 *
 * A working copy of the fixture site (`<base>/content`) is built incrementally into `<base>/out` with the
 * cache `<base>/cache`. After each operation it is built again, then built clean (same CONTENT_ROOT, a fresh
 * out dir and cache dir), and the two out dirs are compared file by file. A clean build depends only on the
 * sources and on "now" (scheduled posts, the footer's year), so clean outputs are reused by a hash of the
 * content dir's bytes and of which posts are still in the future.
 *
 * Used by `npm run test:rebuilds` (tests/rebuilds/soak.ts), tests/rebuilds/differential.test.ts and
 * tests/rebuilds/cases.test.ts.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { OUTPUT_ROOT, ROOT, buildEnv } from './build-fixture.ts';
import { removeEmptyDirs } from '../../scripts/lib/build-cache.ts';
import { groupMembers, killGroup, sleep, waitUntil } from './processes.ts';

export const FIXTURE = path.join(ROOT, 'tests/fixtures/site');
/** Content copies must stay inside the project (CONTENT_ROOT is read relative to it). */
const CONTENT_BASE = OUTPUT_ROOT.startsWith(ROOT + path.sep) ? OUTPUT_ROOT : path.join(ROOT, 'tests/.output');

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32, as bench/prng.mjs)

export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [key, w] of entries) {
      roll -= w;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Running builds

export interface BuildSpec {
  /** CONTENT_ROOT, relative to the project root. */
  contentRoot: string;
  outDir: string;
  cacheDir: string;
  /** Arguments after `npm run build --`, e.g. ['--force']. */
  args?: string[];
  env?: Record<string, string>;
  /** Where the build's output is written when it ends. */
  logFile?: string;
  /** A build still running after this long is killed (a hung build), and says so in its log. */
  timeoutMs?: number;
}

export interface BuildResult {
  /** Exit code; null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr, interleaved as they arrived. */
  output: string;
  seconds: number;
  startedAt: number;
  endedAt: number;
  logFile?: string;
}

export interface RunningBuild {
  /** Pid of `npm run build`, which leads the build's process group. */
  pid: number;
  startedAt: number;
  output(): string;
  /** Whether the npm process has exited. */
  hasExited(): boolean;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  done: Promise<BuildResult>;
  /** Resolves true once the output matches, false if the build exits first. */
  waitForOutput(pattern: RegExp): Promise<boolean>;
  /**
   * Signals the whole process group (SIGINT as Ctrl-C does) and resolves once no process of that group is
   * left (`done` then still waits for the output pipes, which an escaped process may hold).
   */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** How long a build may run before it is taken for hung. */
const BUILD_TIMEOUT_MS = 10 * 60_000;
/** After npm exits, how long to wait for its output pipes to close (a leftover process may hold them). */
const PIPE_GRACE_MS = 10_000;

/** Environment of a build as the tests run it: production, plain text, this content and these folders. */
export function buildEnvironment(spec: BuildSpec): NodeJS.ProcessEnv {
  return {
    ...buildEnv(),
    NODE_ENV: 'production',
    CONTENT_ROOT: spec.contentRoot,
    ASTRO_OUT_DIR: spec.outDir,
    ASTRO_CACHE_DIR: spec.cacheDir,
    ...spec.env,
  };
}

/** Starts `npm run build` in its own process group (so it can be killed whole, as a terminal's Ctrl-C does). */
export function startBuild(spec: BuildSpec): RunningBuild {
  const args = spec.args ?? [];
  const startedAt = Date.now();
  const child = spawn('npm', ['run', '--silent', 'build', ...(args.length ? ['--', ...args] : [])], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: buildEnvironment(spec),
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('npm run build did not start');
  const chunks: string[] = [];
  const watchers = new Set<() => void>();
  let exitedFlag = false;
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  const onData = (text: string) => {
    chunks.push(text);
    for (const watcher of [...watchers]) watcher();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedFlag = true;
      for (const watcher of [...watchers]) watcher();
      resolve({ code, signal });
    }),
  );
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(pid, 'SIGKILL');
  }, spec.timeoutMs ?? BUILD_TIMEOUT_MS);
  const output = () => chunks.join('');
  const done = (async (): Promise<BuildResult> => {
    const { code, signal } = await exited;
    clearTimeout(timer);
    const endedAt = Date.now();
    const closedInTime = await Promise.race([closed.then(() => true), sleep(PIPE_GRACE_MS).then(() => false)]);
    let text = output();
    if (!closedInTime) text += `\n[rebuilds] npm exited, but a process of the build still held its output open ${PIPE_GRACE_MS / 1000} s later\n`;
    if (timedOut) text += `\n[rebuilds] killed: still running after ${(spec.timeoutMs ?? BUILD_TIMEOUT_MS) / 1000} s\n`;
    if (spec.logFile) {
      mkdirSync(path.dirname(spec.logFile), { recursive: true });
      const header = `$ CONTENT_ROOT=${spec.contentRoot} ASTRO_OUT_DIR=${spec.outDir} ASTRO_CACHE_DIR=${spec.cacheDir}${Object.entries(spec.env ?? {})
        .map(([k, v]) => ` ${k}=${v}`)
        .join('')} npm run build${args.length ? ` -- ${args.join(' ')}` : ''}\n`;
      writeFileSync(spec.logFile, `${header}${text}\n[rebuilds] exit ${code ?? signal} after ${((endedAt - startedAt) / 1000).toFixed(1)} s\n`);
    }
    return { code, signal, output: text, seconds: (endedAt - startedAt) / 1000, startedAt, endedAt, logFile: spec.logFile };
  })();
  const waitForOutput = (pattern: RegExp) =>
    new Promise<boolean>((resolve) => {
      const check = () => {
        if (pattern.test(output())) {
          watchers.delete(check);
          resolve(true);
        } else if (exitedFlag) {
          watchers.delete(check);
          resolve(false);
        }
      };
      watchers.add(check);
      check();
    });
  const kill = async (signal: NodeJS.Signals) => {
    killGroup(pid, signal);
    if (signal !== 'SIGKILL') {
      // Ctrl-C: the build is expected to stop by itself; one that does not is killed after a minute.
      const stopped = await Promise.race([exited.then(() => true), sleep(60_000).then(() => false)]);
      if (!stopped) killGroup(pid, 'SIGKILL');
    }
    await exited;
    // The group may outlive its leader for a moment (children being torn down).
    if (!(await waitUntil(() => groupMembers(pid).length === 0, 30_000, 10))) killGroup(pid, 'SIGKILL');
  };
  return { pid, startedAt, output, hasExited: () => exitedFlag, exited, done, waitForOutput, kill };
}

// ---------------------------------------------------------------------------------------------------------
// Comparing two out dirs

/** Every file under `dir` (relative path with '/'), sorted. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((rel) => statSync(path.join(dir, rel)).isFile())
    .map((rel) => rel.split(path.sep).join('/'))
    .sort();
}

export interface FileDifference {
  file: string;
  kind: 'only in incremental' | 'only in clean' | 'bytes differ' | 'exit status';
  detail: string;
}

const looksLikeText = (data: Buffer) => !data.subarray(0, 8192).includes(0);

/** A short excerpt around the first differing byte of two files (text), or where and how much (binary). */
function describeDifference(incremental: Buffer, clean: Buffer): string {
  let at = 0;
  while (at < incremental.length && at < clean.length && incremental[at] === clean[at]) at++;
  if (!looksLikeText(incremental) || !looksLikeText(clean)) {
    return `binary: ${incremental.length} vs ${clean.length} bytes, first difference at byte ${at}`;
  }
  const excerpt = (data: Buffer) =>
    JSON.stringify(data.subarray(Math.max(0, at - 80), at + 120).toString('utf8').replace(/^\uFFFD+|\uFFFD+$/g, ''));
  return `${incremental.length} vs ${clean.length} bytes, first difference at byte ${at}\n      incremental: ${excerpt(incremental)}\n      clean:       ${excerpt(clean)}`;
}

/** The differences between an incremental out dir and a clean one, file by file (set of files and bytes). */
export function diffTrees(incrementalDir: string, cleanDir: string): FileDifference[] {
  const a = listFiles(incrementalDir);
  const b = listFiles(cleanDir);
  const inClean = new Set(b);
  const inIncremental = new Set(a);
  const out: FileDifference[] = [];
  for (const file of a) if (!inClean.has(file)) out.push({ file, kind: 'only in incremental', detail: `${statSync(path.join(incrementalDir, file)).size} bytes` });
  for (const file of b) if (!inIncremental.has(file)) out.push({ file, kind: 'only in clean', detail: `${statSync(path.join(cleanDir, file)).size} bytes` });
  for (const file of a) {
    if (!inClean.has(file)) continue;
    const x = readFileSync(path.join(incrementalDir, file));
    const y = readFileSync(path.join(cleanDir, file));
    if (!x.equals(y)) out.push({ file, kind: 'bytes differ', detail: describeDifference(x, y) });
  }
  return out.sort((p, q) => (p.file < q.file ? -1 : p.file > q.file ? 1 : 0));
}

export function formatDifferences(differences: FileDifference[], limit = 10): string {
  const lines = differences.slice(0, limit).map((d) => `  ${d.file}: ${d.kind}${d.detail ? ` — ${d.detail}` : ''}`);
  if (differences.length > limit) lines.push(`  … and ${differences.length - limit} more`);
  return lines.join('\n');
}

/** The last lines of a log, for a failure message. */
export function tail(text: string, lines = 25): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Content: file states, exact restores, front matter edits, dates

/** A file of the content dir as it was: its bytes (null when absent) and its atime/mtime to the nanosecond. */
export interface FileState {
  rel: string;
  bytes: Buffer | null;
  atimeNs?: bigint;
  mtimeNs?: bigint;
}

const nsArg = (ns: bigint) => `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`;

/** Sets a file's atime and mtime to the nanosecond (fs.utimes takes seconds as a double, which loses them). */
export function setTimesNs(file: string, atimeNs: bigint, mtimeNs: bigint) {
  execFileSync('touch', ['-a', '-d', nsArg(atimeNs), file]);
  execFileSync('touch', ['-m', '-d', nsArg(mtimeNs), file]);
}

export function fileState(dir: string, rel: string): FileState {
  const full = path.join(dir, rel);
  if (!existsSync(full)) return { rel, bytes: null };
  const s = statSync(full, { bigint: true });
  return { rel, bytes: readFileSync(full), atimeNs: s.atimeNs, mtimeNs: s.mtimeNs };
}

/**
 * Puts a file back exactly as it was: the same bytes, written in place (same inode, as an editor's undo
 * or a restore of a backup over the file does), and its old atime and mtime.
 */
export function restoreFile(dir: string, state: FileState) {
  const full = path.join(dir, state.rel);
  if (state.bytes === null) {
    rmSync(full, { force: true });
    removeEmptyDirs(dir);
    return;
  }
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, state.bytes);
  if (state.atimeNs !== undefined && state.mtimeNs !== undefined) setTimesNs(full, state.atimeNs, state.mtimeNs);
}

/** The front matter (between the first two `---` lines) and the rest of a Markdown/MDX post. */
export function splitPost(text: string): { front: string; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { front: '', body: text };
  return { front: m[1], body: text.slice(m[0].length) };
}

export const joinPost = (front: string, body: string) => `---\n${front}\n---\n${body}`;

/** Replaces (or adds, after the title) one `key: value` line of the front matter. */
export function setFrontMatterLine(text: string, key: string, value: string): string {
  const { front, body } = splitPost(text);
  const line = new RegExp(`^${key}:.*$`, 'm');
  const next = line.test(front) ? front.replace(line, `${key}: ${value}`) : front.replace(/^(title:.*)$/m, `$1\n${key}: ${value}`);
  return joinPost(next, body);
}

export function frontMatterValue(text: string, key: string): string | undefined {
  return new RegExp(`^${key}:[ \\t]*(.*?)[ \\t]*$`, 'm').exec(splitPost(text).front)?.[1];
}

/**
 * A front-matter date as the site reads it: an offset or Z as given, a date or date-time without one in
 * Taipei time. A trailing YAML comment and quotes are ignored. Undefined when it is no date.
 */
export function parsePostDate(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const value = raw.replace(/\s+#.*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');
  let ms: number;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) ms = Date.parse(`${value}T00:00:00+08:00`);
  else if (/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) ms = Date.parse(value.replace(' ', 'T'));
  else ms = Date.parse(`${value.replace(' ', 'T')}+08:00`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `at` as a Taipei wall-clock time with its offset: 2026-12-01T23:30:15+08:00. */
export function taipeiTimestamp(at: number): string {
  return `${new Date(at + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The front-matter fields whose moments change what a build publishes (src/lib/schedule.ts). */
const SCHEDULE_FIELDS = ['date', 'publishDate', 'expiryDate'];

/** The Taipei calendar year at `at`. */
const taipeiYear = (at: number) => new Date(at + 8 * 3600_000).getUTCFullYear();

/** A different valid WebP of the same size: a random background colour with random shapes on it. */
export async function differentWebp(original: Buffer, random: Random): Promise<Buffer> {
  const meta = await sharp(original).metadata();
  const width = meta.width ?? 400;
  const height = meta.height ?? 300;
  const colour = () => `rgb(${random.int(0, 255)},${random.int(0, 255)},${random.int(0, 255)})`;
  const shapes: string[] = [];
  for (let i = 0; i < 6; i++) {
    const x = random.int(0, width);
    const y = random.int(0, height);
    shapes.push(
      random.chance(0.5)
        ? `<rect x="${x}" y="${y}" width="${random.int(10, width)}" height="${random.int(10, height)}" fill="${colour()}"/>`
        : `<circle cx="${x}" cy="${y}" r="${random.int(10, Math.max(11, Math.min(width, height) / 2))}" fill="${colour()}"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${colour()}"/>${shapes.join('')}</svg>`;
  return sharp(Buffer.from(svg)).webp({ quality: 80 }).toBuffer();
}

// ---------------------------------------------------------------------------------------------------------
// A working copy with its incremental build, and clean builds of the same sources

export interface CleanBuild {
  /** Out dir of the clean build (kept while its key is valid). */
  dir: string;
  result: BuildResult;
  /** Whether an earlier clean build of the same sources was reused. */
  reused: boolean;
}

export interface Comparison {
  incremental: BuildResult;
  clean: CleanBuild;
  differences: FileDifference[];
  /** 'equal', 'both failed (…)' or 'DIFFERENT'. */
  verdict: string;
  /** Why the builds were repeated (a scheduled post came due in between), if they were. */
  note?: string;
}

export class RebuildWorkspace {
  readonly base: string;
  readonly content: string;
  /** CONTENT_ROOT of every build of this workspace, relative to the project root. */
  readonly contentRoot: string;
  readonly out: string;
  readonly cache: string;
  readonly logs: string;
  private readonly cleanRoot: string;
  private readonly cleanBuilds = new Map<string, CleanBuild>();
  private seq = 0;
  /** Durations of incremental builds that ran Astro, for picking a moment inside a typical build. */
  readonly astroSeconds: number[] = [];

  constructor(name: string) {
    this.base = path.join(CONTENT_BASE, name);
    this.content = path.join(this.base, 'content');
    this.contentRoot = path.relative(ROOT, this.content);
    this.out = path.join(this.base, 'out');
    this.cache = path.join(this.base, 'cache');
    this.logs = path.join(this.base, 'logs');
    this.cleanRoot = path.join(this.base, 'clean');
  }

  /** Starts from nothing: a fresh copy of the fixture, no out dir, no caches, no logs. */
  reset() {
    rmSync(this.base, { recursive: true, force: true });
    mkdirSync(this.base, { recursive: true });
    cpSync(FIXTURE, this.content, { recursive: true });
    mkdirSync(this.logs, { recursive: true });
    this.cleanBuilds.clear();
  }

  /** Makes the content dir equal the fixture again, rewriting only the files that differ. */
  resetContent() {
    const want = new Set(listFiles(FIXTURE));
    for (const rel of listFiles(this.content)) if (!want.has(rel)) rmSync(path.join(this.content, rel));
    removeEmptyDirs(this.content);
    for (const rel of want) {
      const source = readFileSync(path.join(FIXTURE, rel));
      const target = path.join(this.content, rel);
      if (existsSync(target) && readFileSync(target).equals(source)) continue;
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, source);
    }
  }

  /** Relative paths (to the content dir) of every post file. */
  posts(): string[] {
    return listFiles(path.join(this.content, 'content/posts'))
      .filter((rel) => /\.mdx?$/.test(rel))
      .map((rel) => `content/posts/${rel}`);
  }

  read(rel: string): string {
    return readFileSync(path.join(this.content, rel), 'utf8');
  }

  state(rel: string): FileState {
    return fileState(this.content, rel);
  }

  restore(state: FileState) {
    restoreFile(this.content, state);
  }

  /** Writes a content file in place (same inode), or through a temporary file and a rename (a new inode). */
  write(rel: string, data: string | Buffer, atomic = false) {
    const full = path.join(this.content, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    if (atomic) {
      const temp = path.join(path.dirname(full), `.${path.basename(full)}.tmp`);
      writeFileSync(temp, data);
      renameSync(temp, full);
    } else {
      writeFileSync(full, data);
    }
  }

  /**
   * Every moment at which a post may be published or taken down (its date, publishDate and expiryDate), in
   * ms (drafts included: only used to tell when a comparison straddles one).
   */
  postDates(): number[] {
    return this.posts().flatMap((rel) => this.moments(rel).map(([, at]) => at));
  }

  /** A post's scheduling fields that hold a date, with their moments in ms. */
  private moments(rel: string): [field: string, at: number][] {
    const text = this.read(rel);
    return SCHEDULE_FIELDS.map((field): [string, number | undefined] => [field, parsePostDate(frontMatterValue(text, field))]).filter(
      (m): m is [string, number] => m[1] !== undefined,
    );
  }

  /** What a clean build's output depends on: the content's bytes, which posts' moments are still ahead of `at`, the year. */
  sourceKey(at = Date.now()): string {
    const hash = createHash('sha256');
    for (const rel of listFiles(this.content)) hash.update(`${rel}\0`).update(readFileSync(path.join(this.content, rel))).update('\0');
    const ahead = this.posts()
      .map((rel) => [rel, this.moments(rel).filter(([, moment]) => moment > at).map(([field]) => field)] as const)
      .filter(([, fields]) => fields.length);
    hash.update(JSON.stringify({ ahead, year: taipeiYear(at) }));
    return hash.digest('hex').slice(0, 16);
  }

  logFile(label: string): string {
    this.seq += 1;
    return path.join(this.logs, `${String(this.seq).padStart(3, '0')}-${label.replace(/[^\w.-]+/g, '_')}.log`);
  }

  /** Spec of a build of the working copy into its own out dir and cache dir. */
  spec(label: string, extra: Partial<BuildSpec> = {}): BuildSpec {
    return { contentRoot: this.contentRoot, outDir: this.out, cacheDir: this.cache, logFile: this.logFile(label), ...extra };
  }

  /** Starts `npm run build` of the working copy (incremental: its own out dir and cache dir). */
  start(label: string, extra: Partial<BuildSpec> = {}): RunningBuild {
    return startBuild(this.spec(label, extra));
  }

  /** Runs `npm run build` of the working copy to its end. */
  async build(label: string, extra: Partial<BuildSpec> = {}): Promise<BuildResult> {
    const result = await this.start(label, extra).done;
    if (/generating static routes/.test(result.output) && result.code === 0) this.astroSeconds.push(result.seconds);
    return result;
  }

  /**
   * How long an incremental build that runs Astro takes, in ms: the shortest of the last three (a first
   * build encodes every image and takes twice as long as a rebuild after an edit).
   */
  typicalBuildMs(): number {
    const recent = this.astroSeconds.slice(-3);
    return recent.length ? Math.round(Math.min(...recent) * 1000) : 5000;
  }

  /**
   * A clean build of the working copy as it is now: same CONTENT_ROOT, an empty cache dir and out dir.
   * Reused when an earlier clean build had the same sources and the same posts still ahead.
   */
  async clean(label: string): Promise<CleanBuild> {
    const keyBefore = this.sourceKey();
    const known = this.cleanBuilds.get(keyBefore);
    if (known) return { ...known, reused: true };
    const work = path.join(this.cleanRoot, 'work');
    rmSync(work, { recursive: true, force: true });
    const outDir = path.join(work, 'out');
    const cacheDir = path.join(work, 'cache');
    const result = await startBuild({ contentRoot: this.contentRoot, outDir, cacheDir, logFile: this.logFile(`${label}-clean`) }).done;
    const dir = path.join(this.cleanRoot, keyBefore);
    rmSync(dir, { recursive: true, force: true });
    if (existsSync(outDir)) renameSync(outDir, dir);
    else mkdirSync(dir, { recursive: true });
    rmSync(work, { recursive: true, force: true });
    const clean: CleanBuild = { dir, result, reused: false };
    // Kept only when no post came due while it ran (then its key would not say what it built).
    if (this.sourceKey() === keyBefore && !this.postDates().some((d) => d >= result.startedAt - 2000 && d <= result.endedAt + 2000)) {
      this.cleanBuilds.set(keyBefore, clean);
    }
    return clean;
  }

  /** Compares an incremental build's out dir with a clean build's: both failing agrees, one failing does not. */
  compare(incremental: BuildResult, clean: CleanBuild): Pick<Comparison, 'differences' | 'verdict'> {
    const incOk = incremental.code === 0;
    const cleanOk = clean.result.code === 0;
    if (!incOk && !cleanOk) return { differences: [], verdict: `both failed (exit ${incremental.code ?? incremental.signal}/${clean.result.code ?? clean.result.signal})` };
    if (incOk !== cleanOk) {
      const failed = incOk ? clean.result : incremental;
      return {
        verdict: 'DIFFERENT',
        differences: [
          {
            file: '(exit status)',
            kind: 'exit status',
            detail: `incremental exited ${incremental.code ?? incremental.signal}, clean exited ${clean.result.code ?? clean.result.signal}; the failing one (${failed.logFile}) ends:\n${tail(failed.output, 15)}`,
          },
        ],
      };
    }
    const differences = diffTrees(this.out, clean.dir);
    return { differences, verdict: differences.length ? 'DIFFERENT' : 'equal' };
  }

  /**
   * `npm run build` (incremental, default settings), then a clean build of the same sources, and the
   * comparison. When a post's date falls between the start of the first and the end of the second, the
   * two saw different "nows": it waits until that post is due and builds both again.
   */
  async check(label: string, extra: Partial<BuildSpec> = {}): Promise<Comparison> {
    let note: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const incremental = await this.build(label, extra);
      const clean = await this.clean(label);
      const windowEnd = clean.reused ? Date.now() : clean.result.endedAt;
      const due = this.postDates().filter((d) => d >= incremental.startedAt - 2000 && d <= windowEnd + 2000);
      if (due.length && attempt < 3) {
        const until = Math.max(...due) + 2500;
        note = `${note ? `${note}; ` : ''}a post came due (${taipeiTimestamp(Math.max(...due))}) during the comparison: waited and built both again`;
        await sleep(Math.max(0, until - Date.now()));
        continue;
      }
      return { incremental, clean, ...this.compare(incremental, clean), note };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Operations of the differential run

export const OPERATION_WEIGHTS = {
  'edit-title': 10,
  'edit-body': 10,
  'edit-tag': 8,
  'edit-date': 6,
  undo: 10,
  'add-post': 5,
  'delete-post': 4,
  'rename-post': 4,
  'replace-image': 5,
  kill: 8,
  'save-during-build': 6,
  'garble-cache': 6,
  'append-out': 3,
  schedule: 3,
} as const;
export type Operation = keyof typeof OPERATION_WEIGHTS;
type EditKind = 'edit-title' | 'edit-body' | 'edit-tag' | 'edit-date';

const WORDS = ['模型', '推論', '開源', '資料', '晶片', '算力', '代理', '訓練', '評測', '市場', '新創', '投資', '政策', '語音', '影像', '搜尋'];
const TAG_POOL = ['Podcast', '小模型', '開源 AI', 'AI2', '更新', '測試標籤', '新標籤', '晶片戰爭'];
const CJK = /[\u4e00-\u9fff]/g;

/** One change of the content dir: the files it touched, as they were before it. */
interface Change {
  description: string;
  before: FileState[];
}

export interface DifferentialOptions {
  seed: number;
  iterations: number;
  /** Workspace name under tests/.output. */
  name?: string;
  /** Kinds of operation that must come up (forced into the last steps if the dice did not pick them). */
  mustInclude?: Operation[];
  /** Called with each line of progress. */
  print?: (line: string) => void;
}

export interface DifferentialResult {
  seed: number;
  steps: number;
  operations: string[];
  /** The report of the first difference; undefined when every comparison agreed. */
  difference?: string;
}

export class Differential {
  readonly ws: RebuildWorkspace;
  readonly random: Random;
  readonly operations: string[] = [];
  /** The kinds of operation chosen so far. */
  private readonly chosen: Operation[] = [];
  private readonly history: Change[] = [];
  private readonly print: (line: string) => void;
  private readonly lines: string[] = [];
  private step = 0;

  readonly options: DifferentialOptions;

  constructor(options: DifferentialOptions) {
    this.options = options;
    this.ws = new RebuildWorkspace(options.name ?? 'rebuilds');
    this.random = new Random(options.seed);
    this.print = options.print ?? (() => {});
  }

  private words(count: number): string {
    return Array.from({ length: count }, () => this.random.pick(WORDS)).join('');
  }

  /** A date between 2024-01-01 and a week ago, as a date-time with offset or as a date. */
  private pastDate(): string {
    const from = Date.parse('2024-01-01T00:00:00+08:00');
    const to = Date.now() - 7 * 86400_000;
    const at = from + Math.floor(this.random.next() * (to - from));
    const stamp = taipeiTimestamp(Math.floor(at / 60_000) * 60_000);
    return this.random.chance(0.25) ? stamp.slice(0, 10) : stamp;
  }

  /** Records what `rels` are now, runs `apply`, and pushes the change for a later undo. */
  private change(description: string, rels: string[], apply: () => void): string {
    const before = rels.map((rel) => this.ws.state(rel));
    apply();
    this.history.push({ description, before });
    return description;
  }

  private publishedPosts(): string[] {
    return this.ws.posts().filter((rel) => frontMatterValue(this.ws.read(rel), 'draft') !== 'true');
  }

  /** Applies one edit of a post's front matter or body; returns its description. */
  edit(kind: EditKind): string {
    const posts = this.ws.posts();
    const rel = this.random.pick(posts);
    const text = this.ws.read(rel);
    const atomic = this.random.chance(0.25);
    const how = atomic ? ' (written via rename)' : '';
    switch (kind) {
      case 'edit-title': {
        const title = `${this.words(2)}：${this.words(3)} ${this.step}`;
        return this.change(`edit-title ${rel} → "${title}"${how}`, [rel], () => this.ws.write(rel, setFrontMatterLine(text, 'title', `"${title}"`), atomic));
      }
      case 'edit-body': {
        const { front, body } = splitPost(text);
        const chars = [...body.matchAll(CJK)];
        if (chars.length && this.random.chance(0.5)) {
          // Same byte length: one CJK character for another.
          const hit = this.random.pick(chars);
          let replacement = this.random.pick(WORDS)[0];
          if (replacement === hit[0]) replacement = replacement === '模' ? '推' : '模';
          const next = joinPost(front, body.slice(0, hit.index) + replacement + body.slice(hit.index! + hit[0].length));
          const keepTimes = this.random.chance(0.5);
          return this.change(`edit-body ${rel}: "${hit[0]}" → "${replacement}" at char ${hit.index} (same size${keepTimes ? ', old mtime put back' : ''})`, [rel], () => {
            const old = this.ws.state(rel);
            this.ws.write(rel, next);
            if (keepTimes) setTimesNs(path.join(this.ws.content, rel), old.atimeNs!, old.mtimeNs!);
          });
        }
        const paragraph = `${this.words(4)}，${this.words(5)}。`;
        return this.change(`edit-body ${rel}: appended "${paragraph}"${how}`, [rel], () =>
          this.ws.write(rel, joinPost(front, `${body.replace(/\n*$/, '\n')}\n${paragraph}\n`), atomic),
        );
      }
      case 'edit-tag': {
        const raw = frontMatterValue(text, 'tags');
        let tags: string[] = [];
        try {
          tags = raw ? (JSON.parse(raw) as string[]) : [];
        } catch {
          tags = [];
        }
        const remove = tags.length > 0 && this.random.chance(0.5);
        let what: string;
        if (remove) {
          const tag = this.random.pick(tags);
          tags = tags.filter((t) => t !== tag);
          what = `removed tag "${tag}"`;
        } else {
          const candidates = TAG_POOL.filter((t) => !tags.includes(t));
          const tag = this.random.pick(candidates.length ? candidates : [`標籤${this.step}`]);
          tags = [...tags, tag];
          what = `added tag "${tag}"`;
        }
        return this.change(`edit-tag ${rel}: ${what}${how}`, [rel], () => this.ws.write(rel, setFrontMatterLine(text, 'tags', JSON.stringify(tags)), atomic));
      }
      case 'edit-date': {
        const date = this.pastDate();
        return this.change(`edit-date ${rel} → ${date}${how}`, [rel], () => this.ws.write(rel, setFrontMatterLine(text, 'date', date), atomic));
      }
    }
  }

  undo(): string {
    const last = this.history.pop();
    if (!last) return 'undo: nothing to undo';
    for (const state of last.before) this.ws.restore(state);
    return `undo of "${last.description}" (${last.before.map((s) => `${s.rel} ${s.bytes === null ? 'removed' : 'restored with its old mtime'}`).join(', ')})`;
  }

  addPost(): string {
    const mdx = this.random.chance(0.3);
    const rel = `content/posts/added-${this.step}.${mdx ? 'mdx' : 'md'}`;
    const tags = [this.random.pick(TAG_POOL), ...(this.random.chance(0.5) ? [this.random.pick(TAG_POOL)] : [])];
    const front = [
      `title: "新文章 ${this.step}：${this.words(3)}"`,
      `date: ${this.pastDate()}`,
      `tags: ${JSON.stringify([...new Set(tags)])}`,
      ...(this.random.chance(0.5) ? ['categories: ["AI 產業動態"]'] : []),
      ...(this.random.chance(0.4) ? [`image: /images/posts/${this.random.pick(['hero-mdx.webp', 'hero-small-models.webp'])}`] : []),
    ].join('\n');
    const body = mdx
      ? `import chart from '../../assets/images/posts/chart.webp';\n\n${this.words(6)}。\n\n<Figure src={chart} alt="${this.words(2)}" caption="${this.words(3)}" />\n`
      : `\n${this.words(6)}。\n\n## ${this.words(2)}\n\n${this.words(8)}。\n`;
    return this.change(`add-post ${rel}`, [rel], () => this.ws.write(rel, joinPost(front, body)));
  }

  /** The files of a post: a bundle's whole folder, or the one file. */
  private postFiles(rel: string): string[] {
    if (path.basename(rel).startsWith('index.')) {
      const dir = path.dirname(rel);
      return listFiles(path.join(this.ws.content, dir)).map((f) => `${dir}/${f}`);
    }
    return [rel];
  }

  deletePost(): string {
    const posts = this.ws.posts();
    if (posts.length <= 3) return this.addPost();
    const rel = this.random.pick(posts);
    const files = this.postFiles(rel);
    return this.change(`delete-post ${files.join(', ')}`, files, () => {
      for (const f of files) rmSync(path.join(this.ws.content, f));
      removeEmptyDirs(this.ws.content);
    });
  }

  renamePost(): string {
    const rel = this.random.pick(this.ws.posts());
    const files = this.postFiles(rel);
    const bundle = files.length > 1 || path.basename(rel).startsWith('index.');
    const from = bundle ? path.dirname(rel) : rel;
    const to = bundle ? `${from}-r${this.step}` : rel.replace(/(\.mdx?)$/, `-r${this.step}$1`);
    const targets = bundle ? files.map((f) => `${to}${f.slice(from.length)}`) : [to];
    return this.change(`rename-post ${from} → ${to}`, [...files, ...targets], () => renameSync(path.join(this.ws.content, from), path.join(this.ws.content, to)));
  }

  async replaceImage(): Promise<string> {
    const images = listFiles(this.ws.content).filter((rel) => rel.endsWith('.webp'));
    const rel = this.random.pick(images);
    const before = this.ws.state(rel);
    const data = await differentWebp(before.bytes!, this.random);
    return this.change(`replace-image ${rel} (${before.bytes!.length} → ${data.length} bytes)`, [rel], () => this.ws.write(rel, data));
  }

  schedule(): string {
    const rel = `content/posts/scheduled-${this.step}.md`;
    const due = Date.now() + 15_000;
    const stamp = taipeiTimestamp(due);
    const style = this.random.pick(['plain', 'comment', 'quoted'] as const);
    const date = style === 'comment' ? `${stamp} # scheduled` : style === 'quoted' ? `"${stamp}"` : stamp;
    const text = joinPost(`title: "排程文章 ${this.step}：${this.words(2)}"\ndate: ${date}\ntags: ["排程"]`, `\n${this.words(6)}。\n`);
    return this.change(`schedule ${rel} due ${stamp} (date: ${date})`, [rel], () => this.ws.write(rel, text));
  }

  private randomEdit(): string {
    return this.edit(this.random.pick(['edit-title', 'edit-body', 'edit-tag', 'edit-date'] as const));
  }

  async kill(): Promise<string> {
    // An edit first, so that the build has something to do (with nothing changed it ends in half a second).
    const edit = `${this.randomEdit()}; then `;
    const signal: NodeJS.Signals = this.random.chance(0.6) ? 'SIGKILL' : 'SIGINT';
    const delay = this.random.int(200, Math.round(this.ws.typicalBuildMs() * 0.9));
    const build = this.ws.start(`step-${this.step}-killed`);
    await sleep(delay);
    if (build.hasExited()) {
      const result = await build.done;
      return `kill: ${edit}build started, ${signal} planned after ${(delay / 1000).toFixed(2)} s, but it had already exited ${result.code}`;
    }
    await build.kill(signal);
    const result = await build.done;
    return `kill: ${edit}build started, ${signal} to its process group after ${(delay / 1000).toFixed(2)} s (exit ${result.code ?? result.signal})`;
  }

  async saveDuringBuild(): Promise<string> {
    const delay = this.random.int(0, Math.round(this.ws.typicalBuildMs() * 0.9));
    const undoAfter = this.random.chance(0.5);
    // An edit first, so that the build has something to do.
    const first = this.randomEdit();
    const build = this.ws.start(`step-${this.step}-edited-during`);
    await sleep(delay);
    const running = !build.hasExited();
    const edit = this.randomEdit();
    const result = await build.done;
    const undo = undoAfter ? `; then ${this.undo()}` : '';
    return `save-during-build: ${first}; build started; ${edit} at ${(delay / 1000).toFixed(2)} s into a build (${running ? 'still running' : 'already over'}; it exited ${result.code ?? result.signal})${undo}`;
  }

  garbleCache(): string {
    const files = listFiles(this.ws.cache);
    if (!files.length) return 'garble-cache: the cache dir is empty';
    const rel = this.random.pick(files);
    const full = path.join(this.ws.cache, rel);
    const size = statSync(full).size;
    if (size === 0 || this.random.chance(0.5)) {
      const length = size ? this.random.int(0, size - 1) : 0;
      truncateSync(full, length);
      return `garble-cache: truncated ${rel} from ${size} to ${length} bytes`;
    }
    const count = this.random.int(1, 16);
    const fd = openSync(full, 'r+');
    const offsets: number[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const at = this.random.int(0, size - 1);
        offsets.push(at);
        writeSync(fd, Buffer.from([this.random.int(0, 255)]), 0, 1, at);
      }
    } finally {
      closeSync(fd);
    }
    return `garble-cache: overwrote ${count} random byte(s) of ${rel} (${size} bytes) at ${offsets.slice(0, 4).join(', ')}${count > 4 ? ', …' : ''}`;
  }

  appendOut(): string {
    const files = listFiles(this.ws.out);
    if (!files.length) return 'append-out: the out dir is empty';
    const rel = this.random.pick(files);
    appendFileSync(path.join(this.ws.out, rel), `\n<!-- ${this.words(2)} -->\n`);
    return `append-out: appended a line to ${rel} of the out dir`;
  }

  private choose(): Operation {
    const { iterations, mustInclude = [] } = this.options;
    const missing = mustInclude.filter((op) => !this.chosen.includes(op));
    if (missing.length && iterations - this.step + 1 <= missing.length) return missing[0];
    return this.random.weighted(OPERATION_WEIGHTS);
  }

  /** Runs one operation; returns its log line and whether a comparison follows it. */
  private async apply(op: Operation): Promise<{ text: string; compare: boolean }> {
    switch (op) {
      case 'edit-title':
      case 'edit-body':
      case 'edit-tag':
      case 'edit-date':
        return { text: this.edit(op), compare: true };
      case 'undo':
        return { text: this.undo(), compare: true };
      case 'add-post':
        return { text: this.addPost(), compare: true };
      case 'delete-post':
        return { text: this.deletePost(), compare: true };
      case 'rename-post':
        return { text: this.renamePost(), compare: true };
      case 'replace-image':
        return { text: await this.replaceImage(), compare: true };
      case 'kill':
        return { text: await this.kill(), compare: false };
      case 'save-during-build':
        return { text: await this.saveDuringBuild(), compare: true };
      case 'garble-cache':
        return { text: this.garbleCache(), compare: true };
      case 'append-out':
        return { text: this.appendOut(), compare: true };
      case 'schedule':
        return { text: this.schedule(), compare: true };
    }
  }

  private report(comparison: Comparison, label: string): string {
    const { seed } = this.options;
    return [
      `REBUILD DIFFERENCE at ${label} (seed ${seed})`,
      `replay: npm run test:rebuilds -- --seed ${seed} --iterations ${Math.max(this.step, 1)}`,
      'operations so far:',
      ...this.operations.map((line) => `  ${line}`),
      `incremental: exit ${comparison.incremental.code ?? comparison.incremental.signal}, log ${comparison.incremental.logFile}`,
      `clean: exit ${comparison.clean.result.code ?? comparison.clean.result.signal}, log ${comparison.clean.result.logFile}${comparison.clean.reused ? ' (reused clean build)' : ''}`,
      ...(comparison.note ? [`note: ${comparison.note}`] : []),
      `differing files (${comparison.differences.length}):`,
      formatDifferences(comparison.differences),
    ].join('\n');
  }

  private async compareStep(label: string, op: string, started: number): Promise<string | undefined> {
    const comparison = await this.ws.check(`step-${this.step}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    this.progress(`step ${String(this.step).padStart(3)}  ${op.padEnd(18)} ${comparison.verdict}${comparison.note ? ` (${comparison.note})` : ''}  ${seconds} s`);
    if (comparison.verdict !== 'DIFFERENT') return undefined;
    const report = this.report(comparison, label);
    writeFileSync(path.join(this.ws.base, 'difference.txt'), `${report}\n`);
    return report;
  }

  /** Prints a progress line and keeps it, with the operations so far, in `<base>/run.txt`. */
  private progress(line: string) {
    this.lines.push(line);
    this.print(line);
    writeFileSync(
      path.join(this.ws.base, 'run.txt'),
      `seed ${this.options.seed}, ${this.options.iterations} iteration(s)\n\n${this.lines.join('\n')}\n\noperations:\n${this.operations.join('\n')}\n`,
    );
  }

  async run(): Promise<DifferentialResult> {
    const { seed, iterations } = this.options;
    this.ws.reset();
    const result = (difference?: string): DifferentialResult => ({ seed, steps: this.step, operations: [...this.operations], difference });
    let started = Date.now();
    this.operations.push('0 initial build');
    let difference = await this.compareStep('step 0 (initial build)', 'initial-build', started);
    if (difference) return result(difference);
    let compared = true;
    for (this.step = 1; this.step <= iterations; this.step++) {
      started = Date.now();
      const op = this.choose();
      this.chosen.push(op);
      const { text, compare } = await this.apply(op);
      this.operations.push(`${this.step} ${op}: ${text.replace(/^[\w-]+:? /, '')}`);
      compared = compare;
      if (!compare) {
        this.progress(`step ${String(this.step).padStart(3)}  ${op.padEnd(18)} no comparison (killed build)  ${((Date.now() - started) / 1000).toFixed(1)} s`);
        continue;
      }
      difference = await this.compareStep(`step ${this.step}/${iterations}`, op, started);
      if (difference) return result(difference);
    }
    this.step = iterations;
    // The next build after a kill, and every scheduled post after its time, must still be right.
    const pending = this.ws.postDates().filter((d) => d > Date.now() && d < Date.now() + 60_000);
    if (!compared || pending.length) {
      if (pending.length) await sleep(Math.max(...pending) + 2500 - Date.now());
      started = Date.now();
      this.operations.push(`${iterations}+ final build${pending.length ? ' (after the scheduled posts came due)' : ''}`);
      difference = await this.compareStep('the final check', 'final-check', started);
      if (difference) return result(difference);
    }
    return result();
  }
}

/** Runs a seeded differential run; see Differential. */
export function runDifferential(options: DifferentialOptions): Promise<DifferentialResult> {
  return new Differential(options).run();
}
