import type { AstroIntegration } from 'astro';
import { DECODE_STATS, type DecodeStats } from '../lib/images';

/**
 * After Astro's image step, logs how many source images the image service decoded and how many of those
 * it decoded ahead of Astro's requests (src/lib/image-service.ts). Nothing when it decoded none: every
 * output came from Astro's cache.
 */
export function imageStats(): AstroIntegration {
  return {
    name: 'image-stats',
    hooks: {
      'astro:build:generated': ({ logger }) => {
        const stats = (globalThis as { [DECODE_STATS]?: DecodeStats })[DECODE_STATS];
        if (!stats?.decoded) return;
        logger.info(`decoded ${stats.decoded} source image(s), ${stats.ahead} of them ahead of Astro's image step`);
      },
    },
  };
}
