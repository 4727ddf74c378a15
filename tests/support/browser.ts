import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { serveStatic, type StaticServer } from './server';
import { SITE_DIST } from './fixture';

/** Extra response headers for a request path, e.g. from the site's `_headers` rules. */
export type HeaderRule = (pathname: string) => Record<string, string>;

/** Debian's Chromium; override with CHROMIUM_PATH. Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface BuiltSite {
  /** Origin of the local static server, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  readonly browser: Browser;
}

/**
 * Serves the built fixture site and launches Chromium for the tests of one file: started before the
 * first test, closed after the last. Read `url` and `browser` inside tests, not at import time.
 */
export function useBuiltSite(headers?: HeaderRule): BuiltSite {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serveStatic(SITE_DIST, headers);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('useBuiltSite: the server starts in beforeAll');
      return server.url;
    },
    get browser() {
      if (!browser) throw new Error('useBuiltSite: the browser starts in beforeAll');
      return browser;
    },
  };
}
