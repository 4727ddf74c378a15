/**
 * Responsive image settings shared by the hero, figures and cards: one place to tune build cost vs. bytes.
 * Widths above an image's own width are capped by Astro (sharp never upscales). Never read properties of
 * an imported image here: reading them marks the original as referenced and Astro then ships its bytes.
 */
export const IMAGE_FORMAT = 'webp' as const;
export const IMAGE_QUALITY = 72;

export const HERO_WIDTHS = [480, 800, 1200];
/** The hero spans the text column (42rem) once the viewport is wider than that. */
export const HERO_SIZES = '(min-width: 44rem) 42rem, 100vw';

export const FIGURE_WIDTHS = [480, 800, 1200];
export const FIGURE_SIZES = '(min-width: 44rem) 42rem, 100vw';

export const CARD_WIDTHS = [480];
export const CARD_SIZES = '(min-width: 48rem) 12rem, 100vw';
