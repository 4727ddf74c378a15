import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { satteri } from '@astrojs/markdown-satteri';
import { hugoShortcodes } from './src/lib/shortcodes-plugin';
import { cjkLineBreaks } from './src/lib/cjk';
import { codeBlocks } from './src/lib/code-blocks';
import { remoteImages } from './src/lib/remote-images-plugin';
import { localBodyImages, responsiveBodyImages } from './src/lib/body-images-plugin';
import { FOOTNOTES } from './src/lib/footnotes';
import { site } from './src/site.config';
import { bodyLinks } from './src/integrations/body-links';
import { fileAliases } from './src/integrations/file-aliases';
import { imageStats } from './src/integrations/image-stats';
import { socialCards } from './src/integrations/social-cards';
import { codeBlockWarnings } from './src/integrations/code-blocks';
import { devWatch } from './src/integrations/dev-watch';
import { themeScript } from './src/integrations/theme-script';
import { sitemapSerializer } from './src/lib/sitemap';
import { contentSecurityPolicy } from './src/lib/csp';
import { IMAGE_KERNEL, WEBP_EFFORT } from './src/lib/images';
import { isInside, resolveCacheDir } from './scripts/lib/cache-dir';

const outDir = process.env.ASTRO_OUT_DIR ?? './dist';
/** Outside node_modules/, so `npm ci` keeps it (scripts/lib/cache-dir.ts). */
const cacheDir = resolveCacheDir(process.cwd());

export default defineConfig({
  site: site.url,
  trailingSlash: 'always',
  // Tests and the benchmark build other content into their own folders; the site uses the defaults.
  outDir,
  cacheDir,
  // Files served as they are; tests point PUBLIC_DIR at an imported site's own (src/lib/paths.ts).
  publicDir: process.env.PUBLIC_DIR ?? './public',
  // Four pages render at a time: one page at a time left the main thread idle about a third of the time,
  // waiting on files (measured at 200 articles: routes 6.7–7.0 s with 1, 5.0–5.1 s with 4, 5.3 s with 8).
  // Astro's log then shows a page's "(+ms)" after whichever page finished.
  build: { format: 'directory', concurrency: 4 },
  // The sitemap leaves out pages marked noindex and reads each article's lastmod from its own head.
  // fileAliases runs last: the sitemap and the body-link check read the pages where Astro wrote them.
  // devWatch keeps `astro dev` from watching anything but what the site is built from.
  integrations: [devWatch(), codeBlockWarnings(), themeScript(), mdx(), sitemap({ serialize: sitemapSerializer(outDir) }), bodyLinks(), fileAliases(), imageStats(), socialCards()],
  markdown: {
    // codeBlocks highlights fences with Prism, reading Hugo's hl_lines/linenos and language names; Prism
    // marks tokens with classes (themed in code.css), where Shiki's inline styles would break the CSP.
    // Astro's own highlighter is off: it drops the fence attributes. remoteImages gives remote body images
    // lazy loading and no referrer, and hands their origins to the article page's CSP. localBodyImages
    // points Hugo's /images/… paths at src/assets (src/lib/body-images.ts) and responsiveBodyImages gives
    // every optimised body image a srcset. Footnotes get zh-TW labels (src/lib/footnotes.ts).
    processor: satteri({
      mdastPlugins: [hugoShortcodes, cjkLineBreaks, localBodyImages],
      hastPlugins: [codeBlocks, remoteImages, responsiveBodyImages],
      features: { gfm: { footnotes: FOOTNOTES } },
    }),
    syntaxHighlight: false,
  },
  security: { csp: contentSecurityPolicy },
  vite: {
    // `astro dev` must not watch the cache folder: a build writing thousands of files into it would make
    // the dev server reload (Vite ignores node_modules/, where Astro's cache used to be, by default).
    server: { watch: { ignored: [(file: string) => isInside(cacheDir, file)] } },
    // The search page loads OpenCC's 1.0 MB Simplified → Traditional phrase list as a chunk of its own, and
    // only for a Simplified query that needs it (src/lib/zh-convert.ts); Vite would warn about its size.
    build: { chunkSizeWarningLimit: 1100 },
  },
  image: {
    responsiveStyles: false,
    // Sharp, decoding each source once for all its sizes, and ahead of Astro's image step; WebP effort 1.
    // Cuts image CPU by more than half (see src/lib/image-service.ts, src/lib/images.ts, `npm run bench`).
    service: { entrypoint: './src/lib/image-service.ts', config: { webp: { effort: WEBP_EFFORT }, kernel: IMAGE_KERNEL } },
  },
  experimental: {
    // Writes .astro/collections/*.schema.json and the file manifest the Astro VS Code extension reads for
    // front-matter completion and validation (see docs/authoring.md, "Editor setup").
    contentIntellisense: true,
    // Pages whose `cacheKey` (src/lib/cache-key.ts), template code and content are unchanged since the
    // last build are copied from the cache dir instead of rendered again.
    incrementalBuild: true,
  },
});
