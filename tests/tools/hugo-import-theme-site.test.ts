import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fixtureDirs, runBuild } from '../support/build-fixture';
import { parseHtml } from '../support/html';
import { runScript, type CliResult } from './cli';

/**
 * A theme-style Hugo site with what real sites write and Hugo accepts: `params.mainSections`, section
 * permalinks for pages, a language code with two subtags, a theme's `sidebar` menu, LoveIt's
 * `featured-image` resource and `image` shortcode, a duplicate front-matter key, a one-digit hour,
 * numeric tags, escaped shortcodes in prose, Markdown images inside HTML blocks, a video from static/,
 * a theme archives page, a whole HTML document as content and a post that is only an image.
 */
const HUGO_SITE = 'tests/fixtures/hugo-theme-site';
const { base, dist, cache } = fixtureDirs('hugo-import-theme-site');
const root = path.join(base, 'content-root');
const pub = path.join(base, 'public');

const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
const frontMatter = (p: string): Record<string, unknown> => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(read(p))![1]);
const body = (p: string) => read(p).replace(/^---\n[\s\S]*?\n---\n/, '');
const built = (urlPath: string) => readFileSync(path.join(dist, urlPath, 'index.html'), 'utf8');

describe('npm run import:hugo on a theme-style site', () => {
  let run: CliResult;
  let report: string;

  beforeAll(() => {
    rmSync(base, { recursive: true, force: true });
    run = runScript('import:hugo', [HUGO_SITE], root, { PUBLIC_DIR: pub });
    report = read('.hugo-import-report.md');
  });

  it('imports with no errors: the posts of params.mainSections, the other sections as pages', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('文章 articles     4（新增 created 4）');
    expect(run.stdout).toContain('錯誤 errors       0');
    expect(existsSync(path.join(root, 'content/pages/page/about.md'))).toBe(true);
    expect(existsSync(path.join(root, 'content/posts/page'))).toBe(false);
  });

  it('skips translations whose language has two subtags, list pages included', () => {
    expect(report).toContain('content/post/hello/index.zh-hant-tw.md` translation (zh-hant-tw) not imported');
    expect(existsSync(path.join(root, 'content/pages/_index.zh-hant-tw.md'))).toBe(false);
    expect(body('content/posts/hello/index.md')).not.toContain('中文版');
  });

  it("gives a page its section's permalink and keeps only the site's menus, reporting the others", () => {
    expect(frontMatter('content/pages/page/about.md')).toMatchObject({ title: 'About', url: '/about/', menu: { main: { weight: -90 } } });
    expect(frontMatter('content/pages/page/about.md').menu).not.toHaveProperty('sidebar');
    expect(report).toContain('content/page/about/index.md:4` menu "sidebar" dropped');
  });

  it("makes a theme archives page at another URL a redirect to the site's own page", () => {
    expect(frontMatter('content/pages/page/archives.md')).toEqual({ title: 'Archives', url: '/archives/', redirect: '/archive/' });
    expect(report).toContain('its old URL /archives/ redirects there');
  });

  it('repairs what Hugo accepted: a key written twice, a one-digit hour, numeric tags', () => {
    expect(frontMatter('content/posts/2020/other.md')).toMatchObject({ params: { author: 'Second Author' }, date: '2020-05-28T07:15:43+08:00', tags: ['eink', '8069'] });
    expect(report).toContain('content/post/2020/other.md:10` "author" is written more than once; the last value is kept');
    expect(report).toContain('has a one-digit hour (Hugo read it); imported as 2020-05-28T07:15:43+08:00');
  });

  it("takes LoveIt's featured-image resource as the hero and its image shortcode as a figure", () => {
    expect(frontMatter('content/posts/hello/index.md').image).toBe('cover.png');
    expect(body('content/posts/hello/index.md')).toContain('{{< figure src="/images/pic.png" caption="圖一" >}}');
    // GitHub's `?raw=true` names the same bundle file; Astro cannot resolve a path with a query.
    expect(body('content/posts/hello/index.md')).toContain('![diagram](cover.png)');
  });

  it('resolves relref by file name or to a term page, copies a video from static/ and shows escaped shortcodes as code', () => {
    const text = body('content/posts/hello/index.md');
    expect(text).toContain('[the other post](/posts/2020/other/)');
    // A ref to a term page is kept when the site has it, made text when not.
    expect(text).toContain('[the news](/categories/news/) and a series.');
    expect(text).toContain('{{< video src="/video/clip.mp4" >}}');
    expect(existsSync(path.join(pub, 'video/clip.mp4'))).toBe(true);
    expect(text).toContain('became `{{< highlight go >}}` in Hugo');
  });

  it('writes Markdown images and links inside HTML blocks as <img> and <a>, a local image copied to public/', () => {
    const text = body('content/posts/html-block.md');
    expect(text).toContain('<div align="center"><img src="http://images.example.com/a.png" alt="remote"></div>');
    expect(text).toContain('<img src="/images/pic.png" alt="local" title="A title">');
    expect(existsSync(path.join(pub, 'images/pic.png'))).toBe(true);
    // Links there are not read as Markdown either.
    expect(text).toContain('<div class="links"><a href="https://example.com/x" title="X">a link</a> and <a href="https://example.com/y"><img src="https://images.example.com/b.png" alt="pic"></a></div>');
  });

  it('copies a whole HTML document and its files to public/ at its old URL', () => {
    expect(readFileSync(path.join(pub, 'report/index.html'), 'utf8')).toContain('<title>Monthly report</title>');
    expect(existsSync(path.join(pub, 'report/chart.png'))).toBe(true);
  });

  describe('the imported site, built', () => {
    beforeAll(() => {
      runBuild('hugo-import-theme-site', { CONTENT_ROOT: root, PUBLIC_DIR: pub, ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache });
    }, 240_000);

    it('answers at the old URLs: the page, the archives redirect, the post permalink and the HTML document', () => {
      expect(parseHtml(built('about')).querySelector('h1')?.text).toContain('About');
      expect(built('archives')).toMatch(/http-equiv="refresh" content="0; url=\/archive\/"/);
      expect(built('p/hello')).toMatch(/url=\/posts\/hello\//);
      expect(built('report')).toContain('<title>Monthly report</title>');
    });

    it('indexes a post that is only an image for search, under its title', () => {
      const html = parseHtml(built('posts/only-image'));
      expect(html.querySelector('[data-pagefind-body] .visually-hidden')?.text).toBe('Only an image');
      // A post with text gets no extra title.
      expect(parseHtml(built('posts/2020/other')).querySelector('[data-pagefind-body] .visually-hidden')).toBeNull();
      expect(existsSync(path.join(dist, 'pagefind'))).toBe(true);
    });

    it('shows no raw shortcode text outside code, and the images inside HTML', () => {
      expect(built('posts/hello')).not.toContain('__ASTRO_IMAGE_');
      expect(built('posts/hello')).toMatch(/<img alt="diagram"[^>]+src="\/_astro\/cover\./);
      const hello = parseHtml(built('posts/hello'));
      for (const el of hello.querySelectorAll('code, pre')) el.remove();
      expect(hello.text).not.toMatch(/\{\{[<%]/);
      expect(built('posts/hello')).toMatch(/<video[^>]+src="\/video\/clip\.mp4"/);
      expect(built('posts/hello')).toContain('href="/categories/news/"');
      expect(existsSync(path.join(dist, 'categories/news/index.html'))).toBe(true);
      const block = built('posts/html-block');
      expect(block).toMatch(/<img[^>]+src="https:\/\/images\.example\.com\/a\.png"/);
      expect(block).toContain('<img src="/images/pic.png" alt="local" title="A title">');
    });
  });
});
