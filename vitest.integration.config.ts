import { defineConfig } from 'vitest/config';

/**
 * Build and browser tests: the global setup builds the fixture site once; tests read its `dist/`
 * or drive Debian's Chromium against it. Files run one at a time: builds and browsers share 2 cores.
 */
export default defineConfig({
  test: {
    include: ['tests/build/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/tools/**/*.test.ts', 'tests/rebuilds/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
