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

/** Ranks score vectors: more shared companies first, then people, tags and categories. */
function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
  return 0;
}

/** Posts by term key, built once per list of published posts. */
const indexes = new WeakMap<readonly Post[], { byKey: Map<string, Post[]>; results: Map<string, Post[]> }>();

function indexOf(published: readonly Post[]) {
  let index = indexes.get(published);
  if (!index) {
    const byKey = new Map<string, Post[]>();
    for (const p of published) {
      for (const key of termKeys(p)) {
        const list = byKey.get(key);
        if (list) list.push(p);
        else byKey.set(key, [p]);
      }
    }
    index = { byKey, results: new Map() };
    indexes.set(published, index);
  }
  return index;
}

/**
 * Up to `RELATED_MAX` posts that share terms with `post`, ranked by shared companies, then people, tags
 * and categories (one shared company outranks any number of shared tags); ties go to the newer post,
 * then the id, so the result never depends on input order. When fewer than `RELATED_MIN` share a term,
 * the newest other posts fill the list. Never contains `post` itself. `published` is newest first.
 * Only posts sharing a term are scored (through an index of the list), and each answer is kept for
 * the list, since the page and its incremental-build key both ask.
 */
export function relatedPosts(post: Post, published: Post[]): Post[] {
  const { byKey, results } = indexOf(published);
  const known = results.get(post.id);
  if (known) return known;
  const scores = new Map<Post, number[]>();
  for (const key of termKeys(post)) {
    const rank = RELATED_BY.indexOf(key.slice(0, key.indexOf(':')) as TaxonomyKey);
    for (const other of byKey.get(key) ?? []) {
      if (other.id === post.id) continue;
      let score = scores.get(other);
      if (!score) scores.set(other, (score = RELATED_BY.map(() => 0)));
      score[rank]++;
    }
  }
  const scored = [...scores]
    .map(([p, score]) => ({ post: p, score }))
    .sort((a, b) => compareScores(a.score, b.score) || b.post.data.date.getTime() - a.post.data.date.getTime() || a.post.id.localeCompare(b.post.id))
    .slice(0, RELATED_MAX)
    .map((s) => s.post);
  let result = scored;
  if (scored.length < RELATED_MIN) {
    const chosen = new Set(scored);
    const fill = published.filter((p) => p.id !== post.id && !chosen.has(p)).slice(0, RELATED_MIN - scored.length);
    result = [...scored, ...fill];
  }
  results.set(post.id, result);
  return result;
}
