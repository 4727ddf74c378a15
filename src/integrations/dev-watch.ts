import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { CONTENT_ROOT } from '../lib/paths';

const isDirectory = (file: string, stats?: Stats) => {
  if (stats) return stats.isDirectory();
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Vite's dev server watches the whole project root, less `.git` and `node_modules`. Here that takes in
 * the benchmark's `.bench/` (tens of thousands of files), test output, `dist/` and caches: after
 * `npm run bench` start-up took over 30 s, and the watcher ran out of inotify watches and then missed new
 * posts. `watchOnly` returns the `server.watch.ignored` test that keeps the files the site is built from:
 * the files directly in the root (astro.config.ts, tsconfig.json, package.json, .env), the `keep` folders
 * (src/, public/, the content root) with the folders on the way to them, and the files Astro writes
 * directly in `.astro/` and watches (its dev data store). Measured with a 1,000-article `.bench/` present
 * (`npm run bench:dev`): the fixture site's start-up went from 28,354 inotify watches, 13.2 s and 916 MB
 * to 237 watches, 8.6 s and 552 MB. Everything else under the root is ignored;
 * anything outside it is left to Vite. A folder the site starts to import from must be added to `keep`.
 * All paths are absolute, with forward slashes.
 */
export function watchOnly(root: string, keep: string[]): (file: string, stats?: Stats) => boolean {
  const base = root.replace(/\/+$/, '');
  const kept = keep.map((dir) => dir.replace(/\/+$/, ''));
  const dotAstro = `${base}/.astro`;
  return (file, stats) => {
    if (!file.startsWith(`${base}/`)) return false;
    if (kept.some((dir) => file === dir || file.startsWith(`${dir}/`) || dir.startsWith(`${file}/`))) return false;
    const rest = file.slice(base.length + 1);
    if (!rest.includes('/')) return isDirectory(file, stats) && file !== dotAstro;
    if (path.posix.dirname(file) === dotAstro) return isDirectory(file, stats);
    return true;
  };
}

/** In `astro dev`, watches only what the site is built from (see watchOnly). */
export function devWatch(): AstroIntegration {
  return {
    name: 'dev-watch',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'dev') return;
        const root = fileURLToPath(config.root).split(path.sep).join('/');
        const keep = [fileURLToPath(config.srcDir), fileURLToPath(config.publicDir), path.resolve(root, CONTENT_ROOT)].map((dir) => dir.split(path.sep).join('/'));
        updateConfig({ vite: { server: { watch: { ignored: [watchOnly(root, keep)] } } } });
      },
    },
  };
}
