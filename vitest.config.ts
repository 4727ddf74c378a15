import { getViteConfig } from 'astro/config';

/** Unit tests: pure logic and schemas, with Astro's Vite config so `astro:*` modules resolve. */
export default getViteConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Schemas resolve companies, people and images against the fixture site, not the live content.
    env: { CONTENT_ROOT: 'tests/fixtures/site' },
  },
});
