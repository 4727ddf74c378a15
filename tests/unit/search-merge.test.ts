import { describe, expect, it } from 'vitest';
import { isExactQuery, matchWord, planQuery, queryWords, SHARD_FILTER, shardsForWord, type Answer, type Hit, type ShardSearch } from '../../src/lib/search-merge';

/** Pages of one shard: page id → its words, by position. */
type Shard = Record<string, string[]>;

/**
 * A small model of how Pagefind 1.6 matches one index (pagefind_web/src/search.rs): a query word matches
 * the indexed words that start with it, else the longest indexed word it starts with, else it is
 * ignored; every matched query word must be on the page. An exact search ("…") of one word needs the
 * word itself and reports its first position. Searching several shards runs this on each.
 */
function pagefindModel(shards: Record<string, Shard>): ShardSearch {
  const searchShard = (pages: Shard, term: string): Hit[] => {
    const vocabulary = new Set(Object.values(pages).flat());
    if (isExactQuery(term)) {
      const word = term.trim().slice(1, -1);
      return Object.entries(pages)
        .filter(([, words]) => words.includes(word))
        .map(([id, words]) => ({ id, words: [words.indexOf(word)] }));
    }
    const matchers: Set<string>[] = [];
    for (const word of term.split(' ')) {
      const extensions = [...vocabulary].filter((w) => w.startsWith(word));
      const fallback = [...vocabulary].filter((w) => word.startsWith(w)).sort((a, b) => b.length - a.length)[0];
      if (extensions.length) matchers.push(new Set(extensions));
      else if (fallback) matchers.push(new Set([fallback]));
    }
    if (!matchers.length) return [];
    return Object.entries(pages)
      .filter(([, words]) => matchers.every((m) => words.some((w) => m.has(w))))
      .map(([id, words]) => ({ id, words: words.flatMap((w, i) => (matchers.some((m) => m.has(w)) ? [i] : [])) }));
  };
  return async (term, only) => {
    const answer: Answer = { results: [], filters: { [SHARD_FILTER]: {} } };
    for (const [shard, pages] of Object.entries(shards)) {
      if (only && shard !== only) continue;
      const hits = searchShard(pages, term);
      answer.results.push(...hits);
      answer.filters[SHARD_FILTER]![shard] = hits.length;
    }
    return answer;
  };
}

const LANG = 'zh-Hant-TW';

/** shardsForWord as a sorted list (undefined stays undefined: one index would ignore the word). */
async function shardsFor(word: string, bundles: string[], search: ShardSearch): Promise<string[] | undefined> {
  const shards = await shardsForWord(word, bundles, search);
  return shards && [...shards].sort();
}

describe('shardsForWord', () => {
  it('finds a shard that indexes the word itself', async () => {
    const search = pagefindModel({ a: { p1: ['日期', '沒有'] }, b: { p2: ['月'] } });
    expect(await shardsFor('日期', ['a', 'b'], search)).toEqual(['a']);
  });

  it('does not count a shard that only matches through the fallback to a shorter word', async () => {
    // Shard b has no word starting with 日期, so Pagefind matches its 日 instead.
    const search = pagefindModel({ a: { p1: ['日期', '沒有'] }, b: { p2: ['3', '月', '1', '日'] } });
    expect((await search('日期', 'b')).results).toHaveLength(1);
    expect(await shardsFor('日期', ['a', 'b'], search)).toEqual(['a']);
  });

  it('counts a shard whose words extend the query word (typing "anthrop")', async () => {
    const search = pagefindModel({ a: { p1: ['anthropic', 'claude'] }, b: { p2: ['an', 'apple'] }, c: { p3: ['openai'] } });
    expect(await shardsFor('anthrop', ['a', 'b', 'c'], search)).toEqual(['a']);
  });

  it('tells extension from fallback when the shard also indexes the shorter word elsewhere', async () => {
    const search = pagefindModel({ a: { p1: ['大型語言模型'], p2: ['大', '小'] }, b: { p3: ['大', '型'] } });
    expect(await shardsFor('大型', ['a', 'b'], search)).toEqual(['a']);
  });

  it('tells extension from fallback when both are on the same page', async () => {
    const search = pagefindModel({ a: { p1: ['大', '大型語言模型'] }, b: { p2: ['大', '象'] } });
    expect(await shardsFor('大型', ['a', 'b'], search)).toEqual(['a']);
  });

  it('reports a word one index would ignore: no indexed word starts with it or begins it', async () => {
    const search = pagefindModel({ a: { p1: ['量子'] }, b: { p2: ['鳳梨'] } });
    expect(await shardsForWord('蒸餾', ['a', 'b'], search)).toBeUndefined();
  });

  it("for a word the site lacks, keeps the shards with one index's fallback, the longest word that begins it", async () => {
    // One index matches "laws" as "la"; shard c only has the shorter "l", shard d nothing.
    const search = pagefindModel({ a: { p1: ['la', 'scaling'] }, b: { p2: ['la'] }, c: { p3: ['l', 'scaling'] }, d: { p4: ['scaling'] } });
    expect(await shardsFor('laws', ['a', 'b', 'c', 'd'], search)).toEqual(['a', 'b']);
  });
});

describe('planQuery', () => {
  const shards = {
    a: { components: ['示範', '影片', '模型'], hugo: ['蒸餾', '小', '模型', '2026'] },
    b: { dateOnly: ['日期', '時間', '影片', '3', '月', '1', '日'] },
    c: { taipei: ['2', '月', '28', '日', '台北'], bundle: ['圖片', '文章'] },
  };
  const bundles = Object.keys(shards);
  const search = pagefindModel(shards);
  const plan = (query: string) => planQuery(query, LANG, bundles, search);

  it('keeps only the shards that have every word', async () => {
    expect(await plan('示範影片')).toEqual({ missing: [], shards: ['a'] });
    expect(await plan('影片')).toEqual({ missing: [], shards: ['a', 'b'] });
    expect(await plan('月')).toEqual({ missing: [], shards: ['b', 'c'] });
  });

  it('drops shards that would answer through the fallback to a shorter word', async () => {
    expect(await plan('日期')).toEqual({ missing: [], shards: ['b'] });
    expect(await plan('2026')).toEqual({ missing: [], shards: ['a'] });
  });

  it('reports a term with a word no page has, where Pagefind would ignore the word and match the others', async () => {
    expect((await search('量子 影片')).results.map((r) => r.id).sort()).toEqual(['components', 'dateOnly']);
    expect(await plan('量子 影片')).toEqual({ missing: ['量子'], shards: [] });
  });

  it('reports a term the site has only through the fallback (日本 is not 日)', async () => {
    expect((await search('日本')).results.length).toBeGreaterThan(0);
    expect(await plan('日本 月')).toEqual({ missing: ['日本'], shards: [] });
  });

  it('names every missing term once, and a term when any of its words is missing', async () => {
    expect((await plan('量子 影片 鳳梨 量子')).missing).toEqual(['量子', '鳳梨']);
    expect((await plan('示範鳳梨')).missing).toEqual(['示範鳳梨']);
  });

  it('accepts a word that begins longer indexed words (typing "台")', async () => {
    expect(await plan('台')).toEqual({ missing: [], shards: ['c'] });
  });

  it('finds no shard for terms that are each somewhere but never together', async () => {
    expect(await plan('示範 日期')).toEqual({ missing: [], shards: [] });
  });

  it('checks words with one shard as well', async () => {
    expect(await planQuery('量子', LANG, ['a'], search)).toEqual({ missing: ['量子'], shards: [] });
    expect(await planQuery('模型', LANG, ['a'], search)).toEqual({ missing: [], shards: ['a'] });
  });

  it('leaves an exact phrase to Pagefind, which needs it whole', async () => {
    expect(await plan('"示範 影片"')).toEqual({ missing: [], shards: bundles });
  });
});

describe('matchWord', () => {
  it('tells a word the site has from its fallback and from a word it ignores', async () => {
    const search = pagefindModel({ a: { p1: ['日期'] }, b: { p2: ['日'] } });
    expect(await matchWord('日期', ['a', 'b'], search)).toEqual({ kind: 'words', shards: new Set(['a']) });
    expect(await matchWord('日本', ['a', 'b'], search)).toEqual({ kind: 'fallback', shards: new Set(['b']) });
    expect(await matchWord('量子', ['a', 'b'], search)).toEqual({ kind: 'none' });
  });
});

describe('queryWords', () => {
  it('cuts Chinese into words and lower-cases Latin ones, like Pagefind', () => {
    expect(queryWords('示範影片', LANG)).toEqual(['示範', '影片']);
    expect(queryWords('Hugging Face', LANG)).toEqual(['hugging', 'face']);
  });

  it('drops punctuation and repeats', () => {
    expect(queryWords('模型，模型、成本！', LANG)).toEqual(['模型', '成本']);
  });

  it('knows an exact phrase', () => {
    expect(isExactQuery('"開源 生態"')).toBe(true);
    expect(isExactQuery('開源生態')).toBe(false);
  });
});
