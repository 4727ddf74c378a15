/**
 * Builds the sharded Pagefind search index of a built site; `npm run build` runs it after Astro.
 * Usage: npm run search:index [-- --concurrency N]
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { SHARD_SIZE_ENV, shardSizeFrom } from '../src/lib/search-shards.ts';
import { resolveCacheDir } from './lib/cache-dir.ts';
import { dim, fail, parseCli } from './lib/cli.ts';
import { buildSearchIndex, SearchIndexError, stopPagefinds, type ShardResult } from './lib/search-index.ts';

const USAGE = `
建立站內搜尋索引 / Build the search index.

用法 Usage:
  npm run search:index [-- --concurrency N]

讀取 $ASTRO_OUT_DIR（預設 dist）裡的文章頁，依文章 id 分成數個分片，每個分片各用 Pagefind 建一份索引，
寫到 <out>/pagefind/<k>/。內容沒變的分片直接從快取（$ASTRO_CACHE_DIR/pagefind，預設
.build-cache/pagefind）複製。${SHARD_SIZE_ENV} 設定每個分片約幾篇文章（預設 400），
必須和 astro build 時相同。
Splits the article pages of $ASTRO_OUT_DIR (default dist) into shards by post id and indexes each shard
with Pagefind into <out>/pagefind/<k>/, copying unchanged shards from the cache ($ASTRO_CACHE_DIR/pagefind,
default .build-cache/pagefind). ${SHARD_SIZE_ENV} (default 400) must match the astro build's.

選項 Options:
  --concurrency N   同時執行幾個 Pagefind（預設 2，單核心機器為 1）/ Pagefind processes at once (default 2, 1 on one core)
`;

const { values } = parseCli(USAGE, { concurrency: { type: 'string' } });
// Two Pagefind processes keep both cores of the build machines busy; one per core at most elsewhere.
const concurrency = Number(values.concurrency ?? Math.min(2, availableParallelism()));
if (!Number.isInteger(concurrency) || concurrency < 1) fail(`--concurrency must be a whole number ≥ 1, got "${values.concurrency}"`);

const cwd = process.cwd();
const outDir = path.resolve(cwd, process.env.ASTRO_OUT_DIR || 'dist');
const cacheDir = path.join(resolveCacheDir(cwd), 'pagefind');
let shardSize: number;
try {
  shardSize = shardSizeFrom(process.env[SHARD_SIZE_ENV]);
} catch (err) {
  fail((err as Error).message);
}

const log = (line: string) => process.stdout.write(`[search] ${line}\n`);
const s = (value: number) => `${value.toFixed(2)} s`;
const describe = (r: ShardResult) => `shard ${r.shard}: ${r.articles} article(s), ${r.status} ${dim(r.status === 'indexed' ? `in ${s(r.seconds)}` : `(copied in ${s(r.seconds)})`)}`;

// Stopped (Ctrl-C, or `npm run build` passing a signal on): no Pagefind outlives the indexer.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    stopPagefinds();
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const)[signal]);
  });
}

try {
  log(`indexing ${path.relative(cwd, outDir) || '.'} (cache ${path.relative(cwd, cacheDir)}, ${SHARD_SIZE_ENV}=${shardSize}, ${concurrency} at a time)`);
  const report = await buildSearchIndex({ outDir, cacheDir, shardSize, concurrency, cwd, onShard: (r) => log(describe(r)) });
  const indexed = report.shards.filter((r) => r.status === 'indexed');
  const pagefindSeconds = indexed.reduce((sum, r) => sum + r.seconds, 0);
  const { scan, index, copy, total } = report.timings;
  log(
    `${report.articles} article(s) in ${report.plan.count} shard(s) (${report.shards.length} with articles): ` +
      `${indexed.length} indexed, ${report.shards.length - indexed.length} reused; ${(report.bytes / 1e6).toFixed(1)} MB; ` +
      `pruned ${report.pruned} stale cache entr${report.pruned === 1 ? 'y' : 'ies'}; ${report.pagefind}`,
  );
  log(`done in ${s(total)} ${dim(`(scan ${s(scan)}, Pagefind ${s(index)} wall / ${s(pagefindSeconds)} summed, copy ${s(copy)})`)}`);
} catch (err) {
  if (err instanceof SearchIndexError) fail(`search index: ${err.message}`);
  throw err;
}
