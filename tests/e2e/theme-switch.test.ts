import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useBuiltSite } from '../support/browser';
import { axeViolations } from '../support/axe';

const ARTICLE = '/posts/hugo-typical/';
const LIGHT_BG = 'rgb(252, 252, 250)';
const DARK_BG = 'rgb(19, 20, 22)';

const site = useBuiltSite();

/** Records CSP violations from the first script on, as csp.test.ts does. */
const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
`;

async function lightSystemContext(): Promise<BrowserContext> {
  const context = await site.browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });
  await context.addInitScript(RECORD_VIOLATIONS);
  return context;
}

const state = (page: Page) =>
  page.evaluate(`({
    theme: document.documentElement.getAttribute('data-theme'),
    background: getComputedStyle(document.body).backgroundColor,
    stored: localStorage.getItem('theme'),
    checked: document.querySelector('[data-theme-switch] input:checked')?.value,
    violations: window.__cspViolations,
  })`);

describe('theme switch', () => {
  it('is a radio group named 主題 with the three choices, following the system at first', async () => {
    const context = await lightSystemContext();
    const page = await context.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    expect(await page.locator('[data-theme-switch]').ariaSnapshot()).toBe(
      ['- group "主題":', '  - text: 主題', '  - radio "跟隨系統" [checked]', '  - text: 跟隨系統', '  - radio "淺色"', '  - text: 淺色', '  - radio "深色"', '  - text: 深色'].join('\n'),
    );
    expect(await state(page)).toEqual({ theme: null, background: LIGHT_BG, stored: null, checked: 'system', violations: [] });
    await context.close();
  });

  it('chosen dark with the keyboard, stays dark after a reload, on another page and in a new tab', async () => {
    const context = await lightSystemContext();
    const page = await context.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    // Tab from the header's search button (after the links) lands on the group's checked radio; arrows move and choose.
    await page.locator('.header-search__button').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.value')).toBe('system');
    await page.keyboard.press('ArrowRight');
    expect(await state(page)).toEqual({ theme: 'light', background: LIGHT_BG, stored: 'light', checked: 'light', violations: [] });
    await page.keyboard.press('ArrowRight');
    expect(await state(page)).toEqual({ theme: 'dark', background: DARK_BG, stored: 'dark', checked: 'dark', violations: [] });
    // The focused option shows the site's focus outline.
    expect(await page.evaluate(`getComputedStyle(document.activeElement.closest('label')).outlineStyle`)).toBe('solid');

    await page.reload();
    expect(await state(page)).toEqual({ theme: 'dark', background: DARK_BG, stored: 'dark', checked: 'dark', violations: [] });
    await page.goto(`${site.url}/tags/`);
    expect(await state(page)).toEqual({ theme: 'dark', background: DARK_BG, stored: 'dark', checked: 'dark', violations: [] });
    const later = await context.newPage();
    await later.goto(`${site.url}/`);
    expect(await state(later)).toEqual({ theme: 'dark', background: DARK_BG, stored: 'dark', checked: 'dark', violations: [] });

    // Back to the system: the stored choice is removed and the system's light applies again.
    await page.locator('[data-theme-switch] input[value=dark]').focus();
    await page.keyboard.press('ArrowRight');
    expect(await state(page)).toEqual({ theme: null, background: LIGHT_BG, stored: null, checked: 'system', violations: [] });
    await context.close();
  });

  it('chosen light overrides a dark system', async () => {
    const context = await site.browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe(DARK_BG);
    await page.locator('[data-theme-switch] label[data-choice=light]').click();
    await page.reload();
    expect(await page.evaluate('[document.documentElement.dataset.theme, getComputedStyle(document.body).backgroundColor]')).toEqual(['light', LIGHT_BG]);
    await context.close();
  });

  it('applies a choice made in another tab', async () => {
    const context = await lightSystemContext();
    const [first, second] = [await context.newPage(), await context.newPage()];
    await first.goto(`${site.url}${ARTICLE}`);
    await second.goto(`${site.url}/`);
    await second.locator('[data-theme-switch] label[data-choice=dark]').click();
    await expect.poll(() => first.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    expect(await first.evaluate(`document.querySelector('[data-theme-switch] input:checked').value`)).toBe('dark');
    await context.close();
  });

  describe('no flash of the system theme', () => {
    /**
     * Serves the article with an external probe script (allowed by the CSP's 'self') as the first
     * child of <body>. A classic script there runs once the stylesheets have loaded and before the
     * parser has read any of the body, so what it records is what any paint of the page can show.
     */
    async function firstBodyState(context: BrowserContext, { dropHeadScript = false } = {}) {
      await context.route(`${site.url}/__probe.js`, (route) =>
        route.fulfill({
          contentType: 'text/javascript',
          body: `window.__first = { theme: document.documentElement.getAttribute('data-theme'), background: getComputedStyle(document.body).backgroundColor, parsedBody: document.body.childElementCount };`,
        }),
      );
      await context.route(`${site.url}${ARTICLE}`, async (route) => {
        let html = await (await route.fetch()).text();
        expect(html).toMatch(/<script>\(function\(d\)\{d\.setAttribute\("data-js"/);
        if (dropHeadScript) html = html.replace(/<script>\(function\(d\)\{d\.setAttribute\("data-js".*?<\/script>/, '');
        expect(html).toContain('<body>');
        await route.fulfill({ contentType: 'text/html; charset=utf-8', body: html.replace('<body>', '<body><script src="/__probe.js"></script>') });
      });
      const page = await context.newPage();
      await page.goto(`${site.url}${ARTICLE}`);
      return page.evaluate('({ ...window.__first, violations: window.__cspViolations })');
    }

    it('a stored dark theme is in place before the body is parsed, with a light system and no CSP violation', async () => {
      const context = await lightSystemContext();
      await context.addInitScript(`localStorage.setItem('theme', 'dark')`);
      expect(await firstBodyState(context)).toEqual({ theme: 'dark', background: DARK_BG, parsedBody: 1, violations: [] });
      await context.close();
    });

    it('without the head script the probe sees the system theme (positive control)', async () => {
      const context = await lightSystemContext();
      await context.addInitScript(`localStorage.setItem('theme', 'dark')`);
      expect(await firstBodyState(context, { dropHeadScript: true })).toEqual({ theme: null, background: LIGHT_BG, parsedBody: 1, violations: [] });
      await context.close();
    });
  });

  it.each(['light', 'dark'] as const)('the article with the switch set against a %s system has no axe violations', async (system) => {
    const context = await site.browser.newContext({ colorScheme: system, viewport: { width: 1280, height: 900 } });
    const chosen = system === 'light' ? 'dark' : 'light';
    await context.addInitScript(`localStorage.setItem('theme', '${chosen}')`);
    const page = await context.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe(chosen);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
