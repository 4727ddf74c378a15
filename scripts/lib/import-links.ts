/**
 * Internal links after the import: links to a post's old address go to its new URL; links to static
 * files keep working (the file is copied to public/); links to anything the new site does not serve
 * become their text, reported, so the build's link check never fails on the old site's dead links.
 */
import path from 'node:path';
import { termUrl, urlize, type TaxonomyKey } from '../../src/lib/urls.ts';
import { staticPages } from './check.ts';
import { parseFrontMatterDate } from '../../src/lib/dates.ts';
import { bodyImageRewriter, type ImageContext, type ImportAssets } from './import-images.ts';
import { KEEP_END, KEEP_START } from './import-shortcodes.ts';
import type { ImportReport } from './import-report.ts';

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/** Decoded, without query or fragment, with a trailing slash unless it names a file (`/index.xml`). */
export function normaliseSitePath(url: string): string {
  const decoded = safeDecode(url.split(/[?#]/)[0]);
  return /\/[^/]+\.[a-z0-9]+$/i.test(decoded) || decoded.endsWith('/') ? decoded : `${decoded}/`;
}

/** The decoded path of a link into the old site (site-relative, or absolute on its base URL). */
export function oldSitePath(url: string, baseURL: string | undefined): string | undefined {
  let pathname: string;
  if (url.startsWith('/') && !url.startsWith('//')) pathname = url;
  else if (baseURL && /^https?:\/\//.test(url) && URL.canParse(url) && URL.canParse(baseURL) && new URL(url).host === new URL(baseURL).host) {
    pathname = new URL(url).pathname;
  } else return undefined;
  try {
    pathname = decodeURI(pathname.split(/[?#]/)[0]);
  } catch {
    return undefined;
  }
  return /\.[a-z0-9]+$/i.test(pathname) || pathname.endsWith('/') ? pathname : `${pathname}/`;
}

export interface IndexedPost {
  newUrl: string;
  oldUrls: Iterable<string>;
  /** Why the site will not build it (`a draft`, `scheduled for …`), or undefined when it is published. */
  unpublished?: string;
  tags: string[];
  categories: string[];
  companies: string[];
  people: string[];
  sourceName?: string;
}

/** Every site path the imported site serves, and the paths of posts and pages it will not build. */
export class LinkIndex {
  private known = new Set<string>();
  private unpublished = new Map<string, string>();

  constructor() {
    for (const p of ['/', '/index.xml', '/posts/', '/archive/', '/search/', '/404.html']) this.known.add(p);
    for (const t of ['tags', 'categories', 'companies', 'people', 'sources']) this.known.add(`/${t}/`);
    for (const p of staticPages(path.join(process.cwd(), 'src/pages'), '')) this.known.add(normaliseSitePath(p));
  }

  addPost(post: IndexedPost) {
    const urls = [post.newUrl, ...post.oldUrls].map(normaliseSitePath);
    if (post.unpublished) {
      for (const u of urls) if (!this.known.has(u)) this.unpublished.set(u, post.unpublished);
      return;
    }
    for (const u of urls) {
      this.known.add(u);
      this.unpublished.delete(u);
    }
    const term = (taxonomy: TaxonomyKey, slug: string) => {
      if (!slug) return;
      const url = normaliseSitePath(termUrl(taxonomy, slug));
      this.known.add(url);
      this.known.add(`${url}index.xml`);
    };
    post.tags.forEach((t) => term('tags', urlize(t)));
    post.categories.forEach((t) => term('categories', urlize(t)));
    post.companies.forEach((s) => term('companies', s));
    post.people.forEach((s) => term('people', s));
    if (post.sourceName) term('sources', urlize(post.sourceName));
  }

  addPage(urls: string[], unpublished?: string) {
    this.addPost({ newUrl: urls[0], oldUrls: urls.slice(1), unpublished, tags: [], categories: [], companies: [], people: [] });
  }

  /** `known`, the reason it is not built, or `dead`. Listing pages (`…/page/2/`) count as known. */
  status(sitePath: string): { known: true } | { unpublished: string } | { dead: true } {
    const key = normaliseSitePath(sitePath);
    const base = key.replace(/page\/\d+\/$/, '');
    if (this.known.has(key) || this.known.has(base) || this.known.has(key.toLowerCase())) return { known: true };
    const reason = this.unpublished.get(key);
    return reason ? { unpublished: reason } : { dead: true };
  }
}

export interface LinkContext {
  file: string;
  index: LinkIndex;
  newUrlByOld: Map<string, string>;
  baseURL?: string;
  assets: ImportAssets;
  report: ImportReport;
}

/** A Markdown link (not an image), one level of nested brackets (`[![a](b)](c)`) allowed in its text. */
const MD_LINK = /(?<!!)\[((?:[^[\]\\]|\\.|!?\[[^\]]*\](?:\([^)]*\))?)*)\]\(\s*<?([^\s)>]+)>?((?:\s+(?:"[^"]*"|'[^']*'))?)\s*\)/g;
const HTML_LINK = /<a\b([^>]*?)\shref=(["'])([^"']*)\2([^>]*)>([\s\S]*?)<\/a>/gi;

/** Applies `fn` to the parts of a line outside inline code spans. */
export function outsideCode(text: string, fn: (part: string) => string): string {
  return text
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => (i % 2 === 1 ? part : fn(part)))
    .join('');
}

/** Rewrites the internal links of one body line; reports each dead one with its line. */
export function rewriteLinks(text: string, line: number, ctx: LinkContext): string {
  const decide = (url: string): { url: string } | { dead: string } | undefined => {
    if (/^(#|mailto:|tel:|javascript:)/i.test(url)) return undefined;
    const old = oldSitePath(url, ctx.baseURL);
    if (old === undefined) return undefined;
    const fragment = url.includes('#') ? url.slice(url.indexOf('#')) : '';
    const moved = ctx.newUrlByOld.get(old);
    if (moved) return { url: `${moved}${fragment}` };
    const status = ctx.index.status(old);
    if ('known' in status) return undefined;
    const file = ctx.assets.staticFile(old);
    if (file) {
      ctx.assets.usePublic(file);
      return undefined;
    }
    return { dead: 'unpublished' in status ? `points to ${status.unpublished}, which the site does not build` : 'points to nothing the imported site serves (no post, page, alias, term, static file or site page)' };
  };
  const dead = (url: string, label: string, why: string) => {
    ctx.report.add('links', 'dead (turned into text)', ctx.file, line, `link "${url}" ${why}; kept its text "${label}" without the link`);
  };
  // A reference definition (`[ref]: /old/`): moved, or removed when dead (its `[text][ref]` then shows as text).
  const definition = /^( {0,3}\[[^\]]+\]:\s*)<?([^\s>]+)>?(.*)$/.exec(text);
  if (definition) {
    const d = decide(definition[2]);
    if (!d) return text;
    if ('url' in d) return `${definition[1]}${d.url}${definition[3]}`;
    ctx.report.add('links', 'dead (turned into text)', ctx.file, line, `reference definition "${definition[2]}" ${d.dead}; removed, so its [text][ref] links show as text`);
    return '';
  }
  return outsideCode(text, (part) =>
    part
      .replace(MD_LINK, (whole, label: string, url: string, title: string) => {
        const d = decide(url);
        if (!d) return whole;
        if ('url' in d) return `[${label}](${d.url}${title})`;
        dead(url, label, d.dead);
        return label;
      })
      .replace(HTML_LINK, (whole, before: string, q: string, url: string, after: string, label: string) => {
        const d = decide(url);
        if (!d) return whole;
        if ('url' in d) return `<a${before} href=${q}${d.url}${q}${after}>${label}</a>`;
        dead(url, label, d.dead);
        return label;
      }),
  );
}

/** One line's images, then its links. */
export function lineRewriter(images: ImageContext, links: LinkContext): (text: string, line: number) => string {
  const rewriteImages = bodyImageRewriter(images);
  // What the shortcode conversion wrote (between KEEP_START and KEEP_END, possibly over several lines) is left alone.
  let kept = false;
  return (text, line) => {
    let out = '';
    for (const segment of text.split(/([\u0001\u0002])/)) {
      if (segment === KEEP_START) kept = true;
      else if (segment === KEEP_END) kept = false;
      out += kept || segment === KEEP_START || segment === KEEP_END ? segment : rewriteLinks(rewriteImages(segment, line), line, links);
    }
    return out;
  };
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/** What the link index needs of a post's (normalised) front matter. */
export function indexedPost(data: Record<string, unknown>, newUrl: string, oldUrls: Iterable<string>, now = new Date()): IndexedPost {
  const date = parseFrontMatterDate(data.date);
  const publish = parseFrontMatterDate(data.publishDate);
  const unpublished =
    data.draft === true
      ? 'a draft'
      : (date && date > now) || (publish && publish > now)
        ? `a post scheduled for ${String(publish && publish > now ? data.publishDate : data.date)}`
        : undefined;
  const slugs = (...fields: unknown[]) => fields.flatMap(strings).map((v) => urlize(v).replace(/[^a-z0-9-]/g, '')).filter(Boolean);
  return {
    newUrl,
    oldUrls,
    unpublished,
    tags: strings(data.tags),
    categories: strings(data.categories),
    companies: slugs(data.related_companies, data.companies),
    people: slugs(data.related_people, data.people),
    sourceName: typeof data.source_name === 'string' ? data.source_name : undefined,
  };
}
