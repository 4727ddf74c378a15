import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { serveStatic, type StaticServer } from '../support/server';
import { PUBLISHED_POST_IDS, SITE_DIST, SITE_SEARCH_SHARD_SIZE } from '../support/fixture';
import { planShards, shardOf } from '../../src/lib/search-shards';
import { headersFor, readHeadersFile } from '../support/headers';
import { SearchPage } from '../support/search-page';

let server: StaticServer;
let browser: Browser;
let search: SearchPage;
const violations: string[] = [];
const entryRequests: string[] = [];

beforeAll(async () => {
  // Served with the site's own _headers, as the CDN would: the header CSP applies to Pagefind's worker.
  const rules = readHeadersFile(SITE_DIST);
  server = await serveStatic(SITE_DIST, (pathname) => {
    // Pagefind's worker fetches each bundle's entry file: recorded here, where the worker's requests arrive.
    if (pathname.endsWith('/pagefind-entry.json')) entryRequests.push(pathname);
    return headersFor(rules, pathname);
  });
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

  it('merges the shards: one query finds articles indexed in different shards', async () => {
    // taipei-morning and date-only fall in different search shards of the fixture (SITE_SEARCH_SHARD_SIZE).
    const plan = planShards(PUBLISHED_POST_IDS, SITE_SEARCH_SHARD_SIZE);
    expect(shardOf('taipei-morning', plan.count)).not.toBe(shardOf('date-only', plan.count));
    const result = await search.search('台北');
    expect(result.status).toBe('找到 2 篇符合「台北」的文章');
    expect([...result.titles].sort()).toEqual(['只有日期的文章', '台北清晨發佈的文章']);
    // Every shard that holds articles was loaded: its entry file, then the index.
    expect([...new Set(entryRequests)].sort()).toEqual(plan.bundles.map((b) => `${b}pagefind-entry.json`).sort());
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
