import { describe, expect, it } from 'vitest';
import { RELATED_MAX, relatedPosts, relatedScore } from '../../src/lib/related';
import { fakePost } from '../support/posts';

const self = fakePost('self', { date: '2026-03-10', tags: ['推論', '代理'], categories: ['應用'], related_companies: ['acme'], related_people: ['jane-doe'] });
const byCompany = fakePost('by-company', { date: '2026-01-01', related_companies: ['acme'] });
const byPerson = fakePost('by-person', { date: '2026-01-02', related_people: ['jane-doe'] });
const byTwoTags = fakePost('by-two-tags', { date: '2026-01-03', tags: ['推論', '代理'] });
const byTagNewer = fakePost('by-tag-newer', { date: '2026-02-01', tags: ['推論'] });
const byTagOlder = fakePost('by-tag-older', { date: '2025-02-01', tags: ['推論'] });
const byCategory = fakePost('by-category', { date: '2026-03-09', categories: ['應用'] });
const unrelated = fakePost('unrelated', { date: '2026-03-08', tags: ['其他'] });

/** Newest first, as `getPublishedPosts` returns them. */
const newestFirst = (posts: ReturnType<typeof fakePost>[]) => [...posts].sort((a, b) => b.data.date.getTime() - a.data.date.getTime());

describe('relatedPosts', () => {
  const published = newestFirst([self, byCompany, byPerson, byTwoTags, byTagNewer, byTagOlder, byCategory, unrelated]);

  it('prefers a shared company over a person, a person over any number of tags; newer wins a tie', () => {
    expect(relatedPosts(self, published).map((p) => p.id)).toEqual(['by-company', 'by-person', 'by-two-tags', 'by-tag-newer', 'by-tag-older']);
  });

  it('never includes the article itself and returns at most five', () => {
    const ids = relatedPosts(self, published).map((p) => p.id);
    expect(ids).not.toContain('self');
    expect(ids).toHaveLength(RELATED_MAX);
    // Positive control: the article shares every term with itself.
    expect(relatedScore(self, self)).toEqual([1, 1, 2, 1]);
  });

  it('is deterministic whatever the input order', () => {
    const shuffled = [published[3], published[0], published[7], published[5], published[1], published[6], published[2], published[4]];
    expect(relatedPosts(self, newestFirst(shuffled)).map((p) => p.id)).toEqual(relatedPosts(self, published).map((p) => p.id));
    const reversed = [...published].reverse();
    expect(new Set(relatedPosts(self, reversed).slice(0, 3).map((p) => p.id))).toEqual(new Set(['by-company', 'by-person', 'by-two-tags']));
  });

  it('treats spellings of one tag as the same term', () => {
    const a = fakePost('a', { date: '2026-01-01', tags: ['Open Source'] });
    const b = fakePost('b', { date: '2026-01-02', tags: ['open source'] });
    expect(relatedScore(a, b)).toEqual([0, 0, 1, 0]);
  });

  it('fills up to three with the newest other articles when few share a term', () => {
    const lonely = fakePost('lonely', { date: '2026-03-11', related_companies: ['acme'] });
    const posts = newestFirst([lonely, byCompany, unrelated, byCategory, byTagOlder]);
    expect(relatedPosts(lonely, posts).map((p) => p.id)).toEqual(['by-company', 'by-category', 'unrelated']);
  });

  it('returns what exists on a site with fewer than four articles', () => {
    expect(relatedPosts(self, [self, unrelated]).map((p) => p.id)).toEqual(['unrelated']);
    expect(relatedPosts(self, [self])).toEqual([]);
  });
});

describe('relatedPosts on a larger archive', () => {
  /** The rule as written, scoring every other post: what the indexed version must agree with. */
  function bruteForce(post: ReturnType<typeof fakePost>, published: ReturnType<typeof fakePost>[]) {
    const others = published.filter((p) => p.id !== post.id);
    const scored = others
      .map((p) => ({ post: p, score: relatedScore(post, p) }))
      .filter((s) => s.score.some((n) => n > 0))
      .sort((a, b) => {
        for (let i = 0; i < a.score.length; i++) if (a.score[i] !== b.score[i]) return b.score[i] - a.score[i];
        return b.post.data.date.getTime() - a.post.data.date.getTime() || a.post.id.localeCompare(b.post.id);
      })
      .slice(0, RELATED_MAX)
      .map((s) => s.post);
    if (scored.length >= 3) return scored;
    return [...scored, ...others.filter((p) => !scored.includes(p)).slice(0, 3 - scored.length)];
  }

  it('ranks 300 generated posts exactly as scoring every pair would', () => {
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const pick = (prefix: string, pool: number, count: number) => Array.from({ length: count }, () => `${prefix}${next(pool)}`);
    const posts = newestFirst(
      Array.from({ length: 300 }, (_, i) =>
        fakePost(`p${i}`, {
          date: new Date(Date.UTC(2024, 0, 1 + next(700))),
          tags: pick('標籤', 40, next(5)),
          categories: pick('分類', 6, 1),
          related_companies: pick('co', 25, next(3)),
          related_people: pick('person', 30, next(2)),
        }),
      ),
    );
    for (const post of posts) expect(relatedPosts(post, posts).map((p) => p.id), post.id).toEqual(bruteForce(post, posts).map((p) => p.id));
  });
});
