import { parse } from 'node-html-parser';

export interface FoundLink {
  /** File the link was found in, relative to dist. */
  source: string;
  url: string;
}

const URL_ATTRIBUTES = ['href', 'src', 'poster', 'data-embed-player'];

/** Splits a srcset into its URLs. */
export function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0])
    .filter(Boolean);
}

/** Every URL an HTML page references: href/src/srcset attributes and social-card meta. */
export function htmlLinks(html: string): string[] {
  const root = parse(html);
  const urls: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    for (const attr of URL_ATTRIBUTES) {
      const value = el.getAttribute(attr);
      if (value) urls.push(value);
    }
    const srcset = el.getAttribute('srcset');
    if (srcset) urls.push(...srcsetUrls(srcset));
    if (el.tagName === 'META' && /^(og:image|og:url|twitter:image)$/.test(el.getAttribute('property') ?? el.getAttribute('name') ?? '')) {
      urls.push(el.getAttribute('content') ?? '');
    }
  }
  return urls;
}

/** URLs inside an XML feed or sitemap: <link>, <loc>, <guid>, url="…" and href/src inside escaped HTML. */
export function xmlLinks(xml: string): string[] {
  const urls: string[] = [];
  for (const m of xml.matchAll(/<(?:link|loc|guid)(?:\s[^>]*)?>([^<]+)<\//g)) urls.push(m[1].trim());
  for (const m of xml.matchAll(/\s(?:url|href)="([^"]+)"/g)) urls.push(m[1]);
  const decoded = xml.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  for (const m of decoded.matchAll(/\s(?:href|src)="([^"]+)"/g)) urls.push(m[1]);
  for (const m of decoded.matchAll(/\ssrcset="([^"]+)"/g)) urls.push(...srcsetUrls(m[1]));
  return urls;
}

/**
 * The site path a URL points to, or undefined for external, fragment-only, mailto and data URLs.
 * Absolute URLs on the site's own origin count as internal.
 */
export function internalPath(url: string, siteOrigin: string, base = '/'): string | undefined {
  if (!url || url.startsWith('#') || /^(mailto|tel|data|javascript):/i.test(url)) return undefined;
  const resolved = new URL(url, new URL(base, siteOrigin));
  if (resolved.origin !== siteOrigin) return undefined;
  return resolved.pathname;
}
