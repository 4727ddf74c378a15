/**
 * Sätteri plugins for local images in article bodies, `.md` and `.mdx` alike, apart from
 * src/lib/body-images.ts so check:content resolves images without loading Sätteri.
 */
import { fileURLToPath } from 'node:url';
import { defineHastPlugin, defineMdastPlugin } from 'satteri';
import { missingImageMessage, resolveBodyImage } from './body-images';
import { FIGURE_SIZES, FIGURE_WIDTHS, IMAGE_FORMAT, IMAGE_QUALITY } from './images';
import { where } from './shortcodes-plugin';

/**
 * mdast: Hugo's `![…](/images/posts/x.webp)` becomes the path of the file under `assets/images/`,
 * relative to the post, which Astro's Markdown image step then optimises like any relative image. A
 * file only in `public/` keeps its path and is served as it is; one in neither place stops the build
 * with the file and line. Runs before Astro's own image collection (it comes after the site's plugins).
 */
export const localBodyImages = defineMdastPlugin({
  name: 'local-body-images',
  options: { position: true },
  image(node, ctx) {
    if (!ctx.fileURL || !node.url?.startsWith('/')) return;
    const image = resolveBodyImage(node.url, fileURLToPath(ctx.fileURL));
    if (image.kind === 'optimised') ctx.setProperty(node, 'url', image.src);
    else if (image.kind === 'missing') throw new Error(`${where(ctx, node.position?.start.line)}: ${missingImageMessage(node.url, image.expected)}`);
  },
});

interface AstroData {
  astro?: { localImagePaths?: Set<string> };
}

/**
 * hast: each image Astro will optimise gets the figure's widths, sizes, format and quality, so it is
 * served with a srcset like a hero or a `<Figure>` instead of as one file at its full size. Astro hands
 * an image's attributes to its image step, which reads these and drops them from the markup.
 */
export const responsiveBodyImages = defineHastPlugin({
  name: 'responsive-body-images',
  element: {
    filter: ['img'],
    visit(node, ctx) {
      const src = node.properties?.src;
      const local = (ctx.data as AstroData).astro?.localImagePaths;
      if (typeof src !== 'string' || !local?.has(safeDecodeURI(src))) return;
      // A space-separated string: how Astro's MDX step reads `widths` (the image service reads both forms).
      ctx.setProperty(node, 'widths', FIGURE_WIDTHS.join(' '));
      ctx.setProperty(node, 'sizes', FIGURE_SIZES);
      ctx.setProperty(node, 'format', IMAGE_FORMAT);
      ctx.setProperty(node, 'quality', IMAGE_QUALITY);
    },
  },
});

function safeDecodeURI(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}
