import { describe, expect, it } from 'vitest';
import { isPublished, unpublishedReason } from '../../src/lib/posts';

const now = new Date('2026-06-01T12:00:00+08:00');

describe('the published rule', () => {
  it('publishes a past, non-draft post', () => {
    expect(isPublished({ draft: false, date: new Date('2026-05-01T00:00:00+08:00') }, now)).toBe(true);
    expect(unpublishedReason({ draft: false, date: new Date('2026-05-01T00:00:00+08:00') }, now)).toBeUndefined();
  });

  it('publishes a post dated exactly now', () => {
    expect(isPublished({ draft: false, date: now }, now)).toBe(true);
  });

  it('holds back drafts, even when dated in the past', () => {
    expect(isPublished({ draft: true, date: new Date('2020-01-01') }, now)).toBe(false);
    expect(unpublishedReason({ draft: true, date: new Date('2020-01-01') }, now)).toBe('draft');
  });

  it('holds back future-dated posts until their time', () => {
    const future = new Date('2026-06-01T12:00:01+08:00');
    expect(isPublished({ draft: false, date: future }, now)).toBe(false);
    expect(unpublishedReason({ draft: false, date: future }, now)).toBe('scheduled');
  });
});
