import type { Post } from './posts';
import { TAXONOMIES, postTerms, type TaxonomyKey } from './taxonomy';

/**
 * The taxonomies that make articles related, most telling first: a shared company says most about what
 * an article covers, then a person, then a tag; categories are broad and mostly break ties.
 */
export const RELATED_BY: readonly TaxonomyKey[] = ['companies', 'people', 'tags', 'categories'];

export const RELATED_MIN = 3;
export const RELATED_MAX = 5;

const keyCache = new WeakMap<Post, Set<string>>();

/** `taxonomy:slug` for every ranked term of a post (merged spellings compare equal). */
function termKeys(post: Post): Set<string> {
  let keys = keyCache.get(post);
  if (!keys) {
    keys = new Set();
    for (const def of TAXONOMIES) {
      if (!RELATED_BY.includes(def.key)) continue;
      for (const term of postTerms(post, def)) keys.add(`${def.key}:${term.slug}`);
    }
    keyCache.set(post, keys);
  }
  return keys;
}

/** How many terms two posts share in each of `RELATED_BY`, in that order. */
export function relatedScore(a: Post, b: Post): number[] {
  const bKeys = termKeys(b);
  const score = RELATED_BY.map(() => 0);
  for (const key of termKeys(a)) {
    if (bKeys.has(key)) score[RELATED_BY.indexOf(key.slice(0, key.indexOf(':')) as TaxonomyKey)]++;
  }
  return score;
}

interface RelatedIndex {
  /** The list's posts in tie-break order: newest first, then by id. */
  order: Post[];
  /** Position of each post in `order`. */
  position: Map<Post, number>;
  /** Positions (in `order`) of the posts with each term key, and the weight one shared key adds. */
  byKey: Map<string, { positions: Int32Array; weight: number }>;
  /** Scratch space for one query: scores by position and the positions touched. */
  scores: Float64Array;
  touched: Int32Array;
  results: Map<string, Post[]>;
}

/** Built once per list of published posts. */
const indexes = new WeakMap<readonly Post[], RelatedIndex>();

function indexOf(published: readonly Post[]): RelatedIndex {
  let index = indexes.get(published);
  if (index) return index;
  const order = [...published].sort((a, b) => b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id));
  const position = new Map(order.map((p, i) => [p, i]));
  // A score packs the shared-term counts of RELATED_BY into one number, most telling taxonomy in the
  // highest digit. Base: more than any post's number of terms, so no count ever carries into the next.
  let base = 2;
  for (const p of order) base = Math.max(base, termKeys(p).size + 1);
  const lists = new Map<string, number[]>();
  order.forEach((p, i) => {
    for (const key of termKeys(p)) {
      const list = lists.get(key);
      if (list) list.push(i);
      else lists.set(key, [i]);
    }
  });
  const byKey = new Map<string, { positions: Int32Array; weight: number }>();
  for (const [key, list] of lists) {
    const rank = RELATED_BY.indexOf(key.slice(0, key.indexOf(':')) as TaxonomyKey);
    byKey.set(key, { positions: Int32Array.from(list), weight: base ** (RELATED_BY.length - 1 - rank) });
  }
  index = { order, position, byKey, scores: new Float64Array(order.length), touched: new Int32Array(order.length), results: new Map() };
  indexes.set(published, index);
  return index;
}

/**
 * Up to `RELATED_MAX` posts that share terms with `post`, ranked by shared companies, then people, tags
 * and categories (one shared company outranks any number of shared tags); ties go to the newer post,
 * then the id, so the result never depends on input order. When fewer than `RELATED_MIN` share a term,
 * the newest other posts fill the list. Never contains `post` itself. `published` is newest first.
 * Only posts sharing a term are scored, through an index of the list, with each score packed into one
 * number (a popular tag makes thousands of candidates per post at 5,000 posts), and each answer is kept
 * for the list, since the page and its incremental-build key both ask.
 */
export function relatedPosts(post: Post, published: Post[]): Post[] {
  const index = indexOf(published);
  const known = index.results.get(post.id);
  if (known) return known;
  const { order, byKey, scores, touched } = index;
  const self = index.position.get(post) ?? order.findIndex((p) => p.id === post.id);
  let count = 0;
  for (const key of termKeys(post)) {
    const entry = byKey.get(key);
    if (!entry) continue;
    for (const i of entry.positions) {
      if (i === self) continue;
      if (scores[i] === 0) touched[count++] = i;
      scores[i] += entry.weight;
    }
  }
  // The best RELATED_MAX by score, then by position (newer first, then id), kept in order.
  const best: number[] = [];
  for (let t = 0; t < count; t++) {
    const i = touched[t];
    if (best.length === RELATED_MAX) {
      const last = best[best.length - 1];
      if (scores[i] < scores[last] || (scores[i] === scores[last] && i > last)) continue;
      best.pop();
    }
    let at = best.length;
    while (at > 0 && (scores[best[at - 1]] < scores[i] || (scores[best[at - 1]] === scores[i] && best[at - 1] > i))) at--;
    best.splice(at, 0, i);
  }
  for (let t = 0; t < count; t++) scores[touched[t]] = 0;
  const scored = best.map((i) => order[i]);
  let result = scored;
  if (scored.length < RELATED_MIN) {
    const chosen = new Set(scored);
    const fill = published.filter((p) => p.id !== post.id && !chosen.has(p)).slice(0, RELATED_MIN - scored.length);
    result = [...scored, ...fill];
  }
  index.results.set(post.id, result);
  return result;
}
