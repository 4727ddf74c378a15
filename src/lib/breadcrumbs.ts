import type { Post } from './posts';
import { getTaxonomy, postTerms, type TaxonomyDef } from './taxonomy';
import { archiveUrl, homeUrl, taxonomyUrl, termUrl } from './urls';

/** One step of a breadcrumb trail; the last step (the current page) has no link. */
export interface Crumb {
  label: string;
  href?: string;
}

const home: Crumb = { label: '首頁', href: homeUrl() };

/**
 * 首頁 › the post's first category (or the archive when it has none, or no page: `hasPage`) › the post.
 */
export function postBreadcrumbs(post: Post, hasPage: (href: string) => boolean = () => true): Crumb[] {
  const [category] = postTerms(post, getTaxonomy('categories'));
  const categoryHref = category && termUrl('categories', category.slug);
  const section = category && categoryHref && hasPage(categoryHref) ? { label: category.label, href: categoryHref } : { label: '文章列表', href: archiveUrl() };
  return [home, section, { label: post.data.title }];
}

/** 首頁 › taxonomy index, with the term when on a term page. */
export function taxonomyBreadcrumbs(taxonomy: TaxonomyDef, termLabel?: string): Crumb[] {
  const index = { label: taxonomy.label, href: taxonomyUrl(taxonomy.key) };
  return termLabel ? [home, index, { label: termLabel }] : [home, { label: taxonomy.label }];
}

/** 首頁 › 文章列表. */
export const archiveBreadcrumbs = (): Crumb[] => [home, { label: '文章列表' }];

/** 首頁 › 訂閱. */
export const subscribeBreadcrumbs = (): Crumb[] => [home, { label: '訂閱' }];
