import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { parse } from 'node-html-parser';

/** The built file a site path is served from, or undefined when nothing was built there. */
function builtFile(dist: string, href: string): string | undefined {
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(href.split(/[?#]/)[0]);
  } catch {
    return undefined;
  }
  const file = path.join(dist, urlPath);
  if (!file.startsWith(dist)) return undefined;
  for (const candidate of [file, path.join(file, 'index.html')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function articlePages(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('index.html'))
    .map((f) => path.join(dir, f));
}

/**
 * Fails the build when an article body links to a site path that was not built: a typo, a deleted post,
 * or a draft or scheduled post. `npm run check:content` reports the same with the source line.
 */
export function bodyLinks(): AstroIntegration {
  return {
    name: 'body-links',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        const broken: string[] = [];
        let checked = 0;
        for (const file of articlePages(path.join(dist, 'posts'))) {
          const html = readFileSync(file, 'utf8');
          if (!html.includes('class="prose"')) continue;
          const page = `/${path.relative(dist, path.dirname(file)).split(path.sep).join('/')}/`;
          for (const a of parse(html).querySelectorAll('.prose a[href^="/"], .prose img[src^="/"]')) {
            const href = a.getAttribute('href') ?? a.getAttribute('src')!;
            if (href.startsWith('//')) continue;
            checked++;
            if (!builtFile(dist, href)) broken.push(`  ${page}: "${href}" points nowhere (no page or file was built there; a draft or scheduled post is not built)`);
          }
        }
        if (broken.length) {
          throw new Error(`internal links in article bodies point nowhere; run npm run check:content for the source files and lines:\n${broken.join('\n')}`);
        }
        logger.info(`checked ${checked} internal links in article bodies`);
      },
    },
  };
}
