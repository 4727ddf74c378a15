import { describe, expect, it } from 'vitest';
import { isListed, isPublished, isRendered, nextChange, nextScheduled } from '../../src/lib/schedule';
import { unpublishedReason } from '../../src/lib/posts';

const now = new Date('2026-06-01T12:00:00+08:00');
const at = (iso: string) => new Date(iso);
const post = (fields: Partial<Parameters<typeof isPublished>[0]> & { build?: { render: boolean; list: boolean } } = {}) => ({
  draft: false,
  date: at('2026-05-01T00:00:00+08:00'),
  ...fields,
});

describe('the published rule with publishDate and expiryDate', () => {
  it('publishes from publishDate when it is later than date', () => {
    const later = post({ publishDate: at('2026-06-01T12:00:01+08:00') });
    expect(isPublished(later, now)).toBe(false);
    expect(unpublishedReason(later, now)).toBe('scheduled');
    expect(isPublished(later, at('2026-06-01T12:00:01+08:00'))).toBe(true);
  });

  it('publishes from publishDate when it is earlier than a future date', () => {
    const early = post({ date: at('2027-01-01T00:00:00+08:00'), publishDate: at('2026-05-01T00:00:00+08:00') });
    expect(isPublished(early, now)).toBe(true);
    expect(unpublishedReason(early, now)).toBeUndefined();
  });

  it('stops publishing at expiryDate, exactly at that moment', () => {
    const expiring = post({ expiryDate: at('2026-06-01T12:00:00+08:00') });
    expect(isPublished(expiring, now)).toBe(false);
    expect(unpublishedReason(expiring, now)).toBe('expired');
    expect(isPublished(expiring, at('2026-06-01T11:59:59+08:00'))).toBe(true);
  });

  it('keeps a post whose expiryDate is still to come', () => {
    expect(isPublished(post({ expiryDate: at('2099-01-01T00:00:00+08:00') }), now)).toBe(true);
  });

  it('holds back a draft even with a past publishDate', () => {
    expect(isPublished(post({ draft: true, publishDate: at('2020-01-01') }), now)).toBe(false);
  });

  it('renders and lists by the build options', () => {
    expect([isRendered(post(), now), isListed(post(), now)]).toEqual([true, true]);
    expect([isRendered(post({ build: { render: true, list: false } }), now), isListed(post({ build: { render: true, list: false } }), now)]).toEqual([true, false]);
    expect([isRendered(post({ build: { render: false, list: false } }), now), isListed(post({ build: { render: false, list: false } }), now)]).toEqual([false, false]);
    expect(isRendered(post({ draft: true }), now)).toBe(false);
  });
});

describe('nextScheduled: when the published set next changes', () => {
  it('is undefined when nothing is due (positive control below)', () => {
    expect(nextScheduled([post(), post({ draft: true, date: at('2099-01-01') })], now)).toBeUndefined();
  });

  it('is the earliest future publish moment, date or publishDate', () => {
    const next = nextScheduled(
      [post({ date: at('2026-09-01T00:00:00+08:00') }), post({ publishDate: at('2026-07-01T00:00:00+08:00') }), post()],
      now,
    );
    expect(next).toEqual(at('2026-07-01T00:00:00+08:00'));
  });

  it('is a future expiryDate of a published post when that comes first', () => {
    const next = nextScheduled([post({ date: at('2026-09-01T00:00:00+08:00') }), post({ expiryDate: at('2026-08-01T00:00:00+08:00') })], now);
    expect(next).toEqual(at('2026-08-01T00:00:00+08:00'));
  });

  it('counts the expiry of a post not yet published, after its publish moment', () => {
    const scheduled = post({ publishDate: at('2026-07-01T00:00:00+08:00'), expiryDate: at('2026-07-02T00:00:00+08:00') });
    expect(nextScheduled([scheduled], now)).toEqual(at('2026-07-01T00:00:00+08:00'));
    expect(nextScheduled([scheduled], at('2026-07-01T00:00:00+08:00'))).toEqual(at('2026-07-02T00:00:00+08:00'));
  });

  it('ignores past expiries, drafts, never-built posts and posts that expire before they are due', () => {
    const entries = [
      post({ expiryDate: at('2026-01-01T00:00:00+08:00') }),
      post({ draft: true, date: at('2026-06-02T00:00:00+08:00') }),
      post({ date: at('2026-06-03T00:00:00+08:00'), build: { render: false, list: false } }),
      post({ publishDate: at('2026-06-05T00:00:00+08:00'), expiryDate: at('2026-06-04T00:00:00+08:00') }),
      post({ date: at('2026-06-10T00:00:00+08:00') }),
    ];
    expect(nextScheduled(entries, now)).toEqual(at('2026-06-10T00:00:00+08:00'));
  });
});

describe('nextChange: which entry changes next, and how', () => {
  it('names the entry that goes live first', () => {
    const soon = { ...post({ publishDate: at('2026-06-02T09:00:00+08:00') }), file: 'posts/soon.md' };
    const later = { ...post({ date: at('2026-06-03T09:00:00+08:00') }), file: 'posts/later.md' };
    expect(nextChange([later, soon], now)).toEqual({ at: at('2026-06-02T09:00:00+08:00'), change: 'publish', entry: soon });
  });

  it('names an expiry when it comes first', () => {
    const expiring = { ...post({ expiryDate: at('2026-06-01T13:00:00+08:00') }), file: 'posts/old.md' };
    const due = { ...post({ date: at('2026-06-03T09:00:00+08:00') }), file: 'posts/due.md' };
    expect(nextChange([due, expiring], now)).toMatchObject({ change: 'expire', entry: { file: 'posts/old.md' } });
    expect(nextChange([due], now)).toMatchObject({ change: 'publish', entry: { file: 'posts/due.md' } });
  });
});
