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
 * Site paths an article body links to or embeds, as written in its built page. Only the part from the
 * body's element to the end of the article is parsed (about half the time of the whole page).
 */
function bodyTargets(html: string): string[] {
  const at = html.indexOf('class="prose"');
  if (at < 0) return [];
  const end = html.indexOf('</article>', at);
  return parse(html.slice(html.lastIndexOf('<', at), end < 0 ? undefined : end))
    .querySelectorAll('.prose a[href^="/"], .prose img[src^="/"]')
    .map((el) => el.getAttribute('href') ?? el.getAttribute('src')!)
    .filter((href) => !href.startsWith('//'));
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
          const page = `/${path.relative(dist, path.dirname(file)).split(path.sep).join('/')}/`;
          for (const href of bodyTargets(readFileSync(file, 'utf8'))) {
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
