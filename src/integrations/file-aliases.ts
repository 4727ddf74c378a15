import { readdirSync, renameSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Folders such as `old/page.html/` that hold nothing but an index.html. */
function htmlNamedFolders(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (!statSync(full).isDirectory()) continue;
    const children = readdirSync(full);
    if (name.endsWith('.html') && children.length === 1 && children[0] === 'index.html') found.push(full);
    else found.push(...htmlNamedFolders(full));
  }
  return found;
}

/**
 * An old URL that names a file (a Hugo alias such as `/old/page.html`) is built by the directory-format
 * redirect route as `old/page.html/index.html`, which a static host only finds after a slash redirect.
 * After the build (and after the sitemap has read the pages), each such folder becomes the file itself.
 */
export function fileAliases(): AstroIntegration {
  return {
    name: 'file-aliases',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const folders = htmlNamedFolders(fileURLToPath(dir));
        for (const folder of folders) {
          const temporary = `${folder}.tmp-${process.pid}`;
          renameSync(path.join(folder, 'index.html'), temporary);
          rmdirSync(folder);
          renameSync(temporary, folder);
        }
        if (folders.length) logger.info(`wrote ${folders.length} old .html URL(s) as files`);
      },
    },
  };
}
