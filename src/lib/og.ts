import { getImage } from 'astro:assets';
import type { ImageMetadata } from 'astro';
import { absoluteUrl } from './urls';

/** Social cards: the size Facebook, LinkedIn and X recommend for a large preview. */
export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

export interface OgImage {
  /** Absolute URL: the site's JPEG of a hero, a drawn card (src/lib/social-card.ts), or a remote hero as it is (feeds only). */
  url: string;
  /** Known for the site's own files only; a remote hero's type and size are not. */
  type?: 'image/jpeg' | 'image/png';
  width?: number;
  height?: number;
  alt: string;
}

/**
 * The 1200×630 JPEG made from a hero by sharp (Astro's image service), cropped to cover. JPEG because every
 * social network and feed reader shows it. Astro never upscales, so a smaller hero yields its own size;
 * the returned dimensions are those of the file.
 */
export async function ogImage(hero: ImageMetadata | string, alt: string): Promise<OgImage> {
  // A remote hero cannot be fetched and cropped at build time (it may not even be reachable): its URL is used.
  if (typeof hero === 'string') return { url: hero, alt };
  const result = await getImage({ src: hero, width: OG_WIDTH, height: OG_HEIGHT, fit: 'cover', format: 'jpeg', quality: 80 });
  return {
    url: absoluteUrl(result.src),
    type: 'image/jpeg',
    width: Number(result.attributes.width ?? OG_WIDTH),
    height: Number(result.attributes.height ?? OG_HEIGHT),
    alt,
  };
}
