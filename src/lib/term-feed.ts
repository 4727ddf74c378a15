import { site } from '../site.config';
import type { FeedSpec } from './feed-render';
import type { FeedLink } from './seo';
import type { TaxonomyDef, TaxonomyTerms, Term } from './taxonomy';
import { termFeedUrl } from './urls';
import { cacheKey } from './cache-key';
import { newest } from './feed';

/** Channel title of a term's feed, also the title of the `<link rel="alternate">` on the term page. */
export const termFeedTitle = (taxonomy: TaxonomyDef, term: Term) => `${taxonomy.label}：${term.label}｜${site.title}`;

export function termFeedLink(taxonomy: TaxonomyDef, term: Term): FeedLink {
  return { title: termFeedTitle(taxonomy, term), href: termFeedUrl(taxonomy.key, term.slug) };
}

export function termFeedSpec(taxonomy: TaxonomyDef, term: Term): FeedSpec {
  return {
    title: termFeedTitle(taxonomy, term),
    description: `${site.title}中${taxonomy.label}「${term.label}」的最新文章。`,
    feedPath: termFeedUrl(taxonomy.key, term.slug),
    pagePath: term.href,
    posts: term.posts,
  };
}

/** Static paths of every term feed: `/<taxonomy>/<term>/index.xml`, one per term page. */
export function termFeedPaths(all: TaxonomyTerms[]) {
  return all.flatMap(({ taxonomy, terms }) =>
    terms.map((term) => {
      const spec = termFeedSpec(taxonomy, term);
      // Only the newest `feedSize` posts become items; older posts changing leaves the feed as it was.
      return { params: { taxonomy: taxonomy.key, term: term.slug }, props: { spec }, cacheKey: cacheKey({ ...spec, posts: newest(spec.posts, site.feedSize) }) };
    }),
  );
}
