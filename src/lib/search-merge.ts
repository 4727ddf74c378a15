/**
 * Keeps a search over merged shards equivalent to a search over one index. Runs in the browser.
 *
 * Pagefind (1.6, pagefind_web/src/search.rs) matches each query word against the indexed words that
 * start with it. When its index has none, it falls back to the longest indexed word the query word
 * starts with, and when there is none either, it ignores the word. In one index that only happens to
 * words the whole site lacks. Over merged shards each shard decides alone, so a shard without "日期" but
 * with "日" answers 日期 with every page that has 日, and a shard without 示範 answers "示範影片" with
 * every page that has 影片. Results would then differ from a single index.
 *
 * So, for each query word, the page first finds the shards whose pages can match it the way one index
 * would match it (matchWord), then searches only the shards that can match every word (planQuery). Each merged
 * index carries a synthetic `shard` filter (Pagefind's `mergeFilter`) whose per-value counts say how
 * many of a shard's pages matched.
 *
 * The same analysis tells which words the whole site lacks: planQuery uses it to require every term
 * of a query in every result, where one index would drop or shorten a word it lacks.
 */
import { isExactQuery, queryTerms } from './search-query';

/** Name of the synthetic filter whose value is a shard's bundle URL. */
export const SHARD_FILTER = 'shard';

/** One result of a Pagefind search: the page and the word positions that matched. */
export interface Hit {
  id: string;
  words: number[];
}

/** What this module needs from a Pagefind search. */
export interface Answer {
  results: Hit[];
  /** Pagefind's per-filter result counts: `filters.shard[bundleUrl]` is the number of hits in that shard. */
  filters: Record<string, Record<string, number> | undefined>;
}

/** Runs a Pagefind search over every merged shard, or over one shard (by bundle URL). */
export type ShardSearch = (term: string, shard?: string) => Promise<Answer>;

// A query in quotes is an exact phrase: Pagefind then requires every word in each shard already.
export { isExactQuery };

/**
 * The words Pagefind searches for: like pagefind.js, the query is cut into words with Intl.Segmenter for
 * the page's language (Chinese has no spaces) and lower-cased; pieces of only spaces or punctuation are
 * dropped. Without Intl.Segmenter, words are split at spaces.
 */
export function queryWords(query: string, lang: string): string[] {
  const pieces = typeof Intl.Segmenter === 'function' ? [...new Intl.Segmenter(lang, { granularity: 'word' }).segment(query)].map((s) => s.segment) : query.split(/\s+/);
  const words = pieces.filter((piece) => /[^\s\p{P}]/u.test(piece)).map((piece) => piece.toLocaleLowerCase());
  return [...new Set(words)];
}

const hitsIn = (answer: Answer, shard: string) => answer.filters[SHARD_FILTER]?.[shard] ?? 0;

/**
 * Whether a shard's hits for a word are Pagefind's fallback to the shorter word `prefix`: the same pages,
 * matched where `prefix` stands (an exact search reports a page's first occurrence). Hits for words
 * that extend the query word stand elsewhere, as each position holds one word.
 */
function isFallback(wordHits: Hit[], prefixHits: Hit[]): boolean {
  if (wordHits.length !== prefixHits.length) return false;
  const positions = new Map(wordHits.map((hit) => [hit.id, new Set(hit.words)]));
  return prefixHits.every((hit) => {
    const matched = positions.get(hit.id);
    return matched !== undefined && hit.words.every((position) => matched.has(position));
  });
}

/**
 * How one index matches a query word: `words` — the site has indexed words that start with it, and
 * `shards` are the shards that have one; `fallback` — it has none, so one index matches the longest
 * indexed word the query word starts with, in `shards`; `none` — one index ignores the word.
 */
export type WordMatch = { kind: 'words' | 'fallback'; shards: Set<string> } | { kind: 'none' };

/**
 * How one index would match `word` (see WordMatch). It matches the indexed words that start with
 * `word` if the site has any: the shards that have such a word (an exact search finds the word itself;
 * hits without it come from longer words, unless they are a shard's own fallback to a shorter word).
 * Otherwise it matches the longest indexed word `word` starts with: the shards that have that.
 */
export async function matchWord(word: string, bundles: readonly string[], search: ShardSearch): Promise<WordMatch> {
  const [loose, exact] = await Promise.all([search(word), search(`"${word}"`)]);
  const found = new Set(bundles.filter((shard) => hitsIn(exact, shard) > 0));
  // Hits without the word itself: indexed words that extend it, or the fallback to a shorter word.
  let unsure = bundles.filter((shard) => !found.has(shard) && hitsIn(loose, shard) > 0);
  let siteFallback: Answer | undefined;
  const chars = [...word];
  for (let length = chars.length - 1; length >= 1 && unsure.length; length--) {
    const prefix = chars.slice(0, length).join('');
    const prefixHits = await search(`"${prefix}"`);
    const decided = unsure.filter((shard) => hitsIn(prefixHits, shard) > 0);
    if (decided.length) siteFallback ??= prefixHits;
    await Promise.all(
      decided.map(async (shard) => {
        const [wordInShard, prefixInShard] = await Promise.all([search(word, shard), search(`"${prefix}"`, shard)]);
        if (!isFallback(wordInShard.results, prefixInShard.results)) found.add(shard);
      }),
    );
    unsure = unsure.filter((shard) => !decided.includes(shard));
  }
  // No shorter word to fall back to: the hits come from words that extend this one.
  for (const shard of unsure) found.add(shard);
  if (found.size) return { kind: 'words', shards: found };
  if (siteFallback) return { kind: 'fallback', shards: new Set(bundles.filter((shard) => hitsIn(siteFallback, shard) > 0)) };
  return { kind: 'none' };
}

/**
 * The shards whose pages can match `word` as one index would match it, or undefined when one index
 * would ignore the word.
 */
export async function shardsForWord(word: string, bundles: readonly string[], search: ShardSearch): Promise<Set<string> | undefined> {
  const match = await matchWord(word, bundles, search);
  return match.kind === 'none' ? undefined : match.shards;
}

/** What to search for a query, under the rule that every term must be in every result. */
export interface QueryPlan {
  /** The query's terms (queryTerms) that no article contains: when any, there are no results. */
  missing: string[];
  /** The shards that can hold a result (every bundle for an exact phrase). */
  shards: string[];
}

/**
 * Plans a search in which every whitespace-separated term of the query is in every result.
 *
 * Pagefind alone is lenient: a query word the site lacks matches the longest indexed word it starts
 * with, or is ignored when there is none, so "量子 影片" lists every page with 影片 and 日本 every page
 * with 日. Here a term is contained in a page when the page has, for each of the term's words (as
 * Pagefind cuts it, queryWords), an indexed word starting with it — Pagefind's own match without the
 * leniency. A term with a word no page has is reported in `missing`. When nothing is missing, Pagefind
 * uses no leniency on this query, so its results (every word on every page, ranked by its scores) are
 * exactly the pages that contain every term. An exact phrase is one term, and Pagefind already needs
 * it whole.
 */
export async function planQuery(query: string, lang: string, bundles: readonly string[], search: ShardSearch): Promise<QueryPlan> {
  if (isExactQuery(query)) return { missing: [], shards: [...bundles] };
  const matches = new Map<string, Promise<WordMatch>>();
  const match = (word: string) => {
    let found = matches.get(word);
    if (!found) matches.set(word, (found = matchWord(word, bundles, search)));
    return found;
  };
  const terms = await Promise.all(
    queryTerms(query).map(async (term) => ({ term, matches: await Promise.all(queryWords(term, lang).map(match)) })),
  );
  const missing = terms.filter((t) => t.matches.some((m) => m.kind !== 'words')).map((t) => t.term);
  const shardSets = terms.flatMap((t) => t.matches.flatMap((m) => (m.kind === 'words' ? [m.shards] : [])));
  return { missing, shards: missing.length ? [] : bundles.filter((shard) => shardSets.every((shards) => shards.has(shard))) };
}
