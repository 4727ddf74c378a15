/**
 * The sharded, cached Pagefind index (see src/lib/search-shards.ts for how articles are split).
 *
 * Each shard is indexed by the Pagefind CLI on a staging folder that holds hard links to just that
 * shard's article pages at their own paths (so result URLs stay /posts/<id>/), and written to
 * `<out>/pagefind/<k>/`. Every shard's bundle is kept in a cache folder under a key made of the
 * Pagefind version, its options, the shard count and the shard's (path, content hash) list, so a later
 * build copies unchanged shards instead of indexing them again.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants, cpSync, existsSync, copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { planShards, SHARD_SIZE_ENV, type ShardPlan } from '../../src/lib/search-shards.ts';
import { processAlive } from '../../src/lib/process.ts';

/** Bump when the layout of a cache entry or the meaning of its key changes. */
const CACHE_SCHEME = 2;

/** Folder of the articles in the built site: `<out>/posts/<id>/index.html`. */
const ARTICLES_DIR = 'posts';
/** The search page, whose attributes say how the page split the articles (SearchBox.astro). */
const SEARCH_PAGE = 'search/index.html';
/** An element carrying Pagefind's body marker: the one thing that makes a page an article to index. */
const BODY_MARKER = /<[a-z][^>]*\sdata-pagefind-body[\s=>]/i;
/** Config files the Pagefind CLI reads from its working directory; their content is part of the key. */
const PAGEFIND_CONFIG_FILES = ['pagefind.json', 'pagefind.toml', 'pagefind.yml', 'pagefind.yaml'];

/** A clear, expected failure: the CLI prints the message without a stack trace and exits 1. */
export class SearchIndexError extends Error {}

export interface Article {
  /** The post id, from the page's folder: `posts/<id>/index.html`. */
  id: string;
  /** Path relative to the out dir, POSIX separators. */
  file: string;
  /** sha256 of the page's bytes. */
  hash: string;
}

export interface IndexerOptions {
  /** The built site (`$ASTRO_OUT_DIR` or `dist`). */
  outDir: string;
  /** Where shard bundles are cached (`${ASTRO_CACHE_DIR:-.build-cache}/pagefind`, scripts/lib/cache-dir.ts). */
  cacheDir: string;
  shardSize: number;
  /** How many Pagefind processes run at once. */
  concurrency: number;
  /** Working directory of Pagefind (its config files are read from there). */
  cwd: string;
  /** Called with each finished shard, in the order they finish. */
  onShard?: (shard: ShardResult) => void;
}

export interface ShardResult {
  shard: number;
  articles: number;
  status: 'indexed' | 'reused';
  /** Wall seconds of the Pagefind run (indexed) or of the copy from the cache (reused). */
  seconds: number;
}

export interface IndexerReport {
  articles: number;
  plan: ShardPlan;
  pagefind: string;
  shards: ShardResult[];
  /** Cache entries removed because no current shard uses them. */
  pruned: number;
  /** Bytes of the search bundles written into the out dir. */
  bytes: number;
  timings: { scan: number; index: number; copy: number; total: number };
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Every article page in the built site (a page under posts/ with Pagefind's body marker), sorted by path. */
export function findArticles(outDir: string): Article[] {
  const root = path.join(outDir, ARTICLES_DIR);
  if (!existsSync(root)) return [];
  const articles: Article[] = [];
  for (const rel of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (path.basename(rel) !== 'index.html') continue;
    const full = path.join(root, rel);
    if (!statSync(full).isFile()) continue;
    const bytes = readFileSync(full);
    // Alias redirect pages can live under posts/ too; only articles carry the marker.
    if (!BODY_MARKER.test(bytes.toString('utf8'))) continue;
    const id = path.dirname(rel).split(path.sep).join('/');
    articles.push({ id, file: `${ARTICLES_DIR}/${id}/index.html`, hash: sha256(bytes) });
  }
  return articles.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export interface RenderedPlan {
  articles: number;
  count: number;
  bundles: string[];
}

/** What the search page was rendered with: its article count, shard count and bundle URLs. */
export function readSearchPage(outDir: string): RenderedPlan {
  const file = path.join(outDir, SEARCH_PAGE);
  if (!existsSync(file)) throw new SearchIndexError(`the search page ${file} was not built; the search index needs it to know which shards to write`);
  const box = parse(readFileSync(file, 'utf8')).querySelector('[data-search]');
  const articles = Number(box?.getAttribute('data-search-articles'));
  const count = Number(box?.getAttribute('data-search-shards'));
  let bundles: unknown;
  try {
    bundles = JSON.parse(box?.getAttribute('data-search-bundles') ?? '');
  } catch {
    bundles = undefined;
  }
  if (!box || !Number.isInteger(articles) || !Number.isInteger(count) || !Array.isArray(bundles) || !bundles.every((b) => typeof b === 'string')) {
    throw new SearchIndexError(`${file}: expected an element with data-search-articles, data-search-shards and data-search-bundles (SearchBox.astro)`);
  }
  return { articles, count, bundles: bundles as string[] };
}

/** Fails unless the search page split the articles as the indexer does. */
export function checkRenderedPlan(rendered: RenderedPlan, articles: number, plan: ShardPlan, shardSize: number): void {
  const same = rendered.articles === articles && rendered.count === plan.count && rendered.bundles.join() === plan.bundles.join();
  if (same) return;
  throw new SearchIndexError(
    `the search page was built for ${rendered.count} search shard(s) over ${rendered.articles} article(s) (bundles ${rendered.bundles.join(' ') || 'none'}), ` +
      `but the built site has ${articles} article page(s), which make ${plan.count} shard(s) (bundles ${plan.bundles.join(' ') || 'none'}) ` +
      `with ${SHARD_SIZE_ENV}=${shardSize}. Run the indexer with the same ${SHARD_SIZE_ENV} as astro build, on the site that build wrote.`,
  );
}

export interface PagefindCli {
  binary: string;
  /** Identifies what the binary writes: its name (extended or not) and `--version`. */
  version: string;
}

/** The Pagefind binary the `pagefind` npm package runs (honours PAGEFIND_BINARY_PATH like its CLI). */
export async function resolvePagefind(): Promise<PagefindCli> {
  let binary: string;
  try {
    const resolver = new URL('./resolveBinary.js', import.meta.resolve('pagefind'));
    const { resolveBinaryPath } = (await import(resolver.href)) as { resolveBinaryPath: (names: string[]) => string };
    binary = resolveBinaryPath(['pagefind_extended', 'pagefind']);
  } catch (err) {
    throw new SearchIndexError(`cannot find the Pagefind binary of the pagefind npm package: ${(err as Error).message}`);
  }
  const run = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (run.status !== 0) throw new SearchIndexError(`${binary} --version failed (exit ${run.status}): ${run.error?.message ?? run.stderr}`);
  return { binary, version: `${path.basename(binary)}: ${run.stdout.trim()}` };
}

/** The Pagefind command line for one shard. */
export function pagefindArgs(site: string, output: string): string[] {
  return ['--site', site, '--output-path', output];
}

/** Everything besides the articles that shapes a bundle: binary, arguments, config files and PAGEFIND_* variables. */
export function pagefindSettings(cli: PagefindCli, cwd: string): unknown {
  const config = PAGEFIND_CONFIG_FILES.filter((name) => existsSync(path.join(cwd, name))).map((name) => [name, sha256(readFileSync(path.join(cwd, name)))]);
  const env = Object.entries(process.env)
    .filter(([name]) => name.startsWith('PAGEFIND_'))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return { version: cli.version, args: pagefindArgs('<site>', '<output>'), config, env };
}

/** The cache key of one shard's bundle. */
export function shardKey(settings: unknown, count: number, shard: number, articles: Article[]): string {
  const files = articles.map((a) => [a.file, a.hash]);
  return sha256(JSON.stringify({ scheme: CACHE_SCHEME, settings, count, shard, files })).slice(0, 32);
}

/** Pages Pagefind says it indexed in a bundle, over all its languages. */
export function bundlePageCount(bundle: string): number {
  const file = path.join(bundle, 'pagefind-entry.json');
  if (!existsSync(file)) throw new SearchIndexError(`${bundle} holds no pagefind-entry.json`);
  const entry = JSON.parse(readFileSync(file, 'utf8')) as { languages?: Record<string, { page_count?: number }> };
  return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
}

/** Every file of a bundle folder with the SHA-256 of its bytes, by path relative to it. */
function bundleFiles(bundle: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const rel of readdirSync(bundle, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(bundle, rel);
    if (statSync(full).isFile()) files[rel.split(path.sep).join('/')] = sha256(readFileSync(full));
  }
  return files;
}

/**
 * A cache entry to use as it is: its entry.json (written last, before the entry is renamed into place)
 * lists exactly the bundle's files with their hashes, for `expected` pages. A file missing, added,
 * truncated or changed since makes the entry unusable, and it is indexed again.
 */
function usableEntry(entry: string, expected: number): boolean {
  try {
    const meta = JSON.parse(readFileSync(path.join(entry, 'entry.json'), 'utf8')) as { articles?: unknown; files?: Record<string, string> };
    if (meta.articles !== expected || typeof meta.files !== 'object' || meta.files === null) return false;
    const actual = bundleFiles(path.join(entry, 'bundle'));
    const recorded = Object.entries(meta.files);
    return recorded.length === Object.keys(actual).length && recorded.every(([rel, hash]) => actual[rel] === hash) && 'pagefind.js' in actual;
  } catch {
    return false;
  }
}

function dirBytes(dir: string): number {
  let bytes = 0;
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(path.join(dir, rel));
    if (stat.isFile()) bytes += stat.size;
  }
  return bytes;
}

/**
 * Copies a bundle (reflink where the file system can, else bytes). Never hard links: the out dir is
 * handed to other tools and hosts, and a file changed in place there must not change the cache.
 */
function copyBundle(from: string, to: string): void {
  cpSync(from, to, { recursive: true, mode: constants.COPYFILE_FICLONE, errorOnExist: true, force: false });
}

/** Pagefind processes running now, so the indexer can stop them when it is stopped. */
const running = new Set<ChildProcess>();

/** Stops every Pagefind this process started (on SIGINT or SIGTERM, before it exits). */
export function stopPagefinds(): void {
  for (const child of running) child.kill('SIGKILL');
}

function runPagefind(cli: PagefindCli, site: string, output: string, cwd: string): Promise<{ code: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cli.binary, pagefindArgs(site, output), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    child.on('close', () => running.delete(child));
    let log = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, log }));
  });
}

/** Runs `task` over `items`, at most `limit` at a time; after a failure no new task starts. Rejects with every failure. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && !errors.length) {
      const item = items[next++];
      try {
        await task(item);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length === 1) throw errors[0];
  if (errors.length) throw new SearchIndexError(errors.map((e) => (e as Error).message).join('\n\n'));
}

/** Removes cache entries no current shard uses, and staging folders of indexer runs that are gone. */
function pruneCache(cacheDir: string, keep: Set<string>, ownStaging: string): number {
  let pruned = 0;
  for (const name of readdirSync(cacheDir)) {
    const full = path.join(cacheDir, name);
    if (full === ownStaging || keep.has(name)) continue;
    const staging = /^\.tmp-(\d+)-/.exec(name);
    if (staging && processAlive(Number(staging[1]))) continue;
    rmSync(full, { recursive: true, force: true });
    if (!staging) pruned++;
  }
  return pruned;
}

/** Fails unless Pagefind indexed exactly the shard's articles (it skips pages it is told to ignore). */
function checkPageCount(shard: number, bundle: string, expected: number): void {
  const pages = bundlePageCount(bundle);
  if (pages !== expected) throw new SearchIndexError(`search shard ${shard}: Pagefind indexed ${pages} page(s), expected ${expected} (bundle ${bundle})`);
}

interface PlannedShard {
  shard: number;
  files: Article[];
  /** The shard's cache entry folder. */
  entry: string;
}

/** The articles of the out dir as it is now, split into shards, each with its cache entry. */
async function planIndex(outDir: string, cacheDir: string, shardSize: number, cwd: string) {
  const articles = findArticles(outDir);
  const plan = planShards(
    articles.map((a) => a.id),
    shardSize,
  );
  checkRenderedPlan(readSearchPage(outDir), articles.length, plan, shardSize);
  const cli = await resolvePagefind();
  const settings = pagefindSettings(cli, cwd);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const shards: PlannedShard[] = plan.shards
    .map((ids, shard) => {
      const files = ids.map((id) => byId.get(id)!);
      return { shard, files, entry: path.join(cacheDir, shardKey(settings, plan.count, shard, files)) };
    })
    .filter((s) => s.files.length > 0);
  return { articles, plan, cli, shards };
}

/** The shards whose cache entry is missing or incomplete (an incomplete one is removed). */
function uncached(shards: PlannedShard[]): PlannedShard[] {
  return shards.filter((s) => {
    if (usableEntry(s.entry, s.files.length)) return false;
    rmSync(s.entry, { recursive: true, force: true });
    return true;
  });
}

/** Runs Pagefind on one shard's pages and stores the bundle as its cache entry; returns Pagefind's wall seconds. */
async function indexShard(cli: PagefindCli, s: PlannedShard, count: number, outDir: string, staging: string, cwd: string): Promise<number> {
  const site = path.join(staging, `site-${s.shard}`);
  const work = path.join(staging, `entry-${s.shard}`);
  for (const article of s.files) {
    const to = path.join(site, article.file);
    mkdirSync(path.dirname(to), { recursive: true });
    // A copy, not a link: a link would change the page's ctime while `npm run build` records the out dir.
    copyFileSync(path.join(outDir, article.file), to);
  }
  const runStarted = performance.now();
  const run = await runPagefind(cli, site, path.join(work, 'bundle'), cwd);
  const runSeconds = seconds(runStarted);
  rmSync(site, { recursive: true, force: true });
  if (run.code !== 0) {
    throw new SearchIndexError(`Pagefind failed on search shard ${s.shard} (${s.files.length} articles, exit ${run.code}):\n${run.log.trim()}`);
  }
  checkPageCount(s.shard, path.join(work, 'bundle'), s.files.length);
  // entry.json last, then one rename: a cache entry is complete or absent.
  const meta = { shard: s.shard, count, articles: s.files.length, pagefind: cli.version, seconds: runSeconds, files: bundleFiles(path.join(work, 'bundle')) };
  writeFileSync(path.join(work, 'entry.json'), `${JSON.stringify(meta, null, 2)}\n`);
  rmSync(s.entry, { recursive: true, force: true });
  renameSync(work, s.entry);
  return runSeconds;
}

const stagingFolder = (cacheDir: string) => path.join(cacheDir, `.tmp-${process.pid}-${Date.now().toString(36)}`);

/**
 * Builds `<out>/pagefind/<k>/` for every shard that holds articles, from the cache where it can. On any
 * failure the out dir is left without a search index, so a failed build cannot deploy a stale one.
 */
export async function buildSearchIndex(options: IndexerOptions): Promise<IndexerReport> {
  const started = performance.now();
  const { outDir, cacheDir, shardSize, concurrency, cwd } = options;
  const bundleRoot = path.join(outDir, 'pagefind');
  rmSync(bundleRoot, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const staging = stagingFolder(cacheDir);

  try {
    const { articles, plan, cli, shards } = await planIndex(outDir, cacheDir, shardSize, cwd);
    const scanSeconds = seconds(started);

    mkdirSync(bundleRoot, { recursive: true });
    const results: ShardResult[] = [];
    let copySeconds = 0;
    const finish = (s: PlannedShard, status: ShardResult['status'], runSeconds: number) => {
      const copyStarted = performance.now();
      copyBundle(path.join(s.entry, 'bundle'), path.join(bundleRoot, String(s.shard)));
      const copied = seconds(copyStarted);
      copySeconds += copied;
      const result: ShardResult = { shard: s.shard, articles: s.files.length, status, seconds: status === 'indexed' ? runSeconds : copied };
      results.push(result);
      options.onShard?.(result);
    };

    const toIndex = uncached(shards);
    for (const s of shards) if (!toIndex.includes(s)) finish(s, 'reused', 0);

    const indexStarted = performance.now();
    await pool(toIndex, concurrency, async (s) => finish(s, 'indexed', await indexShard(cli, s, plan.count, outDir, staging, cwd)));
    const indexSeconds = toIndex.length ? seconds(indexStarted) : 0;

    const missing = plan.bundles.filter((url) => !existsSync(path.join(outDir, url, 'pagefind.js')));
    if (missing.length) throw new SearchIndexError(`search bundles missing after indexing: ${missing.join(', ')}`);
    const pruned = pruneCache(cacheDir, new Set(shards.map((s) => path.basename(s.entry))), staging);
    results.sort((a, b) => a.shard - b.shard);
    return {
      articles: articles.length,
      plan,
      pagefind: cli.version,
      shards: results,
      pruned,
      bytes: dirBytes(bundleRoot),
      timings: { scan: scanSeconds, index: indexSeconds, copy: copySeconds, total: seconds(started) },
    };
  } catch (err) {
    rmSync(bundleRoot, { recursive: true, force: true });
    throw err;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
