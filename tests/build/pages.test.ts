import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SITE_DIST, builtFileExists, builtPage } from '../support/fixture';
import { page, parseHtml, texts } from '../support/html';
import { readFeed } from '../support/feed';

const SITE = 'https://ai-notes.example.tw';
const sitemapPaths = () =>
  parseHtml(readFileSync(path.join(SITE_DIST, 'sitemap-0.xml'), 'utf8'))
    .querySelectorAll('url')
    .map((u) => ({ path: decodeURI(new URL(u.querySelector('loc')!.textContent).pathname), lastmod: u.querySelector('lastmod')?.textContent }));

describe('standalone pages', () => {
  it('builds a page at its front-matter url, not at its file name', () => {
    const doc = page('/about-us/');
    expect(doc.querySelector('h1')?.textContent).toBe('關於測試站');
    expect(doc.querySelector('.prose strong')?.textContent).toBe('關於頁面');
    expect(texts(doc, '.prose h2')).toEqual(['本站的目標']);
    expect(builtFileExists('/about/')).toBe(false);
  });

  it('builds a page without url at /<file name>/', () => {
    expect(page('/contact/').querySelector('h1')?.textContent).toBe('聯絡方式');
    expect(page('/privacy/').querySelector('.prose p')?.textContent).toBe('本站不使用追蹤用的 Cookie。');
  });

  it('shows lastmod when the page has one, and no article-only parts', () => {
    const about = page('/about-us/');
    expect(about.querySelector('.page__header time')?.getAttribute('datetime')).toBe('2026-02-10T09:00:00+08:00');
    expect(about.querySelector('.page__header')?.textContent).toContain('最後更新於');
    expect(page('/contact/').querySelector('article time')).toBeNull();
    // Positive control: an article shows these parts; a page shows none of them.
    expect(builtPage('/posts/hugo-typical/')).toContain('閱讀時間約');
    expect(page('/posts/hugo-typical/').querySelector('.related')).not.toBeNull();
    for (const url of ['/about-us/', '/contact/']) {
      expect(builtPage(url)).not.toContain('閱讀時間約');
      expect(page(url).querySelector('.related, .toc, .breadcrumbs')).toBeNull();
    }
  });

  it('has the SEO head tags of every page', () => {
    const about = page('/about-us/');
    expect(about.querySelector('title')?.textContent).toBe('關於測試站｜AI 產業筆記');
    expect(about.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${SITE}/about-us/`);
    expect(about.querySelector('meta[name="description"]')?.getAttribute('content')).toBe('測試用的關於頁面，網址由 url 指定。');
    expect(about.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('website');
    expect(about.querySelector('meta[property="article:modified_time"]')?.getAttribute('content')).toBe('2026-02-10T09:00:00+08:00');
  });

  it('redirects a page alias to the page, folder and file alike', () => {
    for (const from of ['/contact-us/', '/old/contact.html']) {
      const doc = page(from);
      expect(doc.querySelector('meta[http-equiv="refresh"]')?.getAttribute('content')).toBe('0; url=/contact/');
      expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${SITE}/contact/`);
      expect(doc.querySelector('body p')?.textContent).toBe('這個頁面已經搬到新網址：聯絡方式');
    }
    // A post alias keeps saying it is an article.
    expect(page('/2025/12/old-url/').querySelector('body p')?.textContent).toBe('這篇文章已經搬到新網址：有更新日期與舊網址的文章');
  });

  it('leaves out draft and expired pages', () => {
    expect(builtFileExists('/draft-page/')).toBe(false);
    expect(builtFileExists('/expired-page/')).toBe(false);
    expect(builtFileExists('/privacy/')).toBe(true);
  });

  it('lists published pages in the sitemap with their lastmod, and no draft or expired page', () => {
    const entries = sitemapPaths();
    const paths = entries.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/about-us/', '/contact/', '/privacy/']));
    expect(new Date(entries.find((e) => e.path === '/about-us/')!.lastmod!).getTime()).toBe(new Date('2026-02-10T09:00:00+08:00').getTime());
    for (const p of ['/about/', '/draft-page/', '/expired-page/', '/contact-us/']) expect(paths, p).not.toContain(p);
  });
});

describe('header and footer links', () => {
  const navLinks = (url: string) => page(url).querySelectorAll('.site-header nav a').map((a) => [a.textContent.trim(), a.getAttribute('href')]);
  const footerLinks = (url: string) => page(url).querySelectorAll('.site-footer nav a').map((a) => [a.textContent.trim(), a.getAttribute('href')]);

  it('puts a page with menu: main in the header of every page, after the config links', () => {
    for (const url of ['/', '/posts/hugo-typical/', '/tags/', '/about-us/']) {
      const links = navLinks(url);
      expect(links[0], url).toEqual(['首頁', '/']);
      expect(links.at(-1), url).toEqual(['聯絡方式', '/contact/']);
      expect(links, url).toHaveLength(8);
    }
    expect(page('/contact/').querySelector('.site-header nav a[href="/contact/"]')?.getAttribute('aria-current')).toBe('page');
  });

  it('puts 訂閱 first, then the config footer links, then pages with menu: footer by weight, with their menu name', () => {
    for (const url of ['/', '/posts/hugo-typical/', '/archive/', '/contact/', '/subscribe/']) {
      expect(footerLinks(url), url).toEqual([
        ['訂閱', '/subscribe/'],
        ['隱私權政策', '/privacy/'],
        ['關於我們', '/about-us/'],
      ]);
    }
  });

  it('links no draft or expired page', () => {
    const html = builtPage('/');
    expect(html).not.toContain('/draft-page/');
    expect(html).not.toContain('/expired-page/');
    expect(html).toContain('href="/privacy/"');
  });
});

describe('Hugo publishing rules for posts', () => {
  const homeTitles = () => texts(page('/'), '.post-card__title');

  it('builds a post whose expiryDate is still to come (positive control)', () => {
    expect(page('/posts/updated-post/').querySelector('h1')?.textContent).toBe('有更新日期與舊網址的文章');
    expect(homeTitles()).toContain('有更新日期與舊網址的文章');
  });

  it('leaves out an expired post, its alias and its only tag', () => {
    expect(builtFileExists('/posts/expired/')).toBe(false);
    expect(builtFileExists('/old/expired-post/')).toBe(false);
    expect(builtFileExists('/tags/過期標籤/')).toBe(false);
  });

  it('leaves out a post whose publishDate is still to come, though its date has passed', () => {
    expect(builtFileExists('/posts/publish-later/')).toBe(false);
    expect(builtFileExists('/tags/延後發佈標籤/')).toBe(false);
  });

  it('builds no page for headless or build.render: never', () => {
    expect(builtFileExists('/posts/headless/')).toBe(false);
    expect(builtFileExists('/posts/render-never/')).toBe(false);
    expect(builtFileExists('/tags/無頭標籤/')).toBe(false);
  });

  it('builds a build.list: never post but keeps it out of lists, tags, related posts and search', () => {
    expect(page('/posts/unlisted/').querySelector('h1')?.textContent).toBe('不列入清單的文章');
    expect(homeTitles()).not.toContain('不列入清單的文章');
    expect(homeTitles()).toContain('2026 AI 展望：小模型與開源的下一步');
    expect(texts(page('/archive/'), 'a')).not.toContain('不列入清單的文章');
    expect(texts(page('/archive/'), 'a')).toContain('2026 AI 展望：小模型與開源的下一步');
    expect(builtFileExists('/tags/未列出標籤/')).toBe(false);
    expect(builtPage('/tags/小模型/')).not.toContain('不列入清單的文章');
    expect(builtPage('/tags/小模型/')).toContain('2026 AI 展望：小模型與開源的下一步');
    expect(texts(page('/posts/hugo-typical/'), '.related a')).not.toContain('不列入清單的文章');
    expect(page('/posts/unlisted/').querySelector('[data-pagefind-body]')).toBeNull();
    // Its own page links the tag listed posts share, and not the one only it has (that page is not built).
    expect(page('/posts/unlisted/').querySelector('a[href="/tags/%E5%B0%8F%E6%A8%A1%E5%9E%8B/"]')?.textContent).toBe('#小模型');
    expect(texts(page('/posts/unlisted/'), 'a')).not.toContain('#未列出標籤');
    expect(page('/posts/hugo-typical/').querySelector('[data-pagefind-body]')).not.toBeNull();
  });

  it('keeps expired, later and unlisted posts out of the site feed', async () => {
    const titles = (await readFeed('/index.xml')).items.map((i) => i.title);
    expect(titles).toContain('有更新日期與舊網址的文章');
    for (const t of ['已過期的文章', '日期在過去但延後發佈的文章', '無頭文章', '不渲染的文章', '不列入清單的文章']) expect(titles).not.toContain(t);
  });

  it('lists an unlisted post in the sitemap (it has a page), but no post that is not built', () => {
    const paths = sitemapPaths().map((e) => e.path);
    expect(paths).toContain('/posts/unlisted/');
    for (const p of ['/posts/expired/', '/posts/publish-later/', '/posts/headless/', '/posts/render-never/']) expect(paths).not.toContain(p);
  });
});
