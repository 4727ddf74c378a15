
/**
 * Images served by other sites: in article bodies (`![](https://…)`, `<img src="https://…">`) and as
 * heroes (`image: https://…`). They are shown as they are, never optimised, and a page lists their
 * origins in its own CSP `img-src`, so only the pages that show a remote image may load one.
 *
 * `http://` images are upgraded to `https://` in the markup: the site is served over https, where
 * browsers upgrade or block mixed-content images anyway, so the page states what the browser will
 * fetch and the CSP lists https origins only.
 */

/** Host names as the URL parser leaves them (lower case, IDN in punycode); anything else is refused. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** The https URL to load for a remote image, or undefined when `src` is not a plain http(s) URL. */
export function remoteImageUrl(src: string): string | undefined {
  const raw = src.trim();
  if (!/^https?:\/\//i.test(raw) || !URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  if (url.username || url.password || !HOST.test(url.hostname)) return undefined;
  url.protocol = 'https:';
  return url.href;
}

/** Whether `src` is meant as a remote image (an http(s) URL), valid or not. */
export const isRemoteImage = (src: unknown): src is string => typeof src === 'string' && /^https?:\/\//i.test(src.trim());

/** The CSP source that allows one remote image: its https origin (`https://host[:port]`). */
export function imageOrigin(src: string): string | undefined {
  const url = remoteImageUrl(src);
  return url && new URL(url).origin;
}

/** The valid https origins among `origins`, once each, sorted. */
function validOrigins(origins: Iterable<string | undefined>): string[] {
  return [...new Set(origins)].filter((o): o is string => o !== undefined && imageOrigin(o) === o).sort();
}

/** `img-src` for the given origins, added to the site-wide one by `Astro.csp.insertDirective`; undefined for none. */
export function imgSrcDirective(origins: Iterable<string | undefined>): `img-src ${string}` | undefined {
  const valid = validOrigins(origins);
  return valid.length ? `img-src ${valid.join(' ')}` : undefined;
}

/** The origin of a remote hero (a post's `image` that is a URL); undefined for a local image. */
export const heroImageOrigin = (image: unknown) => (typeof image === 'string' ? imageOrigin(image) : undefined);

/** Key under which the body's remote image origins reach the page, as `remarkPluginFrontmatter` of `render()`. */
export const REMOTE_IMAGE_ORIGINS = 'remoteImageOrigins';

/** Origins recorded by the `remoteImages` plugin in a rendered post's `remarkPluginFrontmatter`. */
export function bodyImageOrigins(remarkPluginFrontmatter: Record<string, unknown> | undefined): string[] {
  const value = remarkPluginFrontmatter?.[REMOTE_IMAGE_ORIGINS];
  return Array.isArray(value) ? value.filter((o): o is string => typeof o === 'string') : [];
}

/** Attributes every remote body image gets: loaded when near the viewport, decoded off the main thread, no referrer leaked. */
export const REMOTE_IMAGE_ATTRIBUTES = { loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' } as const;

const IMG_TAG = /<img\b[^>]*>/gi;
const SRC_ATTRIBUTE = /(\ssrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;

/**
 * The same for `<img>` tags written as raw HTML in Markdown: the src upgraded to https and the missing
 * attributes added. Returns the new HTML and the origins of the remote images in it.
 */
export function rewriteRawImages(html: string): { html: string; origins: string[] } {
  const origins: string[] = [];
  const out = html.replace(IMG_TAG, (tag) => {
    const m = SRC_ATTRIBUTE.exec(tag);
    const src = m && (m[2] ?? m[3] ?? m[4]);
    const url = src ? remoteImageUrl(src) : undefined;
    if (!m || !url) return tag;
    origins.push(new URL(url).origin);
    let rewritten = tag.replace(SRC_ATTRIBUTE, `${m[1]}"${url.replaceAll('"', '&quot;')}"`);
    for (const [name, value] of Object.entries(REMOTE_IMAGE_ATTRIBUTES)) {
      if (!new RegExp(`\\s${name}\\s*=`, 'i').test(rewritten)) rewritten = rewritten.replace(/^<img\b/i, `<img ${name}="${value}"`);
    }
    return rewritten;
  });
  return { html: out, origins };
}

/** Key of the origins of remote audio and video (the audio/video shortcodes), for the page's `media-src`. */
export const REMOTE_MEDIA_ORIGINS = 'remoteMediaOrigins';

/** `media-src` for the given origins (and the site's own files, which default-src allowed); undefined for none. */
export function mediaSrcDirective(origins: Iterable<string | undefined>): `media-src ${string}` | undefined {
  const valid = validOrigins(origins);
  return valid.length ? `media-src 'self' ${valid.join(' ')}` : undefined;
}

/** Origins recorded for remote audio and video in a rendered post's `remarkPluginFrontmatter`. */
export function bodyMediaOrigins(remarkPluginFrontmatter: Record<string, unknown> | undefined): string[] {
  const value = remarkPluginFrontmatter?.[REMOTE_MEDIA_ORIGINS];
  return Array.isArray(value) ? value.filter((o): o is string => typeof o === 'string') : [];
}

