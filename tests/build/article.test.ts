import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_TITLES_NEWEST_FIRST, SITE_DIST, builtFileExists, builtPage } from '../support/fixture';
import { site } from '../../src/site.config';
import { page, texts } from '../support/html';

describe('article page built from a typical Hugo post', () => {
  const doc = page('/posts/hugo-typical/');

  it('is served at Hugo\'s /posts/<id>/ URL with the title', () => {
    expect(doc.querySelector('h1')?.textContent).toBe('2026 AI 展望：小模型與開源的下一步');
    expect(doc.querySelector('html')?.getAttribute('lang')).toBe('zh-Hant-TW');
  });

  it('shows the published date in Taipei time', () => {
    const time = doc.querySelector('.article-meta time');
    expect(time?.getAttribute('datetime')).toBe('2026-02-04T11:00:00+08:00');
    expect(time?.textContent).toBe('2026年2月4日');
  });

  it('renders the hero as an eager, high-priority responsive WebP with dimensions', () => {
    const hero = doc.querySelector('img.hero');
    expect(hero?.getAttribute('loading')).toBe('eager');
    expect(hero?.getAttribute('fetchpriority')).toBe('high');
    expect(hero?.getAttribute('width')).toBe('1200');
    expect(hero?.getAttribute('height')).toBe('675');
    const srcset = hero?.getAttribute('srcset') ?? '';
    expect(srcset.split(', ').map((c) => c.split(' ')[1])).toEqual(['480w', '800w', '1200w']);
    for (const candidate of srcset.split(', ')) {
      const url = candidate.split(' ')[0];
      expect(url).toMatch(/^\/_astro\/hero-small-models\.[\w-]+\.webp$/);
      expect(builtFileExists(url)).toBe(true);
    }
  });

  it('never ships the original image bytes', () => {
    const assets = readdirSync(path.join(SITE_DIST, '_astro'));
    const heroVariants = assets.filter((f) => f.startsWith('hero-small-models.'));
    // Three WebP widths for the page and the 1200×630 JPEG social card.
    expect(heroVariants.filter((f) => /_[\w-]+\.webp$/.test(f))).toHaveLength(3);
    expect(heroVariants.filter((f) => /_[\w-]+\.jpeg$/.test(f))).toHaveLength(1);
    expect(heroVariants).toHaveLength(4);
  });

  it('turns both shortcodes into click-to-load facades that link out without JavaScript', () => {
    const embeds = doc.querySelectorAll('.prose figure.embed');
    expect(embeds.map((e) => e.getAttribute('data-embed-player'))).toEqual([
      'https://www.youtube-nocookie.com/embed/XCCkgRzth6Q?autoplay=1',
      'https://open.spotify.com/embed/episode/5fdqgGAgTqchtz9mUYBbEr',
    ]);
    expect(embeds.map((e) => e.querySelector('a')?.getAttribute('href'))).toEqual([
      'https://www.youtube.com/watch?v=XCCkgRzth6Q',
      'https://open.spotify.com/episode/5fdqgGAgTqchtz9mUYBbEr',
    ]);
    expect(doc.querySelectorAll('iframe')).toHaveLength(0);
  });

  it('reads shortcode arguments as typed, before smart punctuation turns -- into a dash', () => {
    const embed = page('/posts/date-only/').querySelector('figure.embed--youtube');
    expect(embed?.getAttribute('data-embed-player')).toBe('https://www.youtube-nocookie.com/embed/aMRLV_--Big?autoplay=1');
  });

  it('leaves a shortcode inside a code block untouched', () => {
    expect(doc.querySelector('pre code')?.textContent).toContain('{{< youtube notAShortcode >}}');
  });

  it('joins Chinese lines broken in the source without adding a space', () => {
    expect(doc.querySelector('.prose')?.textContent).toContain('愈來愈明顯，企業開始');
  });

  it('builds a table of contents with working Chinese heading ids', () => {
    const links = doc.querySelectorAll('.toc a');
    expect(links.map((a) => a.textContent)).toEqual(['前言', '推論成本', '我的觀察']);
    for (const link of links) {
      const id = decodeURIComponent(link.getAttribute('href')!.slice(1));
      expect(doc.getElementById(id)?.tagName).toMatch(/^H[23]$/);
    }
  });

  it('links every term to its taxonomy URL', () => {
    const hrefs = doc.querySelectorAll('.term-list a').map((a) => decodeURIComponent(a.getAttribute('href')!));
    expect(hrefs).toEqual([
      '/categories/ai-產業動態/',
      '/companies/together-ai/',
      '/tags/ai-2026/',
      '/tags/小模型/',
      '/tags/開源-ai/',
      '/tags/together-ai/',
      '/tags/ai2/',
      '/tags/podcast/',
    ]);
  });

  it('credits the source with its name and link', () => {
    const source = doc.querySelector('.source-card a');
    expect(source?.textContent).toBe('The MAD Podcast with Matt Turck');
    expect(source?.getAttribute('href')).toBe('https://www.youtube.com/watch?v=XCCkgRzth6Q');
  });

  it('shows a reading time', () => {
    expect(doc.querySelector('.article-meta')?.textContent).toContain('閱讀時間約 1 分鐘');
  });

  it('links to the previous (older) and next (newer) articles', () => {
    expect(doc.querySelector('a[rel=prev]')?.getAttribute('href')).toBe('/posts/components/');
    expect(doc.querySelector('a[rel=next]')?.getAttribute('href')).toBe('/posts/date-only/');
  });
});

describe('dates', () => {
  it('shows a 07:00 +08:00 post on 1 March, not February', () => {
    expect(page('/posts/taipei-morning/').querySelector('.article-meta time')?.textContent).toBe('2026年3月1日');
  });

  it('reads a date-only post as that day in Taipei', () => {
    const time = page('/posts/date-only/').querySelector('.article-meta time');
    expect(time?.getAttribute('datetime')).toBe('2026-03-01T00:00:00+08:00');
    expect(time?.textContent).toBe('2026年3月1日');
  });

  it('shows the updated date from lastmod', () => {
    expect(texts(page('/posts/updated-post/'), '.article-meta time')).toEqual(['2025年12月1日', '2026年1月15日']);
    expect(page('/posts/updated-post/').querySelector('.article-meta')?.textContent).toContain('更新於');
  });
});

describe('MDX article', () => {
  const doc = page('/posts/components/');

  it('renders the YouTube and Spotify components with the same facade markup as shortcodes', () => {
    expect(doc.querySelectorAll('figure.embed').map((e) => e.getAttribute('data-embed-player'))).toEqual([
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1',
      'https://open.spotify.com/embed/show/2MAi0BvDc6GTFvKFPXnkCL',
    ]);
    expect(doc.querySelector('.embed__label')?.textContent).toBe('示範影片：模型訓練的成本結構');
  });

  it('renders Callout and an optimized Figure with its caption', () => {
    expect(doc.querySelector('.callout--warning .callout__title')?.textContent).toBe('留意');
    expect(doc.querySelector('.callout strong')?.textContent).toBe('警告');
    const img = doc.querySelector('figure.figure img');
    expect(img?.getAttribute('alt')).toBe('推論成本逐年下降的示意圖');
    expect(img?.getAttribute('src')).toMatch(/^\/_astro\/chart\.[\w-]+\.webp$/);
    expect(doc.querySelector('figure.figure figcaption')?.textContent).toBe('圖一：推論成本的變化');
  });
});

describe('page bundles and slugs', () => {
  it('resolves a relative hero image next to the post', () => {
    const hero = page('/posts/bundled-post/').querySelector('img.hero');
    expect(hero?.getAttribute('alt')).toBe('套件封面');
    expect(hero?.getAttribute('src')).toMatch(/^\/_astro\/cover\.[\w-]+\.webp$/);
  });

  it('uses the slug field for the URL', () => {
    expect(builtFileExists('/posts/updated-post/')).toBe(true);
    expect(builtFileExists('/posts/updated/')).toBe(false);
  });
});

describe('the published rule in the build', () => {
  it('builds published posts (positive control)', () => {
    expect(builtFileExists('/posts/date-only/')).toBe(true);
  });

  it('leaves out drafts and future-dated posts', () => {
    expect(builtFileExists('/posts/draft/')).toBe(false);
    expect(builtFileExists('/posts/future/')).toBe(false);
  });

  it('lists published posts on the home page and the next, newest first, and no drafts', () => {
    expect(texts(page('/'), '.post-card__title')).toEqual(PUBLISHED_TITLES_NEWEST_FIRST.slice(0, site.pageSize));
    expect(texts(page('/page/2/'), '.post-card__title')).toEqual(PUBLISHED_TITLES_NEWEST_FIRST.slice(site.pageSize));
    expect(builtPage('/')).not.toContain('尚未完成的草稿');
  });

  it('lazy-loads list thumbnails below the first card', () => {
    // The first card's thumbnail is the remote hero of taipei-morning, loaded eagerly.
    const thumbs = page('/').querySelectorAll('img.post-card__thumb');
    expect(thumbs.map((img) => img.getAttribute('loading'))).toEqual(['eager', 'lazy', 'lazy', 'lazy']);
  });

  it('loads the first card\'s thumbnail eagerly with high priority', () => {
    const thumbs = page('/tags/podcast/').querySelectorAll('img.post-card__thumb');
    expect(thumbs.map((img) => [img.getAttribute('loading'), img.getAttribute('fetchpriority')])).toEqual([
      ['eager', 'high'],
      ['lazy', undefined],
    ]);
  });
});

describe('404 page', () => {
  it('exists with a zh-TW message', () => {
    expect(page('/404.html').querySelector('h1')?.textContent).toBe('找不到這個頁面');
  });
});
