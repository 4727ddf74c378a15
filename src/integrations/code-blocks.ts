import type { AstroIntegration } from 'astro';
import { reportCodeBlockWarningsTo } from '../lib/code-blocks';

/**
 * Sends the code-block plugin's warnings (a fence language the highlighter lacks) to Astro's logger, so
 * they appear in the build log as `[WARN] [code-blocks] file:line: …` and the build goes on.
 */
export function codeBlockWarnings(): AstroIntegration {
  return {
    name: 'code-blocks',
    hooks: {
      'astro:config:setup': ({ logger }) => reportCodeBlockWarningsTo((message) => logger.warn(message)),
    },
  };
}
