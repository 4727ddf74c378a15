import type { AstroIntegration } from 'astro';
import { themeHeadScript } from '../lib/theme';

/**
 * Puts the theme script (src/lib/theme.ts) inline in every page's `<head>`. Scripts injected at the
 * `head-inline` stage are hashed into the CSP by Astro itself, so the strict policy lets it run; a
 * bundled module would run only after the first paint and flash the system theme.
 */
export function themeScript(): AstroIntegration {
  return {
    name: 'theme-script',
    hooks: {
      'astro:config:setup': ({ injectScript }) => injectScript('head-inline', themeHeadScript()),
    },
  };
}
