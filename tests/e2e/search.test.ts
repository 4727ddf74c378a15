import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { serveStatic, type StaticServer } from '../support/server';
import { SITE_DIST } from '../support/fixture';
import { headersFor, readHeadersFile } from '../support/headers';

/** The search page as a reader uses it: type a query, wait for Pagefind's answer, read the result titles. */
class SearchPage {
  constructor(
    private page: Page,
    private base: string,
  ) {}

  async open() {
    await this.page.goto(`${this.base}/search/`);
  }

  /** Types `query` and returns the titles shown once the status line reports the outcome. */
  async search(query: string): Promise<{ status: string; titles: string[] }> {
    await this.page.fill('#search-input', query);
    const status = this.page.locator('[data-search-status]');
    await status.filter({ hasText: `「${query}」` }).waitFor();
    return { status: (await status.textContent()) ?? '', titles: await this.page.locator('.search__result-title').allTextContents() };
  }

  /** Text of every highlighted match in the excerpts. */
  highlights(): Promise<string[]> {
    return this.page.locator('.search__excerpt mark').allTextContents();
  }
}

let server: StaticServer;
let browser: Browser;
let search: SearchPage;
const violations: string[] = [];

beforeAll(async () => {
  // Served with the site's own _headers, as the CDN would: the header CSP applies to Pagefind's worker.
  const rules = readHeadersFile(SITE_DIST);
  server = await serveStatic(SITE_DIST, (pathname) => headersFor(rules, pathname));
  browser = await launchChromium();
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  search = new SearchPage(page, server.url);
  await search.open();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Chinese search with Pagefind', () => {
  it('finds the article with a two-character word', async () => {
    expect((await search.search('蒸餾')).titles).toEqual(['2026 AI 展望：小模型與開源的下一步']);
  });

  it('finds the article with a four-character phrase', async () => {
    expect((await search.search('開源生態')).titles).toEqual(['2026 AI 展望：小模型與開源的下一步']);
  });

  it('finds the article with an English company name', async () => {
    expect((await search.search('Anthropic')).titles).toEqual(['特殊字元 & <標記> ]]> 測試 🚀']);
  });

  it('finds nothing for a word only a draft contains', async () => {
    const result = await search.search('量子鳳梨酥');
    expect(result.titles).toEqual([]);
    expect(result.status).toBe('找不到符合「量子鳳梨酥」的文章');
  });

  it('reports the count and highlights the match', async () => {
    const result = await search.search('語言模型');
    expect(result.status).toBe('找到 1 篇符合「語言模型」的文章');
    expect(result.titles).toEqual(['2026 AI 展望：小模型與開源的下一步']);
    const marks = await search.highlights();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => '語言模型'.includes(m))).toBe(true);
  });

  it("indexes an embed's title but not the facade's boilerplate note", async () => {
    expect((await search.search('示範影片')).titles).toEqual(['MDX 元件示範：嵌入與說明框']);
    expect((await search.search('外部播放器')).titles).toEqual([]);
  });

  it('ran under the CSP header and meta policy without a violation', () => {
    expect(violations).toEqual([]);
  });
});

describe("the worker's CSP header (control for the test above)", () => {
  it("breaks search when Pagefind's files are served without 'wasm-unsafe-eval'", async () => {
    const rules = readHeadersFile(SITE_DIST);
    const strict = await serveStatic(SITE_DIST, (pathname) => {
      const headers = headersFor(rules, pathname);
      if (pathname.startsWith('/pagefind/')) headers['content-security-policy'] = "default-src 'self'; script-src 'self'";
      return headers;
    });
    const page = await browser.newPage();
    try {
      const failed = page.waitForEvent('console', (m) => m.text().includes('WebAssembly'));
      await page.goto(`${strict.url}/search/?q=${encodeURIComponent('蒸餾')}`);
      expect((await failed).text()).toContain("'unsafe-eval' is not an allowed source of script");
      await page.locator('[data-search-status]').filter({ hasText: '搜尋功能暫時無法使用' }).waitFor();
      expect(await page.locator('.search__result-title').count()).toBe(0);
    } finally {
      await page.close();
      await strict.close();
    }
  });
});
