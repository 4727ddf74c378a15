/**
 * What an article page tells Pagefind besides its text: the values readers filter by (category,
 * company, year; see SEARCH_FILTERS) and the date a search result shows.
 */
import type { TermGroup } from './article';
import { formatDate, toZonedIso, zonedParts } from './dates';
import type { SearchFilterKey } from './search-query';

export interface SearchFields {
  /** One entry per value: an article can be in several categories and name several companies. */
  filters: { key: SearchFilterKey; value: string }[];
  /** The publication date as the site shows it ("2026年2月4日"). */
  date: string;
  /** The same instant for `<time datetime>`, with the site's offset. */
  datetime: string;
}

/** The search fields of an article with these term groups (article.termGroups) and date. */
export function articleSearchFields(termGroups: TermGroup[], date: Date): SearchFields {
  const labels = (taxonomy: TermGroup['taxonomy']) => termGroups.find((g) => g.taxonomy === taxonomy)?.terms.map((t) => t.label) ?? [];
  return {
    filters: [
      ...labels('categories').map((value) => ({ key: 'category' as const, value })),
      ...labels('companies').map((value) => ({ key: 'company' as const, value })),
      { key: 'year', value: String(zonedParts(date).year) },
    ],
    date: formatDate(date),
    datetime: toZonedIso(date),
  };
}
