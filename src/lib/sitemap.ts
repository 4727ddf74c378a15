import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The fields of a sitemap entry this site sets (a subset of @astrojs/sitemap's `SitemapItem`). */
export interface SitemapEntry {
  url: string;
  lastmod?: string;
}

const NOINDEX = /<meta\s+name="robots"\s+content="[^"]*noindex[^"]*"/i;
const MODIFIED = /<meta\s+property="article:modified_time"\s+content="([^"]+)"/i;

/** The built file that serves `url` (a directory URL maps to its `index.html`). */
export function builtFileFor(url: string, outDir: string): string {
  const pathname = decodeURIComponent(new URL(url).pathname);
  return path.join(outDir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
}

/**
 * What the sitemap says about a page, read from the page itself: a page marked `noindex` (404, search,
 * redirects) is left out (undefined); an article's `lastmod` is its `article:modified_time`, which is
 * `lastmod` from the front matter, else `date`.
 */
export function sitemapEntryFromHtml<T extends SitemapEntry>(item: T, html: string): T | undefined {
  const head = html.slice(0, html.search(/<\/head>/i) + 1 || undefined);
  if (NOINDEX.test(head)) return undefined;
  const modified = MODIFIED.exec(head)?.[1];
  return modified ? { ...item, lastmod: modified } : item;
}

/** `serialize` for @astrojs/sitemap: runs after the pages are written to `outDir`. */
export function sitemapSerializer(outDir: string) {
  return async <T extends SitemapEntry>(item: T): Promise<T | undefined> => {
    const file = builtFileFor(item.url, outDir);
    const html = await readFile(file, 'utf8').catch(() => '');
    return sitemapEntryFromHtml(item, html);
  };
}
