/**
 * `npm run build [-- --force]`: builds the site into `$ASTRO_OUT_DIR` (default dist/) with Astro, then
 * the search index — unless nothing it is built from changed since the last successful build, in which
 * case that build's output is kept (or put back from the cache) and the build is skipped. See
 * scripts/lib/build-cache.ts for what counts as a change. `--force` (or BUILD_CACHE=off) always builds;
 * Astro's own incremental cache still reuses unchanged pages then.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { parseFrontMatterDate, zonedParts } from '../src/lib/dates.ts';
import { postPaths } from './lib/content.ts';
import { parseFrontMatter, splitDocument } from './lib/frontmatter.ts';
import { bold, dim, fail, parseCli } from './lib/cli.ts';
import { treeUsage } from './lib/memory.ts';
import { BUILT_PAGES_FILE } from '../src/integrations/built-pages.ts';
import {
  RECORD_VERSION,
  hashInputs,
  linkTree,
  listOutput,
  matchesOutput,
  readRecord,
  removeLeftovers,
  staleReason,
  writeRecord,
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
/** Memory the build may use at once, in MB (see PREPARE_BYTES below). */
const budgetMb = Number(process.env.BUILD_MEMORY_BUDGET_MB ?? 1536);
if (!(budgetMb > 0)) fail(`BUILD_MEMORY_BUDGET_MB must be a positive number of megabytes, got "${process.env.BUILD_MEMORY_BUDGET_MB}"`);

const root = process.cwd();
const outDir = path.resolve(root, process.env.ASTRO_OUT_DIR ?? 'dist');
const cacheDir = path.resolve(root, process.env.ASTRO_CACHE_DIR ?? 'node_modules/.astro');
const contentRoot = process.env.CONTENT_ROOT ?? 'src';
const recordFile = path.join(cacheDir, 'build-record.json');
const kept = path.join(cacheDir, 'build-output');
const log = (message: string) => process.stdout.write(`${dim('[build]')} ${message}\n`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

const started = performance.now();
const now = new Date();
const year = zonedParts(now).year;
const previous = readRecord(recordFile);
const inputs = hashInputs(root, contentRoot, process.env, [outDir, cacheDir, path.join(root, '.astro')], previous);
/** Whether the out dir holds exactly what the recorded build wrote (listed once: 37,000 files at 5,000 articles). */
const outDirIntact = previous !== undefined && previous.outDir === outDir && matchesOutput(outDir, previous.output);

if (!force) {
  const reason = staleReason(previous, inputs, outDir, now, year);
  if (!reason && previous) {
    const count = Object.keys(previous.output).length;
    if (outDirIntact) {
      log(bold(`nothing changed since the build of ${previous.builtAt}: ${count} files in ${path.relative(root, outDir) || '.'} are up to date (${seconds(started)})`));
      process.exit(0);
    }
    if (matchesOutput(kept, previous.output)) {
      linkTree(kept, outDir, Object.keys(previous.output));
      log(bold(`nothing changed since the build of ${previous.builtAt}: put its ${count} files back into ${path.relative(root, outDir) || '.'} (${seconds(started)})`));
      process.exit(0);
    }
    log('nothing changed, but the kept output is missing or was modified; building');
  } else {
    log(`${reason}; building (${inputs.files} input files checked in ${seconds(started)})`);
  }
}

/**
 * Native allocators hand freed memory back to the system sooner. By default Rolldown's mimalloc keeps what
 * Vite's bundle step used and glibc keeps an arena per thread (sharp, Pagefind). At 1,000 articles the
 * Astro process of a rebuild peaked at 1.46 GB with the defaults and at 1.17 GB with these, in the same
 * time (`/usr/bin/time -v`; the peak is Vite bundling the content store). Values already in the
 * environment win.
 */
const ALLOCATOR_ENV = { MIMALLOC_PURGE_DELAY: '0', MIMALLOC_ARENA_EAGER_COMMIT: '0', MALLOC_ARENA_MAX: '2' };

/**
 * When the out dir still holds exactly what the recorded build wrote, Astro builds into it as it is: the
 * pages its incremental build reuses stay in place instead of being copied in again from its cache (about
 * 5 s for 2,200 pages at 1,000 articles). Files it then neither wrote nor kept are left over from removed
 * content and are deleted below. Pages that file-aliases.ts turned from `x.html/index.html` into `x.html`
 * are deleted first: Astro would put the folder back where the file is. Any other out dir is emptied.
 */
const keepOutDir = outDirIntact;
if (keepOutDir) {
  log(`building into ${path.relative(root, outDir) || '.'} as the last build left it`);
  for (const rel of Object.keys(previous.output)) {
    if (rel.endsWith('.html') && !rel.endsWith('/index.html') && rel !== 'index.html') unlinkSync(path.join(outDir, rel));
  }
}
const builtPagesFile = path.join(cacheDir, BUILT_PAGES_FILE);
rmSync(builtPagesFile, { force: true });

// A build that fails halfway must never be taken for the recorded one.
rmSync(recordFile, { force: true });
// Astro's output passes through this process (see IMAGES_BANNER below): keep its colours on a terminal.
const colour = process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {};
const stepEnv = { ...ALLOCATOR_ENV, ...colour, ...process.env, BUILD_KEEP_OUT_DIR: keepOutDir ? '1' : '0' };
const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
/**
 * Starts a step's npm script. Inside `npm run build`, npm has already put `node_modules/.bin` and the
 * pinned Node first on PATH, so the script's command runs in a shell as npm would run it, without a
 * second npm process beside the build (about 70 MB less at the build's memory peak). Run any other way,
 * it goes through `npm run`. `args` are fixed flags, passed unquoted.
 */
const start = (step: string, { args = [] as string[], stdout = 'inherit' as 'inherit' | 'pipe', detached = false } = {}) => {
  const options = { stdio: ['inherit', stdout, 'inherit'] as StdioOptions, env: stepEnv, detached };
  if (process.env.npm_lifecycle_event) {
    const command = [scripts[step], ...args].join(' ');
    process.stdout.write(`\n> ${command}\n\n`);
    return spawn(command, { ...options, shell: true });
  }
  return spawn('npm', ['run', step, ...(args.length ? ['--', ...args] : [])], options);
};
/** Resolves with the exit code of `child` (1 when it could not start). */
const exitCode = (child: ChildProcess, step: string) =>
  new Promise<number>((resolve) => {
    child.on('error', (err) => {
      process.stderr.write(`[build] ${step} could not start: ${err.message}\n`);
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
const run = async (step: string) => {
  const code = await exitCode(start(step), step);
  if (code !== 0) process.exit(code);
};

/**
 * The search head start. Astro writes every page before it turns to the images, and prints this banner
 * in between (astro/dist/core/build/generate.js); the article pages are final from then on. When Astro
 * then copies images from its cache (an edit, a rebuild), the cores are mostly idle, so the search shards
 * that changed are indexed into the search cache meanwhile (`search:index --prepare`, one Pagefind), and
 * the search index step after the build finds them there. That step still decides alone what the index
 * holds: if the build removes pages afterwards, it indexes the changed shards again.
 * When Astro encodes images (a first build, new images) sharp keeps both cores busy and Pagefind would
 * only slow it down (measured at 1,000 articles: 8 s more for the images, 7 s less for the search step
 * after them, 0.3 GB more at the peak), so the search index waits for Astro. Astro's first image line
 * tells which case it is. Without these lines (no images, or an Astro that words them differently)
 * nothing starts early.
 */
const IMAGES_BANNER = 'generating optimized images';
const CACHED_IMAGE = /\((?:reused|revalidated) cache entry\)/;
const ENCODED_IMAGE = /\(before: \d+kB, after: \d+kB\)/;
/**
 * The head start adds a Pagefind run to the build's memory: 0.32 GB for a shard of 264 articles, plus
 * its Node process. It only starts when the build (this process and all below it, read from /proc) and
 * that estimate fit under BUILD_MEMORY_BUDGET_MB (default 1536). At 1,000 articles the build holds about
 * 0.7 GB when the images start; at 5,000 Astro alone holds 1.3 GB, so the search index is built after it.
 */
const PREPARE_BYTES = 0.5 * 2 ** 30;
const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GB`;
/** Starts the search head start, or says why not. */
const startPrepare = () => {
  const used = treeUsage()?.rssBytes;
  if (used !== undefined && used + PREPARE_BYTES > budgetMb * 2 ** 20) {
    log(`no search head start: the build holds ${gb(used)}, and a Pagefind run beside it (about ${gb(PREPARE_BYTES)}) would pass BUILD_MEMORY_BUDGET_MB=${budgetMb}`);
    return undefined;
  }
  const child = start('search:index', { args: ['--prepare', '--concurrency', '1'], detached: true });
  return { child, done: exitCode(child, 'search:index --prepare') };
};
const astro = start('build:astro', { stdout: 'pipe' });
let prepare: { child: ChildProcess; done: Promise<number> } | undefined;
/** Stops the head start with everything it started (its own process group: shell, Node and Pagefind). */
const stopPrepare = () => {
  if (prepare?.child.pid && prepare.child.exitCode === null) {
    try {
      process.kill(-prepare.child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopPrepare();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}
/** Astro's output since the last thing looked for (a line may arrive in pieces). */
let seen = '';
let stage: 'pages' | 'images' | 'decided' = 'pages';
astro.stdout!.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (stage === 'decided') return;
  seen += chunk.toString('utf8');
  if (stage === 'pages' && seen.includes(IMAGES_BANNER)) {
    stage = 'images';
    seen = seen.slice(seen.indexOf(IMAGES_BANNER));
  }
  if (stage === 'images') {
    const cached = CACHED_IMAGE.exec(seen)?.index ?? Infinity;
    const encoded = ENCODED_IMAGE.exec(seen)?.index ?? Infinity;
    if (cached < encoded) {
      stage = 'decided';
      prepare = startPrepare();
    } else if (encoded < cached) {
      stage = 'decided';
      log('search index after Astro: Astro is encoding images, which keeps the cores busy');
    }
  }
  seen = seen.slice(-200);
});
const astroCode = await exitCode(astro, 'build:astro');
if (astroCode !== 0) {
  stopPrepare();
  process.exit(astroCode);
}
// Its exit code does not matter: a failed head start is not a failed build, and the search index step
// below reports real problems itself.
await prepare?.done;
if (keepOutDir) {
  // Before the search index, which reads every article page in the out dir (and rewrites pagefind/ whole).
  const pages = new Set(JSON.parse(readFileSync(builtPagesFile, 'utf8')) as string[]);
  const removed = removeLeftovers(outDir, previous.output, listOutput(outDir), (file) => pages.has(file) || file.startsWith('pagefind/'));
  if (removed.length) log(`removed ${removed.length} file(s) the previous build wrote and this one no longer has`);
}
await run('search:index');

const output = listOutput(outDir);
linkTree(outDir, kept, Object.keys(output));
writeRecord(recordFile, {
  version: RECORD_VERSION,
  fingerprint: inputs.fingerprint,
  outDir,
  builtAt: now.toISOString(),
  year,
  nextScheduled: nextScheduled(now)?.toISOString(),
  output,
  inputs: inputs.hashes,
});
log(`built in ${seconds(started)}; kept ${Object.keys(output).length} output files for an unchanged rebuild`);

/**
 * The earliest date of a post that is not a draft and not yet published at `at`. Reads only the start of
 * each post (front matter comes first), so it stays quick on a large archive.
 */
function nextScheduled(at: Date): Date | undefined {
  let next: Date | undefined;
  for (const file of postPaths()) {
    const fields = scheduleFields(readHead(file));
    if (!fields || fields.draft === true) continue;
    const date = parseFrontMatterDate(fields.date);
    if (date && date > at && (!next || date < next)) next = date;
  }
  return next;
}

/**
 * `date` and `draft` of a post. YAML front matter is the common case and is read line by line (a full YAML
 * parse of every post took seconds at 5,000 posts); the two keys are plain scalars there. TOML and JSON
 * front matter are parsed whole. Undefined for a post the build has already rejected.
 */
function scheduleFields(source: string): { date?: unknown; draft?: unknown } | undefined {
  const doc = splitDocument(source);
  if (doc.format === 'yaml') {
    const value = (key: string) => new RegExp(`^${key}:[ \\t]*(.*?)[ \\t]*$`, 'm').exec(doc.raw)?.[1].replace(/^(["'])(.*)\1$/, '$2');
    return { date: value('date'), draft: value('draft') === 'true' };
  }
  try {
    return parseFrontMatter(doc);
  } catch {
    return undefined;
  }
}

/** The first 16 KB of a file, or all of it when its front matter runs longer. */
function readHead(file: string): string {
  const head = Buffer.alloc(16 * 1024);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const text = head.subarray(0, read).toString('utf8');
  return read === head.length && splitDocument(text).format === 'none' ? readFileSync(file, 'utf8') : text;
}
