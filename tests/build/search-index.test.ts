import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { planShards } from '../../src/lib/search-shards';
import { builtPage, PUBLISHED_POST_IDS, SITE_DIST, SITE_SEARCH_SHARD_SIZE } from '../support/fixture';
import { bundlePageCount, bundlePages, shardFolders } from '../support/pagefind';

const plan = planShards(PUBLISHED_POST_IDS, SITE_SEARCH_SHARD_SIZE);
const bundle = (k: number) => path.join(SITE_DIST, 'pagefind', String(k));

describe('the sharded search index of the fixture site', () => {
  it('splits the 11 articles into 8 shards, one of them empty', () => {
    expect(plan.count).toBe(8);
    expect(plan.shards.filter((s) => s.length === 0)).toHaveLength(1);
  });

  it('writes one bundle with a pagefind-entry.json for every shard that holds articles, and nothing else', () => {
    const withArticles = plan.shards.flatMap((ids, k) => (ids.length ? [k] : []));
    expect(shardFolders(SITE_DIST)).toEqual(withArticles);
    for (const k of withArticles) {
      expect(existsSync(path.join(bundle(k), 'pagefind-entry.json')), `shard ${k}`).toBe(true);
      expect(existsSync(path.join(bundle(k), 'pagefind.js')), `shard ${k}`).toBe(true);
    }
    expect(existsSync(path.join(SITE_DIST, 'pagefind', 'pagefind.js'))).toBe(false);
  });

  it('indexes each article once: the page counts add up to the number of articles', () => {
    const counts = shardFolders(SITE_DIST).map((k) => bundlePageCount(bundle(k)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(PUBLISHED_POST_IDS.length);
    shardFolders(SITE_DIST).forEach((k, i) => expect(counts[i], `shard ${k}`).toBe(plan.shards[k].length));
  });

  it("puts each article in its own shard's bundle under its own URL", () => {
    for (const k of shardFolders(SITE_DIST)) {
      expect(
        bundlePages(bundle(k)).map((p) => p.url),
        `shard ${k}`,
      ).toEqual(plan.shards[k].map((id) => `/posts/${id}/`));
    }
  });

  it('renders the shard plan into the search page for the script and the indexer', () => {
    const box = parse(builtPage('/search/')).querySelector('[data-search]');
    expect(box?.getAttribute('data-search-articles')).toBe('11');
    expect(box?.getAttribute('data-search-shards')).toBe('8');
    expect(JSON.parse(box?.getAttribute('data-search-bundles') ?? '')).toEqual(plan.bundles);
  });
});
