/** Provided by the social-cards integration (src/integrations/social-cards.ts). */
declare module 'virtual:build-paths' {
  /** Absolute project root. */
  export const root: string;
  /** Absolute build cache dir (Astro's `cacheDir`). */
  export const cacheDir: string;
}
