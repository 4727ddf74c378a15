import { site } from '../site.config';

/** Emoji variation selectors and the keycap: marks that only decorate a (dropped) emoji. */
const EMOJI_MARKS = /[\uFE00-\uFE0F\u20E3\u{E0100}-\u{E01EF}]/u;

/**
 * Hugo's `urlize` for taxonomy terms: lower case, runs of spaces and hyphens become one `-`, letters
 * of any script, digits and `_ . + ~ @` are kept, everything else (punctuation, symbols, emoji) is dropped.
 * Returns '' when nothing is left; callers must treat that as an error.
 */
export function urlize(term: string): string {
  let out = '';
  let pendingHyphen = false;
  for (const ch of term.normalize('NFC').trim()) {
    // Emoji variation selectors and the keycap mark are marks (\p{M}) but belong to a dropped emoji.
    if (EMOJI_MARKS.test(ch)) continue;
    if (/[\p{L}\p{N}\p{M}_.+~@]/u.test(ch)) {
      if (pendingHyphen && out) out += '-';
      pendingHyphen = false;
      out += ch;
    } else if (/[\s\-]/u.test(ch)) {
      pendingHyphen = true;
    }
  }
  return out.toLowerCase();
}

/** The entry id of a post file: Hugo's `slug`, else its path without extension (a bundle's folder). */
export function postIdFromEntry(entry: string, slug?: unknown): string {
  if (typeof slug === 'string' && slug.trim()) return slug.trim().toLowerCase();
  return entry
    .replace(/\\/g, '/')
    .replace(/\.(md|mdx)$/i, '')
    .replace(/\/index$/i, '')
    .toLowerCase();
}

/** Encodes each path segment, so CJK terms become valid hrefs that hosts decode to the built folder. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(decodeURIComponentSafe(segment)))
    .join('/');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const homeUrl = () => '/';
/** URL of a standalone page (about, privacy): its front-matter `url` (a normalised path), else `/<id>/`. */
export const standalonePageUrl = (id: string, url?: string) => encodePath(url ?? `/${id}/`);
export const postUrl = (id: string) => encodePath(`/posts/${id}/`);
export const pageUrl = (base: string, page: number) => (page <= 1 ? base : `${base}page/${page}/`);
export const listingUrl = (page: number) => pageUrl('/', page);
export const archiveUrl = () => '/archive/';

export type TaxonomyKey = 'tags' | 'categories' | 'companies' | 'people' | 'sources';
/** URL of a taxonomy term page; `term` is the urlized term or the entry slug. */
export const termUrl = (taxonomy: TaxonomyKey, term: string) => encodePath(`/${taxonomy}/${term}/`);
export const taxonomyUrl = (taxonomy: TaxonomyKey) => `/${taxonomy}/`;

/** The site-wide RSS feed, at Hugo's address so existing subscribers keep receiving posts. */
export const siteFeedUrl = () => '/index.xml';
/** RSS feed of one taxonomy term, beside its page as Hugo puts it. */
export const termFeedUrl = (taxonomy: TaxonomyKey, term: string) => `${termUrl(taxonomy, term)}index.xml`;
export const searchUrl = () => '/search/';
/** The page listing every feed with a copy button, linked from every page's footer. */
export const subscribeUrl = () => '/subscribe/';
/** Every feed as one OPML file, for readers that import a whole list at once. */
export const feedsOpmlUrl = () => '/feeds.opml';
/** The XSL stylesheet every feed names, so a feed opened in a browser reads as a page. */
export const feedStylesheetUrl = () => '/feed.xsl';
/** The CSS of that page: the XSL output may not carry inline styles under the feeds' CSP. */
export const feedStylesheetCssUrl = () => '/feed.css';

/** Absolute URL on the production site. */
export const absoluteUrl = (path: string) => new URL(path, site.url).href;
