import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { fixtureDirs, ROOT } from '../support/build-fixture';
import { SITE_DIST } from '../support/fixture';
import { bundlePages, shardFolders } from '../support/pagefind';
import { SearchPage } from '../support/search-page';
import { serveStatic, type StaticServer } from '../support/server';

/**
 * Searching the fixture's merged shards must answer like one Pagefind index over the same articles.
 * The reference is a copy of the built site with a single bundle at /pagefind/0/ built by the Pagefind CLI.
 */
const QUERIES = [
  '蒸餾',
  '開源生態',
  '語言模型',
  '模型',
  '模',
  '小模型',
  '示範影片',
  '影片',
  '台北',
  '日期',
  '日',
  '圖片',
  '文章',
  '2026',
  '3 月 1 日',
  'Anthropic',
  'anthro',
  'Hugging Face',
  'hug',
  'AI 模型',
  '推論成本',
  '量子鳳梨酥',
  '量子 影片',
  '日本',
  '日本 影片',
  'YouTube',
];

const servers: StaticServer[] = [];
let browser: Browser;
let sharded: SearchPage;
let single: SearchPage;

beforeAll(async () => {
  const { base, dist } = fixtureDirs('search-single-index');
  rmSync(base, { recursive: true, force: true });
  cpSync(SITE_DIST, dist, { recursive: true });
  rmSync(path.join(dist, 'pagefind'), { recursive: true, force: true });
  execFileSync('npx', ['pagefind', '--site', dist, '--output-path', path.join(dist, 'pagefind', '0')], { cwd: ROOT, stdio: 'pipe' });
  const searchPage = path.join(dist, 'search', 'index.html');
  const html = readFileSync(searchPage, 'utf8').replace(/data-search-bundles="[^"]*"/, 'data-search-bundles="[&quot;/pagefind/0/&quot;]"');
  writeFileSync(searchPage, html);

  browser = await launchChromium();
  for (const [root, assign] of [
    [SITE_DIST, (p: SearchPage) => (sharded = p)],
    [dist, (p: SearchPage) => (single = p)],
  ] as const) {
    const server = await serveStatic(root);
    servers.push(server);
    const page = new SearchPage(await browser.newPage(), server.url);
    await page.open();
    assign(page);
  }
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

describe('search over merged shards', () => {
  it('runs over several shards, one of which matches 日期 only through its word 日 (the case to get right)', () => {
    expect(shardFolders(SITE_DIST).length).toBeGreaterThan(2);
    const words = (k: number) => new Set(bundlePages(path.join(SITE_DIST, 'pagefind', String(k))).flatMap((p) => p.content.split(/[\u200B\s]+/)));
    const shards = shardFolders(SITE_DIST).map(words);
    const withDate = shards.filter((w) => [...w].some((word) => word.startsWith('日期')));
    const fallbackOnly = shards.filter((w) => w.has('日') && ![...w].some((word) => word.startsWith('日期')));
    expect(withDate.length).toBeGreaterThan(0);
    expect(fallbackOnly.length).toBeGreaterThan(0);
  });

  it.each(QUERIES)('%s: the same count and articles as one index', async (query) => {
    const expected = await single.search(query);
    const actual = await sharded.search(query);
    expect(actual.status).toBe(expected.status);
    expect([...actual.titles].sort()).toEqual([...expected.titles].sort());
  });
});
