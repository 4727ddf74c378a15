import { describe, expect, it } from 'vitest';
import { site } from '../../src/site.config';
import { SITE_DIST } from '../support/fixture';
import { fileForUrlPath, listFiles, readText } from '../support/dist';
import { htmlLinks, internalPath, xmlLinks } from '../support/links';

const origin = new URL(site.url).origin;

/** Every internal URL in every built page, feed and sitemap that no built file answers. */
function brokenLinks(dist: string): string[] {
  const broken: string[] = [];
  for (const file of listFiles(dist, ['.html', '.xml'])) {
    const text = readText(dist, file);
    const urls = file.endsWith('.html') ? htmlLinks(text) : xmlLinks(text);
    const base = `/${file.replace(/[^/]+$/, '')}`;
    for (const url of urls) {
      const target = internalPath(url, origin, base);
      if (target !== undefined && !fileForUrlPath(dist, target)) broken.push(`${file} → ${url}`);
    }
  }
  return [...new Set(broken)];
}

describe('internal links', () => {
  it('checks a real number of pages and links (positive control)', () => {
    const pages = listFiles(SITE_DIST, ['.html']);
    expect(pages).toContain('posts/hugo-typical/index.html');
    const links = htmlLinks(readText(SITE_DIST, 'posts/hugo-typical/index.html'))
      .map((u) => internalPath(u, origin, '/posts/hugo-typical/'))
      .filter(Boolean);
    expect(links).toContain('/posts/components/');
    expect(links.some((l) => l!.startsWith('/_astro/hero-small-models.'))).toBe(true);
  });

  it('reports a link to a file that was not built', () => {
    expect(fileForUrlPath(SITE_DIST, '/posts/no-such-post/')).toBeUndefined();
    expect(fileForUrlPath(SITE_DIST, '/posts/hugo-typical/')).toMatch(/posts\/hugo-typical\/index\.html$/);
  });

  it('finds a built file for every href, src and srcset in pages, feeds and the sitemap', () => {
    expect(brokenLinks(SITE_DIST)).toEqual([]);
  });
});
