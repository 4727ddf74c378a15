import { site } from '../site.config';
import type { FeedSpec } from './feed-render';
import type { Post } from './posts';
import { getListedPosts } from './posts';
import { getAllTerms, type TaxonomyTerms } from './taxonomy';
import { termFeedSpec } from './term-feed';
import { homeUrl, siteFeedUrl, type TaxonomyKey } from './urls';

/** The site feed: every listed post, at Hugo's `/index.xml`. */
export function siteFeedSpec(posts: Post[]): FeedSpec {
  return { title: site.title, description: site.description, feedPath: siteFeedUrl(), pagePath: homeUrl(), posts };
}

/** One feed the site emits, as the subscribe page and the OPML list it. */
export interface FeedEntry {
  /** Site path of the feed (`/index.xml`, `/tags/%E5%B0%8F.../index.xml`), percent-encoded. */
  url: string;
  /** The feed's channel title, e.g. 標籤：小模型｜AI 產業筆記. */
  title: string;
  /** Short name within its group: the term's label, or 全站文章 for the site feed. */
  label: string;
  /** Site path of the page the feed mirrors. */
  pageUrl: string;
  /** Published articles the feed draws from (the feed itself holds at most `site.feedSize`). */
  count: number;
}

/** Feeds of one kind: the site feed, or every term feed of one taxonomy. */
export interface FeedGroup {
  key: 'site' | TaxonomyKey;
  /** zh-TW name of the group (全站, 分類, 標籤…). */
  label: string;
  feeds: FeedEntry[];
}

const entry = (spec: FeedSpec, label: string): FeedEntry => ({
  url: spec.feedPath,
  title: spec.title,
  label,
  pageUrl: spec.pagePath,
  count: spec.posts.length,
});

/**
 * Every feed the build emits, grouped: the site feed first, then one group per taxonomy in `TAXONOMIES`
 * order with its terms in term-page order. Built from the same specs the feed routes render, so a feed
 * is listed exactly when it exists. A taxonomy without terms has no group.
 */
export function feedGroups(posts: Post[], all: TaxonomyTerms[]): FeedGroup[] {
  const groups: FeedGroup[] = [{ key: 'site', label: '全站', feeds: [entry(siteFeedSpec(posts), '全站文章')] }];
  for (const { taxonomy, terms } of all) {
    if (terms.length === 0) continue;
    groups.push({ key: taxonomy.key, label: taxonomy.label, feeds: terms.map((term) => entry(termFeedSpec(taxonomy, term), term.label)) });
  }
  return groups;
}

/** The feed groups of this build; see `feedGroups`. */
export async function getFeedGroups(): Promise<FeedGroup[]> {
  const [posts, all] = await Promise.all([getListedPosts(), getAllTerms()]);
  return feedGroups(posts, all);
}
