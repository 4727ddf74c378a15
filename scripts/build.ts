/**
 * `npm run build [-- --force]`: builds the site into `$ASTRO_OUT_DIR` (default dist/) with Astro, then
 * the search index — unless nothing it is built from changed since the last recorded build, in which
 * case that build's output is kept (or put back from the cache) and the build is skipped.
 *
 * Whatever happened before it (a killed or failed build, a file saved during a build, a damaged cache),
 * a build writes what a clean build of the same sources writes, or stops with a message. How the caches
 * are checked is in scripts/lib/build-cache.ts. `--force` (or BUILD_CACHE=off) always builds; the
 * checked caches (Astro's pages and images, the search shards) are still used then.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { toZonedIso, zonedParts } from '../src/lib/dates.ts';
import { PAGES_SCHEDULE_FILE, SCHEDULE_FILE, type ScheduleNote } from '../src/lib/schedule.ts';
import { site } from '../src/site.config.ts';
import { bold, dim, fail, parseCli } from './lib/cli.ts';
import { acquireLock, type BuildLock } from './lib/build-lock.ts';
import { resolveCacheDir } from './lib/cache-dir.ts';
import {
  KEPT_DIR,
  MARKER_FILE,
  RECORD_FILE,
  RECORD_VERSION,
  changedInputs,
  hashInputs,
  holdsOutput,
  isBookkeeping,
  linkTree,
  listFiles,
  manifestOf,
  matchesOutput,
  readMarker,
  readRecord,
  type BuildRecord,
  restat,
  staleReason,
  verifyCache,
  writeJsonAtomic,
} from './lib/build-cache.ts';

const USAGE = `
建置網站 / Build the site into dist/ (Astro, then the search index).

用法 Usage:
  npm run build [-- --force]

  --force     一律完整建置，不沿用上次的輸出 / always build, even when nothing changed
  -h, --help  顯示說明 / show this help
`;

const { values } = parseCli(USAGE, { force: { type: 'boolean' } });
const force = values.force === true || process.env.BUILD_CACHE === 'off';

const root = process.cwd();
const outDir = path.resolve(root, process.env.ASTRO_OUT_DIR ?? 'dist');
const cacheDir = resolveCacheDir(root);
const contentRoot = process.env.CONTENT_ROOT ?? 'src';
const recordFile = path.join(cacheDir, RECORD_FILE);
const markerFile = path.join(cacheDir, MARKER_FILE);
const kept = path.join(cacheDir, KEPT_DIR);
/** Written anew by every build, by the posts and the pages loader (see src/lib/schedule.ts); not cache entries. */
const scheduleFiles = [SCHEDULE_FILE, PAGES_SCHEDULE_FILE].map((file) => path.join(cacheDir, file));
const log = (message: string) => process.stdout.write(`${dim('[build]')} ${message}\n`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const here = (dir: string) => path.relative(root, dir) || '.';

/**
 * The line that says when the next scheduled post or page goes live (or expires), in the site's time zone,
 * and which file it is: the first build after that moment publishes it (or takes it down).
 */
const scheduleLine = (at: string, next: BuildRecord['nextChange']) => {
  const local = toZonedIso(new Date(at));
  const when = `${local.slice(0, 10)} ${local.slice(11, 19)} (${site.timezone})`;
  if (!next) return `next scheduled change at ${when}; the first build after that moment updates the site`;
  return next.change === 'publish'
    ? `next scheduled post: ${next.file} goes live at ${when}; the first npm run build after that moment publishes it`
    : `next scheduled expiry: ${next.file} expires at ${when}; the first npm run build after that moment takes it down`;
};

const started = performance.now();
const now = new Date();
const year = zonedParts(now).year;

// One build at a time per checkout: Astro writes `.astro/` in the project root, and two builds would
// write the same out dir and cache.
const lock: BuildLock = acquireLock(path.join(root, '.astro', 'build.lock'), fail);

const previous = readRecord(recordFile);
const interrupted = readMarker(markerFile);
const inputDirsToSkip = [outDir, cacheDir, path.join(root, '.astro')];
const inputs = hashInputs(root, contentRoot, process.env, inputDirsToSkip);

if (interrupted) {
  log(`the build started at ${interrupted.startedAt} (pid ${interrupted.pid}) did not finish or read files that changed under it; building without what it wrote`);
} else if (!force) {
  const reason = staleReason(previous, inputs, outDir, now, year);
  if (!reason && previous) {
    const count = Object.keys(previous.output).length;
    if (matchesOutput(outDir, previous.output)) {
      log(bold(`nothing changed since the build of ${previous.builtAt}: ${count} files in ${here(outDir)} are up to date (${seconds(started)})`));
      if (previous.nextScheduled) log(scheduleLine(previous.nextScheduled, previous.nextChange));
      process.exit(0);
    }
    if (holdsOutput(kept, previous.output)) {
      linkTree(kept, outDir, Object.keys(previous.output));
      // The same bytes (checked above) under new links, which changed their ctime: record that.
      writeJsonAtomic(recordFile, { ...previous, output: restat(outDir, previous.output) });
      log(bold(`nothing changed since the build of ${previous.builtAt}: put its ${count} files back into ${here(outDir)} (${seconds(started)})`));
      if (previous.nextScheduled) log(scheduleLine(previous.nextScheduled, previous.nextChange));
      process.exit(0);
    }
    log('nothing changed, but the kept output is missing or was modified; building');
  } else {
    log(`${reason}; building (${Object.keys(inputs.files).length} input files checked in ${seconds(started)})`);
  }
}

// From here on the cache and the out dir change: until the record is written, a later build trusts
// nothing this one wrote.
writeJsonAtomic(markerFile, { pid: process.pid, startedAt: now.toISOString() });
for (const file of scheduleFiles) rmSync(file, { force: true });
const checked = verifyCache(cacheDir, previous);
if (checked.dropped) log(`cache: ${checked.dropped}; starting without it`);
if (checked.removed.length) {
  const shown = checked.removed.slice(0, 5).join(', ');
  log(`cache: removed ${checked.removed.length} file(s) the last recorded build did not leave so (${shown}${checked.removed.length > 5 ? ', …' : ''})`);
}

/**
 * Native allocators hand freed memory back to the system sooner. By default Rolldown's mimalloc keeps what
 * Vite's bundle step used and glibc keeps an arena per thread (sharp, Pagefind). At 1,000 articles the
 * Astro process of a rebuild peaked at 1.46 GB with the defaults and at 1.17 GB with these, in the same
 * time (`/usr/bin/time -v`; the peak is Vite bundling the content store). Values already in the
 * environment win.
 */
const ALLOCATOR_ENV = { MIMALLOC_PURGE_DELAY: '0', MIMALLOC_ARENA_EAGER_COMMIT: '0', MALLOC_ARENA_MAX: '2' };

const stepEnv = { ...ALLOCATOR_ENV, ...process.env };
const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
/**
 * Starts a step's npm script. Inside `npm run build`, npm has already put `node_modules/.bin` and the
 * pinned Node first on PATH, so the script's command (plain words, no shell syntax) runs directly, without
 * a shell or a second npm process: the process the lock names is the step itself. Run any other way, it
 * goes through `npm run`.
 */
const start = (step: string): ChildProcess => {
  const options = { stdio: 'inherit' as StdioOptions, env: stepEnv };
  const command = scripts[step];
  const child =
    process.env.npm_lifecycle_event && /^[\w ./=:@-]+$/.test(command)
      ? (process.stdout.write(`\n> ${command}\n\n`), spawn(command.split(' ')[0], command.split(' ').slice(1), options))
      : spawn('npm', ['run', step], options);
  lock.addChild(child);
  return child;
};
/** Resolves with the exit code of `child` (1 when it could not start). */
const exitCode = (child: ChildProcess, step: string) =>
  new Promise<number>((resolve) => {
    child.on('error', (err) => {
      process.stderr.write(`[build] ${step} could not start: ${err.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
/** Runs a step; a failed step ends the build with its exit code, leaving the marker in place. */
const run = async (step: string) => {
  const code = await exitCode(start(step), step);
  if (code !== 0) process.exit(code);
};

await run('build:astro');

// Astro has written the out dir and its caches; only the search step's own folders (`pagefind/` in both)
// change from here. While it indexes on one core, the rest is linked for an unchanged rebuild and recorded
// on the other: the links first, since making them changes the files' ctime.
const search = start('search:index');
const searchDone = exitCode(search, 'search:index');
const isSearch = (rel: string) => rel === 'pagefind' || rel.startsWith('pagefind/');
const isNotCache = (rel: string) => isBookkeeping(rel) || rel === SCHEDULE_FILE || rel === PAGES_SCHEDULE_FILE;
linkTree(outDir, kept, listFiles(outDir, isSearch));
const outputSoFar = manifestOf(outDir, previous?.output, isSearch);
const cacheSoFar = manifestOf(cacheDir, previous?.cache, (rel) => isNotCache(rel) || isSearch(rel));
const searchCode = await searchDone;
if (searchCode !== 0) process.exit(searchCode);

// What is recorded as built is what the build read: a file saved while it ran (even saved back to what it
// was) leaves the marker in place, so the next build does not trust what this one cached.
const changed = changedInputs(inputs.files, root, contentRoot, inputDirsToSkip);
if (changed.length) {
  fail(
    `${changed.length} source file(s) changed while the site was being built (${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''}), ` +
      `so ${here(outDir)} may mix old and new content; run npm run build again`,
  );
}

linkTree(outDir, kept, listFiles(outDir));
// The earlier of the two: the moment a post or page is next published or expires.
const schedule = scheduleFiles
  .map((file) => JSON.parse(readFileSync(file, 'utf8')) as ScheduleNote)
  .filter((note): note is ScheduleNote & { next: string } => note.next !== null)
  .sort((a, b) => new Date(a.next).getTime() - new Date(b.next).getTime())[0];
const nextChange = schedule?.change && schedule.file ? { change: schedule.change, file: schedule.file } : undefined;
const output = manifestOf(outDir, { ...previous?.output, ...outputSoFar });
writeJsonAtomic(recordFile, {
  version: RECORD_VERSION,
  fingerprint: inputs.fingerprint,
  outDir,
  builtAt: now.toISOString(),
  year,
  ...(schedule ? { nextScheduled: schedule.next } : {}),
  ...(nextChange ? { nextChange } : {}),
  output,
  cache: manifestOf(cacheDir, { ...previous?.cache, ...cacheSoFar }, isNotCache),
});
rmSync(markerFile, { force: true });
log(`built in ${seconds(started)}; kept ${Object.keys(output).length} output files for an unchanged rebuild`);
if (schedule) log(scheduleLine(schedule.next, nextChange));

