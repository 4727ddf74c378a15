import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPostSchema } from '../../src/schemas/post';

/** The schema as scripts use it outside Astro: images stay strings. */
const PostSchema = createPostSchema(() => z.string());

const valid = {
  title: '2026 AI 展望：小模型與開源的下一步',
  date: '2026-02-04T11:00:00+08:00',
  description: '摘要',
  tags: ['AI 2026', '小模型'],
  categories: ['AI 產業動態'],
  image: '/images/posts/hero-small-models.webp',
  source_url: 'https://www.youtube.com/watch?v=XCCkgRzth6Q',
  source_name: 'The MAD Podcast with Matt Turck',
  related_companies: ['together-ai'],
  related_people: [],
  draft: false,
};

/** Parses and returns the issues as `path: message` lines. */
function issues(data: unknown): string[] {
  const result = PostSchema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('PostSchema', () => {
  it('accepts a typical Hugo article and normalises it', () => {
    const post = PostSchema.parse(valid);
    expect(post.date.toISOString()).toBe('2026-02-04T03:00:00.000Z');
    expect(post.image).toBe('/tests/fixtures/site/assets/images/posts/hero-small-models.webp');
    expect(post.related_companies).toEqual(['together-ai']);
    expect(post.aliases).toEqual([]);
  });

  it('fills defaults when only title and date are given', () => {
    const post = PostSchema.parse({ title: '最短的文章', date: '2026-03-01' });
    expect(post).toMatchObject({ description: '', tags: [], categories: [], related_companies: [], related_people: [], draft: false, aliases: [] });
    expect(post.date.toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('treats null lists as empty and a single string as a one-item list', () => {
    const post = PostSchema.parse({ title: 't', date: '2026-03-01', tags: null, categories: 'AI 產業動態' });
    expect(post.tags).toEqual([]);
    expect(post.categories).toEqual(['AI 產業動態']);
  });

  it('drops unknown fields instead of failing', () => {
    const post = PostSchema.parse({ ...valid, weight: 3, author: 'someone' });
    expect(post).not.toHaveProperty('weight');
    expect(post.title).toBe(valid.title);
  });

  it('keeps a relative page-bundle image for Astro to resolve next to the post', () => {
    expect(PostSchema.parse({ ...valid, image: 'cover.webp' }).image).toBe('./cover.webp');
  });

  it('reads Hugo publishDate and expiryDate under each of their names', () => {
    const names = [
      ['publishDate', 'publishDate'],
      ['publishdate', 'publishDate'],
      ['pubdate', 'publishDate'],
      ['published', 'publishDate'],
      ['expiryDate', 'expiryDate'],
      ['expirydate', 'expiryDate'],
      ['unpublishdate', 'expiryDate'],
    ] as const;
    for (const [name, field] of names) {
      const post = PostSchema.parse({ ...valid, [name]: '2026-03-01' }) as Record<string, unknown>;
      expect(post[field]).toEqual(new Date('2026-03-01T00:00:00+08:00'));
      if (name !== field) expect(name in post).toBe(false);
    }
    const plain = PostSchema.parse(valid);
    expect(plain.publishDate).toBeUndefined();
    expect(plain.expiryDate).toBeUndefined();
  });

  it('reads Hugo build options, headless and the older _build', () => {
    expect(PostSchema.parse(valid).build).toEqual({ render: true, list: true });
    expect(PostSchema.parse({ ...valid, build: { list: 'never' } }).build).toEqual({ render: true, list: false });
    expect(PostSchema.parse({ ...valid, build: { render: 'never' } }).build).toEqual({ render: false, list: true });
    expect(PostSchema.parse({ ...valid, _build: { render: false, list: 'local' } }).build).toEqual({ render: false, list: false });
    expect(PostSchema.parse({ ...valid, build: { render: 'link' } }).build).toEqual({ render: false, list: true });
    expect(PostSchema.parse({ ...valid, headless: true }).build).toEqual({ render: false, list: false });
  });

  it.each([
    [{ ...valid, title: undefined }, ['title: Invalid input: expected string, received undefined']],
    [{ ...valid, title: '  ' }, ['title: expected a non-empty title']],
    [{ ...valid, date: undefined }, ['date: expected a date such as 2026-03-01 or 2026-03-01T07:00:00+08:00, got undefined']],
    [{ ...valid, date: '2026-02-30' }, ['date: expected a date such as 2026-03-01 or 2026-03-01T07:00:00+08:00, got "2026-02-30"']],
    [{ ...valid, lastmod: 'soon' }, ['lastmod: expected a date such as 2026-03-01 or 2026-03-01T07:00:00+08:00, got "soon"']],
    [{ ...valid, tags: ['AI', ''] }, ['tags.1: expected a non-empty string']],
    [{ ...valid, tags: [3] }, ['tags.0: Invalid input: expected string, received number']],
    [{ ...valid, draft: 'no' }, ['draft: Invalid input: expected boolean, received string']],
    [{ ...valid, source_url: 'youtube.com/watch' }, ['source_url: expected an absolute http(s) URL']],
    [{ ...valid, related_companies: ['nope'] }, ['related_companies.0: unknown company "nope"; expected a file content/companies/nope.yaml']],
    [{ ...valid, related_people: ['Sam Altman'] }, ['related_people.0: expected a slug of lower-case letters, digits and single hyphens']],
    [{ ...valid, related_people: ['nobody'] }, ['related_people.0: unknown person "nobody"; expected a file content/people/nobody.yaml']],
    [
      { ...valid, image: '/images/posts/missing.webp' },
      ['image: image "/images/posts/missing.webp" not found; expected file at tests/fixtures/site/assets/images/posts/missing.webp'],
    ],
    [{ ...valid, image: 'https://cdn example.com/a.webp' }, ['image: remote image "https://cdn example.com/a.webp" is not a valid URL; expected https://host/path']],
    [{ ...valid, image: 'https://user:pw@cdn.example.com/a.webp' }, ['image: remote image "https://user:pw@cdn.example.com/a.webp" is not a valid URL; expected https://host/path']],
    [{ ...valid, image: '/static/a.webp' }, ['image: image "/static/a.webp" must start with /images/ or be relative to the post (./cover.webp)']],
    [{ ...valid, aliases: ['old-url/'] }, ['aliases.0: expected a site path starting with "/", such as /2025/01/old-post/']],
    [{ ...valid, slug: 'has space' }, ['slug: expected a URL segment without spaces or slashes']],
    [{ ...valid, pubdate: 'tomorrow' }, ['pubdate: expected a date such as 2026-03-01 or 2026-03-01T07:00:00+08:00, got "tomorrow"']],
    [{ ...valid, expiryDate: '2026-13-01' }, ['expiryDate: expected a date such as 2026-03-01 or 2026-03-01T07:00:00+08:00, got "2026-13-01"']],
    [
      { ...valid, publishDate: '2026-03-01', published: '2026-03-02' },
      ['published: publishDate and published both set the publish date; expected only one of publishDate, publishdate, pubdate, published'],
    ],
    [{ ...valid, build: { render: 'sometimes' } }, ['build.render: expected "always", "never" or "link"']],
    [{ ...valid, build: { list: 'nowhere' } }, ['build.list: expected "always", "never" or "local"']],
    [{ ...valid, headless: 'yes' }, ['headless: Invalid input: expected boolean, received string']],
  ])('rejects bad input %#', (input, expected) => {
    expect(issues(input)).toEqual(expected);
  });

  it.each([
    ['https://cdn.example.com/a.webp', 'https://cdn.example.com/a.webp'],
    ['  http://CDN.example.com/a b.webp ', 'https://cdn.example.com/a%20b.webp'],
  ])('keeps a remote hero %j as its https URL', (image, url) => {
    expect(PostSchema.parse({ ...valid, image }).image).toBe(url);
  });
});
