import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_ROOT, ROOT, astroPages, fixtureDirs, runBuild } from '../support/build-fixture';
import { bundlePages } from '../support/pagefind';

/**
 * Incremental builds (`experimental.incrementalBuild` with the keys of src/lib/cache-key.ts): the fixture
 * site is built three times on one cache dir — a first build, a rebuild with nothing changed, and a
 * rebuild after one article's body was edited — and the outputs are compared file by file.
 */

/** Routes without `getStaticPaths`: Astro renders them on every build. */
const ALWAYS_RENDERED = [
  '/404.html',
  '/archive/index.html',
  '/feed.css',
  '/feed.xsl',
  '/feeds.opml',
  '/index.html',
  '/index.xml',
  '/robots.txt',
  '/search/index.html',
  '/subscribe/index.html',
];
const EDITED_ID = 'hugo-typical';
const MARKER = '增量建置測試：這一段是重建前才加上的。';
const RENAMED = '隱私權與資料政策';

interface Build {
  dist: string;
  /** Paths Astro rendered in this build. */
  rendered: string[];
  /** Paths copied from the previous build's output. */
  reused: string[];
  log: string;
}

const contentBase = OUTPUT_ROOT.startsWith(ROOT) ? OUTPUT_ROOT : path.join(ROOT, 'tests/.output');
const contentRoot = path.join(contentBase, 'content', 'incremental');
const { base, cache } = fixtureDirs('incremental');

/**
 * Builds into the one output folder (the out dir is part of Astro's config hash, and a changed config
 * rebuilds everything), then keeps a copy of that output under `name` for comparisons.
 */
function build(name: string): Build {
  const out = path.join(base, 'dist');
  const dist = path.join(base, name);
  rmSync(out, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
  // BUILD_CACHE=off: through Astro every time, not the whole-build shortcut of an unchanged rebuild.
  const log = runBuild('site', { CONTENT_ROOT: path.relative(ROOT, contentRoot), ASTRO_OUT_DIR: out, ASTRO_CACHE_DIR: cache, BUILD_CACHE: 'off' });
  cpSync(out, dist, { recursive: true });
  return { dist, ...astroPages(log), log };
}

/** Every page and feed of a build, by path. */
function outputs(dist: string): Map<string, string> {
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|xml)$/.test(f));
  return new Map(files.map((f) => [f, readFileSync(path.join(dist, f), 'utf8')]));
}

let first: Build;
let unchanged: Build;
let edited: Build;
let healed: Build;
let renamedMenuPage: Build;
let htmlFilesAfterEdit: string[];

beforeAll(() => {
  rmSync(contentRoot, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(contentRoot, { recursive: true });
  cpSync(path.join(ROOT, 'tests/fixtures/site'), contentRoot, { recursive: true });
  first = build('first');
  unchanged = build('unchanged');
  appendFileSync(path.join(contentRoot, 'content/posts', `${EDITED_ID}.md`), `\n## 補充\n\n${MARKER}\n`);
  edited = build('edited');
  htmlFilesAfterEdit = readdirSync(path.join(cache, 'post-html'));
  // The posts' HTML files gone (a cache cleaned by hand): the next build must render those posts again.
  rmSync(path.join(cache, 'post-html'), { recursive: true, force: true });
  healed = build('healed');
  // A page in the footer menu renamed: every page's footer changes, so no keyed page may be reused.
  const privacy = path.join(contentRoot, 'content/pages/privacy.md');
  writeFileSync(privacy, readFileSync(privacy, 'utf8').replace('title: 隱私權政策', `title: ${RENAMED}`));
  renamedMenuPage = build('renamed-menu-page');
});

describe('incremental builds', () => {
  it('renders every page on the first build (positive control)', () => {
    expect(first.reused).toEqual([]);
    expect(first.rendered).toContain(`/posts/${EDITED_ID}/index.html`);
    expect(first.rendered.length).toBeGreaterThan(30);
  });

  it('reuses every keyed page when nothing changed, and writes the same files', () => {
    expect([...unchanged.rendered].sort()).toEqual(ALWAYS_RENDERED);
    expect(unchanged.reused.length).toBe(first.rendered.length - ALWAYS_RENDERED.length);
    const before = outputs(first.dist);
    const after = outputs(unchanged.dist);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, text] of before) expect(after.get(file), file).toBe(text);
  });

  it('renders the edited article, and the term pages and feeds that list it, again', () => {
    const renderedNow = new Set(edited.rendered);
    expect(renderedNow).toContain(`/posts/${EDITED_ID}/index.html`);
    expect(renderedNow).toContain('/tags/小模型/index.html');
    expect(renderedNow).toContain('/tags/小模型/index.xml');
    expect(renderedNow).toContain('/companies/together-ai/index.xml');
    const article = readFileSync(path.join(edited.dist, 'posts', EDITED_ID, 'index.html'), 'utf8');
    expect(article).toContain(MARKER);
    expect(readFileSync(path.join(edited.dist, 'tags/小模型/index.xml'), 'utf8')).toContain(MARKER);
    expect(readFileSync(path.join(edited.dist, 'index.xml'), 'utf8')).toContain(MARKER);
  });

  it('reuses the other articles unchanged, even the edited one’s neighbours', () => {
    const otherArticles = edited.reused.filter((f) => f.startsWith('/posts/'));
    expect(otherArticles).toContain('/posts/date-only/index.html');
    expect(edited.rendered.filter((f) => f.startsWith('/posts/'))).toEqual([`/posts/${EDITED_ID}/index.html`]);
    const before = outputs(first.dist);
    const after = outputs(edited.dist);
    for (const file of otherArticles) {
      const key = file.slice(1);
      expect(after.get(key), key).toBe(before.get(key));
      expect(after.get(key)).not.toContain(MARKER);
    }
  });
});

describe('the header and footer links in every page', () => {
  it('renders every keyed page again when a menu page is renamed, with the new name in its footer', () => {
    const pages = ['/posts/date-only/index.html', '/tags/小模型/index.html', '/tags/index.html', '/about-us/index.html'];
    // Positive control: those pages are reused when nothing changed.
    for (const p of pages) expect(unchanged.reused, p).toContain(p);
    for (const p of pages) {
      expect(renamedMenuPage.rendered, p).toContain(p);
      expect(readFileSync(path.join(renamedMenuPage.dist, p), 'utf8'), p).toMatch(new RegExp(`href="/privacy/"[^>]*>${RENAMED}</a>`));
    }
    // Social cards show no menu: they are reused (a renamed page's own card has a new URL, so it is drawn).
    const cards = renamedMenuPage.reused.filter((p) => p.startsWith('/og/'));
    expect(cards.length).toBeGreaterThan(10);
    expect(cards.every((p) => p.endsWith('.png'))).toBe(true);
    expect(renamedMenuPage.reused.filter((p) => !p.endsWith('.xml') && !p.startsWith('/og/') && !/^\/(2025|old|contact-us)\//.test(p))).toEqual([]);
  });
});

describe('images decoded ahead of Astro’s image step', () => {
  it('decodes the next sources while Astro encodes, on a build that encodes images', () => {
    const [, encoded, decoded, ahead] = /\[image-stats\] encoded (\d+) image variant\(s\); decoded (\d+) source image\(s\), (\d+) of them ahead/.exec(first.log) ?? [];
    expect(Number(encoded), first.log.match(/.*\[image-stats\].*/)?.[0]).toBeGreaterThanOrEqual(Number(decoded));
    expect(Number(decoded)).toBeGreaterThanOrEqual(4);
    expect(Number(ahead)).toBeGreaterThanOrEqual(1);
    expect(Number(ahead)).toBeLessThan(Number(decoded));
  });

  it('encodes and decodes nothing when every output comes from Astro’s cache', () => {
    expect(unchanged.log).toContain('generating optimized images');
    expect(unchanged.log).toContain('[image-stats] encoded 0 image variant(s): every one came from the image cache');
    expect(unchanged.log).not.toMatch(/\[image-stats\] .*decoded/);
  });
});

describe('the search index after the build', () => {
  // The fixture's 11 articles make one shard: indexed on the first build, copied from the cache while
  // nothing changed, indexed again after the edit.
  it('indexes the shard on the first build, reuses it unchanged, and indexes it again after an edit', () => {
    expect(first.log).toContain('[search] shard 0: 11 article(s), indexed');
    expect(unchanged.log).toContain('[search] shard 0: 11 article(s), reused');
    expect(edited.log).toContain('[search] shard 0: 11 article(s), indexed');
  });

  it('has the edit in the index', () => {
    const page = bundlePages(path.join(edited.dist, 'pagefind', '0')).find((p) => p.url === `/posts/${EDITED_ID}/`);
    expect(page?.content.replaceAll('\u200B', '')).toContain('增量建置測試');
    // Positive control: the same article, indexed before the edit.
    const before = bundlePages(path.join(first.dist, 'pagefind', '0')).find((p) => p.url === `/posts/${EDITED_ID}/`);
    expect(before?.content).toBeTruthy();
    expect(before?.content.replaceAll('\u200B', '')).not.toContain('增量建置測試');
  });
});

describe('rendered article HTML outside the data store', () => {
  const markdownPosts = readdirSync(path.join(ROOT, 'tests/fixtures/site/content/posts'), { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.md'),
  );

  it('keeps one HTML file per Markdown post, the edited one’s old version pruned', () => {
    // Every Markdown post the loader renders, published or not.
    expect(markdownPosts.length).toBe(17);
    expect(htmlFilesAfterEdit.length).toBe(markdownPosts.length);
    const withMarker = htmlFilesAfterEdit.filter((f) => readFileSync(path.join(cache, 'post-html', f), 'utf8').includes(MARKER));
    expect(withMarker.length).toBe(1);
  });

  it('leaves the article body out of the data store that Vite bundles', () => {
    const store = readFileSync(path.join(cache, 'data-store.json'), 'utf8');
    // Positive control: the store does hold the post's front matter.
    expect(store).toContain(EDITED_ID);
    expect(store).not.toContain(MARKER);
  });

  it('renders posts again when their HTML files are gone, with the same output', () => {
    expect(healed.log).toMatch(/rendering 17 post\(s\) again: their HTML is not in /);
    expect(existsSync(path.join(cache, 'post-html'))).toBe(true);
    expect(readdirSync(path.join(cache, 'post-html')).length).toBe(markdownPosts.length);
    const before = outputs(edited.dist);
    const after = outputs(healed.dist);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, text] of before) expect(after.get(file), file).toBe(text);
    expect(readFileSync(path.join(healed.dist, 'posts', EDITED_ID, 'index.html'), 'utf8')).toContain(MARKER);
  });
});
