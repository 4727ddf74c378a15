import { buildFixture } from './build-fixture';
import { SITE_SEARCH_SHARD_SIZE } from './fixture';

/**
 * Builds the shared fixture site once for every build and e2e test. A small search shard size splits
 * its 11 articles into 8 search shards (one of them empty), so search always runs over merged shards.
 */
export default function setup() {
  buildFixture('site', { SEARCH_SHARD_SIZE: String(SITE_SEARCH_SHARD_SIZE) });
}
