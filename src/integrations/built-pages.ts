import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** File in the cache dir listing what the routes of the last `astro build` wrote or kept. */
export const BUILT_PAGES_FILE = 'built-pages.json';

/**
 * Writes the output file of every route (pages, feeds, redirects), those that Astro's incremental build
 * left in place included, relative to the out dir, for `npm run build` (scripts/build.ts): when it keeps
 * the out dir between builds, a file that this build did not write is either one of these or left over
 * from content since removed.
 */
export function builtPages(): AstroIntegration {
  let cacheDir: URL;
  return {
    name: 'built-pages',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
      },
      'astro:build:done': ({ assets, dir }) => {
        const outDir = fileURLToPath(dir);
        const files = [...assets.values()].flat().map((url) => path.relative(outDir, fileURLToPath(url)).split(path.sep).join('/'));
        mkdirSync(fileURLToPath(cacheDir), { recursive: true });
        writeFileSync(new URL(BUILT_PAGES_FILE, cacheDir), JSON.stringify(files.sort()));
      },
    },
  };
}
