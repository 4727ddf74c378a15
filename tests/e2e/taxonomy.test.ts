import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltSite } from '../support/browser';

/** Browsing pages for the header checks (axe runs on every page type in a11y.test.ts). */
const PAGES: Record<string, string> = {
  'tag index': '/tags/',
  'tag page': '/tags/%E9%96%8B%E6%BA%90-ai/',
  'company page': '/companies/together-ai/',
  'person page': '/people/sam-altman/',
  archive: '/archive/',
};

const site = useBuiltSite();

async function open(path: string, width: number): Promise<Page> {
  const page = await site.browser.newPage({ viewport: { width, height: 800 } });
  const response = await page.goto(`${site.url}${path}`);
  expect(response?.status()).toBe(200);
  return page;
}

/** Header links that are cut off or pushed outside the viewport, and the page's horizontal overflow. */
async function navProblems(page: Page): Promise<{ overflow: number; hidden: string[] }> {
  return (await page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const hidden = [...document.querySelectorAll('.site-header nav a')]
      .filter((a) => { const r = a.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > width; })
      .map((a) => a.textContent.trim());
    return { overflow: document.documentElement.scrollWidth - width, hidden };
  })()`)) as { overflow: number; hidden: string[] };
}

describe('header navigation on a 360 px phone', () => {
  it.each(Object.entries(PAGES))('shows every section link without sideways scrolling on the %s', async (_name, path) => {
    const page = await open(path, 360);
    const labels = await page.locator('.site-header nav a').allTextContents();
    expect(labels.map((l) => l.trim())).toEqual(expect.arrayContaining(['首頁', '分類', '標籤', '公司', '人物', '文章列表']));
    expect(await navProblems(page)).toEqual({ overflow: 0, hidden: [] });
    await page.close();
  });

  it('detects a link pushed off screen (positive control)', async () => {
    const page = await open('/tags/', 360);
    await page.evaluate(`document.querySelector('.site-nav').style.cssText = 'flex-wrap: nowrap; width: 900px'`);
    const problems = await navProblems(page);
    expect(problems.overflow).toBeGreaterThan(0);
    expect(problems.hidden.length).toBeGreaterThan(0);
    await page.close();
  });

  it('marks the current section', async () => {
    const page = await open('/companies/together-ai/', 360);
    expect(await page.locator('.site-header nav a[aria-current="page"]').allTextContents()).toEqual(['公司']);
    await page.close();
  });
});
