/** Which card each page without a hero gets (see src/lib/social-card.ts), and the list of them all. */
import { site } from '../site.config';
import { cardName, type SocialCard } from './social-card';
import { getListedPosts, getPublishedPosts, type Post } from './posts';
import { getPublishedPages, planPageRoutes, type SitePage } from './pages';
import { entityProfile, getAllTerms, type TaxonomyDef, type Term } from './taxonomy';
import { getEntities } from './entities';

/** The home page's card, also the card of pages that are not shared (search, 404). */
export function siteCard(): SocialCard {
  return { kicker: '首頁', title: site.title, note: site.description, alt: `${site.title}：${site.description}` };
}

/** True when a post shows a hero of its own; posts without one get a drawn card. */
export const hasLocalHero = (post: Post) => post.data.image !== undefined && typeof post.data.image !== 'string';

/** A post without a (local) hero: its category, title, source or description, and date. */
export function postCard(post: Post): SocialCard {
  const { data } = post;
  const note = data.source_name ? `整理自《${data.source_name}》` : data.description;
  return { kicker: data.categories[0] ?? '文章', title: data.title, note, date: data.date, alt: data.title };
}

/** One line about a term: a company's or person's own description, else how many posts it has. */
export function termDescription(taxonomy: TaxonomyDef, term: Term, profileDescription?: string): string {
  return profileDescription || `${taxonomy.label}「${term.label}」的 ${term.posts.length} 篇文章。`;
}

/** A term page (every page of its listing). */
export function termCard(taxonomy: TaxonomyDef, term: Term, profileDescription?: string): SocialCard {
  const title = taxonomy.key === 'tags' ? `#${term.label}` : term.label;
  return { kicker: taxonomy.label, title, note: termDescription(taxonomy, term, profileDescription), alt: `${taxonomy.label}：${term.label}` };
}

/** A taxonomy's index of terms. */
export function taxonomyCard(taxonomy: TaxonomyDef, count: number): SocialCard {
  return { kicker: '索引', title: taxonomy.label, note: `${taxonomy.description}共 ${count} 個${taxonomy.label}。`, alt: `${taxonomy.label}索引` };
}

/** The archive page: what it is called and says, here so that the page and its card agree. */
export const ARCHIVE_PAGE = { title: '文章列表', description: '依年份與月份列出的全部文章。' };

export function archiveCard(count: number): SocialCard {
  return { kicker: '索引', title: ARCHIVE_PAGE.title, note: `共 ${count} 篇文章，${ARCHIVE_PAGE.description}`, alt: ARCHIVE_PAGE.title };
}

/** A standalone page (about, privacy). */
export function pageCard(page: SitePage): SocialCard {
  const { data } = page;
  return { kicker: '本站', title: data.title, note: data.description || site.description, date: data.lastmod ?? data.date, alt: data.title };
}

/**
 * Every card a page of this build links, each once: the home's (also used by search and 404), one per post
 * without a local hero, term, taxonomy index and standalone page, and the archive's.
 */
export async function getSocialCards(): Promise<SocialCard[]> {
  const [posts, listed, all, entities, pages] = await Promise.all([getPublishedPosts(), getListedPosts(), getAllTerms(), getEntities(), getPublishedPages()]);
  const companyTerms = all.find((t) => t.taxonomy.key === 'companies')?.terms ?? [];
  const cards = [
    siteCard(),
    archiveCard(listed.length),
    ...posts.filter((post) => !hasLocalHero(post)).map(postCard),
    ...all.flatMap(({ taxonomy, terms }) => [
      taxonomyCard(taxonomy, terms.length),
      ...terms.map((term) => termCard(taxonomy, term, entityProfile(term, entities, companyTerms)?.description)),
    ]),
    ...planPageRoutes(pages, posts).pages.map(({ page }) => pageCard(page)),
  ];
  return [...new Map(cards.map((card) => [cardName(card), card])).values()];
}
