import { describe, expect, it } from 'vitest';
import { bundleUrl, DEFAULT_SHARD_SIZE, fnv1a32, planShards, shardCount, shardOf, shardSizeFrom } from '../../src/lib/search-shards';

/** Ids shaped like the benchmark corpus's: a date, then a running number. */
const benchIds = (n: number) => Array.from({ length: n }, (_, i) => `2024${String(101 + (i % 28)).padStart(4, '0')}-bench-${String(i + 1).padStart(5, '0')}`);

describe('shardCount', () => {
  it.each([
    [0, 1],
    [1, 1],
    [DEFAULT_SHARD_SIZE, 1],
    [DEFAULT_SHARD_SIZE + 1, 2],
    [2 * DEFAULT_SHARD_SIZE, 2],
    [2 * DEFAULT_SHARD_SIZE + 1, 4],
    [1000, 4],
    [1600, 4],
    [1601, 8],
    [5000, 16],
    [6400, 16],
    [6401, 32],
  ])('%i articles with the default shard size make %i shard(s)', (articles, count) => {
    expect(shardCount(articles, DEFAULT_SHARD_SIZE)).toBe(count);
  });

  it('is the next power of two of ceil(articles / size) for a small size', () => {
    expect([1, 2, 3, 4, 5, 7, 8, 9].map((n) => shardCount(n, 2))).toEqual([1, 1, 2, 2, 4, 4, 4, 8]);
  });

  it('refuses a size below 1 and a negative or fractional article count', () => {
    expect(() => shardCount(10, 0)).toThrow(/shardSize/);
    expect(() => shardCount(-1, 400)).toThrow(/articles/);
    expect(() => shardCount(1.5, 400)).toThrow(/articles/);
  });
});

describe('shardSizeFrom (SEARCH_SHARD_SIZE)', () => {
  it('defaults to 400 when unset or empty', () => {
    expect(DEFAULT_SHARD_SIZE).toBe(400);
    expect(shardSizeFrom(undefined)).toBe(400);
    expect(shardSizeFrom('')).toBe(400);
    expect(shardSizeFrom('  ')).toBe(400);
  });

  it('reads a whole number', () => {
    expect(shardSizeFrom('2')).toBe(2);
    expect(shardSizeFrom(' 250 ')).toBe(250);
  });

  it.each(['0', '-3', '1.5', 'abc', '4e2', '99999999999999999999'])('refuses %j, naming the variable', (value) => {
    expect(() => shardSizeFrom(value)).toThrow(`SEARCH_SHARD_SIZE must be a whole number of articles per search shard (1 or more), got "${value}"`);
  });
});

describe('fnv1a32', () => {
  it('matches the published FNV-1a test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes, so Chinese ids are stable too', () => {
    expect(fnv1a32('小模型')).toBe(fnv1a32('小模型'));
    expect(fnv1a32('小模型')).not.toBe(fnv1a32('大模型'));
  });
});

describe('shardOf', () => {
  it('assigns a post the same shard on every call and every machine (pinned values)', () => {
    // Changing these re-shuffles every site's shards and empties the search cache: do it on purpose only.
    const ids = ['hugo-typical', 'taipei-morning', 'date-only', '2024/新文章'];
    expect(ids.map((id) => fnv1a32(id))).toEqual([0xbce5b141, 0xe6bd3328, 0x8d660756, 0xaa09484f]);
    expect(ids.map((id) => shardOf(id, 4))).toEqual([1, 0, 2, 3]);
    expect(ids.map((id) => shardOf(id, 16))).toEqual([1, 8, 6, 15]);
    expect(ids.map((id) => shardOf(id, 16))).toEqual(ids.map((id) => shardOf(id, 16)));
  });

  it('puts every post in shard 0 when there is one shard', () => {
    expect(benchIds(50).every((id) => shardOf(id, 1) === 0)).toBe(true);
  });

  it('moves a post from shard k only to k or k + K when K doubles', () => {
    for (const id of benchIds(500)) {
      const k = shardOf(id, 4);
      expect([k, k + 4]).toContain(shardOf(id, 8));
    }
  });

  it('spreads 1,000 and 5,000 benchmark-style ids evenly', () => {
    const sizes = (n: number) => planShards(benchIds(n), DEFAULT_SHARD_SIZE).shards.map((s) => s.length);
    const at1000 = sizes(1000);
    expect(at1000).toHaveLength(4);
    expect(Math.min(...at1000)).toBeGreaterThan(200);
    expect(Math.max(...at1000)).toBeLessThan(300);
    const at5000 = sizes(5000);
    expect(at5000).toHaveLength(16);
    expect(Math.min(...at5000)).toBeGreaterThan(250);
    expect(Math.max(...at5000)).toBeLessThan(375);
  });

  it('refuses a shard count below 1', () => {
    expect(() => shardOf('x', 0)).toThrow(/count/);
  });
});

describe('planShards', () => {
  const ids = ['bundled-post', 'components', 'date-only', 'feed-edge-cases', 'hugo-typical', 'taipei-morning', 'updated-post'];

  it('puts every id in exactly one shard, sorted, and lists only the shards that hold articles', () => {
    const plan = planShards([...ids].reverse(), 2);
    expect(plan.count).toBe(4);
    expect(plan.shards.flat().sort()).toEqual(ids);
    for (const shard of plan.shards) expect(shard).toEqual([...shard].sort());
    plan.shards.forEach((shard, k) => shard.forEach((id) => expect(shardOf(id, 4)).toBe(k)));
    expect(plan.bundles).toEqual(plan.shards.flatMap((s, k) => (s.length ? [`/pagefind/${k}/`] : [])));
  });

  it('keeps the other posts where they were when one is added and K stays the same', () => {
    const before = planShards(ids, 2);
    const after = planShards([...ids, 'a-new-post'], 2);
    expect(after.count).toBe(before.count);
    after.shards.forEach((shard, k) => expect(shard.filter((id) => id !== 'a-new-post')).toEqual(before.shards[k]));
  });

  it('has one shard at the shard size and two just above it', () => {
    expect(planShards(benchIds(1), 400).count).toBe(1);
    expect(planShards(benchIds(400), 400).count).toBe(1);
    expect(planShards(benchIds(401), 400).count).toBe(2);
    expect(planShards(benchIds(1000), 400).count).toBe(4);
    expect(planShards(benchIds(5000), 400).count).toBe(16);
  });

  it('has no bundle for a site with no articles', () => {
    expect(planShards([], 400)).toEqual({ count: 1, shards: [[]], bundles: [] });
  });

  it('names bundle folders with the trailing slash mergeIndex needs', () => {
    // Without it, "/pagefind/1" would be a prefix of "/pagefind/10/" and Pagefind would skip the merge.
    expect(bundleUrl(1)).toBe('/pagefind/1/');
    expect(bundleUrl(10)).toBe('/pagefind/10/');
  });
});
