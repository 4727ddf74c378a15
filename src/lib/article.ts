import type { MarkdownHeading } from 'astro';
import type { Post } from './posts';
import type { Entities } from './entities';
import { readingTime } from './reading-time';
import { postUrl, termUrl, urlize, type TaxonomyKey } from './urls';

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

export interface ArticleData {
  readingMinutes: number;
  termGroups: TermGroup[];
  /** Older neighbour in publication order. */
  previous?: PostLink;
  /** Newer neighbour in publication order. */
  next?: PostLink;
  toc: TocEntry[];
}

/** A term's URL segment; a term that urlizes to nothing is a content error, never a page at `/tags//`. */
export function termSlug(term: string, field: string, postId: string): string {
  const slug = urlize(term);
  if (!slug) throw new Error(`posts/${postId}: ${field} "${term}" has no letters or digits to build a URL from`);
  return slug;
}

/** Links to every term of a post, grouped by taxonomy in reading order. Empty groups are left out. */
export function postTermGroups(post: Post, entities: Entities): TermGroup[] {
  const { data, id } = post;
  const groups: TermGroup[] = [
    { taxonomy: 'categories', label: '分類', terms: data.categories.map((t) => ({ label: t, href: termUrl('categories', termSlug(t, 'categories', id)) })) },
    {
      taxonomy: 'companies',
      label: '公司',
      terms: data.related_companies.map((slug) => ({ label: entities.companies.get(slug)?.data.name ?? slug, href: termUrl('companies', slug) })),
    },
    {
      taxonomy: 'people',
      label: '人物',
      terms: data.related_people.map((slug) => ({ label: entities.people.get(slug)?.data.name ?? slug, href: termUrl('people', slug) })),
    },
    { taxonomy: 'tags', label: '標籤', terms: data.tags.map((t) => ({ label: t, href: termUrl('tags', termSlug(t, 'tags', id)) })) },
  ];
  return groups.filter((g) => g.terms.length > 0);
}

const toLink = (post: Post | undefined): PostLink | undefined =>
  post && { title: post.data.title, href: postUrl(post.id) };

/** Everything an article page shows beyond the post itself; `published` is newest first. */
export function buildArticleData(post: Post, published: Post[], entities: Entities, headings: MarkdownHeading[]): ArticleData {
  const index = published.findIndex((p) => p.id === post.id);
  return {
    readingMinutes: readingTime(post.body ?? '').minutes,
    termGroups: postTermGroups(post, entities),
    previous: index >= 0 ? toLink(published[index + 1]) : undefined,
    next: index > 0 ? toLink(published[index - 1]) : undefined,
    toc: tocTree(headings.filter((h) => h.depth === 2 || h.depth === 3)),
  };
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
