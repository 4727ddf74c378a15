import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHtml } from '../support/html';
import { rmSync } from 'node:fs';
import { OUTPUT_ROOT, ROOT, buildFixture, buildWithPost, fixtureDirs, readDist, type FixtureBuild } from '../support/build-fixture';
import { problemsByFile, runScript, type CliResult } from '../tools/cli';

/**
 * The author's loop on tests/fixtures/authors: a misspelt field, body images written three ways (Hugo's
 * /images/ path, a relative path, a file only in public/), an MDX image, footnotes and code fences.
 */
const FIXTURE = 'tests/fixtures/authors';
const POSTS = `${FIXTURE}/content/posts`;
const ENV = { PUBLIC_DIR: `${FIXTURE}/public` };

let build: FixtureBuild;
let check: CliResult;
beforeAll(() => {
  // A fresh cache: an unchanged site is not built again (scripts/build.ts), and so does not warn again.
  rmSync(fixtureDirs('authors').cache, { recursive: true, force: true });
  build = buildFixture('authors', ENV);
  check = runScript('check:content', [], FIXTURE, ENV);
});


const doc = (url: string) => parseHtml(readDist(build.dist, path.join(url, 'index.html')));
const distFile = (src: string) => path.join(build.dist, src.split('?')[0]);

describe('a misspelt front-matter field', () => {
  it('is a build warning naming the file, the line and the field meant', () => {
    expect(build.log).toContain(
      `[WARN] [hugo-posts-loader] ${POSTS}/typo.md:4: unknown front-matter field "desciption" (did you mean "description"?): the site ignores it; a field of your own goes under params: or in extraFrontMatter in src/site.config.ts`,
    );
  });

  it('is the only field warned about: params and every known field pass (positive control above)', () => {
    expect(build.log.match(/unknown front-matter field/g)).toHaveLength(1);
  });

  it('is listed by check:content with its line and field', () => {
    expect(problemsByFile(check.stdout).get(`${POSTS}/typo.md`)).toEqual([
      '第 4 行 line 4・欄位 field desciption  unknown front-matter field "desciption" (did you mean "description"?): the site ignores it; a field of your own goes under params: or in extraFrontMatter in src/site.config.ts',
    ]);
    expect(check.status).toBe(1);
  });

  it('leaves the page with the site description, as before (the warning says why)', () => {
    expect(doc('posts/typo').querySelector('meta[name="description"]')?.getAttribute('content')).not.toContain('拼錯');
  });
});

describe('inline images', () => {
  const images = () => doc('posts/inline-images').querySelectorAll('.prose img');

  it("optimises Hugo's /images/… path from assets/ with a srcset of the hero's widths, capped at 1200", () => {
    const img = images()[0];
    expect(img.getAttribute('alt')).toBe('Hugo 路徑的圖');
    expect(img.getAttribute('src')).toMatch(/^\/_astro\/inline-hugo\.[\w-]+\.webp$/);
    const srcset = img.getAttribute('srcset')!.split(', ');
    expect(srcset.map((c) => c.split(' ')[1])).toEqual(['480w', '800w', '1200w']);
    expect(img.getAttribute('sizes')).toBe('(min-width: 44rem) 42rem, 100vw');
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['1200', '675']);
    for (const candidate of srcset) expect(existsSync(distFile(candidate.split(' ')[0])), candidate).toBe(true);
  });

  it('gives a relative path a srcset too, never wider than the image', () => {
    const img = images()[1];
    expect(img.getAttribute('title')).toBe('相對');
    expect(img.getAttribute('srcset')!.split(', ').map((c) => c.split(' ')[1])).toEqual(['480w', '640w']);
    expect(existsSync(distFile(img.getAttribute('src')!))).toBe(true);
  });

  it('serves a file only in public/ as it is, from its own path', () => {
    const img = images()[2];
    expect(img.getAttribute('src')).toBe('/images/legacy/public-only.png');
    expect(img.getAttribute('srcset')).toBeUndefined();
    expect(existsSync(path.join(build.dist, 'images/legacy/public-only.png'))).toBe(true);
  });

  it('does the same in MDX', () => {
    const img = doc('posts/mdx-image').querySelector('.prose img')!;
    expect(img.getAttribute('srcset')!.split(', ').map((c) => c.split(' ')[1])).toEqual(['480w', '800w', '1200w']);
    expect(img.getAttribute('width')).toBe('1200');
    for (const c of img.getAttribute('srcset')!.split(', ')) expect(existsSync(distFile(c.split(' ')[0]))).toBe(true);
  });

  it('writes no original-size copy of an image wider than 1200 pixels', () => {
    const hugo = readdirSync(path.join(build.dist, '_astro')).filter((f) => f.startsWith('inline-hugo.'));
    expect(hugo).toHaveLength(3);
  });

  it('are what check:content finds too: the assets are used, only the public/ copy is reported', () => {
    const found = problemsByFile(check.stdout);
    expect(found.get(`${POSTS}/inline-images.md`)).toEqual([
      `第 17 行 line 17  image "/images/legacy/public-only.png" is served from ${FIXTURE}/public/images/legacy/public-only.png as it is, without a srcset; move it to ${FIXTURE}/assets/images/legacy/public-only.png to optimise it`,
    ]);
    expect([...found.keys()].filter((f) => f.includes('assets/'))).toEqual([]);
    expect(found.has(`${POSTS}/mdx-image.mdx`)).toBe(false);
  });
});

describe('a missing inline image', () => {
  const source = '---\ntitle: 缺圖\ndate: 2026-01-01\n---\n\n前言。\n\n![不存在](/images/posts/nope.webp)\n';
  let result: ReturnType<typeof buildWithPost>;
  beforeAll(() => {
    result = buildWithPost('authors-missing-image', 'missing.md', source, { freshCache: true });
  });

  it('stops the build naming the file, the line and both places looked in', () => {
    expect(result.status).toBe(1);
    expect(result.output).toMatch(
      /content\/authors-missing-image\/content\/posts\/missing\.md:8: image "\/images\/posts\/nope\.webp" not found; expected file at \S+\/authors-missing-image\/assets\/images\/posts\/nope\.webp \(or, served as it is, public\/images\/posts\/nope\.webp\)/,
    );
  });

  it('is the same message from check:content', () => {
    const root = path.relative(ROOT, path.join(OUTPUT_ROOT.startsWith(ROOT) ? OUTPUT_ROOT : path.join(ROOT, 'tests/.output'), 'content/authors-missing-image'));
    const out = runScript('check:content', [], root);
    expect(out.stdout).toContain(`第 8 行 line 8  image "/images/posts/nope.webp" not found; expected file at ${root}/assets/images/posts/nope.webp (or, served as it is, public/images/posts/nope.webp)`);
  });
});

describe('footnotes', () => {
  const page = () => doc('posts/footnotes');

  it('have a zh-TW heading, hidden by the site CSS, and zh-TW back links', () => {
    const heading = page().querySelector('section.footnotes > h2')!;
    expect(heading.textContent).toBe('註腳');
    expect(heading.getAttribute('class')).toBe('sr-only');
    const labels = page().querySelectorAll('a[data-footnote-backref]').map((a) => a.getAttribute('aria-label'));
    expect(labels).toEqual(['返回註腳 1 的引用處', '返回註腳 1 的第 2 處引用', '返回註腳 2 的引用處']);
    const css = readdirSync(path.join(build.dist, '_astro'))
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(path.join(build.dist, '_astro', f), 'utf8'))
      .join('');
    const rule = /\.sr-only\{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(rule).toContain('clip-path:inset(50%)');
    expect(rule).toContain('position:absolute!important');
  });

  it('are left out of the table of contents, which lists the headings (positive control)', () => {
    expect(page().querySelectorAll('nav.toc a').map((a) => a.textContent)).toEqual(['前言', '重點']);
  });

  it('keep their references in the feed, as absolute links, without the back links', async () => {
    const feed = await new Parser().parseString(readDist(build.dist, 'index.xml'));
    const item = feed.items.find((i) => i.title === '有註腳的摘要')!;
    const content = (item as { 'content:encoded'?: string })['content:encoded'] ?? item.content ?? '';
    expect(content).toContain('href="https://ai-notes.example.tw/posts/footnotes/#user-content-fn-cost"');
    expect(content).toContain('<h2 id="footnote-label">註腳</h2>');
    expect(content).not.toContain('#user-content-fnref-cost');
    expect(content).not.toContain('↩');
    expect(content).not.toContain('Footnotes');
  });

  it('leave check:content clean for the post', () => {
    expect(check.stdout).toContain(`${POSTS}/typo.md`);
    expect(problemsByFile(check.stdout).has(`${POSTS}/footnotes.md`)).toBe(false);
  });
});

describe('code fences', () => {
  it('highlight c++ and list an unknown language in check:content with its line', () => {
    expect(doc('posts/code').querySelector('pre[data-language="cpp"] .token.keyword')?.textContent).toBe('int');
    expect(problemsByFile(check.stdout).get(`${POSTS}/code.md`)).toEqual([
      '第 11 行 line 11  code language "foo" is not known to the highlighter; shown as plain text (a name from the README\'s list, or text)',
    ]);
    expect(build.log).toContain(`[WARN] [code-blocks] ${POSTS}/code.md:11: code language "foo" is not known to the highlighter; shown as plain text`);
  });
});
