import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PageSchema } from '../../src/schemas/page';
import { planPageRoutes, reservedRoutes } from '../../src/lib/pages';
import { resolveMenus, type MenuPage } from '../../src/lib/menus';

/** Parses and returns the issues as `path: message` lines. */
function issues(data: unknown): string[] {
  const result = PageSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('PageSchema', () => {
  it('reads redirect as a site path', () => {
    expect(PageSchema.parse({ title: 'Archives', url: '/archives/', redirect: 'archive' }).redirect).toBe('/archive/');
  });

  it('accepts a minimal page: a title and nothing else', () => {
    const page = PageSchema.parse({ title: '關於本站' });
    expect(page).toMatchObject({ title: '關於本站', description: '', draft: false, aliases: [], menu: {}, build: { render: true, list: true } });
    expect(page.date).toBeUndefined();
    expect(page.url).toBeUndefined();
  });

  it('normalises Hugo url to a path with both slashes', () => {
    expect(PageSchema.parse({ title: 't', url: 'about' }).url).toBe('/about/');
    expect(PageSchema.parse({ title: 't', url: '/about-us' }).url).toBe('/about-us/');
    expect(PageSchema.parse({ title: 't', url: '/company/about/' }).url).toBe('/company/about/');
    expect(PageSchema.parse({ title: 't', url: '/%E9%97%9C%E6%96%BC/' }).url).toBe('/關於/');
  });

  it('reads Hugo menu as a name, a list or a map', () => {
    expect(PageSchema.parse({ title: 't', menu: 'main' }).menu).toEqual({ main: {} });
    expect(PageSchema.parse({ title: 't', menu: ['main', 'footer'] }).menu).toEqual({ main: {}, footer: {} });
    expect(PageSchema.parse({ title: 't', menu: { footer: { weight: 10, name: '關於', parent: 'x' } } }).menu).toEqual({ footer: { weight: 10, name: '關於' } });
    expect(PageSchema.parse({ title: 't', menu: { main: null } }).menu).toEqual({ main: {} });
  });

  it('reads dates and publishing fields like a post', () => {
    const page = PageSchema.parse({ title: 't', date: '2026-03-01', lastmod: '2026-03-02', unpublishdate: '2027-01-01', headless: false });
    expect(page.date).toEqual(new Date('2026-03-01T00:00:00+08:00'));
    expect(page.lastmod).toEqual(new Date('2026-03-02T00:00:00+08:00'));
    expect(page.expiryDate).toEqual(new Date('2027-01-01T00:00:00+08:00'));
  });

  it.each([
    [{}, ['title: Invalid input: expected string, received undefined']],
    [{ title: 't', url: '/' }, ['url: expected a folder path such as /about/ or about-us, got "/"']],
    [{ title: 't', url: '/about.html' }, ['url: expected a folder path such as /about/ or about-us, got "/about.html"']],
    [{ title: 't', url: '/a b/' }, ['url: expected a folder path such as /about/ or about-us, got "/a b/"']],
    [{ title: 't', url: '/a/../b/' }, ['url: expected a folder path such as /about/ or about-us, got "/a/../b/"']],
    [{ title: 't', menu: 'sidebar' }, ['menu: unknown menu "sidebar"; expected "main" (the header) or "footer"']],
    [{ title: 't', menu: 3 }, ['menu: expected a menu name ("main" or "footer"), a list of them, or a map such as { main: { weight: 10 } }']],
    [{ title: 't', aliases: ['about'] }, ['aliases.0: expected a site path starting with "/", such as /2025/01/old-post/']],
    [{ title: 't', date: 'someday' }, ['date: expected a date such as 2026-03-01 or 2026-03-01T07:00:00+08:00, got "someday"']],
    [{ title: 't', slug: 'a/b' }, ['slug: expected a URL segment without spaces or slashes']],
  ])('rejects bad input %#', (input, expected) => {
    expect(issues(input)).toEqual(expected);
  });
});

const post = (id: string, aliases: string[] = []) => ({ id, filePath: `content/posts/${id}.md`, data: { title: id, aliases } });
const page = (id: string, data: { url?: string; aliases?: string[]; redirect?: string } = {}) => ({
  id,
  filePath: `content/pages/${id}.md`,
  data: { title: `頁面 ${id}`, aliases: [], ...data },
});

describe('page URLs and collisions', () => {
  it('builds each page at its url, else at /<id>/, with its aliases as redirects', () => {
    const plan = planPageRoutes([page('about', { url: '/about-us/', aliases: ['/old/about/'] }), page('privacy'), page('關於')], [post('a', ['/2025/a/'])]);
    expect(plan.pages.map((p) => p.href)).toEqual(['/about-us/', '/privacy/', '/%E9%97%9C%E6%96%BC/']);
    expect(plan.redirects).toEqual([
      { from: '/2025/a/', to: '/posts/a/', title: 'a' },
      { from: '/old/about/', to: '/about-us/', title: '頁面 about', kind: 'page' },
    ]);
  });

  it.each([
    [[page('x', { url: '/posts/a/' })], 'content/pages/x.md: url "/posts/a/" is already built by src/pages/posts/[...id].astro'],
    [[page('x', { url: '/2025/a/' })], 'content/pages/x.md: url "/2025/a/" is already built by content/posts/a.md (its alias)'],
    [[page('x', { url: '/tags/' })], 'content/pages/x.md: url "/tags/" is already built by src/pages/[taxonomy]/index.astro'],
    [[page('sources')], 'content/pages/sources.md: URL "/sources/" is already built by src/pages/[taxonomy]/index.astro'],
    [[page('archive')], 'content/pages/archive.md: URL "/archive/" is already built by src/pages/archive.astro'],
    [[page('search')], 'content/pages/search.md: URL "/search/" is already built by src/pages/search.astro'],
    [[page('x', { url: '/page/2/' })], 'content/pages/x.md: url "/page/2/" is already built by src/pages/page/[page].astro'],
    [[page('404')], 'content/pages/404.md: URL "/404/" is already built by src/pages/404.astro'],
    [[page('x', { aliases: ['/index.xml'] })], 'content/pages/x.md: alias "/index.xml" is already built by src/pages/index.xml.ts'],
    [[page('a', { url: '/same/' }), page('b', { url: '/same/' })], 'content/pages/b.md: url "/same/" is already built by content/pages/a.md (its url)'],
    [[page('a'), page('b', { aliases: ['/a'] })], 'content/pages/b.md: alias "/a" is already built by content/pages/a.md (its URL)'],
    [[page('a', { aliases: ['/old/'] }), page('b', { aliases: ['/old/'] })], 'content/pages/b.md: alias "/old/" is already built by content/pages/a.md (its alias)'],
  ])('fails naming both files %#', (pages, message) => {
    expect(() => planPageRoutes(pages, [post('a', ['/2025/a/'])])).toThrow(`${message}; expected a URL no other page uses`);
  });

  it('redirects a page that stands for another route, with its aliases, and builds no page for it', () => {
    const plan = planPageRoutes([page('archives', { url: '/archives/', redirect: '/archive/', aliases: ['/old-archives/'] }), page('links', { redirect: '/about/' }), page('about')], []);
    expect(plan.pages.map((p) => p.href)).toEqual(['/about/']);
    expect(plan.redirects).toEqual([
      { from: '/archives/', to: '/archive/', title: '頁面 archives', kind: 'page' },
      { from: '/old-archives/', to: '/archive/', title: '頁面 archives', kind: 'page' },
      { from: '/links/', to: '/about/', title: '頁面 links', kind: 'page' },
    ]);
  });

  it('fails when a page redirects to something the site does not build', () => {
    expect(() => planPageRoutes([page('x', { redirect: '/nowhere/' })], [])).toThrow('content/pages/x.md: redirect "/nowhere/" is not a page this site builds');
  });

  it('knows every route file in src/pages/', () => {
    const files = readdirSync(path.resolve('src/pages'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(astro|ts)$/.test(f))
      .map((f) => `src/pages/${f.split(path.sep).join('/')}`);
    const known = new Set(reservedRoutes().map((r) => r.file));
    // The catch-all serves pages and redirects; the term route shares its taxonomy's prefix with the index.
    const unlisted = files.filter((f) => !known.has(f));
    expect(unlisted.sort()).toEqual(['src/pages/[...path].astro', 'src/pages/[taxonomy]/[term]/[...page].astro', 'src/pages/[taxonomy]/[term]/index.xml.ts']);
  });
});

const menuPage = (id: string, fields: Partial<MenuPage> = {}): MenuPage => ({
  id,
  title: `頁面 ${id}`,
  href: `/${id}/`,
  file: `content/pages/${id}.md`,
  built: true,
  menu: {},
  ...fields,
});

describe('header and footer links', () => {
  it('resolves config links in order, then pages with a menu by weight and title', () => {
    const menus = resolveMenus(
      { nav: [{ label: '首頁', href: '/' }, { page: 'about', label: '關於' }], footer: [{ label: 'RSS', href: '/index.xml' }] },
      [
        menuPage('about', { menu: { main: {}, footer: {} } }),
        menuPage('b', { title: 'B', menu: { footer: {} } }),
        menuPage('a', { title: 'A', menu: { footer: {} } }),
        menuPage('first', { menu: { footer: { weight: 1, name: '最前' } } }),
        menuPage('draft', { built: false, menu: { main: {} } }),
      ],
    );
    expect(menus.main).toEqual([
      { label: '首頁', href: '/' },
      { label: '關於', href: '/about/' },
    ]);
    expect(menus.footer).toEqual([
      { label: 'RSS', href: '/index.xml' },
      { label: '最前', href: '/first/' },
      // Titles sort in zh-Hant-TW collation: Chinese before Latin letters.
      { label: '頁面 about', href: '/about/' },
      { label: 'A', href: '/a/' },
      { label: 'B', href: '/b/' },
    ]);
  });

  it('fails naming the config field for an unknown or unpublished page', () => {
    const pages = [menuPage('about'), menuPage('draft', { built: false })];
    expect(() => resolveMenus({ nav: [], footer: [{ page: 'about' }, { page: 'abuot' }] }, pages)).toThrow(
      'Invalid site config (src/site.config.ts):\n  - footer.1.page: no page "abuot"; expected the id of a file in content/pages/ (about, draft)',
    );
    expect(() => resolveMenus({ nav: [{ page: 'draft' }], footer: [] }, pages)).toThrow(
      '  - nav.0.page: page "draft" (content/pages/draft.md) is not published (a draft, scheduled, expired or never built); expected a published page',
    );
    expect(resolveMenus({ nav: [{ page: 'about' }], footer: [] }, pages).main).toEqual([{ label: '頁面 about', href: '/about/' }]);
  });
});
