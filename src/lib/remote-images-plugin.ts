import { defineHastPlugin } from 'satteri';
import { REMOTE_IMAGE_ATTRIBUTES, REMOTE_IMAGE_ORIGINS, REMOTE_MEDIA_ORIGINS, imageOrigin, remoteImageUrl, rewriteRawImages } from './remote-images';

/* The Sätteri plugin of src/lib/remote-images.ts, apart so pages that only build CSP directives never load Sätteri. */

const MEDIA_SRC = /<(?:audio|video|source)\b[^>]*?\ssrc="(https:\/\/[^"]+)"/gi;
const POSTER = /<video\b[^>]*?\sposter="(https:\/\/[^"]+)"/gi;

interface AstroData {
  astro?: { frontmatter?: Record<string, unknown> };
  [REMOTE_IMAGE_ORIGINS]?: Set<string>;
  [REMOTE_MEDIA_ORIGINS]?: Set<string>;
}

function record(data: AstroData, origins: Iterable<string>) {
  const set = (data[REMOTE_IMAGE_ORIGINS] ??= new Set());
  for (const origin of origins) set.add(origin);
}

/**
 * Sätteri hast plugin, for `.md` and `.mdx`: remote `<img>` in an article body are upgraded to https and
 * get `loading="lazy" decoding="async" referrerpolicy="no-referrer"`; their origins are handed to the
 * article page (see `bodyImageOrigins`) for its CSP. In MDX, a JSX `<img>` with a literal src only has
 * its origin recorded.
 */
export const remoteImages = defineHastPlugin({
  name: 'remote-images',
  element: {
    filter: ['img'],
    visit(node, ctx) {
      const src = node.properties?.src;
      const url = typeof src === 'string' ? remoteImageUrl(src) : undefined;
      if (!url) return;
      ctx.setProperty(node, 'src', url);
      for (const [name, value] of Object.entries(REMOTE_IMAGE_ATTRIBUTES)) {
        const key = name === 'referrerpolicy' ? 'referrerPolicy' : name;
        if (node.properties?.[key] === undefined) ctx.setProperty(node, key, value);
      }
      record(ctx.data as AstroData, [new URL(url).origin]);
    },
  },
  mdxJsxFlowElement: { filter: ['img'], visit: (node, ctx) => recordJsx(node, ctx.data as AstroData) },
  mdxJsxTextElement: { filter: ['img'], visit: (node, ctx) => recordJsx(node, ctx.data as AstroData) },
  raw(node, ctx) {
    const data = ctx.data as AstroData;
    if (/<(?:audio|video|source)\b/i.test(node.value)) {
      const media = (data[REMOTE_MEDIA_ORIGINS] ??= new Set());
      for (const m of node.value.matchAll(MEDIA_SRC)) {
        const origin = imageOrigin(m[1].replaceAll('&amp;', '&'));
        if (origin) media.add(origin);
      }
      for (const m of node.value.matchAll(POSTER)) {
        const origin = imageOrigin(m[1].replaceAll('&amp;', '&'));
        if (origin) record(data, [origin]);
      }
    }
    if (!/<img\b/i.test(node.value)) return;
    const { html, origins } = rewriteRawImages(node.value);
    if (!origins.length) return;
    ctx.setProperty(node, 'value', html);
    record(ctx.data as AstroData, origins);
  },
  after(_root, ctx) {
    const data = ctx.data as AstroData;
    const origins = data[REMOTE_IMAGE_ORIGINS];
    const media = data[REMOTE_MEDIA_ORIGINS];
    if ((!origins?.size && !media?.size) || !data.astro) return;
    // A new object: the one Astro passed in is the entry's own data.
    data.astro.frontmatter = {
      ...data.astro.frontmatter,
      ...(origins?.size ? { [REMOTE_IMAGE_ORIGINS]: [...origins].sort() } : {}),
      ...(media?.size ? { [REMOTE_MEDIA_ORIGINS]: [...media].sort() } : {}),
    };
  },
});

function recordJsx(node: { attributes: Array<{ type: string; name?: string; value?: unknown }> }, data: AstroData) {
  const src = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'src')?.value;
  const origin = typeof src === 'string' ? imageOrigin(src) : undefined;
  if (origin) record(data, [origin]);
}
