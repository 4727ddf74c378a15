import { parse, type HTMLElement } from 'node-html-parser';
import { escapeHtml } from './embeds';

/**
 * Pure helpers that turn rendered article HTML into what a feed reader gets: self-contained HTML with
 * absolute URLs, no scripts or frames, embeds as plain links, and only characters XML 1.0 allows.
 * `@astrojs/rss` escapes the result as element text, so `]]>`, `&` and `<` need no special handling here.
 */

// C0 controls except tab, LF and CR; the two non-characters XML forbids; lone surrogates.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters that make an XML 1.0 document ill-formed; everything else (emoji included) is kept. */
export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/** Elements never sent to feed readers: they run code, load third parties, or style the page. */
const REMOVED_ELEMENTS = 'script, noscript, iframe, object, embed, style, link, template, form, button, input';
/** Attributes that hold URLs and are made absolute. */
const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite'];

/** Resolves `url` against the article; keeps absolute and `mailto:` URLs; drops `javascript:`. */
export function absolutize(url: string, base: string): string | undefined {
  const trimmed = url.trim();
  if (/^javascript:/i.test(trimmed)) return undefined;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return undefined;
  }
}

function absolutizeSrcset(srcset: string, base: string): string {
  return srcset
    .split(',')
    .map((candidate) => {
      const [url, ...descriptor] = candidate.trim().split(/\s+/);
      const abs = url ? absolutize(url, base) : undefined;
      return abs ? [abs, ...descriptor].join(' ') : '';
    })
    .filter(Boolean)
    .join(', ');
}

/**
 * An embed facade (`figure.embed`) or link card (`figure.embed-card`) becomes a paragraph holding one link
 * to the video, episode, post or gist, labelled with its title or the facade's text.
 */
function embedToLink(figure: HTMLElement): void {
  const link = figure.querySelector('a[href]');
  if (!link) {
    figure.remove();
    return;
  }
  const label = (figure.querySelector('.embed__label, .embed-card__label')?.textContent ?? link.textContent).trim();
  const href = link.getAttribute('href') ?? '';
  figure.replaceWith(`<p><a href="${escapeHtml(href)}">${escapeHtml(label || href)}</a></p>`);
}

/**
 * Feed-ready HTML from a rendered article body. `articleUrl` is the absolute URL of the article; relative
 * links (`/posts/x/`, `#heading`, `/_astro/img.webp`) resolve against it. Footnote back links are removed.
 */
export function feedHtml(html: string, articleUrl: string): string {
  const root = parse(xmlSafe(html), { comment: false, blockTextElements: { script: true, style: true } });
  for (const figure of root.querySelectorAll('figure.embed, figure.embed-card')) embedToLink(figure);
  for (const el of root.querySelectorAll(REMOVED_ELEMENTS)) el.remove();
  // A footnote's way back to where it was cited (↩) would leave the reader for the web page; the
  // reference itself stays a link to the note on the page, and the note's heading shows (no CSS hides it).
  for (const el of root.querySelectorAll('a[data-footnote-backref]')) el.remove();
  for (const el of root.querySelectorAll('*')) {
    for (const name of Object.keys(el.attributes)) {
      const lower = name.toLowerCase();
      if (lower.startsWith('data-') || lower.startsWith('on') || lower === 'style' || lower === 'class' || lower === 'tabindex') {
        el.removeAttribute(name);
      }
    }
    for (const name of URL_ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value === undefined) continue;
      const abs = absolutize(value, articleUrl);
      if (abs) el.setAttribute(name, abs);
      else el.removeAttribute(name);
    }
    const srcset = el.getAttribute('srcset');
    if (srcset !== undefined) el.setAttribute('srcset', absolutizeSrcset(srcset, articleUrl));
  }
  return root.toString().trim();
}

export interface FeedHeroImage {
  /** Absolute URL of an optimized JPEG, or of a remote hero as it is. */
  url: string;
  /** Type and size are known for the site's own JPEG only. */
  type?: string;
  width?: number;
  height?: number;
  alt: string;
}

/** The hero as the first thing in the item's content. */
export function heroHtml(hero: FeedHeroImage): string {
  const size = hero.width && hero.height ? ` width="${hero.width}" height="${hero.height}"` : '';
  return `<p><img src="${escapeHtml(hero.url)}"${size} alt="${escapeHtml(hero.alt)}" /></p>`;
}

/** `<media:content>` for an item (Media RSS), so readers show the hero as the item's picture. */
export function mediaContentXml(hero: FeedHeroImage): string {
  const attr = (v: string | number) => escapeHtml(xmlSafe(String(v)));
  const type = hero.type ? ` type="${attr(hero.type)}"` : '';
  const size = hero.width && hero.height ? ` width="${attr(hero.width)}" height="${attr(hero.height)}"` : '';
  return `<media:content url="${attr(hero.url)}" medium="image"${type}${size} />`;
}

export const MEDIA_RSS_NAMESPACE = 'http://search.yahoo.com/mrss/';

/** The newest `size` posts; `posts` must already be newest first. */
export function newest<T>(posts: readonly T[], size: number): T[] {
  return posts.slice(0, size);
}
