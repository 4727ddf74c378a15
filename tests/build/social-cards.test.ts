import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SITE_DIST } from '../support/fixture';
import { listFiles } from '../support/dist';
import { page } from '../support/html';
import { fixtureDirs, runBuild } from '../support/build-fixture';

const SITE = 'https://ai-notes.example.tw';
const CARD_URL = new RegExp(`^${SITE}/og/[0-9a-f]{20}\\.png$`);
const htmlFiles = listFiles(SITE_DIST, ['.html']).filter((f) => !f.startsWith('pagefind/'));
const isRedirect = (file: string) => !!page(`/${file}`).querySelector('meta[http-equiv="refresh"]');
const pages = htmlFiles.filter((f) => !isRedirect(f));
const meta = (file: string, key: string) => page(`/${file}`).querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content');

describe('the social card of every page', () => {
  it('is an absolute og:image and twitter:image, with type, size and alt, whose file is a 1200×630 image in dist', async () => {
    expect(pages.length).toBeGreaterThan(30);
    const checked = new Map<string, string>();
    for (const file of pages) {
      const url = meta(file, 'og:image');
      expect(url, file).toMatch(new RegExp(`^${SITE}/`));
      expect(meta(file, 'twitter:image'), file).toBe(url);
      expect(meta(file, 'twitter:card'), file).toBe('summary_large_image');
      expect([meta(file, 'og:image:width'), meta(file, 'og:image:height')], file).toEqual(['1200', '630']);
      expect(meta(file, 'og:image:alt')?.length, file).toBeGreaterThan(1);
      const type = meta(file, 'og:image:type');
      expect(['image/png', 'image/jpeg'], file).toContain(type);
      if (!checked.has(url!)) {
        const onDisk = path.join(SITE_DIST, decodeURIComponent(new URL(url!).pathname));
        expect(existsSync(onDisk), `${file} → ${url}`).toBe(true);
        const { format, width, height } = await sharp(onDisk).metadata();
        checked.set(url!, `${format} ${width}×${height}`);
      }
      expect(checked.get(url!), file).toBe(`${type === 'image/png' ? 'png' : 'jpeg'} 1200×630`);
    }
  });

  it('is drawn for each page without a local hero, and is the hero crop for a post with one', () => {
    const drawn = ['index.html', 'page/2/index.html', 'posts/date-only/index.html', 'tags/小模型/index.html', 'companies/openai/index.html', 'people/sam-altman/index.html', 'categories/index.html', 'archive/index.html', 'about-us/index.html', 'search/index.html', '404.html'];
    for (const file of drawn.filter((f) => pages.includes(f))) expect(meta(file, 'og:image'), file).toMatch(CARD_URL);
    expect(drawn.filter((f) => pages.includes(f)).length).toBeGreaterThanOrEqual(9);
    // Positive control: a post with a local hero keeps its JPEG crop.
    expect(meta('posts/hugo-typical/index.html', 'og:image')).toMatch(new RegExp(`^${SITE}/_astro/hero-small-models\\.[\\w-]+\\.jpeg$`));
  });

  it('differs between pages that say different things, and the search and 404 pages share the home card', () => {
    expect(meta('tags/小模型/index.html', 'og:image')).not.toBe(meta('index.html', 'og:image'));
    expect(meta('posts/date-only/index.html', 'og:image')).not.toBe(meta('tags/小模型/index.html', 'og:image'));
    expect(meta('search/index.html', 'og:image')).toBe(meta('index.html', 'og:image'));
    expect(meta('404.html', 'og:image')).toBe(meta('index.html', 'og:image'));
  });

  it('writes only cards that some page links', () => {
    const linked = new Set(pages.map((f) => meta(f, 'og:image')).filter((u) => u && CARD_URL.test(u)));
    const files = readdirSync(path.join(SITE_DIST, 'og')).map((name) => `${SITE}/og/${name}`);
    expect(new Set(files)).toEqual(linked);
    expect(files.length).toBeGreaterThan(15);
  });
});

describe('the card cache across builds', () => {
  const scenario = 'social-card-cache';
  const { dist, cache } = fixtureDirs(scenario);
  const env = { CONTENT_ROOT: 'tests/fixtures/site', ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache };
  const drew = (log: string) => {
    const line = /drew (\d+) social card\(s\)(?:, \d+ ms each, fonts included)?; (\d+) from the card cache/.exec(log);
    expect(line, log.slice(-3000)).not.toBeNull();
    return { drawn: Number(line![1]), reused: Number(line![2]) };
  };
  const cards = () => Object.fromEntries(readdirSync(path.join(dist, 'og')).map((name) => [name, readFileSync(path.join(dist, 'og', name)).toString('base64')]));
  /** Astro's own page cache, which would otherwise copy the cards without asking the card cache. */
  const dropAstroPageCache = () => {
    rmSync(path.join(cache, 'incremental-build.json'), { force: true });
    rmSync(path.join(cache, 'dist'), { recursive: true, force: true });
  };

  it('draws every card once, then takes each one from the cache, and draws again only a damaged entry', { timeout: 900_000 }, () => {
    rmSync(path.dirname(dist), { recursive: true, force: true });
    const first = drew(runBuild(scenario, env));
    expect(first.drawn).toBeGreaterThan(15);
    expect(first.reused).toBe(0);
    const drawnCards = cards();

    dropAstroPageCache();
    const second = drew(runBuild(scenario, { ...env, BUILD_CACHE: 'off' }));
    expect(second).toEqual({ drawn: 0, reused: first.drawn });
    expect(cards()).toEqual(drawnCards);

    const entries = readdirSync(path.join(cache, 'social-cards'));
    expect(entries).toHaveLength(first.drawn);
    const damaged = path.join(cache, 'social-cards', entries[0]);
    const bytes = readFileSync(damaged);
    bytes[bytes.length - 50] ^= 0xff;
    writeFileSync(damaged, bytes);
    dropAstroPageCache();
    const third = drew(runBuild(scenario, { ...env, BUILD_CACHE: 'off' }));
    expect(third).toEqual({ drawn: 1, reused: first.drawn - 1 });
    expect(cards()).toEqual(drawnCards);
  });
});
