import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fixtureDirs } from './build-fixture';

/** Titles of the site fixture's published posts, newest first: what the home pages (ten a page) and the site feed list. */
export const PUBLISHED_TITLES_NEWEST_FIRST = [
  '台北清晨發佈的文章',
  '只有日期的文章',
  '2026 AI 展望：小模型與開源的下一步',
  'MDX 元件示範：嵌入與說明框',
  '有更新日期與舊網址的文章',
  '頁面套件中的文章',
  '特殊字元 & <標記> ]]> 測試 🚀',
  'AI 晶片出口管制下的供應鏈重組',
  '資料中心的電力瓶頸',
  'AI 人才市場的供需落差',
  '雲端 GPU 租用價格的起伏',
];

/** Ids of the site fixture's published posts: their pages are at /posts/<id>/. */
export const PUBLISHED_POST_IDS = [
  'ai-chip-export-controls',
  'ai-talent-market',
  'bundled-post',
  'cloud-gpu-pricing',
  'components',
  'data-center-power',
  'date-only',
  'feed-edge-cases',
  'hugo-typical',
  'taipei-morning',
  'updated-post',
];

/** SEARCH_SHARD_SIZE of the `site` fixture build: 11 articles in 8 search shards. */
export const SITE_SEARCH_SHARD_SIZE = 2;

/** The built `site` fixture, produced once by the global setup. */
export const SITE_DIST = fixtureDirs('site').dist;

/** Reads a built file of the site fixture; `urlPath` is a URL path such as `/posts/x/`. */
export function builtPage(urlPath: string): string {
  const decoded = decodeURIComponent(urlPath);
  const file = decoded.endsWith('/') ? path.join(decoded, 'index.html') : decoded;
  return readFileSync(path.join(SITE_DIST, file), 'utf8');
}

export function builtFileExists(urlPath: string): boolean {
  const decoded = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  const file = decoded.endsWith('/') ? path.join(decoded, 'index.html') : decoded;
  return existsSync(path.join(SITE_DIST, file));
}
