import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltSite } from '../support/browser';
import { axeViolations } from '../support/axe';

/** One page of every type the site builds (CJK term URLs included). */
const PAGE_TYPES: Record<string, string> = {
  home: '/',
  // The second home page: its "older" control is disabled, as the first page's "newer" one is.
  'home page 2': '/page/2/',
  article: '/posts/hugo-typical/',
  'mdx article': '/posts/components/',
  'category index': '/categories/',
  'category page': '/categories/ai-%E7%94%A2%E6%A5%AD%E5%8B%95%E6%85%8B/',
  'tag index': '/tags/',
  'tag page': '/tags/%E9%96%8B%E6%BA%90-ai/',
  'company index': '/companies/',
  'company page': '/companies/together-ai/',
  'person index': '/people/',
  'person page': '/people/sam-altman/',
  'source index': '/sources/',
  'source page': '/sources/the-mad-podcast-with-matt-turck/',
  archive: '/archive/',
  search: '/search/',
  subscribe: '/subscribe/',
  'standalone page': '/about-us/',
  '404': '/no-such-page/',
};

const site = useBuiltSite();

describe.each(['light', 'dark'] as const)('accessibility in the %s theme', (colorScheme) => {
  it('axe finds a violation in a broken page (positive control)', async () => {
    const page = await site.browser.newPage();
    await page.emulateMedia({ colorScheme });
    await page.setContent('<html><body><img src="x.png"><a href="/"></a></body></html>');
    expect(await axeViolations(page)).toEqual(expect.arrayContaining([expect.stringMatching(/^image-alt/), expect.stringMatching(/^html-has-lang/)]));
    await page.close();
  });

  it.each(Object.entries(PAGE_TYPES))('%s page (%s) has no axe violations', async (_type, path) => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.emulateMedia({ colorScheme });
    const response = await page.goto(`${site.url}${path}`);
    expect(response?.status()).toBe(path === '/no-such-page/' ? 404 : 200);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-Hant-TW');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('search page with results and filters chosen has no axe violations', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.emulateMedia({ colorScheme });
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('推测 成本')}&year=2026`);
    await page.locator('[data-search-status]').filter({ hasText: '找到 1 篇符合「推測 成本」的文章（年份：2026）' }).waitFor();
    expect(await page.locator('[data-search-filters]').isVisible()).toBe(true);
    expect(await page.locator('[data-search-converted]').textContent()).toBe('已轉為繁體：推測 成本');
    expect(await page.locator('.search__result').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('search page on a 390 px phone, with a missing word reported, has no axe violations', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.emulateMedia({ colorScheme });
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('量子 影片')}&category=${encodeURIComponent('技術筆記')}`);
    await page.locator('[data-search-status]').filter({ hasText: '沒有文章包含「量子」' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('keyboard', () => {
  it('reaches the skip link first and moves focus to the main content', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/posts/hugo-typical/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('跳到主要內容');
    expect(await page.evaluate('getComputedStyle(document.activeElement).top')).toBe('8px');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    await page.close();
  });

  it('shows a visible focus outline on links', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/posts/hugo-typical/`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = (await page.evaluate('(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()')) as string[];
    expect(outline).toEqual(['solid', '3px']);
    await page.close();
  });

  it('opens an embed facade with the keyboard', async () => {
    const page = await site.browser.newPage();
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '' }));
    await page.goto(`${site.url}/posts/hugo-typical/`);
    await page.locator('figure.embed--spotify a.embed__link').focus();
    await page.keyboard.press('Enter');
    const frame = page.locator('figure.embed--spotify iframe');
    await frame.waitFor({ state: 'attached' });
    expect(await frame.getAttribute('src')).toBe('https://open.spotify.com/embed/episode/5fdqgGAgTqchtz9mUYBbEr');
    expect(await page.evaluate('document.activeElement.tagName')).toBe('IFRAME');
    await page.close();
  });
});
