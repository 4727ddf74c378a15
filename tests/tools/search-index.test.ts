import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planShards, shardOf } from '../../src/lib/search-shards';
import { fixtureDirs, ROOT } from '../support/build-fixture';
import { PUBLISHED_POST_IDS, SITE_DIST, SITE_SEARCH_SHARD_SIZE } from '../support/fixture';
import { bundlePages } from '../support/pagefind';
import { treeSnapshot, type CliResult } from './cli';

/**
 * `npm run search:index` on a copy of the built fixture site, with its own cache: a second run reuses
 * every shard, and an edited article re-indexes exactly its own shard.
 */
const { base, dist, cache } = fixtureDirs('search-index');
const plan = planShards(PUBLISHED_POST_IDS, SITE_SEARCH_SHARD_SIZE);
const EDITED = 'hugo-typical';
const editedShard = shardOf(EDITED, plan.count);

function runIndexer(env: Record<string, string> = {}, args: string[] = []): CliResult {
  const result = spawnSync('npm', ['run', '--silent', 'search:index', ...(args.length ? ['--', ...args] : [])], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache, SEARCH_SHARD_SIZE: String(SITE_SEARCH_SHARD_SIZE), NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Shard number → "indexed" or "reused", from the indexer's per-shard lines. */
function shardStatus(stdout: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const m of stdout.matchAll(/^\[search\] shard (\d+): \d+ article\(s\), (indexed|reused)/gm)) out[Number(m[1])] = m[2];
  return out;
}

const shardsWithArticles = plan.shards.flatMap((ids, k) => (ids.length ? [k] : []));
const all = (status: string) => Object.fromEntries(shardsWithArticles.map((k) => [k, status]));
const cacheEntries = () => readdirSync(path.join(cache, 'pagefind')).filter((name) => !name.startsWith('.'));
const articleFile = (id: string) => path.join(dist, 'posts', id, 'index.html');

/** Replaces an article of the copy by a changed file (never edited in place); throws if nothing changed. */
function rewriteArticle(id: string, change: (html: string) => string): string {
  const before = readFileSync(articleFile(id), 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`rewriteArticle(${id}): the change matched nothing`);
  rmSync(articleFile(id));
  writeFileSync(articleFile(id), after);
  return before;
}

describe('npm run search:index', () => {
  let first: CliResult;
  let second: CliResult;
  let afterEdit: CliResult;
  let firstTree: Record<string, string>;
  let secondTree: Record<string, string>;

  beforeAll(() => {
    rmSync(base, { recursive: true, force: true });
    cpSync(SITE_DIST, dist, { recursive: true });
    first = runIndexer();
    firstTree = treeSnapshot(path.join(dist, 'pagefind'));
    second = runIndexer();
    secondTree = treeSnapshot(path.join(dist, 'pagefind'));
    rewriteArticle(EDITED, (html) => html.replace(/<div class="prose" data-pagefind-body[^>]*>/, '$&<p>獨角鯨測試詞</p>'));
    afterEdit = runIndexer();
  });

  it('indexes every shard that holds articles on the first run', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(shardStatus(first.stdout)).toEqual(all('indexed'));
    expect(first.stdout).toContain(`[search] 11 article(s) in 8 shard(s) (${shardsWithArticles.length} with articles): ${shardsWithArticles.length} indexed, 0 reused`);
  });

  it('reuses every shard when nothing changed, writing the same bundles', () => {
    expect(second.status).toBe(0);
    expect(shardStatus(second.stdout)).toEqual(all('reused'));
    expect(second.stdout).toContain(`0 indexed, ${shardsWithArticles.length} reused`);
    expect(Object.keys(secondTree).length).toBeGreaterThan(0);
    expect(secondTree).toEqual(firstTree);
  });

  it("re-indexes exactly the edited article's shard, with the new text", () => {
    expect(afterEdit.status).toBe(0);
    expect(shardStatus(afterEdit.stdout)).toEqual({ ...all('reused'), [editedShard]: 'indexed' });
    const page = bundlePages(path.join(dist, 'pagefind', String(editedShard))).find((p) => p.url === `/posts/${EDITED}/`);
    expect(page?.content.replaceAll('\u200B', '')).toContain('獨角鯨測試詞');
  });

  it('prunes the cache entry the edit made stale', () => {
    expect(afterEdit.stdout).toContain('pruned 1 stale cache entry');
    expect(cacheEntries()).toHaveLength(shardsWithArticles.length);
  });

  it('fails when the search page was built with another shard size, and names the variable', () => {
    const run = runIndexer({ SEARCH_SHARD_SIZE: '1' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the search page was built for 8 search shard(s) over 11 article(s)');
    expect(run.stderr).toContain('which make 16 shard(s)');
    expect(run.stderr).toContain('SEARCH_SHARD_SIZE=1');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a malformed SEARCH_SHARD_SIZE', () => {
    const run = runIndexer({ SEARCH_SHARD_SIZE: 'many' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SEARCH_SHARD_SIZE must be a whole number of articles per search shard (1 or more), got "many"');
  });

  it('fails with the count when Pagefind indexes fewer pages than the shard holds, leaving no index behind', () => {
    // Pagefind skips a page whose data-pagefind-body sits inside an element marked data-pagefind-ignore="all".
    const original = rewriteArticle(EDITED, (html) => html.replace(/<body\b/, '<body data-pagefind-ignore="all"'));
    const run = runIndexer();
    rewriteArticle(EDITED, () => original);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`search shard ${editedShard}: Pagefind indexed ${plan.shards[editedShard].length - 1} page(s), expected ${plan.shards[editedShard].length}`);
    expect(existsSync(path.join(dist, 'pagefind'))).toBe(false);
  });

  it("fails with Pagefind's own output when Pagefind fails", () => {
    const fake = path.join(base, 'failing-pagefind');
    writeFileSync(fake, '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "pagefind 0.0.0-test"; exit 0; fi\necho "Error: simulated Pagefind failure" >&2\nexit 3\n');
    chmodSync(fake, 0o755);
    const run = runIndexer({ PAGEFIND_BINARY_PATH: fake });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Pagefind failed on search shard \d+ \(\d+ articles, exit 3\):\nError: simulated Pagefind failure/);
    expect(existsSync(path.join(dist, 'pagefind'))).toBe(false);
  });

  it('fails when the search page is missing', () => {
    rmSync(path.join(dist, 'search'), { recursive: true });
    const run = runIndexer();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('search/index.html was not built');
  });
});

/**
 * A shard's cache entry is used only when its files are exactly those its entry.json lists, with the same
 * bytes: one with files deleted, cut short or added is indexed again, to the bundle a fresh run makes.
 */
describe('search cache entries are checked before use', () => {
  const own = fixtureDirs('search-verify');
  const indexer = () => runIndexer({ ASTRO_OUT_DIR: own.dist, ASTRO_CACHE_DIR: own.cache });
  const entryDirs = () => readdirSync(path.join(own.cache, 'pagefind')).filter((name) => !name.startsWith('.')).map((name) => path.join(own.cache, 'pagefind', name));
  const bundleFiles = (entry: string) =>
    readdirSync(path.join(entry, 'bundle'), { recursive: true, encoding: 'utf8' })
      .filter((rel) => statSync(path.join(entry, 'bundle', rel)).isFile())
      .sort();
  let fresh: Record<string, string>;

  beforeAll(() => {
    rmSync(own.base, { recursive: true, force: true });
    cpSync(SITE_DIST, own.dist, { recursive: true });
    rmSync(path.join(own.dist, 'pagefind'), { recursive: true });
    expect(indexer().status).toBe(0);
    fresh = treeSnapshot(path.join(own.dist, 'pagefind'));
  });

  it('reuses intact entries (positive control)', () => {
    const run = indexer();
    expect(run.stdout).toContain(`0 indexed, ${shardsWithArticles.length} reused`);
    expect(treeSnapshot(path.join(own.dist, 'pagefind'))).toEqual(fresh);
  });

  it('indexes again an entry with half its files deleted', () => {
    const [entry] = entryDirs();
    const files = bundleFiles(entry);
    expect(files.length).toBeGreaterThan(3);
    for (const rel of files.filter((_, i) => i % 2 === 0)) rmSync(path.join(entry, 'bundle', rel));
    const run = indexer();
    expect(run.stdout).toContain(`1 indexed, ${shardsWithArticles.length - 1} reused`);
    expect(treeSnapshot(path.join(own.dist, 'pagefind'))).toEqual(fresh);
  });

  it('indexes again an entry with a file cut short, or with a file added', () => {
    const [entry] = entryDirs();
    const victim = bundleFiles(entry).find((rel) => rel.endsWith('.pf_fragment'))!;
    truncateSync(path.join(entry, 'bundle', victim), 5);
    expect(indexer().stdout).toContain(`1 indexed, ${shardsWithArticles.length - 1} reused`);
    const [again] = entryDirs();
    writeFileSync(path.join(again, 'bundle', 'stray.txt'), 'not Pagefind’s');
    expect(indexer().stdout).toContain(`1 indexed, ${shardsWithArticles.length - 1} reused`);
    expect(treeSnapshot(path.join(own.dist, 'pagefind'))).toEqual(fresh);
  });
});
