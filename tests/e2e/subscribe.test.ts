import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltSite } from '../support/browser';
import { PUBLISHED_TITLES_NEWEST_FIRST, SITE_DIST } from '../support/fixture';
import { headersFor, readHeadersFile } from '../support/headers';
import { axeViolations } from '../support/axe';

const SITE = 'https://ai-notes.example.tw';
const rules = readHeadersFile(SITE_DIST);
// Served with the site's own _headers, as the host would: the page the XSL makes gets the feed's CSP.
const site = useBuiltSite((pathname) => headersFor(rules, pathname));

/** Chromium's own notice that XSLT is going away; it is the browser's, not the feed page's. */
const BANNER = 'xslt-warning-banner';

/** Opens a feed and collects what Chromium says about it (CSP refusals and errors). */
async function openFeed(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; console: string[]; csp: string | undefined }> {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.emulateMedia({ colorScheme });
  const console: string[] = [];
  page.on('console', (m) => console.push(m.text()));
  const response = await page.goto(`${site.url}${path}`);
  await page.waitForLoadState('load');
  return { page, console, csp: response?.headers()['content-security-policy'] };
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent().then((t) => t?.trim());
const texts = (page: Page, selector: string) => page.locator(selector).allTextContents().then((all) => all.map((t) => t.trim()));
const style = (page: Page, selector: string, property: string) =>
  page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).getPropertyValue(${JSON.stringify(property)})`) as Promise<string>;
/** Refusals to load a file (the XSL, the CSS): each would break the page. Inline-style refusals are the banner's. */
const refusedLoads = (console: string[]) => console.filter((m) => /Refused to load|Failed to load resource/i.test(m));

describe('a feed opened in Chromium reads as a zh-TW page', () => {
  it('/index.xml: explains what it is and how to subscribe, and lists the latest items with Taipei dates', async () => {
    const { page, console, csp } = await openFeed('/index.xml');
    expect(csp).toContain("style-src 'self'");
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-Hant-TW');
    expect(await page.title()).toBe('AI 產業筆記（RSS 訂閱來源）');
    expect(await text(page, '.feed__kicker')).toBe('RSS 訂閱來源');
    expect(await text(page, 'h1')).toBe('AI 產業筆記');
    expect(await text(page, '#feed-about')).toBe('這是給 RSS 閱讀器的網址');
    expect(await text(page, '.feed__about p')).toContain('把這個網址貼到 RSS 閱讀器');
    expect(await text(page, '.feed__url code')).toBe(`${SITE}/index.xml`);
    expect(await page.locator('.feed__links a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]))).toEqual([
      ['所有訂閱來源', '/subscribe/'],
      ['在網站上瀏覽', `${SITE}/`],
    ]);
    expect(await texts(page, '.feed__item-title')).toEqual(PUBLISHED_TITLES_NEWEST_FIRST);
    expect(await page.locator('.feed__item-title a').first().getAttribute('href')).toBe(`${SITE}/posts/taipei-morning/`);
    // The newest post is 07:00 on 1 March in Taipei, 28 February in GMT.
    expect(await texts(page, '.feed__item-date time')).toContain('2026年3月1日');
    expect(await page.locator('.feed__item-date time').first().getAttribute('datetime')).toBe('2026-03-01T07:00:00+08:00');
    expect(refusedLoads(console)).toEqual([]);
    await page.close();
  });

  it('a term feed (CJK path) shows its own title and items', async () => {
    const { page, console } = await openFeed('/tags/%E5%B0%8F%E6%A8%A1%E5%9E%8B/index.xml');
    expect(await text(page, 'h1')).toBe('標籤：小模型｜AI 產業筆記');
    expect(await text(page, '.feed__lede')).toBe('AI 產業筆記中標籤「小模型」的最新文章。');
    expect(await text(page, '.feed__url code')).toBe(`${SITE}/tags/%E5%B0%8F%E6%A8%A1%E5%9E%8B/index.xml`);
    expect(await texts(page, '.feed__item-title')).toEqual(['2026 AI 展望：小模型與開源的下一步']);
    expect(await texts(page, '.feed__item-summary')).toEqual(['小模型與開源模型在 2026 年的走向。']);
    expect(refusedLoads(console)).toEqual([]);
    await page.close();
  });

  it.each([
    ['light', 'rgb(242, 241, 236)', 'rgb(252, 252, 250)'],
    ['dark', 'rgb(30, 32, 35)', 'rgb(19, 20, 22)'],
  ] as const)('is styled by /feed.css in the %s theme, with no inline style of its own', async (colorScheme, surface, background) => {
    const { page } = await openFeed('/index.xml', colorScheme);
    expect(await style(page, '.feed__about', 'background-color')).toBe(surface);
    expect(await style(page, 'body', 'background-color')).toBe(background);
    // document.querySelectorAll, not a Playwright locator: locators also see into the banner's shadow root.
    const styled = (await page.evaluate(`[...document.querySelectorAll('[style]')].map((e) => e.localName)`)) as string[];
    expect(styled.filter((name) => name !== BANNER)).toEqual([]);
    await page.close();
  });

  it('the feed CSP blocks inline styles on that page (positive control)', async () => {
    const { page } = await openFeed('/index.xml');
    const before = await style(page, 'h1', 'color');
    await page.evaluate(`(() => { const s = document.createElement('style'); s.textContent = 'h1 { color: rgb(1, 2, 3) }'; document.head.append(s); })()`);
    expect(await style(page, 'h1', 'color')).toBe(before);
    // The same rule through the CSSOM, which the CSP does not govern, does apply: the check above is real.
    await page.evaluate(`document.querySelector('h1').style.setProperty('color', 'rgb(1, 2, 3)')`);
    expect(await style(page, 'h1', 'color')).toBe('rgb(1, 2, 3)');
    await page.close();
  });

  it.each(['light', 'dark'] as const)('passes axe in the %s theme', async (colorScheme) => {
    const { page } = await openFeed('/index.xml', colorScheme);
    await page.evaluate(`document.querySelector('${BANNER}')?.remove()`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('copy buttons on /subscribe/', () => {
  const copyName = '標籤：小模型';
  const button = (page: Page, name: string) => page.locator(`button[data-copy-name="${name}"]`);

  async function openSubscribe(javaScriptEnabled = true) {
    const context = await site.browser.newContext({ javaScriptEnabled });
    if (javaScriptEnabled) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (m) => console.push(m.text()));
    await page.goto(`${site.url}/subscribe/`);
    await page.waitForLoadState('load');
    return { context, page, console };
  }

  it('copies the feed URL and says 已複製, visibly and to screen readers', async () => {
    const { context, page, console } = await openSubscribe();
    await page.evaluate(`navigator.clipboard.writeText('before')`);
    const small = button(page, copyName);
    await small.waitFor({ state: 'visible' });
    expect(await texts(page, 'button[data-copied]')).toEqual([]);
    await small.click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(`${SITE}/tags/%E5%B0%8F%E6%A8%A1%E5%9E%8B/index.xml`);
    expect(await small.locator('[data-copy-label]').textContent()).toBe('已複製');
    expect(await page.locator('[role="status"]').textContent()).toBe(`已複製「${copyName}」的網址`);
    expect(await page.getByRole('button', { name: new RegExp(`^已複製\\s*：${copyName}$`) }).count()).toBe(1);

    // The keyboard copies another; only the last copied stays marked.
    await button(page, '全站文章').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(`${SITE}/index.xml`);
    expect(await texts(page, 'button[data-copied] [data-copy-label]')).toEqual(['已複製']);
    expect(await small.locator('[data-copy-label]').textContent()).toBe('複製網址');
    expect(await page.locator('[role="status"]').textContent()).toBe('已複製「全站文章」的網址');
    expect(console.filter((m) => /Content.Security.Policy/i.test(m))).toEqual([]);
    await context.close();
  });

  it('without JavaScript the buttons stay hidden and the URLs stay readable', async () => {
    const { context, page } = await openSubscribe(false);
    expect(await page.locator('button[data-copy]:visible').count()).toBe(0);
    expect(await page.locator('button[data-copy]').count()).toBe(22);
    expect(await page.locator('a.feed-group__feed:visible').count()).toBe(await page.locator('button[data-copy]').count());
    await context.close();
  });
});
