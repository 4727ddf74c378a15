import { getCollection, type CollectionEntry } from 'astro:content';
import { isRendered } from './schedule';
import { aliasParam, collectRedirects, type Redirect } from './redirects';
import { postUrl, standalonePageUrl } from './urls';
import { TAXONOMIES } from './taxonomy';
import { defaultPublishOptions, type PublishOptions } from './posts';

export type SitePage = CollectionEntry<'pages'>;

/** A URL the site builds outside standalone pages, and the file that builds it. */
export interface ReservedRoute {
  /** Decoded site path; with `prefix`, every path under it is taken too. */
  path: string;
  prefix: boolean;
  /** The route file (or tool) that writes it. */
  file: string;
}

/**
 * Every URL another route builds. A unit test checks that each route file in src/pages/ is here, so a
 * new route cannot be shadowed by a page without a test failing. (A function: taxonomy.ts imports this
 * module's callers, so TAXONOMIES is read only once every module has loaded.)
 */
export const reservedRoutes = (): ReservedRoute[] => [
  { path: '/', prefix: false, file: 'src/pages/index.astro' },
  { path: '/page/', prefix: true, file: 'src/pages/page/[page].astro' },
  { path: '/posts/', prefix: true, file: 'src/pages/posts/[...id].astro' },
  { path: '/archive/', prefix: false, file: 'src/pages/archive.astro' },
  { path: '/search/', prefix: false, file: 'src/pages/search.astro' },
  { path: '/404/', prefix: false, file: 'src/pages/404.astro' },
  { path: '/404.html', prefix: false, file: 'src/pages/404.astro' },
  { path: '/index.xml', prefix: false, file: 'src/pages/index.xml.ts' },
  { path: '/subscribe/', prefix: false, file: 'src/pages/subscribe.astro' },
  { path: '/feeds.opml', prefix: false, file: 'src/pages/feeds.opml.ts' },
  { path: '/feed.xsl', prefix: false, file: 'src/pages/feed.xsl.ts' },
  { path: '/feed.css', prefix: false, file: 'src/pages/feed.css.ts' },
  { path: '/robots.txt', prefix: false, file: 'src/pages/robots.txt.ts' },
  ...TAXONOMIES.map((t) => ({ path: `/${t.key}/`, prefix: true, file: 'src/pages/[taxonomy]/index.astro' })),
  { path: '/sitemap-index.xml', prefix: false, file: 'astro.config.ts (@astrojs/sitemap)' },
  { path: '/sitemap-0.xml', prefix: false, file: 'astro.config.ts (@astrojs/sitemap)' },
  { path: '/pagefind/', prefix: true, file: 'scripts/search-index.ts (the search index)' },
  { path: '/_astro/', prefix: true, file: "Astro's bundled assets" },
  { path: '/og/', prefix: true, file: 'src/pages/og/[card].png.ts' },
];

interface PostLike {
  id: string;
  filePath?: string;
  data: { title: string; aliases: string[] };
}

interface PageLike {
  id: string;
  filePath?: string;
  data: { title: string; url?: string; aliases: string[]; redirect?: string };
}

/** A standalone page and the URL it is built at. */
export interface PageRoute<P extends PageLike = PageLike> {
  page: P;
  /** Encoded href (`/about-us/`). */
  href: string;
}

/** Decoded, with a trailing slash unless it names a file (`/old/page.html`), as route keys compare. */
function routeKey(url: string): string {
  let decoded = url;
  try {
    decoded = decodeURI(url);
  } catch {
    // Compared as written.
  }
  return /\/[^/]+\.[a-z0-9]+$/i.test(decoded) || decoded.endsWith('/') ? decoded : `${decoded}/`;
}

/**
 * The URL of every page and the redirects of every post and page alias. Fails naming both files when a
 * page's URL or alias is already built by another route, a post (its URL or an alias) or another page,
 * since one of the two would silently replace the other.
 */
export function planPageRoutes<P extends PageLike>(pages: readonly P[], posts: readonly PostLike[]): { pages: PageRoute<P>[]; redirects: Redirect[] } {
  const owner = new Map<string, string>();
  for (const post of posts) {
    owner.set(routeKey(postUrl(post.id)), `${post.filePath ?? `posts/${post.id}`} (its URL)`);
    for (const alias of post.data.aliases) owner.set(routeKey(alias), `${post.filePath ?? `posts/${post.id}`} (its alias)`);
  }
  const reserved = reservedRoutes();
  const claim = (page: P, url: string, field: string) => {
    const key = routeKey(url);
    const file = page.filePath ?? `pages/${page.id}`;
    const route = reserved.find((r) => (r.prefix ? key.startsWith(r.path) : key === r.path));
    const other = route ? route.file : owner.get(key);
    if (other !== undefined) {
      throw new Error(`${file}: ${field} "${url}" is already built by ${other}; expected a URL no other page uses`);
    }
    owner.set(key, `${file} (its ${field})`);
  };
  const all = [...pages]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((page) => {
      const href = standalonePageUrl(page.id, page.data.url);
      claim(page, href, page.data.url ? 'url' : 'URL');
      return { page, href };
    });
  const redirects = collectRedirects(posts);
  const routes = all.filter(({ page }) => !page.data.redirect);
  // A page standing for another route: its URL redirects there, which must be a route this build makes.
  const built = new Set([...routes.map((r) => routeKey(r.href)), ...posts.map((p) => routeKey(postUrl(p.id)))]);
  for (const { page, href } of all) {
    const to = page.data.redirect ? standalonePageUrl(page.id, page.data.redirect) : href;
    if (page.data.redirect) {
      const key = routeKey(page.data.redirect);
      if (!built.has(key) && !reserved.some((r) => !r.prefix && r.path === key)) {
        throw new Error(`${page.filePath ?? `pages/${page.id}`}: redirect "${page.data.redirect}" is not a page this site builds; expected a page, a post or a site route such as /archive/`);
      }
      redirects.push({ from: href, to, title: page.data.title, kind: 'page' });
    }
    for (const from of page.data.aliases) {
      claim(page, from, 'alias');
      redirects.push({ from, to, title: page.data.title, kind: 'page' });
    }
  }
  return { pages: routes, redirects };
}

/** The catch-all route's param for a page or redirect path: `/about-us/` → `about-us`. */
export const routeParam = (url: string) => aliasParam(url);

let cache: Promise<SitePage[]> | undefined;

/** Every standalone page with a page in this build (the published rule of posts; dev shows drafts too). */
export function getPublishedPages(options: PublishOptions = defaultPublishOptions()): Promise<SitePage[]> {
  const load = async () => {
    const pages = await getCollection('pages', ({ data }) => (options.includeUnpublished ? data.build.render : isRendered(data, options.now)));
    return pages.sort((a, b) => a.id.localeCompare(b.id));
  };
  if (import.meta.env.DEV) return load();
  cache ??= load();
  return cache;
}
