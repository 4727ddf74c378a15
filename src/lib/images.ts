/**
 * Responsive image settings shared by the hero, figures and cards: one place to tune build cost vs. bytes.
 * Widths above an image's own width are capped by Astro (sharp never upscales). Never read properties of
 * an imported image here: reading them marks the original as referenced and Astro then ships its bytes.
 */
export const IMAGE_FORMAT = 'webp' as const;
export const IMAGE_QUALITY = 72;
/**
 * libwebp effort, 0–6 (sharp's default is 4). Measured per variant on the bench heroes and the sample
 * images (sharp, one thread): effort 1 made the same bytes as effort 2 (±1 %) in 10–18 % less CPU, and
 * effort 2 about 35 % less CPU than 4 for about 1 % more bytes; effort 0 saved another 10 % of CPU for
 * 10–25 % more bytes. Astro's image cache key ignores encoder options: clear the cache (ASTRO_CACHE_DIR,
 * default .build-cache/) after changing this.
 */
export const WEBP_EFFORT = 1;
/**
 * Resampling kernel. src/lib/image-service.ts resizes from fully decoded pixels, which with sharp's
 * default (lanczos3) came out sharper and about 15 % larger than the stock service's shrink-on-load;
 * mitchell gave the stock service's byte sizes (±5 %) with less ringing.
 */
export const IMAGE_KERNEL = 'mitchell' as const;

export const HERO_WIDTHS = [480, 800, 1200];
/** The hero spans the text column (42rem) once the viewport is wider than that. */
export const HERO_SIZES = '(min-width: 44rem) 42rem, 100vw';

export const FIGURE_WIDTHS = [480, 800, 1200];
export const FIGURE_SIZES = '(min-width: 44rem) 42rem, 100vw';

export const CARD_WIDTHS = [480];
export const CARD_SIZES = '(min-width: 48rem) 12rem, 100vw';

/**
 * Image variants the image service (src/lib/image-service.ts) encoded in this process (Astro asks it only
 * for variants its cache lacks), the sources it decoded for them, and how many of those it decoded ahead
 * of Astro's image step and then used. Kept on globalThis: Astro loads the service in its build
 * environment, apart from the integrations; src/integrations/image-stats.ts reports them.
 */
export interface DecodeStats {
  encoded: number;
  decoded: number;
  ahead: number;
}
export const DECODE_STATS = Symbol.for('ai-industry-notes.image-decodes');
