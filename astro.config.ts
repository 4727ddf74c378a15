import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { satteri } from '@astrojs/markdown-satteri';
import { hugoShortcodes } from './src/lib/shortcodes';
import { cjkLineBreaks } from './src/lib/cjk';
import { site } from './src/site.config';
import { bodyLinks } from './src/integrations/body-links';

export default defineConfig({
  site: site.url,
  trailingSlash: 'always',
  // Tests and the benchmark build other content into their own folders; the site uses the defaults.
  outDir: process.env.ASTRO_OUT_DIR ?? './dist',
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  build: { format: 'directory' },
  integrations: [mdx(), sitemap(), bodyLinks()],
  markdown: {
    processor: satteri({ mdastPlugins: [hugoShortcodes, cjkLineBreaks] }),
  },
  image: {
    responsiveStyles: false,
  },
  // Writes .astro/collections/*.schema.json and the file manifest the Astro VS Code extension reads for
  // front-matter completion and validation (see the README's editor section).
  experimental: { contentIntellisense: true },
});
