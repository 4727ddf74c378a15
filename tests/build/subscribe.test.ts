import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseStringPromise } from 'xml2js';
import { SITE_DIST, builtFileExists } from '../support/fixture';
import { listFiles } from '../support/dist';
import { page, texts } from '../support/html';
import { headersFor, readHeadersFile } from '../support/headers';

const SITE = 'https://ai-notes.example.tw';
const read = (file: string) => readFileSync(path.join(SITE_DIST, file), 'utf8');
/** The site path of an absolute URL on the site, decoded as the files are named. */
const sitePath = (url: string) => decodeURIComponent(new URL(url, SITE).pathname);

/** Every RSS feed actually written to dist, as decoded site paths (`/index.xml`, `/tags/小模型/index.xml`). */
const emittedFeeds = () =>
  listFiles(SITE_DIST, ['.xml'])
    .filter((file) => /(^|\/)index\.xml$/.test(file) && read(file).includes('<rss version="2.0"'))
    .map((file) => `/${file}`)
    .sort();

interface Outline {
  $: { text: string; title?: string; type?: string; xmlUrl?: string; htmlUrl?: string };
  outline?: Outline[];
}

describe('the feeds the build emits (the set the other tests compare against)', () => {
  it('are the site feed and every term feed, and no feed for a draft-only term', () => {
    const feeds = emittedFeeds();
    expect(feeds).toEqual(expect.arrayContaining(['/index.xml', '/tags/小模型/index.xml', '/companies/openai/index.xml', '/people/sam-altman/index.xml', '/sources/the-mad-podcast-with-matt-turck/index.xml']));
    expect(feeds).toHaveLength(22);
    expect(feeds).not.toContain('/tags/草稿標籤/index.xml');
    expect(feeds).not.toContain('/sitemap-index.xml');
  });
});

describe('/subscribe/', () => {
  const doc = page('/subscribe/');

  it('is titled 訂閱 and explains RSS', () => {
    expect(doc.querySelector('h1')?.textContent).toBe('訂閱');
    expect(doc.querySelector('title')?.textContent).toBe('訂閱｜AI 產業筆記');
    expect(doc.querySelector('.subscribe__lede')?.textContent).toContain('RSS 讓你在閱讀器裡收到新文章');
  });

  it('lists exactly the feeds that exist in dist', () => {
    const listed = doc.querySelectorAll('a.feed-group__feed').map((a) => sitePath(a.getAttribute('href')!));
    expect(listed.length).toBe(new Set(listed).size);
    expect([...listed].sort()).toEqual(emittedFeeds());
  });

  it('groups them by taxonomy, the site feed first, with a count of articles for each', () => {
    expect(doc.querySelectorAll('.feed-group__heading').map((h) => h.childNodes[0].textContent.trim())).toEqual(['全站', '分類', '公司', '人物', '標籤', '來源']);
    const rowOf = (label: string) => doc.querySelectorAll('.feed-group__item').find((li) => li.querySelector('.feed-group__name a')?.textContent === label);
    expect(rowOf('全站文章')?.querySelector('.feed-group__posts')?.textContent).toBe('11 篇文章');
    expect(rowOf('Podcast')?.querySelector('.feed-group__posts')?.textContent).toBe('2 篇文章');
    expect(rowOf('Podcast')?.querySelector('.feed-group__name a')?.getAttribute('href')).toBe('/tags/podcast/');
    expect(rowOf('小模型')?.querySelector('.feed-group__feed')?.textContent.trim()).toBe(`${SITE}/tags/小模型/index.xml`);
  });

  it('gives each feed a copy button holding its absolute, encoded URL (hidden until the script finds a clipboard)', () => {
    const buttons = doc.querySelectorAll('button[data-copy]');
    expect(buttons.map((b) => sitePath(b.getAttribute('data-copy')!)).sort()).toEqual(emittedFeeds());
    const small = buttons.find((b) => b.getAttribute('data-copy-name') === '標籤：小模型')!;
    expect(small.getAttribute('data-copy')).toBe(`${SITE}/tags/%E5%B0%8F%E6%A8%A1%E5%9E%8B/index.xml`);
    expect(small.hasAttribute('hidden')).toBe(true);
    expect(small.textContent.trim()).toBe('複製網址：標籤：小模型');
    expect(doc.querySelectorAll('[role="status"][data-copy-status]')).toHaveLength(1);
  });

  it('runs its copy script only because the page CSP lists the script\'s hash', () => {
    const csp = doc.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '';
    const copy = doc.querySelectorAll('script[type="module"]').find((s) => s.textContent.includes('clipboard'));
    expect(copy).toBeDefined();
    const hash = createHash('sha256').update(copy!.textContent).digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('links the OPML list', () => {
    expect(doc.querySelector('.subscribe__opml a')?.getAttribute('href')).toBe('/feeds.opml');
  });

  it('is linked from the footer of every page', () => {
    const pages = listFiles(SITE_DIST, ['.html']).filter((f) => !f.startsWith('pagefind/'));
    let checked = 0;
    for (const file of pages) {
      const html = page(`/${file}`);
      if (html.querySelector('meta[http-equiv="refresh"]')) continue;
      expect(texts(html, '.site-footer a[href="/subscribe/"]'), file).toEqual(['訂閱']);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('/feeds.opml', async () => {
  const opml = await parseStringPromise(read('feeds.opml'), { strict: true });
  const top: Outline[] = opml.opml.body[0].outline;
  const feedOutlines = top.flatMap((o) => (o.outline ? o.outline : [o]));

  it('is OPML 2.0 with a title', () => {
    expect(opml.opml.$.version).toBe('2.0');
    expect(opml.opml.head[0].title).toEqual(['AI 產業筆記的所有 RSS 訂閱來源']);
  });

  it('lists every emitted feed once, and every xmlUrl is a feed in dist', () => {
    const urls = feedOutlines.map((o) => o.$.xmlUrl!);
    for (const url of urls) {
      expect(url.startsWith(`${SITE}/`), url).toBe(true);
      expect(builtFileExists(new URL(url).pathname), url).toBe(true);
    }
    expect(urls.map(sitePath).sort()).toEqual(emittedFeeds());
    expect(feedOutlines.every((o) => o.$.type === 'rss' && builtFileExists(new URL(o.$.htmlUrl!).pathname))).toBe(true);
  });

  it('puts the site feed on top and each taxonomy in a folder outline', () => {
    expect(top.map((o) => o.$.text)).toEqual(['AI 產業筆記', '分類', '公司', '人物', '標籤', '來源']);
    const people = top.find((o) => o.$.text === '人物')!;
    expect(people.outline!.map((o) => o.$.title)).toContain('人物：Sam Altman｜AI 產業筆記');
  });

  it('a feed missing from dist would be caught (negative control)', () => {
    expect(builtFileExists('/tags/草稿標籤/index.xml')).toBe(false);
    expect(feedOutlines.some((o) => o.$.xmlUrl!.includes(encodeURIComponent('草稿標籤')))).toBe(false);
  });
});

describe('feeds in a browser', () => {
  it('every feed names /feed.xsl, an XSL stylesheet that is itself well-formed XML', async () => {
    for (const feed of emittedFeeds()) {
      expect(read(feed).startsWith('<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet href="/feed.xsl" type="text/xsl"?><rss'), feed).toBe(true);
    }
    const xsl = await parseStringPromise(read('feed.xsl'), { strict: true });
    expect(xsl['xsl:stylesheet'].$.version).toBe('1.0');
    expect(read('feed.xsl')).toContain('這是給 RSS 閱讀器的網址');
  });

  it('/feed.css carries the site tokens and the feed page rules', () => {
    const css = read('feed.css');
    // One light-dark() pair per colour: the feed page follows the system theme (it runs no script).
    expect(css).toContain('--color-bg: light-dark(#fcfcfa, #131416);');
    expect(css).toContain('color-scheme: light dark;');
    expect(css).toContain('.feed__about {');
  });

  it('each item carries its date as the site shows it, in Taipei time', () => {
    const xml = read('index.xml');
    // 07:00 in Taipei on 1 March is still 28 February in GMT, which pubDate gives.
    expect(xml).toContain('<pubDate>Sat, 28 Feb 2026 23:00:00 GMT</pubDate><content:encoded>');
    expect(xml).toContain(`<site:date datetime="2026-03-01T07:00:00+08:00">2026年3月1日</site:date>`);
    expect(xml).toContain(`xmlns:site="${SITE}/feed.xsl"`);
  });

  it('feeds get their own strict CSP from _headers; pages keep theirs', () => {
    const rules = readHeadersFile(SITE_DIST);
    const feedPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    for (const feed of ['/index.xml', '/tags/小模型/index.xml', '/companies/openai/index.xml']) {
      expect(headersFor(rules, feed)['content-security-policy'], feed).toBe(feedPolicy);
    }
    expect(headersFor(rules, '/subscribe/')['content-security-policy']).toBe("frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'");
    expect(headersFor(rules, '/feed.xsl')['content-type']).toBe('application/xml; charset=utf-8');
  });
});

describe('follow links on term pages', () => {
  const termPages = listFiles(SITE_DIST, ['index.html'])
    .filter((f) => /^(tags|categories|companies|people|sources)\/[^/]+\/(page\/\d+\/)?index\.html$/.test(f))
    .map((f) => `/${f.replace(/index\.html$/, '')}`);

  it('every term, company and person page links its own feed near the heading', () => {
    expect(termPages).toHaveLength(21);
    for (const termPage of termPages) {
      const follow = page(termPage).querySelectorAll('a.follow-feed');
      expect(follow.map((a) => a.textContent.trim()), termPage).toEqual(['追蹤 RSS']);
      const own = termPage.replace(/page\/\d+\/$/, '');
      expect(sitePath(follow[0].getAttribute('href')!), termPage).toBe(`${own}index.xml`);
      expect(builtFileExists(follow[0].getAttribute('href')!), termPage).toBe(true);
    }
    expect(page('/companies/openai/').querySelector('.term-meta a.follow-feed')?.getAttribute('href')).toBe('/companies/openai/index.xml');
  });

  it('pages that are not a term page have none', () => {
    for (const other of ['/', '/tags/', '/posts/hugo-typical/', '/subscribe/']) expect(page(other).querySelectorAll('a.follow-feed'), other).toHaveLength(0);
  });
});
