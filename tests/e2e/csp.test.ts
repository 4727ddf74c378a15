import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { serveStatic, type StaticServer } from '../support/server';
import { SITE_DIST } from '../support/fixture';
import { headersFor, readHeadersFile } from '../support/headers';

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;

/** Records every CSP violation the page reports, from the first script on. */
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
  });
`;

async function openPage(path: string): Promise<{ page: Page; console: string[] }> {
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) console.push(m.text());
  });
  await page.goto(`${server.url}${path}`);
  return { page, console };
}

/** A 1×1 PNG served for every remote image. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** `src` and natural width of every image on the page that comes from another site, once all have settled. */
const remoteImages = (page: Page) =>
  page.evaluate(`Promise.all([...document.images].filter((i) => /^https?:/.test(i.src) && !i.src.startsWith(location.origin)).map(async (i) => {
    i.loading = 'eager';
    await i.decode().catch(() => {});
    return [i.src, i.naturalWidth];
  }))`) as Promise<[string, number][]>;

const violationsOf = (page: Page) => page.evaluate('window.__cspViolations') as Promise<string[]>;

beforeAll(async () => {
  const rules = readHeadersFile(SITE_DIST);
  server = await serveStatic(SITE_DIST, (pathname) => headersFor(rules, pathname));
  browser = await launchChromium();
  context = await browser.newContext();
  await context.addInitScript(RECORD_VIOLATIONS);
  // Third-party players and remote images answer locally: the sandbox has no network.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.request().resourceType() === 'image'
      ? route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL })
      : route.fulfill({ status: 200, contentType: 'text/html', body: '<title>player</title>' }),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('strict CSP in Chromium', () => {
  it('reports a violation when an inline script is injected (positive control)', async () => {
    const { page } = await openPage('/');
    await page.evaluate(`(() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); })()`);
    await expect.poll(() => violationsOf(page)).toEqual(['script-src-elem inline']);
    expect(await page.evaluate('window.__ran === true')).toBe(false);
    await page.close();
  });

  for (const path of ['/', '/posts/components/', '/posts/taipei-morning/', '/tags/小模型/', '/archive/', '/subscribe/', '/404.html']) {
    it(`${path} loads its styles and scripts with no violation`, async () => {
      const { page, console } = await openPage(path);
      await page.waitForLoadState('load');
      expect(await violationsOf(page)).toEqual([]);
      expect(console.filter((m) => /Content.Security.Policy/i.test(m))).toEqual([]);
      await page.close();
    });
  }

  it.each(['/2025/12/old-url/', '/old/updated-post/', '/old/updated-post.html'])('the old URL %s takes the reader to the article, with no violation', async (path) => {
    const { page, console } = await openPage(path);
    await page.waitForURL(`${server.url}/posts/updated-post/`);
    expect(await page.locator('h1').textContent()).toBe('有更新日期與舊網址的文章');
    expect(console).toEqual([]);
    await page.close();
  });

  it("loads the remote hero and body images the article's own policy allows, with no violation", async () => {
    const { page, console } = await openPage('/posts/taipei-morning/');
    await page.waitForLoadState('load');
    expect((await remoteImages(page)).sort()).toEqual([
      ['https://cdn.example.net/charts/sunrise.png', 1],
      ['https://images.example.com/heroes/dawn.jpg', 1],
      ['https://photos.example.org/street/0700.jpg', 1],
    ]);
    expect(await violationsOf(page)).toEqual([]);
    expect(console).toEqual([]);
    await page.close();
  });

  it('blocks the same remote image on a page whose policy does not name its origin (positive control)', async () => {
    const { page } = await openPage('/posts/hugo-typical/');
    await page.evaluate(`(() => { const i = new Image(); i.src = 'https://images.example.com/heroes/dawn.jpg'; document.body.append(i); })()`);
    await expect.poll(() => violationsOf(page)).toEqual(['img-src https://images.example.com/heroes/dawn.jpg']);
    expect(await remoteImages(page)).toEqual([['https://images.example.com/heroes/dawn.jpg', 0]]);
    await page.close();
  });

  it('the embed facade swaps in the player on click, with no violation', async () => {
    const { page, console } = await openPage('/posts/hugo-typical/');
    await page.locator('figure.embed--youtube a.embed__link').click();
    const frame = page.locator('figure.embed--youtube iframe');
    await frame.waitFor({ state: 'attached' });
    expect(await frame.getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/XCCkgRzth6Q?autoplay=1');
    expect(await violationsOf(page)).toEqual([]);
    expect(console).toEqual([]);
    await page.close();
  });

  it('search runs Pagefind (worker and WebAssembly) with no violation', async () => {
    const { page, console } = await openPage('/search/?q=蒸餾');
    await page.locator('.search__result-title').first().waitFor();
    expect(await page.locator('.search__result-title').allTextContents()).toEqual(['2026 AI 展望：小模型與開源的下一步']);
    expect(await violationsOf(page)).toEqual([]);
    expect(console).toEqual([]);
    await page.close();
  });

  it.each([
    ['light', 'rgb(252, 252, 250)'],
    ['dark', 'rgb(19, 20, 22)'],
  ] as const)('applies the %s theme from the stylesheet', async (colorScheme, background) => {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    await page.goto(`${server.url}/posts/hugo-typical/`);
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe(background);
    expect(await violationsOf(page)).toEqual([]);
    await page.close();
  });
});
