import type { AstroIntegration } from 'astro';
import { DECODE_STATS, type DecodeStats } from '../lib/images';

/**
 * After Astro's image step, logs how many image variants the image service encoded, how many source
 * images it decoded for them and how many of those it decoded ahead of Astro's requests
 * (src/lib/image-service.ts). "encoded 0" means every variant came from Astro's image cache.
 */
export function imageStats(): AstroIntegration {
  return {
    name: 'image-stats',
    hooks: {
      'astro:build:generated': ({ logger }) => {
        const stats = (globalThis as { [DECODE_STATS]?: DecodeStats })[DECODE_STATS];
        if (!stats?.encoded) {
          logger.info('encoded 0 image variant(s): every one came from the image cache');
          return;
        }
        logger.info(`encoded ${stats.encoded} image variant(s); decoded ${stats.decoded} source image(s), ${stats.ahead} of them ahead of Astro's image step`);
      },
    },
  };
}
