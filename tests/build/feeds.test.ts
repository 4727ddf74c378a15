import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import path from 'node:path';
import { PUBLISHED_TITLES_NEWEST_FIRST, SITE_DIST, builtFileExists } from '../support/fixture';
import { listFiles } from '../support/dist';
import { page, parseHtml } from '../support/html';
import { readFeed } from '../support/feed';

const SITE = 'https://ai-notes.example.tw';
// Characters XML 1.0 forbids: C0 controls other than tab/LF/CR, U+FFFE, U+FFFF.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Every URL in an item's HTML (href, src and each srcset candidate). */
function urlsIn(html: string): string[] {
  const root = parseHtml(html);
  return root.querySelectorAll('[href], [src], [srcset]').flatMap((el) => [
    ...(['href', 'src'] as const).map((a) => el.getAttribute(a)).filter((v): v is string => v !== undefined),
    ...(el.getAttribute('srcset')?.split(',').map((c) => c.trim().split(/\s+/)[0]) ?? []),
  ]);
}

describe('site feed at /index.xml', async () => {
  const feed = await readFeed('/index.xml');
  const item = (title: string) => feed.items.find((i) => i.title === title)!;

  it('is the channel of the whole site, in zh-Hant-TW', () => {
    expect(feed.title).toBe('AI 產業筆記');
    expect(feed.link).toBe(`${SITE}/`);
    expect(feed.language).toBe('zh-Hant-TW');
    expect(feed.xml).toContain(`<atom:link href="${SITE}/index.xml" rel="self" type="application/rss+xml"/>`);
  });

  it('holds every published post, newest first, and no draft or future post', () => {
    expect(feed.items.map((i) => i.title)).toEqual(PUBLISHED_TITLES_NEWEST_FIRST);
    expect(feed.xml).not.toContain('尚未完成的草稿');
    expect(feed.xml).not.toContain('排程中的未來文章');
  });

  it('gives each item an absolute permalink as link and guid', () => {
    const md = item('2026 AI 展望：小模型與開源的下一步');
    expect(md.link).toBe(`${SITE}/posts/hugo-typical/`);
    expect(md.guid).toBe(`${SITE}/posts/hugo-typical/`);
    expect(md.description).toBe('小模型與開源模型在 2026 年的走向。');
    expect(md.categories).toEqual(['AI 產業動態', 'AI 2026', '小模型', '開源 AI', 'Together AI', 'AI2', 'Podcast']);
  });

  it('dates a 07:00 +08:00 post at the right instant (RFC 822, GMT)', () => {
    const morning = item('台北清晨發佈的文章');
    expect(morning.pubDate).toBe('Sat, 28 Feb 2026 23:00:00 GMT');
    expect(new Date(morning.pubDate).getTime()).toBe(new Date('2026-03-01T07:00:00+08:00').getTime());
  });

  it('carries the full text of a .md article with embeds turned into links', () => {
    const html = item('2026 AI 展望：小模型與開源的下一步').content;
    expect(html).toContain('開源生態的速度超乎預期。');
    expect(html).toContain('<h2 id="前言">前言</h2>');
    expect(html).toContain('<a href="https://www.youtube.com/watch?v=XCCkgRzth6Q">在 YouTube 觀看影片</a>');
    expect(html).toContain('<a href="https://open.spotify.com/episode/5fdqgGAgTqchtz9mUYBbEr">在 Spotify 收聽這集節目</a>');
  });

  it('carries the full text of an .mdx article with its components rendered', () => {
    const html = item('MDX 元件示範：嵌入與說明框').content;
    expect(html).toContain('這段是<strong>警告</strong>說明框。');
    expect(html).toContain('<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">示範影片：模型訓練的成本結構</a>');
    expect(html).toContain('<figcaption>圖一：推論成本的變化</figcaption>');
    expect(html).toMatch(new RegExp(`<img src="${SITE}/_astro/chart\\.[\\w-]+\\.webp"`));
  });

  it('puts the hero first and as media:content: a 1200×630 JPEG on the site', async () => {
    const md = item('2026 AI 展望：小模型與開源的下一步');
    expect(md.media?.type).toBe('image/jpeg');
    expect([md.media?.width, md.media?.height]).toEqual(['1200', '630']);
    expect(md.content.startsWith(`<p><img src="${md.media?.url}" width="1200" height="630"`)).toBe(true);
    const file = new URL(md.media!.url).pathname;
    expect(file).toMatch(/^\/_astro\/hero-small-models\.[\w-]+\.jpeg$/);
    const meta = await sharp(path.join(SITE_DIST, file)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1200, 630]);
    expect(item('只有日期的文章').media).toBeUndefined();
  });

  it('uses only absolute URLs for links and images, each served by the site or a third party', () => {
    const urls = feed.items.flatMap((i) => urlsIn(i.content));
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) {
      expect(url).toMatch(/^https:\/\//);
      if (url.startsWith(SITE)) expect(builtFileExists(new URL(url).pathname), url).toBe(true);
    }
    const edge = item('特殊字元 & <標記> ]]> 測試 🚀').content;
    expect(edge).toContain(`<a href="${SITE}/posts/hugo-typical/">小模型的下一步</a>`);
    expect(edge).toContain(`<a href="${SITE}/posts/feed-edge-cases/#%E5%9C%96%E8%A1%A8">本文的圖表</a>`);
    const chart = parseHtml(edge).querySelector('img[alt="推論成本的示意圖表"]');
    expect(chart?.getAttribute('src')).toMatch(new RegExp(`^${SITE}/_astro/chart\\.[\\w-]+\\.webp$`));
  });

  it('turns Vimeo and X shortcodes into plain links and keeps highlighted code as text', () => {
    const edge = item('特殊字元 & <標記> ]]> 測試 🚀').content;
    expect(edge).toContain('<p><a href="https://vimeo.com/76979871">');
    expect(edge).toContain('<p><a href="https://x.com/openai/status/1234567890123456789">在 X 查看 @openai 的貼文</a></p>');
    expect(parseHtml(edge).querySelector('pre code')?.textContent).toBe('// 計算推論成本\nconst cost = tokens * 0.002;');
  });

  it('contains no scripts, frames, facade attributes or scoped-style attributes', () => {
    const html = feed.items.map((i) => i.content).join('\n');
    expect(html).toContain('<p>'); // positive control: the content is there
    expect(html).not.toMatch(/<script|<iframe|<style|data-astro-cid|data-embed|class=|style=/i);
  });

  it('keeps &, <, ]]> and emoji intact and drops control characters', () => {
    const edge = item('特殊字元 & <標記> ]]> 測試 🚀');
    expect(edge.description).toBe('控制字元與 & < > ]]> 都不該破壞訂閱 🎉');
    expect(edge.content).toContain('這段文字包含 ]]&gt; 與 a &lt; b &amp; c，還有表情符號 🤖。');
    expect(XML_FORBIDDEN.test(feed.xml)).toBe(false);
  });
});

describe('feed discovery', () => {
  const pages = listFiles(SITE_DIST, ['.html']).filter((f) => !f.startsWith('pagefind/'));

  it('links the site feed from every page except redirect stubs', () => {
    let checked = 0;
    for (const file of pages) {
      const doc = page(`/${file}`);
      if (doc.querySelector('meta[http-equiv="refresh"]')) continue;
      const feeds = doc.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]');
      expect(feeds[0]?.getAttribute('href'), file).toBe(`${SITE}/index.xml`);
      expect(feeds[0]?.getAttribute('title'), file).toBe('AI 產業筆記');
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('term feeds', async () => {
  const termPages = listFiles(SITE_DIST, ['index.html'])
    .filter((f) => /^(tags|categories|companies|people|sources)\/[^/]+\/index\.html$/.test(f))
    .map((f) => `/${f.replace(/index\.html$/, '')}`);

  it('exist beside every term page and parse', async () => {
    expect(termPages.length).toBeGreaterThan(10);
    for (const termPage of termPages) {
      const feed = await readFeed(`${termPage}index.xml`);
      expect(feed.link, termPage).toBe(`${SITE}${encodeURI(termPage)}`);
      expect(feed.items.length, termPage).toBeGreaterThan(0);
      expect(XML_FORBIDDEN.test(feed.xml), termPage).toBe(false);
    }
  });

  it.each([
    ['/tags/小模型/', '標籤：小模型｜AI 產業筆記', ['2026 AI 展望：小模型與開源的下一步']],
    ['/tags/podcast/', '標籤：Podcast｜AI 產業筆記', ['2026 AI 展望：小模型與開源的下一步', 'MDX 元件示範：嵌入與說明框']],
    ['/categories/技術筆記/', '分類：技術筆記｜AI 產業筆記', ['MDX 元件示範：嵌入與說明框']],
    ['/companies/openai/', '公司：OpenAI｜AI 產業筆記', ['MDX 元件示範：嵌入與說明框']],
    ['/people/sam-altman/', '人物：Sam Altman｜AI 產業筆記', ['MDX 元件示範：嵌入與說明框']],
    ['/sources/the-mad-podcast-with-matt-turck/', '來源：The MAD Podcast with Matt Turck｜AI 產業筆記', ['2026 AI 展望：小模型與開源的下一步']],
  ])('%s/index.xml holds that term\'s posts with full content', async (termPage, title, items) => {
    const feed = await readFeed(`${termPage}index.xml`);
    expect(feed.title).toBe(title);
    expect(feed.items.map((i) => i.title)).toEqual(items);
    expect(feed.items[0].content.length).toBeGreaterThan(100);
    const links = page(termPage).querySelectorAll('link[rel="alternate"][type="application/rss+xml"]');
    expect(links.map((l) => [l.getAttribute('title'), l.getAttribute('href')])).toEqual([
      ['AI 產業筆記', `${SITE}/index.xml`],
      [title, `${SITE}${encodeURI(termPage)}index.xml`],
    ]);
  });

  it('are not built for a term only a draft or future post has', () => {
    expect(builtFileExists('/tags/更新/index.xml')).toBe(true);
    expect(builtFileExists('/tags/草稿標籤/index.xml')).toBe(false);
    expect(builtFileExists('/tags/未來標籤/index.xml')).toBe(false);
  });

  it('only term pages announce a second feed', () => {
    expect(page('/posts/hugo-typical/').querySelectorAll('link[rel="alternate"]')).toHaveLength(1);
    expect(page('/tags/').querySelectorAll('link[rel="alternate"]')).toHaveLength(1);
  });
});
