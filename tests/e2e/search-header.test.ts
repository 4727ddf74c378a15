import { describe, expect, it } from 'vitest';
import { useBuiltSite } from '../support/browser';

/** The header search field every page has, and the "/" shortcut to it. */
const site = useBuiltSite();
const ARTICLE = '/posts/components/';

describe('the header search field', () => {
  it('is on a page that is not the search page, labelled 搜尋, and submits the query to the search page, which shows the results', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    const field = page.getByRole('searchbox', { name: '搜尋' });
    expect(await field.count()).toBe(1);
    expect(await page.locator('header form[role=search]').getAttribute('action')).toBe('/search/');
    await field.fill('蒸餾');
    await field.press('Enter');
    await page.waitForURL(`${site.url}/search/?q=${encodeURIComponent('蒸餾')}`);
    const status = page.locator('[data-search-status]');
    await status.filter({ hasText: '「蒸餾」' }).waitFor();
    expect(await status.textContent()).toBe('找到 1 篇符合「蒸餾」的文章');
    expect(await page.locator('.search__result-title').allTextContents()).toEqual(['2026 AI 展望：小模型與開源的下一步']);
    expect(await page.inputValue('#search-input')).toBe('蒸餾');
    await page.close();
  });

  it('submits without JavaScript: a plain GET form', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/archive/`);
    await page.fill('#header-search-input', '開源 生態');
    await page.click('header button[type=submit]');
    await page.waitForURL(/\/search\/\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('開源 生態');
    expect(await page.locator('h1').textContent()).toBe('搜尋');
    await context.close();
  });

  it('fits and works on a 390 px phone', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    const field = page.getByRole('searchbox', { name: '搜尋' });
    const box = await field.boundingBox();
    const button = await page.locator('header button[type=submit]').boundingBox();
    // The field shares its row with the theme switch and takes the rest of it (196 px at 390).
    const theme = await page.locator('header [data-theme-switch]').boundingBox();
    expect(box!.width).toBeGreaterThan(180);
    expect(Math.abs(box!.y + box!.height / 2 - (theme!.y + theme!.height / 2))).toBeLessThan(4);
    expect(button!.x + button!.width).toBeLessThan(theme!.x);
    expect(theme!.x + theme!.width).toBeLessThanOrEqual(390);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(button!.x + button!.width).toBeLessThanOrEqual(390);
    expect(button!.height).toBeGreaterThanOrEqual(24);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(390);
    await field.tap();
    await field.fill('台北');
    await page.locator('header button[type=submit]').tap();
    await page.locator('[data-search-status]').filter({ hasText: '找到 2 篇符合「台北」的文章' }).waitFor();
    await context.close();
  });
});

describe('the "/" shortcut', () => {
  const focused = (page: import('playwright-core').Page) => page.evaluate('document.activeElement?.id ?? null');

  it('focuses the header field from anywhere on an article, without typing the slash', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    expect(await focused(page)).toBe('');
    await page.keyboard.press('/');
    expect(await focused(page)).toBe('header-search-input');
    expect(await page.inputValue('#header-search-input')).toBe('');
    await page.close();
  });

  it('focuses the page field on the search page, and leaves a slash typed into another field alone', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/search/`);
    await page.keyboard.press('/');
    expect(await focused(page)).toBe('search-input');
    // Typing in the header field: the slash is text, and focus stays.
    await page.focus('#header-search-input');
    await page.keyboard.type('a/b');
    expect(await focused(page)).toBe('header-search-input');
    expect(await page.inputValue('#header-search-input')).toBe('a/b');
    expect(await page.inputValue('#search-input')).toBe('');
    await page.close();
  });

  it('is ignored in a text area and in editable content, and with a modifier key', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    await page.evaluate(`document.querySelector('main').insertAdjacentHTML('afterbegin', '<textarea id="note"></textarea><div id="edit" contenteditable="true"></div>')`);
    await page.focus('#note');
    await page.keyboard.type('1/2');
    expect(await focused(page)).toBe('note');
    expect(await page.inputValue('#note')).toBe('1/2');
    await page.focus('#edit');
    await page.keyboard.type('3/4');
    expect(await focused(page)).toBe('edit');
    expect(await page.locator('#edit').textContent()).toBe('3/4');
    await page.evaluate('document.activeElement.blur()');
    await page.keyboard.press('Control+/');
    expect(await focused(page)).not.toBe('header-search-input');
    // Control: the same page answers a plain "/" once nothing is being typed.
    await page.keyboard.press('/');
    expect(await focused(page)).toBe('header-search-input');
    await page.close();
  });
});
