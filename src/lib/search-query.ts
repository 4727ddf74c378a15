/**
 * What the search page reads from its URL and says about a search. Pure, and runs in the browser and
 * in the build alike (no Astro imports): the article layout names the same filters when it writes
 * them into the page for Pagefind, and the search page reads them back.
 */

/** The Pagefind filters readers can narrow a search by, in the order the page shows them. */
export const SEARCH_FILTERS = [
  { key: 'category', label: '分類' },
  { key: 'company', label: '公司' },
  { key: 'year', label: '年份' },
] as const;

export type SearchFilterKey = (typeof SEARCH_FILTERS)[number]['key'];

/** One value per filter the reader chose; a filter left at "all" is absent. */
export type ChosenFilters = Partial<Record<SearchFilterKey, string>>;

export interface SearchState {
  /** The query as typed (trimmed), before any conversion. */
  query: string;
  filters: ChosenFilters;
}

/** Reads `?q=…&category=…&company=…&year=…`; unknown parameters and empty values are ignored. */
export function readSearchState(params: URLSearchParams): SearchState {
  const filters: ChosenFilters = {};
  for (const { key } of SEARCH_FILTERS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return { query: params.get('q')?.trim() ?? '', filters };
}

/** Writes the state into `params` (a linkable URL of this search), removing what is empty. */
export function writeSearchState(params: URLSearchParams, { query, filters }: SearchState): void {
  if (query) params.set('q', query);
  else params.delete('q');
  for (const { key } of SEARCH_FILTERS) {
    const value = filters[key];
    if (value) params.set(key, value);
    else params.delete(key);
  }
}

/** A query in quotes is an exact phrase: Pagefind then matches its words in sequence. */
export function isExactQuery(query: string): boolean {
  return /^\s*".+"\s*$/.test(query);
}

/**
 * The terms every result must contain: the query's whitespace-separated parts, each once, or an exact
 * phrase as one term (without its quotes).
 */
export function queryTerms(query: string): string[] {
  if (isExactQuery(query)) return [query.trim().slice(1, -1).trim()];
  return [...new Set(query.split(/\s+/).filter(Boolean))];
}

const quoted = (terms: string[]) => terms.map((term) => `「${term}」`).join('、');

/** "分類：技術筆記、年份：2026", for the status line; empty without filters. */
export function describeFilters(filters: ChosenFilters): string {
  return SEARCH_FILTERS.filter(({ key }) => filters[key])
    .map(({ key, label }) => `${label}：${filters[key]}`)
    .join('、');
}

/** The status line after a search. `missing` are the query terms no article contains. */
export function searchStatus(query: string, filters: ChosenFilters, found: number, missing: string[] = []): string {
  if (missing.length) return `沒有文章包含${quoted(missing)}`;
  const narrowed = describeFilters(filters);
  const within = narrowed ? `（${narrowed}）` : '';
  return found ? `找到 ${found} 篇符合「${query}」的文章${within}` : `找不到符合「${query}」的文章${within}`;
}
