import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, fixtureDirs } from '../support/build-fixture';
import { parseHtml } from '../support/html';

/** The `shortcodes` fixture: an old Hugo post full of theme shortcodes, and a page bundle with a figure. */
const DIST = fixtureDirs('shortcodes').dist;
const page = (id: string) => parseHtml(readFileSync(path.join(DIST, 'posts', id, 'index.html'), 'utf8'));
let log = '';

beforeAll(() => {
  log = buildFixture('shortcodes').log;
});

describe('Hugo shortcodes in a built page', () => {
  it('leaves no shortcode text or placeholder outside code, and shows the ones inside code as written', () => {
    const doc = page('theme-shortcodes');
    const body = doc.querySelector('.prose')!;
    const outsideCode = body.clone() as typeof body;
    for (const code of outsideCode.querySelectorAll('code, pre')) code.remove();
    // Hugo's escaped form shows as the literal shortcode; nothing else of the kind is left.
    expect(outsideCode.textContent).toContain('寫 {{< youtube ID >}} 也行');
    expect(outsideCode.textContent.replace('寫 {{< youtube ID >}} 也行', '')).not.toMatch(/\{\{[<%]|HUGOSC/);
    expect(body.querySelectorAll('p > code').map((c) => c.textContent)).toContain('{{< youtube ID >}}');
    expect(body.querySelectorAll('pre').map((pre) => pre.textContent).join('\n')).toContain('{{< youtube notAShortcode >}}');
  });

  it('renders YouTube ids with underscores, even between lines of text', () => {
    const links = page('theme-shortcodes').querySelectorAll('figure.embed--youtube a').map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://www.youtube.com/watch?v=_elae4q3Ki_', 'https://www.youtube.com/watch?v=LNrC-_Y0So_']);
    const doc = page('theme-shortcodes');
    expect(doc.querySelector('.prose p figure')).toBeNull();
    const texts = doc.querySelectorAll('.prose > p').map((p) => p.textContent.trim());
    expect(texts).toContain('這段文字後面緊接著影片');
    expect(texts).toContain('而影片後面又接著文字。');
  });

  it('turns admonition, notice, hint and alert into callouts, whatever the closing tag spelling', () => {
    const asides = page('theme-shortcodes').querySelectorAll('aside.callout');
    expect(asides.map((a) => [a.classList.toString(), a.querySelector('.callout__title')?.textContent])).toEqual([
      ['callout callout--warning', '讀者請注意'],
      ['callout callout--tip', '提示'],
      ['callout callout--danger', '警告'],
      ['callout callout--warning', '注意'],
    ]);
    expect(asides[0].querySelectorAll('.callout__body li').map((li) => li.textContent)).toEqual(['第一點', '第二點']);
    expect(asides[0].querySelector('.callout__body strong')?.textContent).toBe('警告');
  });

  it('turns details and collapse into <details>', () => {
    const details = page('theme-shortcodes').querySelectorAll('details.details');
    expect(details.map((d) => d.querySelector('summary')?.textContent)).toEqual(['展開看推論成本的細節', '收合的段落']);
    expect(details[0].querySelector('p')?.textContent).toBe('每百萬 token 的價格在一年內下降了九成。');
  });

  it('turns highlight into a highlighted code block', () => {
    const pre = page('theme-shortcodes').querySelector('pre code.language-python');
    expect(pre?.textContent).toContain('def cost(tokens):');
  });

  it('renders x over two lines, bilibili, instagram, audio, video and qr', () => {
    const doc = page('theme-shortcodes');
    expect(doc.querySelector('figure.embed-card--x a')?.getAttribute('href')).toBe('https://x.com/SanDiegoZoo/status/1453110110599868418');
    expect(doc.querySelector('figure.embed--bilibili')?.getAttribute('data-embed-player')).toMatch(/^https:\/\/player\.bilibili\.com\/player\.html\?bvid=BV1xx411c7mD/);
    expect(doc.querySelector('figure.embed-card--instagram a')?.getAttribute('href')).toBe('https://www.instagram.com/p/CxOWiQNP2MO/');
    expect(doc.querySelector('figure.media--audio audio')?.getAttribute('src')).toBe('https://media.example.com/episode-12.mp3');
    expect(doc.querySelector('figure.media--video video')?.getAttribute('src')).toBe('https://media.example.com/demo.mp4');
    expect(doc.querySelector('figure.qr img')?.getAttribute('alt')).toBe('QR 碼：https://ai-notes.example.tw/');
  });

  it("lets this page's CSP load its remote audio and video, and no other page's (control)", () => {
    const csp = (id: string) => page(id).querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '';
    expect(csp('theme-shortcodes')).toContain("media-src 'self' https://media.example.com");
    expect(csp('bundle-figure')).toContain('default-src');
    expect(csp('bundle-figure')).not.toContain('media-src');
  });

  it('fills param and ref', () => {
    const doc = page('theme-shortcodes');
    const last = doc.querySelectorAll('.prose > p').map((p) => p).find((p) => p.textContent.includes('本文來源'));
    expect(last?.textContent.trim()).toBe('本文來源：站內測試。相關文章見同系列。');
    expect(last?.querySelector('a')?.getAttribute('href')).toBe('/posts/bundle-figure/');
  });

  it('optimizes a bundle figure and keeps its caption and credit', () => {
    const figure = page('bundle-figure').querySelector('figure.figure');
    expect(figure?.querySelector('img')?.getAttribute('src')).toMatch(/^\/_astro\/chart\..*\.webp$/);
    expect(figure?.querySelector('img')?.getAttribute('alt')).toBe('推論成本走勢');
    expect(figure?.querySelector('figcaption')?.textContent).toBe('圖一：推論成本 資料來源');
    expect(figure?.querySelector('.figure__credit a')?.getAttribute('href')).toBe('https://example.com/data');
  });

  it('builds without warnings about the posts', () => {
    expect(log).toMatch(/theme-shortcodes|posts/);
    expect(log).not.toMatch(/\[WARN\].*(theme-shortcodes|bundle-figure)|unknown shortcode|cannot be used|HUGOSC/);
  });
});
