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
