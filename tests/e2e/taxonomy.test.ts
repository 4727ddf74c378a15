import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { serveStatic, type StaticServer } from '../support/server';
import { SITE_DIST } from '../support/fixture';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The browsing page types, on the sample fixture (CJK term URLs included). */
const PAGES: Record<string, string> = {
  'tag index': '/tags/',
  'tag page': '/tags/%E9%96%8B%E6%BA%90-ai/',
  'company page': '/companies/together-ai/',
  'person page': '/people/sam-altman/',
  archive: '/archive/',
};

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(SITE_DIST);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await page.emulateMedia({ colorScheme });
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status()).toBe(200);
  return page;
}

/** axe-core violations (WCAG 2.2 AA and best practices) as `rule: targets` lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }).then((r) => r.violations)`,
  )) as { id: string; nodes: { target: string[] }[] }[];
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
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

describe.each(['light', 'dark'] as const)('browsing pages in the %s theme', (colorScheme) => {
  it.each(Object.entries(PAGES))('%s (%s) has no axe violations', async (_name, path) => {
    const page = await open(path, 1280, colorScheme);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

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
