import type { MarkdownHeading } from 'astro';
import { isFootnoteHeading } from './footnotes';
import type { Post } from './posts';
import type { Entities } from './entities';
import { READING_MINUTES, readingTime } from './reading-time';
import { postUrl, termUrl, type TaxonomyKey } from './urls';
import { TAXONOMIES, getTaxonomy, postTerms } from './taxonomy';
import { relatedPosts } from './related';
import { postBreadcrumbs, type Crumb } from './breadcrumbs';
import { cacheKey } from './cache-key';
import type { SiteMenus } from './menus';

export interface TermLink {
  label: string;
  href: string;
}

export interface TermGroup {
  taxonomy: TaxonomyKey;
  label: string;
  terms: TermLink[];
}

export interface PostLink {
  title: string;
  href: string;
}

export interface RelatedLink extends PostLink {
  date: Date;
}

export interface ArticleData {
  readingMinutes: number;
  termGroups: TermGroup[];
  /** Older neighbour in publication order. */
  previous?: PostLink;
  /** Newer neighbour in publication order. */
  next?: PostLink;
  toc: TocEntry[];
  /** 3–5 articles sharing the most companies, people, tags and categories; never this one. */
  related: RelatedLink[];
  /** The page of every article from this post's source, when it names one. */
  sourceHref?: string;
  /** 首頁 › category › this article. */
  breadcrumbs: Crumb[];
}

/** Links to every term of a post, grouped by taxonomy in reading order. Empty groups are left out. */
export function postTermGroups(post: Post, entities: Entities): TermGroup[] {
  return TAXONOMIES.filter((def) => def.inArticleTerms)
    .map((def) => ({
      taxonomy: def.key,
      label: def.label,
      terms: postTerms(post, def, entities).map((t) => ({ label: t.label, href: termUrl(def.key, t.slug) })),
    }))
    .filter((g) => g.terms.length > 0);
}

const toLink = (post: Post | undefined): PostLink | undefined =>
  post && { title: post.data.title, href: postUrl(post.id) };

/** Reading time, kept by the loader for Markdown posts (which drop their body) and counted here for MDX. */
export function readingMinutesOf(post: Post): number {
  const stored = post.rendered?.metadata?.[READING_MINUTES];
  return typeof stored === 'number' ? stored : readingTime(post.body ?? '').minutes;
}

const termHrefCache = new WeakMap<Post[], Set<string>>();

/** The term pages this build writes: every term of the listed posts. */
function termHrefs(listed: Post[]): Set<string> {
  let hrefs = termHrefCache.get(listed);
  if (!hrefs) {
    hrefs = new Set(listed.flatMap((post) => TAXONOMIES.flatMap((def) => postTerms(post, def).map((t) => termUrl(def.key, t.slug)))));
    termHrefCache.set(listed, hrefs);
  }
  return hrefs;
}

/**
 * Everything an article page shows beyond the post itself; `published` is the listed posts, newest
 * first. A post left out of lists (`build.list: never`) has no neighbours, and links only to the term
 * pages that listed posts make: a term only it has gets no page.
 */
export function buildArticleData(post: Post, published: Post[], entities: Entities, headings: MarkdownHeading[]): ArticleData {
  const index = published.findIndex((p) => p.id === post.id);
  const hasPage = index >= 0 ? () => true : (href: string) => termHrefs(published).has(href);
  return {
    readingMinutes: readingMinutesOf(post),
    termGroups: postTermGroups(post, entities)
      .map((group) => ({ ...group, terms: group.terms.filter((t) => hasPage(t.href)) }))
      .filter((group) => group.terms.length > 0),
    previous: index >= 0 ? toLink(published[index + 1]) : undefined,
    next: index > 0 ? toLink(published[index - 1]) : undefined,
    toc: tocTree(headings.filter((h) => (h.depth === 2 || h.depth === 3) && !isFootnoteHeading(h))),
    related: relatedPosts(post, published).map((p) => ({ title: p.data.title, href: postUrl(p.id), date: p.data.date })),
    breadcrumbs: postBreadcrumbs(post, hasPage),
    sourceHref: postTerms(post, getTaxonomy('sources'))
      .map((t) => termUrl('sources', t.slug))
      .filter(hasPage)[0],
  };
}

/**
 * The incremental-build key of an article page: the post itself, everything `buildArticleData` shows
 * about other posts and terms (neighbours, related articles, term labels), and the company and person
 * entries its structured data describes, and the site's header and footer links (`menus`). The table of
 * contents comes from the post's own body.
 */
export function articleCacheKey(post: Post, published: Post[], entities: Entities, menus: SiteMenus): string | undefined {
  const { toc: _toc, ...context } = buildArticleData(post, published, entities, []);
  const companies = post.data.related_companies.map((slug) => entities.companies.get(slug));
  const people = post.data.related_people.map((slug) => entities.people.get(slug));
  return cacheKey(post, context, companies, people, menus);
}

export interface TocEntry {
  depth: number;
  slug: string;
  text: string;
  children: TocEntry[];
}

/** Nests `###` headings under the `##` before them; a `###` before any `##` stands at the top level. */
export function tocTree(headings: MarkdownHeading[]): TocEntry[] {
  const tree: TocEntry[] = [];
  for (const { depth, slug, text } of headings) {
    const entry = { depth, slug, text, children: [] };
    const parent = tree.at(-1);
    if (depth === 3 && parent?.depth === 2) parent.children.push(entry);
    else tree.push(entry);
  }
  return tree;
}
