import { describe, expect, it } from 'vitest';
import { articleJsonLd, jsonLdScript } from '../../src/lib/seo';
import { collectRedirects } from '../../src/lib/redirects';
import { sitemapEntryFromHtml } from '../../src/lib/sitemap';

describe('jsonLdScript', () => {
  it('escapes <, > and & so no value can close the script element', () => {
    const out = jsonLdScript({ headline: '</script><script>alert(1)</script> & <!--' });
    expect(out).not.toMatch(/[<>&]/);
    expect(out).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(out)).toEqual({ headline: '</script><script>alert(1)</script> & <!--' });
  });

  it('escapes U+2028 and U+2029 and keeps CJK text and emoji', () => {
    const out = jsonLdScript({ a: '模型\u2028🚀\u2029' });
    expect(out).toBe('{"a":"模型\\u2028🚀\\u2029"}');
  });
});

describe('articleJsonLd', () => {
  const ld = articleJsonLd({
    title: '標題',
    description: '摘要',
    url: 'https://ai-notes.example.tw/posts/x/',
    published: new Date('2026-02-28T23:00:00Z'),
    image: { url: 'https://ai-notes.example.tw/_astro/x.jpeg', width: 1200, height: 630, alt: '' },
    tags: ['小模型'],
    companies: [{ name: 'OpenAI', url: 'https://ai-notes.example.tw/companies/openai/', sameAs: 'https://openai.com' }],
    people: [{ name: 'Sam Altman', url: 'https://ai-notes.example.tw/people/sam-altman/' }],
    logoUrl: 'https://ai-notes.example.tw/favicon.svg',
  });

  it('is a NewsArticle with +08:00 dates; dateModified falls back to datePublished', () => {
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.datePublished).toBe('2026-03-01T07:00:00+08:00');
    expect(ld.dateModified).toBe('2026-03-01T07:00:00+08:00');
  });

  it('names its companies and people in about', () => {
    expect(ld.about).toEqual([
      { '@type': 'Organization', name: 'OpenAI', url: 'https://ai-notes.example.tw/companies/openai/', sameAs: 'https://openai.com' },
      { '@type': 'Person', name: 'Sam Altman', url: 'https://ai-notes.example.tw/people/sam-altman/' },
    ]);
  });
});

describe('collectRedirects', () => {
  const post = (id: string, aliases: string[]) => ({ id, data: { title: id, aliases } });

  it('maps every alias to its article', () => {
    expect(collectRedirects([post('a', ['/2025/01/a/', '/old/a/'])])).toEqual([
      { from: '/2025/01/a/', to: '/posts/a/', title: 'a' },
      { from: '/old/a/', to: '/posts/a/', title: 'a' },
    ]);
  });

  it('fails when two articles claim one old path', () => {
    expect(() => collectRedirects([post('a', ['/old/']), post('b', ['/old'])])).toThrow(
      'posts/b: aliases "/old" is also an alias of "a"; expected each old path to redirect to one article',
    );
  });

  it('fails when an alias is the URL of an article', () => {
    expect(() => collectRedirects([post('a', []), post('b', ['/posts/a/'])])).toThrow(
      'posts/b: aliases "/posts/a/" is the URL of the article "a"; expected an old path no page uses',
    );
  });
});

describe('sitemapEntryFromHtml', () => {
  const item = { url: 'https://ai-notes.example.tw/posts/x/' };

  it('uses the article modified time as lastmod', () => {
    const html = '<html><head><meta property="article:modified_time" content="2026-01-15T08:00:00+08:00"></head><body></body></html>';
    expect(sitemapEntryFromHtml(item, html)).toEqual({ ...item, lastmod: '2026-01-15T08:00:00+08:00' });
  });

  it('leaves out pages marked noindex, and keeps pages that are not (positive control)', () => {
    expect(sitemapEntryFromHtml(item, '<head><meta name="robots" content="noindex"></head>')).toBeUndefined();
    expect(sitemapEntryFromHtml(item, '<head><title>x</title></head><body>noindex</body>')).toEqual(item);
  });
});
