import type { Post } from './posts';
import { getListedPosts } from './posts';
import { cacheKey } from './cache-key';
import { getSiteMenus } from './menus';
import { getEntities, type Company, type Entities, type Person } from './entities';
import { paginate, type Page } from './pagination';
import { site } from '../site.config';
import { taxonomyUrl, termUrl, urlize, type TaxonomyKey } from './urls';

export type { TaxonomyKey } from './urls';

/** The post front-matter fields a taxonomy can read its terms from. */
type TermField = 'tags' | 'categories' | 'related_companies' | 'related_people' | 'source_name';

/**
 * How one taxonomy is read and shown. Free-text taxonomies (tags, categories, sources) build their URL
 * segment with Hugo's `urlize`; entity taxonomies (companies, people) use the slug of a YAML entry and
 * show its profile.
 */
export interface TaxonomyDef {
  key: TaxonomyKey;
  /** zh-TW name shown to readers (標籤). */
  label: string;
  /** One line under the index page heading. */
  description: string;
  /** Front-matter field holding the post's terms (a list, or one string for `source_name`). */
  field: TermField;
  /** The data collection whose entries the terms name; undefined for free-text terms. */
  entity?: 'companies' | 'people';
  /** Whether the article footer lists these terms (the source has its own card). */
  inArticleTerms: boolean;
}

/** Every taxonomy, in the order an article lists its terms. */
export const TAXONOMIES: readonly TaxonomyDef[] = [
  { key: 'categories', label: '分類', description: '依主題分類瀏覽文章。', field: 'categories', inArticleTerms: true },
  { key: 'companies', label: '公司', description: '文章提到的公司與組織。', field: 'related_companies', entity: 'companies', inArticleTerms: true },
  { key: 'people', label: '人物', description: '文章提到的人物。', field: 'related_people', entity: 'people', inArticleTerms: true },
  { key: 'tags', label: '標籤', description: '依關鍵字瀏覽文章。', field: 'tags', inArticleTerms: true },
  { key: 'sources', label: '來源', description: '文章摘要的 Podcast、演講與論文出處。', field: 'source_name', inArticleTerms: false },
];

export function getTaxonomy(key: string): TaxonomyDef {
  const def = TAXONOMIES.find((t) => t.key === key);
  if (!def) throw new Error(`unknown taxonomy "${key}"; expected one of ${TAXONOMIES.map((t) => t.key).join(', ')}`);
  return def;
}

/** One term as a post names it: its URL segment and the spelling this post uses. */
export interface PostTerm {
  slug: string;
  label: string;
}

/**
 * A term's URL segment; a term that urlizes to nothing is a content error, never a page at `/tags//`.
 * `source` names the post in the message (its file, or `posts/<id>`).
 */
export function termSlug(term: string, field: string, source: string): string {
  const slug = urlize(term);
  if (!slug) {
    throw new Error(`${source}: ${field} "${term}" has no letters or digits to build a URL from; expected a term with at least one letter or digit`);
  }
  return slug;
}

/**
 * The terms one post has in a taxonomy, in front-matter order, each once (spellings that differ only in
 * case, spacing or dropped punctuation are the same term). Entity labels are the entry's display name.
 * Throws naming the post and field when a free-text term has no URL segment.
 */
export function postTerms(post: Post, def: TaxonomyDef, entities?: Entities): PostTerm[] {
  const raw = post.data[def.field];
  const values = raw == null ? [] : typeof raw === 'string' ? [raw] : raw;
  const seen = new Set<string>();
  const terms: PostTerm[] = [];
  for (const value of values) {
    const slug = def.entity ? value : termSlug(value, def.field, post.filePath ?? `posts/${post.id}`);
    if (seen.has(slug)) continue;
    seen.add(slug);
    terms.push({ slug, label: def.entity ? (entityOf(def, slug, entities)?.data.name ?? value) : value.trim() });
  }
  return terms;
}

function entityOf(def: TaxonomyDef, slug: string, entities?: Entities): Company | Person | undefined {
  if (!def.entity || !entities) return undefined;
  return def.entity === 'companies' ? entities.companies.get(slug) : entities.people.get(slug);
}

/** A term with every published post that has it. */
export interface Term {
  taxonomy: TaxonomyKey;
  /** URL segment: the urlized term, or the entry slug for companies and people. */
  slug: string;
  /** Display name: the most used spelling, or the entry's name. */
  label: string;
  /** Percent-encoded URL of the term's first page. */
  href: string;
  /** The term's posts, newest first. */
  posts: Post[];
  /** The company or person entry, for entity taxonomies. */
  entity?: Company | Person;
}

const collator = new Intl.Collator(site.locale);

/** Most posts first, then by display name (zh-TW collation), then slug, so the order never depends on input order. */
export function compareTerms(a: Term, b: Term): number {
  return b.posts.length - a.posts.length || collator.compare(a.label, b.label) || a.slug.localeCompare(b.slug);
}

/**
 * Every term of one taxonomy with its posts, sorted by `compareTerms`. Pure: `posts` must already be the
 * published posts, newest first (each term's list keeps that order). Spellings of one term merge under
 * one URL; the most used spelling is its label (ties go to the spelling of the newest post).
 */
export function collectTerms(def: TaxonomyDef, posts: Post[], entities?: Entities): Term[] {
  const bySlug = new Map<string, { posts: Post[]; spellings: Map<string, number> }>();
  for (const post of posts) {
    for (const { slug, label } of postTerms(post, def, entities)) {
      let acc = bySlug.get(slug);
      if (!acc) bySlug.set(slug, (acc = { posts: [], spellings: new Map() }));
      acc.posts.push(post);
      acc.spellings.set(label, (acc.spellings.get(label) ?? 0) + 1);
    }
  }
  const terms = [...bySlug].map(([slug, acc]): Term => {
    // Map keeps insertion order, so on a tie the first-seen (newest post's) spelling wins.
    const [label] = [...acc.spellings].reduce((best, cur) => (cur[1] > best[1] ? cur : best));
    return { taxonomy: def.key, slug, label, href: termUrl(def.key, slug), posts: acc.posts, entity: entityOf(def, slug, entities) };
  });
  return terms.sort(compareTerms);
}

/** A taxonomy with its terms. */
export interface TaxonomyTerms {
  taxonomy: TaxonomyDef;
  /** Percent-encoded URL of the index page. */
  href: string;
  terms: Term[];
}

let cache: Promise<TaxonomyTerms[]> | undefined;

/**
 * Every taxonomy (in `TAXONOMIES` order) with every term that has at least one published post, each
 * term's posts newest first. Built once per build from `getListedPosts`, so drafts, scheduled, expired
 * and unlisted posts never create or count towards a term. Per-term pages, feeds and indexes should all use this.
 */
export function getAllTerms(): Promise<TaxonomyTerms[]> {
  const load = async () => {
    const [posts, entities] = await Promise.all([getListedPosts(), getEntities()]);
    return TAXONOMIES.map((taxonomy) => ({ taxonomy, href: taxonomyUrl(taxonomy.key), terms: collectTerms(taxonomy, posts, entities) }));
  };
  if (import.meta.env.DEV) return load();
  cache ??= load();
  return cache;
}

/** The terms of one taxonomy; see `getAllTerms`. */
export async function getTaxonomyTerms(key: TaxonomyKey): Promise<Term[]> {
  const all = await getAllTerms();
  return all.find((t) => t.taxonomy.key === key)?.terms ?? [];
}

/** Props of one term listing page (a type alias, so it fits Astro's props record). */
export type TermPageProps = {
  taxonomy: TaxonomyDef;
  term: Term;
  page: Page<Post>;
};

export interface TermPath {
  params: { taxonomy: TaxonomyKey; term: string; page: string | undefined };
  props: TermPageProps;
}

/**
 * Static paths of every term page with Hugo's pagination: page 1 at `/<taxonomy>/<term>/`, page N at
 * `/<taxonomy>/<term>/page/N/`. Params are decoded; Astro writes the folder under the decoded name.
 */
export function termStaticPaths(all: TaxonomyTerms[], pageSize: number = site.pageSize): TermPath[] {
  return all.flatMap(({ taxonomy, terms }) =>
    terms.flatMap((term) =>
      paginate(term.posts, pageSize, term.href).map((page) => ({
        params: { taxonomy: taxonomy.key, term: term.slug, page: page.info.current > 1 ? `page/${page.info.current}` : undefined },
        props: { taxonomy, term, page },
      })),
    ),
  );
}

/**
 * `getStaticPaths` of the term route, with each page's incremental-build key (see src/lib/cache-key.ts):
 * the term as every page shows it, the profile a company or person page opens with, the page's number
 * and links, and its posts.
 */
export async function getTermStaticPaths(): Promise<(TermPath & { cacheKey?: string })[]> {
  const [all, entities, menus] = await Promise.all([getAllTerms(), getEntities(), getSiteMenus()]);
  const companyTerms = all.find((t) => t.taxonomy.key === 'companies')?.terms ?? [];
  // What every page of a term shows (name, count, entry, profile), hashed once per term; a page adds its
  // number and its own posts, so an edited post rebuilds only the page that lists it.
  const termKeys = new Map<Term, string | undefined>();
  const termKey = (taxonomy: TaxonomyDef, term: Term) => {
    if (!termKeys.has(term)) {
      const { slug, label, href, posts, entity } = term;
      termKeys.set(term, cacheKey(taxonomy, { slug, label, href, count: posts.length, entity }, entityProfile(term, entities, companyTerms), menus));
    }
    return termKeys.get(term);
  };
  return termStaticPaths(all).map((path) => {
    const { taxonomy, term, page } = path.props;
    const key = termKey(taxonomy, term);
    return { ...path, cacheKey: key && cacheKey(key, page.info, page.items) };
  });
}

/**
 * `getStaticPaths` of the taxonomy index route. An index shows each term's label, link, count and entry,
 * so only those are in its key (not the posts themselves).
 */
export async function getTaxonomyIndexPaths() {
  const [all, menus] = await Promise.all([getAllTerms(), getSiteMenus()]);
  return all.map((entry) => ({
    params: { taxonomy: entry.taxonomy.key },
    props: { entry },
    cacheKey: cacheKey(
      entry.taxonomy,
      entry.terms.map(({ slug, label, href, posts, entity }) => ({ slug, label, href, count: posts.length, entity })),
      menus,
    ),
  }));
}

/** What a company or person term page shows above its list. */
export interface EntityProfile {
  name: string;
  /** Other names (Chinese, original language), without repeating `name`. */
  altNames: string[];
  /** 執行長・OpenAI, for people. */
  role?: string;
  /** The person's company, linked when it has a page in this build. */
  company?: { label: string; href?: string };
  description: string;
  website?: string;
}

/** The profile of an entity term, or undefined for free-text terms. */
export function entityProfile(term: Term, entities: Entities, companyTerms: Term[]): EntityProfile | undefined {
  const entry = term.entity;
  if (!entry) return undefined;
  const { data } = entry;
  const altNames = [...new Set([data.name_zh, data.name_en].filter((n): n is string => !!n && n !== data.name))];
  let company: EntityProfile['company'];
  if ('company' in data && data.company) {
    const page = companyTerms.find((t) => t.slug === data.company);
    company = { label: entities.companies.get(data.company)?.data.name ?? data.company, href: page?.href };
  }
  return {
    name: data.name,
    altNames,
    role: 'role' in data ? data.role : undefined,
    company,
    description: data.description,
    website: data.website,
  };
}
