import type { AstroUserConfig } from 'astro';

/**
 * The Content-Security-Policy. Astro writes it into every page as a `<meta http-equiv>` with sha256
 * hashes of the scripts and styles it emits, so nothing inline runs unless Astro hashed it: no
 * `unsafe-inline`, no `unsafe-eval`. `public/_headers` adds what a meta policy cannot express
 * (frame-ancestors) and the policy of Pagefind's worker.
 */
type CspConfig = Exclude<NonNullable<NonNullable<AstroUserConfig['security']>['csp']>, boolean>;

/** Players the embed facades load after a click. */
export const EMBED_FRAME_ORIGINS = ['https://www.youtube-nocookie.com', 'https://open.spotify.com', 'https://player.vimeo.com', 'https://player.bilibili.com'];

export const contentSecurityPolicy = {
  algorithm: 'SHA-256',
  directives: [
    "default-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    `frame-src ${EMBED_FRAME_ORIGINS.join(' ')}` as const,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ],
  // 'self': bundled scripts served from /_astro/ and Pagefind's /pagefind/*.js on the search page.
  // 'wasm-unsafe-eval': Pagefind compiles its WebAssembly search engine.
  scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
  styleDirective: { resources: ["'self'"] },
} satisfies CspConfig;
