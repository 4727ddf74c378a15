import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The shard folders in `<dist>/pagefind/`, as numbers, sorted. */
export function shardFolders(dist: string): number[] {
  const root = path.join(dist, 'pagefind');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((name) => (/^\d+$/.test(name) ? Number(name) : Number.NaN))
    .sort((a, b) => a - b);
}

/** Pages a Pagefind bundle says it indexed (pagefind-entry.json, over every language). */
export function bundlePageCount(bundle: string): number {
  const entry = JSON.parse(readFileSync(path.join(bundle, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
}

/**
 * The pages in a Pagefind 1.6 bundle, read from its fragment files (gzip of "pagefind_dcd" + JSON),
 * sorted by URL. One fragment per page on a small site.
 */
export function bundlePages(bundle: string): { url: string; title: string; content: string }[] {
  const dir = path.join(bundle, 'fragment');
  return readdirSync(dir)
    .map((name) => {
      const text = gunzipSync(readFileSync(path.join(dir, name))).toString('utf8');
      if (!text.startsWith('pagefind_dcd')) throw new Error(`${name}: not a Pagefind fragment`);
      const page = JSON.parse(text.slice('pagefind_dcd'.length)) as { url: string; content: string; meta: { title: string } };
      return { url: page.url, title: page.meta.title, content: page.content };
    })
    .sort((a, b) => (a.url < b.url ? -1 : 1));
}
