import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { PUBLISHED_POST_IDS, SITE_DIST, builtFileExists, builtPage } from '../support/fixture';
import { listFiles } from '../support/dist';
import { page, parseHtml } from '../support/html';
import { headersFor, readHeadersFile } from '../support/headers';

const SITE = 'https://ai-notes.example.tw';
const htmlFiles = listFiles(SITE_DIST, ['.html']).filter((f) => !f.startsWith('pagefind/'));
const urlOf = (file: string) => `/${file.replace(/index\.html$/, '')}`;
const isRedirect = (file: string) => !!page(`/${file}`).querySelector('meta[http-equiv="refresh"]');
const meta = (urlPath: string, key: string) =>
  page(urlPath).querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content');

/** Every built article: the listed ones and `unlisted` (build.list: never), which has a page but is in no list. */
const ARTICLES = [...PUBLISHED_POST_IDS, 'unlisted'].map((id) => `/posts/${id}/`);
/** The fixture's published standalone pages. */
const PAGES = ['/about-us/', '/contact/', '/privacy/'];
const REDIRECTS = {
  '/2025/12/old-url/': '/posts/updated-post/',
  '/old/updated-post/': '/posts/updated-post/',
  // An old file URL is written as that exact file, not as a folder.
  '/old/updated-post.html': '/posts/updated-post/',
};

describe('head tags on every page', () => {
  it('has a canonical URL, title, description, Open Graph and Twitter card', () => {
    const pages = htmlFiles.filter((f) => !isRedirect(f));
    expect(pages.length).toBeGreaterThan(20);
    for (const file of pages) {
      const doc = page(`/${file}`);
      const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
      // The 404 page is served at any missing URL, so it names none.
      expect(canonical, file).toBe(file === '404.html' ? undefined : `${SITE}${encodeURI(urlOf(file))}`);
      const title = doc.querySelector('title')?.textContent ?? '';
      expect(title, file).toMatch(/AI 產業筆記$/);
      expect(meta(`/${file}`, 'og:title'), file).toBe(title);
      expect(meta(`/${file}`, 'description')?.length, file).toBeGreaterThan(5);
      expect(meta(`/${file}`, 'og:description'), file).toBe(meta(`/${file}`, 'description'));
      expect(meta(`/${file}`, 'og:url'), file).toBe(canonical);
      expect(meta(`/${file}`, 'og:site_name'), file).toBe('AI 產業筆記');
      expect(meta(`/${file}`, 'twitter:card'), file).toMatch(/^summary(_large_image)?$/);
    }
  });

  it('marks articles as og:type article and listings as website', () => {
    expect(meta('/posts/hugo-typical/', 'og:type')).toBe('article');
    expect(meta('/', 'og:type')).toBe('website');
    expect(meta('/tags/小模型/', 'og:type')).toBe('website');
  });
});

describe('social card of an article', () => {
  it('is a 1200×630 JPEG made from the hero, at an absolute URL with its size', async () => {
    const url = meta('/posts/hugo-typical/', 'og:image')!;
    expect(url).toMatch(new RegExp(`^${SITE}/_astro/hero-small-models\\.[\\w-]+\\.jpeg$`));
    expect(meta('/posts/hugo-typical/', 'og:image:width')).toBe('1200');
    expect(meta('/posts/hugo-typical/', 'og:image:height')).toBe('630');
    expect(meta('/posts/hugo-typical/', 'twitter:card')).toBe('summary_large_image');
    expect(meta('/posts/hugo-typical/', 'twitter:image')).toBe(url);
    const img = await sharp(path.join(SITE_DIST, new URL(url).pathname)).metadata();
    expect([img.format, img.width, img.height]).toEqual(['jpeg', 1200, 630]);
  });

  it('uses a page-bundle hero too, with its alt text', () => {
    expect(meta('/posts/bundled-post/', 'og:image')).toMatch(new RegExp(`^${SITE}/_astro/cover\\.[\\w-]+\\.jpeg$`));
    expect(meta('/posts/bundled-post/', 'og:image:alt')).toBe('套件封面');
  });

  it('links a drawn PNG card for a post without a hero (the hero JPEG above is the positive control)', () => {
    expect(meta('/posts/date-only/', 'og:image')).toMatch(new RegExp(`^${SITE}/og/[0-9a-f]{20}\\.png$`));
    expect(meta('/posts/date-only/', 'og:image:type')).toBe('image/png');
    expect(meta('/posts/date-only/', 'og:image:alt')).toBe('只有日期的文章');
    expect(meta('/posts/date-only/', 'twitter:card')).toBe('summary_large_image');
  });

  it('states publication and update times in +08:00', () => {
    expect(meta('/posts/updated-post/', 'article:published_time')).toBe('2025-12-01T20:00:00+08:00');
    expect(meta('/posts/updated-post/', 'article:modified_time')).toBe('2026-01-15T08:00:00+08:00');
  });
});

describe('JSON-LD', () => {
  const ld = (urlPath: string) => {
    const scripts = page(urlPath).querySelectorAll('script[type="application/ld+json"]');
    expect(scripts).toHaveLength(1);
    return JSON.parse(scripts[0].textContent);
  };

  it('describes a .md article as a NewsArticle with +08:00 dates, author, publisher and image', () => {
    const data = ld('/posts/hugo-typical/');
    expect(data['@type']).toBe('NewsArticle');
    expect(data.headline).toBe('2026 AI 展望：小模型與開源的下一步');
    expect(data.datePublished).toBe('2026-02-04T11:00:00+08:00');
    expect(data.dateModified).toBe('2026-02-04T11:00:00+08:00');
    expect(data.author).toEqual({ '@type': 'Organization', name: 'AI 產業筆記編輯部', url: SITE });
    expect(data.publisher.name).toBe('AI 產業筆記');
    expect(data.image.url).toBe(meta('/posts/hugo-typical/', 'og:image'));
    expect(data.about.map((e: { name: string }) => e.name)).toEqual(['Together AI']);
  });

  it('names the companies and people of an .mdx article', () => {
    const data = ld('/posts/components/');
    expect(data.about.map((e: { '@type': string; url: string }) => [e['@type'], e.url])).toEqual([
      ['Organization', `${SITE}/companies/openai/`],
      ['Person', `${SITE}/people/sam-altman/`],
    ]);
  });

  it('uses lastmod as dateModified', () => {
    expect(ld('/posts/updated-post/').dateModified).toBe('2026-01-15T08:00:00+08:00');
  });

  it('escapes a title with < and ]]> so it cannot close the script element', () => {
    const html = builtPage('/posts/feed-edge-cases/');
    const raw = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1];
    expect(raw).not.toContain('<');
    expect(JSON.parse(raw).headline).toBe('特殊字元 & <標記> ]]> 測試 🚀');
  });

  it('is only on articles', () => {
    expect(page('/').querySelectorAll('script[type="application/ld+json"]')).toHaveLength(0);
  });
});

describe('sitemap', () => {
  const index = parseHtml(readFileSync(path.join(SITE_DIST, 'sitemap-index.xml'), 'utf8'));
  const urlset = parseHtml(readFileSync(path.join(SITE_DIST, 'sitemap-0.xml'), 'utf8'));
  const entries = urlset.querySelectorAll('url').map((u) => ({
    path: decodeURI(new URL(u.querySelector('loc')!.textContent).pathname),
    lastmod: u.querySelector('lastmod')?.textContent,
  }));
  const paths = entries.map((e) => e.path);

  it('is announced in robots.txt', () => {
    expect(index.querySelector('sitemap loc')?.textContent).toBe(`${SITE}/sitemap-0.xml`);
    expect(readFileSync(path.join(SITE_DIST, 'robots.txt'), 'utf8')).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${SITE}/sitemap-index.xml\n`);
  });

  it('lists exactly the published articles, the standalone pages and the listing pages', () => {
    const listings = htmlFiles
      .map(urlOf)
      .filter((p) => p === '/' || /^\/(archive|subscribe|page|tags|categories|companies|people|sources)\//.test(p));
    expect(listings).toContain('/subscribe/');
    expect(listings).toContain('/tags/小模型/');
    expect([...paths].sort()).toEqual([...ARTICLES, ...PAGES, ...listings].sort());
  });

  it('leaves out search, 404, redirects, drafts and future posts', () => {
    for (const p of ['/search/', '/404/', '/404.html', ...Object.keys(REDIRECTS), '/posts/draft/', '/posts/future/']) {
      expect(paths, p).not.toContain(p);
    }
    expect(builtFileExists('/search/')).toBe(true);
    expect(builtFileExists('/2025/12/old-url/')).toBe(true);
  });

  it('dates articles by lastmod, else date', () => {
    const lastmod = (p: string) => new Date(entries.find((e) => e.path === p)!.lastmod!).getTime();
    expect(lastmod('/posts/updated-post/')).toBe(new Date('2026-01-15T08:00:00+08:00').getTime());
    expect(lastmod('/posts/hugo-typical/')).toBe(new Date('2026-02-04T11:00:00+08:00').getTime());
  });
});

describe('Hugo aliases', () => {
  for (const [from, to] of Object.entries(REDIRECTS)) {
    it(`${from} redirects to ${to} with canonical, refresh and a visible link`, () => {
      const doc = page(from);
      expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${SITE}${to}`);
      expect(doc.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content')).toBe(`0; url=${to}`);
      expect(doc.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
      const link = doc.querySelector('body a');
      expect(link?.getAttribute('href')).toBe(to);
      expect(link?.textContent).toBe('有更新日期與舊網址的文章');
      expect(doc.querySelector('[data-pagefind-body]')).toBeNull();
    });
  }
});

describe('search page and its script', () => {
  it('is linked from the header of every page', () => {
    for (const urlPath of ['/', '/posts/hugo-typical/', '/tags/']) {
      expect(page(urlPath).querySelector('header nav a[href="/search/"]')?.textContent).toBe('搜尋');
    }
  });

  it('loads Pagefind on /search/ only', () => {
    // The search page lists the shard bundles (/pagefind/<k>/); its script module imports <bundle>pagefind.js.
    const withPagefind = htmlFiles.filter((f) => builtPage(`/${f}`).includes('/pagefind/'));
    expect(withPagefind).toEqual(['search/index.html']);
    const scripts = listFiles(path.join(SITE_DIST, '_astro'), ['.js']).filter((s) => readFileSync(path.join(SITE_DIST, '_astro', s), 'utf8').includes('pagefind.js'));
    expect(scripts).toHaveLength(1);
    expect(htmlFiles.filter((f) => builtPage(`/${f}`).includes(scripts[0]))).toEqual(['search/index.html']);
  });

  it("loads OpenCC's dictionaries from the search script only, never from a page", () => {
    const astro = listFiles(path.join(SITE_DIST, '_astro'), ['.js']);
    const dictionaries = astro.filter((s) => /^(STPhrases|STCharacters|TWPhrases)\./.test(s));
    expect(dictionaries).toHaveLength(3);
    const importers = astro.filter((s) => dictionaries.some((d) => readFileSync(path.join(SITE_DIST, '_astro', s), 'utf8').includes(d)));
    expect(importers).toHaveLength(1);
    expect(htmlFiles.filter((f) => builtPage(`/${f}`).includes(importers[0]))).toEqual(['search/index.html']);
    expect(htmlFiles.filter((f) => dictionaries.some((d) => builtPage(`/${f}`).includes(d)))).toEqual([]);
  });

  it('indexes article bodies only', () => {
    expect(page('/posts/hugo-typical/').querySelectorAll('[data-pagefind-body]')).toHaveLength(1);
    expect(page('/search/').querySelector('[data-pagefind-body]')).toBeNull();
    expect(page('/').querySelector('[data-pagefind-body]')).toBeNull();
  });
});

describe('Content-Security-Policy', () => {
  it('every page carries a policy with hashes and no unsafe-inline or unsafe-eval', () => {
    for (const file of htmlFiles) {
      const csp = page(`/${file}`).querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '';
      expect(csp, file).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[\w+/=]+')+;/);
      expect(csp, file).toContain("object-src 'none'");
      expect(csp, file).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    }
  });

  it('no element has an inline style attribute, which the policy would block', () => {
    const styled = htmlFiles.filter((f) => page(`/${f}`).querySelector('[style]'));
    expect(styled).toEqual([]);
    expect(page('/posts/hugo-typical/').querySelector('pre[class*="language-"]')).not.toBeNull();
    // Prism colours tokens with classes that code.css themes for light and dark.
    expect(page('/posts/feed-edge-cases/').querySelectorAll('pre.language-js .token.comment').map((t) => t.textContent)).toEqual(['// 計算推論成本']);
  });
});

describe('_headers for the static host', () => {
  const rules = readHeadersFile(SITE_DIST);

  it('caches hashed assets for a year and HTML and feeds briefly', () => {
    expect(headersFor(rules, '/_astro/BaseLayout.abc123.css')['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headersFor(rules, '/posts/hugo-typical/')['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(headersFor(rules, '/index.xml')['cache-control']).toBe('public, max-age=600');
    expect(headersFor(rules, '/tags/小模型/index.xml')['cache-control']).toBe('public, max-age=600');
  });

  it("allows WebAssembly for Pagefind's files only", () => {
    expect(headersFor(rules, '/pagefind/pagefind-worker.js')['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    // Each search shard is its own bundle in a subfolder; the rule covers them all.
    for (const file of ['/pagefind/0/pagefind-worker.js', '/pagefind/13/index/zh-hant-tw_abc.pf_index']) {
      expect(headersFor(rules, file)['content-security-policy'], file).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(headersFor(rules, file)['cache-control'], file).toBe('public, max-age=3600, must-revalidate');
    }
    expect(headersFor(rules, '/search/')['content-security-policy']).toBe("frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'");
  });
});
