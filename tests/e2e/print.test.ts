import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltSite } from '../support/browser';

/** Has a table of contents, embeds, a source card, terms, related posts and prev/next links. */
const ARTICLE = '/posts/hugo-typical/';
/** What only works on a screen. */
const SCREEN_ONLY = ['.site-header', '.site-nav', '.theme-switch', '.site-footer', '.breadcrumbs', '.toc', '.share', '.related', '.prev-next', '.code-copy__button'];

const site = useBuiltSite();

const visible = (page: Page) => Promise.all(SCREEN_ONLY.map(async (s) => [s, await page.locator(s).first().isVisible()]));

describe('printing an article', () => {
  it('shows navigation, switches and buttons on screen (control)', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.url}${ARTICLE}`);
    expect(await visible(page)).toEqual(SCREEN_ONLY.map((s) => [s, true]));
    await page.close();
  });

  it('leaves them out on paper, keeps the title and body, and prints in the light theme', async () => {
    const context = await site.browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 900 } });
    await context.addInitScript(`localStorage.setItem('theme', 'dark')`);
    const page = await context.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    await page.emulateMedia({ media: 'print' });
    expect(await visible(page)).toEqual(SCREEN_ONLY.map((s) => [s, false]));
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect(await page.locator('.prose h2', { hasText: '我的觀察' }).isVisible()).toBe(true);
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(252, 252, 250)');
    await context.close();
  });

  it('prints the address after each external link, and none after internal ones', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    await page.emulateMedia({ media: 'print' });
    const after = (selector: string) => page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)}), '::after').content`);
    expect(await after('.source-card__name')).toBe('" (https://www.youtube.com/watch?v=XCCkgRzth6Q)"');
    expect(await after('.prose a.embed__link')).toBe('" (https://www.youtube.com/watch?v=XCCkgRzth6Q)"');
    expect(await after('.source-card__more a')).toBe('none');
    await page.emulateMedia({ media: 'screen' });
    expect(await after('.source-card__name')).toBe('none');
    await page.close();
  });
});
