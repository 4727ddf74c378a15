/**
 * How the search index is split into shards: one Pagefind bundle per shard at `/pagefind/<k>/`.
 *
 * Pagefind has no incremental mode, so the indexer (`scripts/search-index.ts`) indexes each shard on its
 * own and reuses the shards whose articles did not change. The search page (`SearchBox.astro`) loads the
 * first bundle and merges the others into it. Both compute the shards here, from the published post ids,
 * and the indexer checks that the page was built with the same result.
 *
 * A post's shard is a hash of its id, so adding or editing one post changes one shard. The shard count is a
 * power of two that grows with the site (1 up to SHARD_SIZE articles, 4 at 1,000, 16 at 5,000), so it
 * changes rarely; when it doubles, a post stays in shard k or moves to k + K (the hash's next bit).
 *
 * Pure TypeScript with no Astro imports: Node runs it directly in the indexer.
 */

/** Articles per shard the count is sized for (a shard holds about half to all of this). */
export const DEFAULT_SHARD_SIZE = 400;

/** Environment variable that overrides DEFAULT_SHARD_SIZE, for the build and the indexer alike. */
export const SHARD_SIZE_ENV = 'SEARCH_SHARD_SIZE';

/** URL folder under which shard k's bundle lives, at `${BUNDLE_ROOT}${k}/`. */
export const BUNDLE_ROOT = '/pagefind/';

/**
 * Reads the shard size from the environment variable's value; unset or empty means the default.
 * Throws on anything but a whole number ≥ 1.
 */
export function shardSizeFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SHARD_SIZE;
  const text = value.trim();
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new Error(`${SHARD_SIZE_ENV} must be a whole number of articles per search shard (1 or more), got "${value}"`);
  }
  return Number(text);
}

/** The number of shards for `articles` articles: the next power of two ≥ ceil(articles / shardSize), at least 1. */
export function shardCount(articles: number, shardSize: number): number {
  if (!Number.isSafeInteger(articles) || articles < 0) throw new Error(`shardCount: articles must be a whole number ≥ 0, got ${articles}`);
  if (!Number.isSafeInteger(shardSize) || shardSize < 1) throw new Error(`shardCount: shardSize must be a whole number ≥ 1, got ${shardSize}`);
  const needed = Math.max(1, Math.ceil(articles / shardSize));
  let count = 1;
  while (count < needed) count *= 2;
  return count;
}

/** 32-bit FNV-1a of the UTF-8 bytes of `text`, as an unsigned integer. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The shard (0 … count − 1) of the post with this id. */
export function shardOf(postId: string, count: number): number {
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`shardOf: count must be a whole number ≥ 1, got ${count}`);
  return fnv1a32(postId) % count;
}

/** URL of shard k's Pagefind bundle folder, with the trailing slash Pagefind's mergeIndex needs. */
export function bundleUrl(shard: number): string {
  return `${BUNDLE_ROOT}${shard}/`;
}

export interface ShardPlan {
  /** K: how many shards the site is split into. */
  count: number;
  /** Post ids in each shard (index = shard number), sorted. A shard can be empty on a small site. */
  shards: string[][];
  /** Bundle URLs of the shards that hold at least one article, in shard order: what the search page loads. */
  bundles: string[];
}

/** Splits the published post ids into shards. */
export function planShards(postIds: readonly string[], shardSize: number): ShardPlan {
  const count = shardCount(postIds.length, shardSize);
  const shards: string[][] = Array.from({ length: count }, () => []);
  for (const id of postIds) shards[shardOf(id, count)].push(id);
  for (const ids of shards) ids.sort();
  const bundles = shards.flatMap((ids, k) => (ids.length ? [bundleUrl(k)] : []));
  return { count, shards, bundles };
}
