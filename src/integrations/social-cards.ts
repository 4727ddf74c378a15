import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { CARD_STATS, type CardStats } from '../build/card-cache';

const MODULE = 'virtual:build-paths';
const RESOLVED = `\0${MODULE}`;

/**
 * Gives the card route (src/pages/og/[card].png.ts) the project root and the build cache dir as Astro
 * resolved them, through the module `virtual:build-paths`; after the build, logs how many social cards were
 * drawn and how many came from the card cache (src/build/card-cache.ts). Nothing when the route did not run:
 * every card came from Astro's page cache.
 */
export function socialCards(): AstroIntegration {
  return {
    name: 'social-cards',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const paths = { root: fileURLToPath(config.root), cacheDir: fileURLToPath(config.cacheDir) };
        const source = Object.entries(paths)
          .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
          .join('\n');
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'build-paths',
                resolveId: (id: string) => (id === MODULE ? RESOLVED : undefined),
                load: (id: string) => (id === RESOLVED ? source : undefined),
              },
            ],
          },
        });
      },
      'astro:build:generated': ({ logger }) => {
        const stats = (globalThis as { [CARD_STATS]?: CardStats })[CARD_STATS];
        if (!stats) return;
        const each = stats.drawn ? `, ${Math.round(stats.drawMs / stats.drawn)} ms each, fonts included` : '';
        logger.info(`drew ${stats.drawn} social card(s)${each}; ${stats.reused} from the card cache`);
      },
    },
  };
}
