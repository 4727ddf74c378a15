import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { useBuiltSite } from '../support/browser';
import { SITE_DIST } from '../support/fixture';

const ARTICLE = '/posts/hugo-typical/';
const KB = 1024;

const site = useBuiltSite();

const gzip = (b: Buffer) => gzipSync(b, { level: 9 }).length;
const brotli = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const read = (urlPath: string) => readFileSync(path.join(SITE_DIST, decodeURIComponent(urlPath)));

describe('article page weight budget', () => {
  const html = read(`${ARTICLE}index.html`);
  const doc = parse(html.toString());

  it('keeps HTML + CSS under 60 KB compressed', () => {
    const styles = doc.querySelectorAll('link[rel=stylesheet]').map((l) => read(l.getAttribute('href')!));
    expect(styles.length).toBeGreaterThan(0);
    const all = Buffer.concat([html, ...styles]);
    console.log(
      `article ${ARTICLE}: HTML ${(html.length / KB).toFixed(1)} KB + CSS ${(styles.reduce((n, s) => n + s.length, 0) / KB).toFixed(1)} KB raw; ` +
        `${(gzip(all) / KB).toFixed(1)} KB gzip, ${(brotli(all) / KB).toFixed(1)} KB brotli`,
    );
    expect(gzip(all)).toBeLessThan(60 * KB);
  });

  it('sends no JavaScript file, only six small inline scripts, and nothing third-party that blocks rendering', () => {
    const scripts = doc.querySelectorAll('script');
    expect(scripts.filter((s) => s.getAttribute('type') !== 'application/ld+json' && s.getAttribute('src'))).toEqual([]);
    const inline = scripts.filter((s) => !s.getAttribute('type') || s.getAttribute('type') === 'module');
    // Which script is which, in page order, by a name each one must contain.
    const roles: Array<[string, string]> = [
      ['theme head script', 'data-js'],
      ['search shortcut', 'data-search-shortcut'],
      ['theme switch', 'data-theme-switch'],
      ['share', 'data-share-url'],
      ['embed facade', 'embedPlayer'],
      ['code copy', 'code-copy'],
    ];
    expect(inline.map((s) => roles.find(([, marker]) => s.textContent.includes(marker))?.[0])).toEqual(roles.map(([role]) => role));
    expect(inline[0].hasAttribute('type')).toBe(false); // classic, so it runs before the body is parsed
    const bytes = inline.map((s) => Buffer.byteLength(s.textContent));
    const total = Buffer.concat(inline.map((s) => Buffer.from(s.textContent)));
    console.log(`article JavaScript: ${roles.map(([role], i) => `${role} ${bytes[i]}`).join(', ')}; ${total.length} bytes, ${gzip(total)} gzip`);
    expect(total.length).toBeLessThan(4 * KB);
    const blocking = doc.querySelectorAll('link[rel=stylesheet], script[src]').map((e) => e.getAttribute('href') ?? e.getAttribute('src'));
    expect(blocking.every((u) => u!.startsWith('/'))).toBe(true);
  });

  it('loads a hero under 80 KB on a 360 px phone', async () => {
    const context = await site.browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true });
    const page = await context.newPage();
    const images: { url: string; bytes: number }[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'image') images.push({ url: response.url(), bytes: (await response.body()).length });
    });
    await page.goto(`${site.url}${ARTICLE}`, { waitUntil: 'load' });
    const current = (await page.evaluate("document.querySelector('img.hero').currentSrc")) as string;
    const hero = images.find((i) => i.url === current);
    expect(hero?.url).toMatch(/\/_astro\/hero-small-models\.[\w-]+\.webp$/);
    console.log(`hero at 360 px × DPR 2: ${current.split('/').pop()} ${(hero!.bytes / KB).toFixed(1)} KB`);
    expect(hero!.bytes).toBeLessThan(80 * KB);
    await context.close();
  });
});
