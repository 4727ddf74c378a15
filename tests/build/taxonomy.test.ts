import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_ROOT, ROOT, buildFixture, fixtureDirs, runBuild } from '../support/build-fixture';
import { SITE_DIST } from '../support/fixture';
import { parseHtml, texts } from '../support/html';
import { serveStatic, type StaticServer } from '../support/server';

/** The `taxonomy` fixture: 11 published posts sharing terms, plus a draft and a future post that share them too. */
const TAX_DIST = fixtureDirs('taxonomy').dist;
const TAXONOMY_KEYS = ['tags', 'categories', 'companies', 'people', 'sources'];

/** The file a static host serves for a URL path (percent-decoded, folders → index.html), if built. */
function builtFile(dist: string, urlPath: string): string | undefined {
  const decoded = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  const file = path.join(dist, decoded.endsWith('/') ? path.join(decoded, 'index.html') : decoded);
  return existsSync(file) ? file : undefined;
}

const doc = (dist: string, urlPath: string) => parseHtml(readFileSync(builtFile(dist, urlPath) ?? `${dist}${urlPath}MISSING`, 'utf8'));

/** URL paths of every page under the taxonomy folders and the archive. */
function taxonomyPages(dist: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(dist, dir), { withFileTypes: true })) {
      if (entry.isDirectory()) walk(`${dir}${entry.name}/`);
      else if (entry.name === 'index.html') pages.push(dir);
    }
  };
  for (const key of TAXONOMY_KEYS) walk(`/${key}/`);
  return [...pages, '/archive/'];
}

/** Every internal link (path only) on the given pages, with the page it is on. */
function internalLinks(dist: string, pages: string[]): { from: string; href: string }[] {
  return pages.flatMap((from) =>
    doc(dist, from)
      .querySelectorAll('a[href]')
      .map((a) => a.getAttribute('href')!)
      .filter((href) => href.startsWith('/') && !href.startsWith('//'))
      .map((href) => ({ from, href: href.split('#')[0] })),
  );
}

beforeAll(() => {
  buildFixture('taxonomy');
});

describe('taxonomy index pages', () => {
  it('list every tag with its published count, by count then name, under the zh-TW label', () => {
    const page = doc(TAX_DIST, '/tags/');
    expect(page.querySelector('h1')?.textContent).toBe('標籤');
    const items = page.querySelectorAll('.term-index__link').map((a) => [a.querySelector('.term-index__label')?.textContent, a.querySelector('.term-index__count')?.textContent.replace(/\D/g, ''), decodeURIComponent(a.getAttribute('href')!)]);
    expect(items).toEqual([
      ['#十一篇', '11', '/tags/十一篇/'],
      ['#十篇', '10', '/tags/十篇/'],
      ['#Open Source', '3', '/tags/open-source/'],
      ['#代理', '2', '/tags/代理/'],
      ['#推論', '2', '/tags/推論/'],
      ['#🚀 新創', '1', '/tags/新創/'],
      ['#問答（上）', '1', '/tags/問答上/'],
      ['#C++', '1', '/tags/c++/'],
      ['#Node.js', '1', '/tags/node.js/'],
      ['#R&D', '1', '/tags/rd/'],
    ]);
  });

  it('exist for all five taxonomies with their labels', () => {
    expect(TAXONOMY_KEYS.map((key) => doc(TAX_DIST, `/${key}/`).querySelector('h1')?.textContent)).toEqual(['標籤', '分類', '公司', '人物', '來源']);
    expect(texts(doc(TAX_DIST, '/companies/'), '.term-index__label')).toEqual(['Acme AI', 'Globex']);
    expect(texts(doc(TAX_DIST, '/sources/'), '.term-index__label')).toEqual(['Lex Fridman Podcast']);
  });
});

describe('drafts and future posts', () => {
  it('count only published posts (the positive control is the count of 11 and 10)', () => {
    expect(doc(TAX_DIST, '/tags/十一篇/').querySelector('.term-count')?.textContent).toBe('標籤・共 11 篇文章');
    expect(doc(TAX_DIST, '/tags/十篇/').querySelector('.term-count')?.textContent).toBe('標籤・共 10 篇文章');
    expect(doc(TAX_DIST, '/companies/acme/').querySelector('.term-count')?.textContent).toBe('公司・共 2 篇文章');
    expect(doc(TAX_DIST, '/sources/lex-fridman-podcast/').querySelector('.term-count')?.textContent).toBe('來源・共 3 篇文章');
  });

  it('create no term page of their own', () => {
    expect(builtFile(TAX_DIST, '/tags/十一篇/')).toBeDefined();
    for (const gone of ['/tags/只在草稿/', '/tags/只在未來/', '/categories/未來分類/', '/companies/initech/', '/people/john-roe/', '/sources/草稿來源/']) {
      expect(builtFile(TAX_DIST, gone), gone).toBeUndefined();
    }
    expect(builtFile(SITE_DIST, '/tags/podcast/')).toBeDefined();
    expect(builtFile(SITE_DIST, '/tags/草稿標籤/')).toBeUndefined();
    expect(builtFile(SITE_DIST, '/tags/未來標籤/')).toBeUndefined();
  });

  it('never appear in term lists or the archive', () => {
    const titles = [...texts(doc(TAX_DIST, '/tags/十一篇/'), '.post-card__title'), ...texts(doc(TAX_DIST, '/tags/十一篇/page/2/'), '.post-card__title')];
    expect(titles).toHaveLength(11);
    expect(titles).toContain('分類測試文章 06');
    expect(titles.some((t) => t.includes('不應出現'))).toBe(false);
    const archive = texts(doc(TAX_DIST, '/archive/'), '.archive-month__list a');
    expect(archive).toHaveLength(11);
    expect(archive.some((t) => t.includes('不應出現'))).toBe(false);
  });
});

describe('term pages', () => {
  it('paginate one article past a full page onto /page/2/, newest first', () => {
    const first = doc(TAX_DIST, '/tags/十一篇/');
    expect(texts(first, '.post-card__title')).toEqual(['11', '10', '09', '08', '07', '06', '05', '04', '03', '02'].map((n) => `分類測試文章 ${n}`));
    expect(decodeURIComponent(first.querySelector('.pagination a[rel=next]')!.getAttribute('href')!)).toBe('/tags/十一篇/page/2/');
    const second = doc(TAX_DIST, '/tags/十一篇/page/2/');
    expect(texts(second, '.post-card__title')).toEqual(['分類測試文章 01']);
    expect(second.querySelector('h1')?.textContent).toBe('#十一篇（第 2 頁）');
    expect(builtFile(TAX_DIST, '/tags/十一篇/page/3/')).toBeUndefined();
  });

  it('keep exactly one page size of articles on one page, without pagination', () => {
    const page = doc(TAX_DIST, '/tags/十篇/');
    expect(page.querySelectorAll('.post-card')).toHaveLength(10);
    expect(page.querySelector('.pagination')).toBeNull();
    expect(builtFile(TAX_DIST, '/tags/十篇/page/2/')).toBeUndefined();
  });

  it('show the most used spelling of a merged term', () => {
    const page = doc(TAX_DIST, '/tags/open-source/');
    expect(page.querySelector('h1')?.textContent).toBe('#Open Source');
    expect(texts(page, '.post-card__title')).toEqual(['分類測試文章 03', '分類測試文章 02', '分類測試文章 01']);
  });

  it('open a company page with its profile before the list', () => {
    const page = doc(TAX_DIST, '/companies/acme/');
    expect(page.querySelector('h1')?.textContent).toBe('Acme AI');
    expect(page.querySelector('.profile__alt')?.textContent).toBe('愛克米');
    expect(page.querySelector('.profile__description')?.textContent).toBe('虛構的模型新創，用來測試公司頁面的簡介。');
    expect(page.querySelector('.profile__website a')?.getAttribute('href')).toBe('https://www.acme.example');
    expect(texts(page, '.post-card__title')).toEqual(['分類測試文章 11', '分類測試文章 05']);
  });

  it('open a person page with role and a link to the company', () => {
    const page = doc(TAX_DIST, '/people/jane-doe/');
    expect(page.querySelector('.profile__role')?.textContent).toBe('研究長・Acme AI');
    expect(page.querySelector('.profile__role a')?.getAttribute('href')).toBe('/companies/acme/');
  });

  it('carry breadcrumbs back to the taxonomy index', () => {
    const crumbs = doc(TAX_DIST, '/tags/c++/').querySelectorAll('.breadcrumbs li');
    expect(crumbs.map((li) => li.textContent)).toEqual(['首頁', '標籤', 'C++']);
    expect(crumbs[1].querySelector('a')?.getAttribute('href')).toBe('/tags/');
  });
});

describe('archive', () => {
  it('groups every published article by Taipei year and month, newest first', () => {
    const page = doc(TAX_DIST, '/archive/');
    expect(texts(page, '.archive-year__title').map((t) => t.replace(/\s+/g, ''))).toEqual(['2025年9篇', '2024年2篇']);
    expect(texts(page, '.archive-month__title')).toEqual(['3 月', '2 月', '1 月', '12 月']);
    // 00:30 on 1 February in Taipei is still 31 January in UTC: it belongs to February.
    const feb = page.querySelector('section[aria-labelledby=y2025-m02]')!;
    expect(texts(feb, 'li a')).toEqual(['分類測試文章 09', '分類測試文章 08', '分類測試文章 07']);
  });

  it('jumps to each year from the year links', () => {
    const page = doc(TAX_DIST, '/archive/');
    const hrefs = page.querySelectorAll('.year-nav a').map((a) => a.getAttribute('href')!);
    expect(hrefs).toEqual(['#y2025', '#y2024']);
    expect(hrefs.map((h) => page.getElementById(h.slice(1))?.tagName)).toEqual(['H2', 'H2']);
  });
});

describe('articles', () => {
  it('show 3–5 related articles, shared company first, never themselves', () => {
    const related = doc(TAX_DIST, '/posts/p11/').querySelectorAll('.related a').map((a) => a.getAttribute('href'));
    expect(related).toEqual(['/posts/p05/', '/posts/p10/', '/posts/p09/', '/posts/p08/', '/posts/p07/']);
    expect(related).not.toContain('/posts/p11/');
  });

  it('fill related articles to three on the sample site', () => {
    const related = doc(SITE_DIST, '/posts/hugo-typical/').querySelectorAll('.related a').map((a) => a.getAttribute('href'));
    expect(related).toEqual(['/posts/components/', '/posts/taipei-morning/', '/posts/date-only/']);
  });

  it('show breadcrumbs through the first category', () => {
    const crumbs = doc(SITE_DIST, '/posts/hugo-typical/').querySelectorAll('.breadcrumbs li');
    expect(crumbs.map((li) => li.textContent)).toEqual(['首頁', 'AI 產業動態', '2026 AI 展望：小模型與開源的下一步']);
    expect(decodeURIComponent(crumbs[1].querySelector('a')!.getAttribute('href')!)).toBe('/categories/ai-產業動態/');
    expect(doc(SITE_DIST, '/posts/date-only/').querySelectorAll('.breadcrumbs a').map((a) => a.getAttribute('href'))).toEqual(['/', '/archive/']);
  });

  it('link the source card to every article from the same source', () => {
    expect(doc(SITE_DIST, '/posts/hugo-typical/').querySelector('.source-card__more a')?.getAttribute('href')).toBe('/sources/the-mad-podcast-with-matt-turck/');
  });
});

describe('every internal link on every taxonomy page', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serveStatic(TAX_DIST);
  });
  afterAll(() => server?.close());

  for (const [name, dist, knownPost] of [
    ['sample site', SITE_DIST, '/posts/hugo-typical/'],
    ['taxonomy fixture', TAX_DIST, '/posts/p11/'],
  ] as const) {
    it(`finds a built file for each link (${name})`, () => {
      const pages = taxonomyPages(dist);
      const links = internalLinks(dist, pages);
      // Positive control: the walk reaches real pages and real links.
      expect(pages).toContain('/tags/');
      expect(links.length).toBeGreaterThan(50);
      expect(links.map((l) => l.href)).toContain(knownPost);
      expect(links.filter((l) => !builtFile(dist, l.href)).map((l) => `${l.from} → ${l.href}`)).toEqual([]);
      // Negative control: a missing page is reported.
      expect(builtFile(dist, '/tags/no-such-term/')).toBeUndefined();
    });
  }

  it('serves every encoded link over HTTP the way a static host decodes it', async () => {
    const hrefs = [...new Set(internalLinks(TAX_DIST, taxonomyPages(TAX_DIST)).map((l) => l.href))];
    expect(hrefs).toContain('/tags/c%2B%2B/');
    expect(hrefs).toContain('/tags/%E5%8D%81%E4%B8%80%E7%AF%87/page/2/');
    const statuses = await Promise.all(hrefs.map(async (href) => [href, (await fetch(server.url + href)).status] as const));
    expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);
    expect((await fetch(`${server.url}/tags/no-such-term/`)).status).toBe(404);
  });
});

describe('a term with nothing to build a URL from', () => {
  /** Builds a one-post site whose post has the given tags; returns the exit status and output. */
  function buildWithTags(name: string, tags: string[]): { status: number; output: string } {
    const root = path.join(OUTPUT_ROOT, 'content', `taxonomy-${name}`);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(path.join(root, 'content/posts'), { recursive: true });
    writeFileSync(path.join(root, 'content/posts/emoji-tag.md'), `---\ntitle: 標籤測試\ndate: 2026-01-01\ntags: ${JSON.stringify(tags)}\n---\n\n內文。\n`);
    const { dist, cache } = fixtureDirs(`taxonomy-${name}`);
    try {
      runBuild(`taxonomy-${name}`, { CONTENT_ROOT: path.relative(ROOT, root), ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache });
      return { status: 0, output: '' };
    } catch (err) {
      const e = err as { status: number; output: string };
      return { status: e.status, output: e.output };
    }
  }

  it('builds when every tag has a letter (positive control)', () => {
    expect(buildWithTags('ok-tag', ['🚀 新創']).status).toBe(0);
  });

  it('stops the build, naming the file and the field, instead of writing a page at /tags//', () => {
    const result = buildWithTags('empty-tag', ['🚀', '正常']);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/content\/posts\/emoji-tag\.md: tags "🚀" has no letters or digits to build a URL from/);
  });
});
