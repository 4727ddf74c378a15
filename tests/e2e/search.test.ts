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
    expect(result.status).toBe('沒有文章包含「量子鳳梨酥」');
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

const HUGO = '2026 AI 展望：小模型與開源的下一步';
const MDX = 'MDX 元件示範：嵌入與說明框';
const EDGE = '特殊字元 & <標記> ]]> 測試 🚀';
const GPU = '雲端 GPU 租用價格的起伏';
/** Pages that have 推論 and 成本: the article body, the MDX figure caption, the code comment, and 推論工作負載 … 算力成本. */
const COST = [HUGO, MDX, EDGE, GPU];
const sorted = (titles: string[]) => [...titles].sort();

describe('filters', () => {
  it('offers the values the index holds, for category, company and year (in zh-Hant-TW collation order, newest year first)', async () => {
    await search.open();
    expect(await search.filterValues('category')).toEqual(['市場觀察', '技術筆記', 'AI 產業動態']);
    expect(await search.filterValues('company')).toEqual(['OpenAI', 'Together AI']);
    expect(await search.filterValues('year')).toEqual(['2026', '2025']);
  });

  it('narrows the results to exactly the articles with the value, and keeps the filter in the URL', async () => {
    await search.open();
    expect(sorted((await search.search('推論成本')).titles)).toEqual(sorted(COST));
    await search.choose('category', '技術筆記');
    const result = await search.outcome('推論成本', '找到 1 篇符合「推論成本」的文章（分類：技術筆記）');
    expect(result.titles).toEqual([MDX]);
    const url = new URL(search.page.url());
    expect([url.searchParams.get('q'), url.searchParams.get('category')]).toEqual(['推論成本', '技術筆記']);
  });

  it('combines filters: each one narrows further', async () => {
    await search.open();
    await search.search('推論成本');
    await search.choose('year', '2026');
    expect(sorted((await search.outcome('推論成本', '找到 2 篇符合「推論成本」的文章（年份：2026）')).titles)).toEqual(sorted([HUGO, MDX]));
    await search.choose('company', 'OpenAI');
    expect((await search.outcome('推論成本', '找到 1 篇符合「推論成本」的文章（公司：OpenAI、年份：2026）')).titles).toEqual([MDX]);
    await search.choose('company', '');
    await search.choose('category', 'AI 產業動態');
    expect((await search.outcome('推論成本', '找到 1 篇符合「推論成本」的文章（分類：AI 產業動態、年份：2026）')).titles).toEqual([HUGO]);
    await search.choose('year', '2025');
    expect((await search.outcome('推論成本', '找不到符合「推論成本」的文章（分類：AI 產業動態、年份：2025）')).titles).toEqual([]);
  });

  it('reads the query and filters from a link', async () => {
    await search.open(`?q=${encodeURIComponent('推論成本')}&year=2025`);
    expect(sorted((await search.outcome('推論成本', '找到 2 篇符合「推論成本」的文章（年份：2025）')).titles)).toEqual(sorted([EDGE, GPU]));
    expect(await search.page.inputValue('select[name=year]')).toBe('2025');
    expect(await search.page.inputValue('#search-input')).toBe('推論成本');
  });
});

describe('each result', () => {
  it('shows its date, and its categories when it has any', async () => {
    await search.open();
    await search.search('推論成本');
    const rows = await search.page.locator('.search__result').evaluateAll((items) =>
      items.map((item) => ({
        title: item.querySelector('.search__result-title')?.textContent,
        date: item.querySelector('time')?.textContent,
        datetime: item.querySelector('time')?.getAttribute('datetime'),
        category: item.querySelector('.search__result-category')?.textContent ?? null,
      })),
    );
    expect(rows.sort((a, b) => (a.title! < b.title! ? -1 : 1))).toEqual(
      [
        { title: HUGO, date: '2026年2月4日', datetime: '2026-02-04T11:00:00+08:00', category: '分類：AI 產業動態' },
        { title: MDX, date: '2026年1月20日', datetime: '2026-01-20T09:30:00+08:00', category: '分類：技術筆記' },
        { title: EDGE, date: '2025年10月1日', datetime: '2025-10-01T09:00:00+08:00', category: null },
        { title: GPU, date: '2025年5月12日', datetime: '2025-05-12T11:00:00+08:00', category: '分類：市場觀察' },
      ].sort((a, b) => (a.title < b.title ? -1 : 1)),
    );
  });
});

describe('a query in Simplified Chinese', () => {
  it.each([
    ['推测性解码', '推測性解碼'],
    ['开源', '開源'],
  ])('%s finds exactly the articles %s finds, and says it was converted', async (simplified, traditional) => {
    await search.open();
    const control = await search.search(traditional);
    expect(control.titles.length).toBeGreaterThanOrEqual(1);
    expect(control.converted).toBe('');
    await search.open();
    const converted = await search.search(simplified, traditional);
    expect(converted.converted).toBe(`已轉為繁體：${traditional}`);
    expect(converted.status).toBe(control.status);
    expect(sorted(converted.titles)).toEqual(sorted(control.titles));
  });

  it('推测性解码 finds the article that says 推測性解碼', async () => {
    await search.open();
    expect((await search.search('推测性解码', '推測性解碼')).titles).toEqual([HUGO]);
  });
});

describe('a word no article contains', () => {
  it('is named instead of matching the articles that have the other words', async () => {
    await search.open();
    const control = await search.search('影片');
    expect(sorted(control.titles)).toEqual(sorted([MDX, HUGO, EDGE, '只有日期的文章']));
    const result = await search.search('量子 影片');
    expect(result.status).toBe('沒有文章包含「量子」');
    expect(result.titles).toEqual([]);
  });

  it('is named when the site only has a shorter word (日本, where articles say 日)', async () => {
    await search.open();
    expect((await search.search('日期')).titles).toEqual(['只有日期的文章']);
    const result = await search.search('日本');
    expect(result.status).toBe('沒有文章包含「日本」');
    expect(result.titles).toEqual([]);
  });

  it('needs every term: two words in different articles find nothing', async () => {
    await search.open();
    expect((await search.search('蒸餾')).titles).toEqual([HUGO]);
    expect((await search.search('示範')).titles).toEqual([MDX]);
    const result = await search.search('蒸餾 示範');
    expect(result.status).toBe('找不到符合「蒸餾 示範」的文章');
    expect(result.titles).toEqual([]);
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
