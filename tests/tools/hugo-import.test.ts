import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT, fixtureDirs, runBuild } from '../support/build-fixture';
import { parseHtml } from '../support/html';
import { runScript, treeSnapshot, type CliResult } from './cli';

const HUGO_SITE = 'tests/fixtures/hugo-site';
const { base, dist, cache } = fixtureDirs('hugo-import');
const root = path.join(base, 'content-root');
const posts = path.join(root, 'content/posts');
/** How the CLI shows a path: relative to the project when inside it, else absolute. */
const shown = (p: string) => (p.startsWith(`${ROOT}${path.sep}`) ? path.relative(ROOT, p) : p);

/** Front matter of an imported post. */
function frontMatter(file: string): Record<string, unknown> {
  const text = readFileSync(path.join(posts, file), 'utf8');
  return parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]);
}

/**
 * The file a static host serves for a URL path: folders serve their index.html; a `.html` alias is a file.
 */
function built(urlPath: string): string {
  const file = path.join(dist, decodeURIComponent(urlPath));
  return urlPath.endsWith('/') ? path.join(file, 'index.html') : file;
}
const builtPage = (urlPath: string) => parseHtml(readFileSync(built(urlPath), 'utf8'));

/** The fixture's many-shortcodes post, imported as `.md` or as `.mdx`, shows the same players and link cards. */
function expectManyShortcodeEmbeds(doc: ReturnType<typeof parseHtml>) {
  expect(doc.querySelectorAll('figure.embed').map((f) => f.getAttribute('data-embed-player'))).toEqual([
    'https://www.youtube-nocookie.com/embed/XCCkgRzth6Q?autoplay=1',
    'https://open.spotify.com/embed/show/2MAi0BvDc6GTFvKFPXnkCL',
    'https://player.vimeo.com/video/76979871?autoplay=1&dnt=1',
  ]);
  expect(doc.querySelectorAll('.embed-card a').map((a) => a.getAttribute('href'))).toEqual([
    'https://x.com/i/status/1453110110599868418',
    'https://gist.github.com/octocat/6cad326836d38bd3a7ae',
  ]);
}

describe('npm run import:hugo on the Hugo fixture site', () => {
  let dryRun: CliResult;
  let strict: CliResult;
  let first: CliResult;
  let firstTree: Record<string, string>;
  let second: CliResult;

  beforeAll(() => {
    rmSync(base, { recursive: true, force: true });
    dryRun = runScript('import:hugo', [HUGO_SITE, '--dry-run', '--allow-unknown'], root);
    strict = runScript('import:hugo', [HUGO_SITE, '--dry-run'], root);
    first = runScript('import:hugo', [HUGO_SITE, '--allow-unknown'], root);
    firstTree = treeSnapshot(root);
    second = runScript('import:hugo', [HUGO_SITE, '--allow-unknown'], root);
  });

  it('prints the plan with --dry-run and writes nothing', () => {
    expect(dryRun.status).toBe(0);
    expect(dryRun.stdout).toContain(`create    ${shown(path.join(posts, '2025-01-openai-devday.md'))}`);
    expect(dryRun.stdout.match(/^ {2}create {4}\S+\.md$/gm)).toHaveLength(21);
    expect(dryRun.stdout).toContain('未寫入 nothing written');
  });

  it('reports each shortcode the site cannot render once, by name, and goes on', () => {
    expect(strict.status).toBe(0);
    const lines = strict.stdout.split('\n').filter((l) => l.includes('is not one the site renders'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('shortcode {{< columns >}} is not one the site renders: 1 use(s) in 1 file(s) (tests/fixtures/hugo-site/content/posts/unknown-shortcode.md)');
    expect(lines[1]).toContain('shortcode {{< gallery >}} is not one the site renders: 1 use(s) in 1 file(s)');
    expect(strict.stdout).toContain('錯誤 errors       0');
  });

  it('imports every article, image, stub and old URL and summarises it', () => {
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('文章 articles     21（新增 created 21）');
    expect(first.stdout).toContain('圖片 images       8（新增 created 8）');
    expect(first.stdout).toContain('公司 company stubs 3，人物 people stubs 1');
    expect(first.stdout).toContain('轉址 redirects    23（aliases）');
    expect(Object.keys(firstTree).filter((f) => f.startsWith('content/posts/') && f.endsWith('.md'))).toHaveLength(21);
  });

  it('changes nothing on a second run', () => {
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('文章 articles     21（未變更 unchanged 21）');
    expect(treeSnapshot(root)).toEqual(firstTree);
  });

  it('never overwrites a file edited since the import without --force', () => {
    const file = path.join(posts, 'vimeo-talk.md');
    const edited = `${readFileSync(file, 'utf8')}\n編輯加上的一段。\n`;
    writeFileSync(file, edited);
    const again = runScript('import:hugo', [HUGO_SITE, '--allow-unknown'], root);
    expect(again.stdout).toContain('edited since the last import; not overwritten (use --force)');
    expect(readFileSync(file, 'utf8')).toBe(edited);
    const forced = runScript('import:hugo', [HUGO_SITE, '--allow-unknown', '--force'], root);
    expect(forced.stdout).toContain('更新 updated 1');
    expect(treeSnapshot(root)).toEqual(firstTree);
  });

  it('turns the permalink pattern, url and aliases into aliases of the new URL', () => {
    expect(frontMatter('2025-01-openai-devday.md')).toMatchObject({ slug: 'openai-devday', aliases: ['/2025/01/openai-devday/'] });
    expect(frontMatter('agents-reality.md').aliases).toEqual(['/old/agents-reality.html', '/posts/legacy-agents/', '/2025/04/企業-ai-代理人的現實/']);
    const custom = frontMatter('custom-url.md');
    expect(custom.aliases).toEqual(['/special/agents-2025/']);
    expect(custom).not.toHaveProperty('url');
    expect(frontMatter('gpu-shortage/index.md')).toMatchObject({ image: 'cover.jpg', aliases: ['/2025/03/gpu-短缺何時結束/'], related_companies: ['nvidia'] });
  });

  it('converts TOML and JSON front matter and Hugo hero fields to YAML the schema accepts', () => {
    expect(frontMatter('toml-podcast.md')).toMatchObject({ title: 'TOML 前言的 Podcast 摘要', date: '2025-02-03T08:30:00+08:00' });
    expect(frontMatter('taipei-computex/index.md')).toMatchObject({ image: 'hero.webp', date: '2025-05-20T09:00:00+08:00' });
    expect(frontMatter('json-front-matter.md')).toMatchObject({ title: 'JSON 前言', tags: ['格式'] });
    expect(frontMatter('date-only.md')).toMatchObject({ date: '2025-10-15', description: '用 summary 當作摘要。' });
  });

  it('writes stubs for unknown companies and people, filled from data/ where Hugo had it', () => {
    const read = (p: string) => parseYaml(readFileSync(path.join(root, 'content', p), 'utf8'));
    expect(read('companies/openai.yaml')).toEqual({ name: 'OpenAI', website: 'https://openai.com', description: '開發 GPT 系列模型的公司。', stub: true });
    expect(read('companies/tsmc.yaml')).toEqual({ name: 'TSMC', stub: true });
    expect(read('people/jensen-huang.yaml')).toEqual({ name: 'Jensen Huang', stub: true });
  });

  it('copies images where sharp can optimize them and rewrites body paths', () => {
    expect(existsSync(path.join(root, 'assets/images/uploads/2025/benchmark.png'))).toBe(true);
    expect(readFileSync(path.join(posts, 'architecture-figure.md'), 'utf8')).toContain('{{< figure src="/images/uploads/2025/benchmark.png" alt="基準測試結果" title="基準測試" >}}');
    expect(readFileSync(path.join(posts, 'inline-image.md'), 'utf8')).toContain('![推論成本的趨勢](../../assets/images/posts/inline-chart.webp "推論成本")');
    expect(existsSync(path.join(root, 'assets/images/posts/unused-in-hugo.webp'))).toBe(false);
    expect(existsSync(path.join(root, 'assets/images/posts/devday.webp'))).toBe(true);
  });

  it('leaves content that check:content finds clean', () => {
    const check = runScript('check:content', [], root);
    expect(check.stdout).toContain('content is clean');
    expect(check.status).toBe(0);
  });

  describe('the imported site, built', () => {
    beforeAll(() => {
      rmSync(dist, { recursive: true, force: true });
      runBuild('hugo-import', { CONTENT_ROOT: root, ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache });
    });

    it('builds every published article at /posts/<id>/ and leaves the draft out', () => {
      expect(builtPage('/posts/openai-devday/').querySelector('h1')?.textContent).toBe('OpenAI DevDay 重點整理');
      expect(builtPage('/posts/chinese-filename/').querySelector('h1')?.textContent).toBe('中文檔名的文章');
      expect(existsSync(built('/posts/gpu-shortage/'))).toBe(true);
      expect(existsSync(built('/posts/draft-idea/'))).toBe(false);
    });

    it('resolves every old URL to its article', () => {
      const oldUrls: [string, string][] = [
        ['/2025/01/openai-devday/', '/posts/openai-devday/'],
        ['/2025/04/企業-ai-代理人的現實/', '/posts/agents-reality/'],
        ['/old/agents-reality.html', '/posts/agents-reality/'],
        ['/posts/legacy-agents/', '/posts/agents-reality/'],
        ['/special/agents-2025/', '/posts/custom-url/'],
        ['/2025/03/gpu-短缺何時結束/', '/posts/gpu-shortage/'],
        ['/2025/11/chinese-filename/', '/posts/chinese-filename/'],
      ];
      for (const [oldUrl, newUrl] of oldUrls) {
        const doc = builtPage(oldUrl);
        const canonical = new URL(doc.querySelector('link[rel=canonical]')!.getAttribute('href')!);
        expect(decodeURIComponent(canonical.pathname), oldUrl).toBe(newUrl);
        expect(doc.querySelector('meta[http-equiv=refresh]')?.getAttribute('content'), oldUrl).toContain(newUrl);
      }
    });

    it('keeps every shortcode working without loading third parties before a click', () => {
      const doc = builtPage('/posts/many-shortcodes/');
      expectManyShortcodeEmbeds(doc);
      expect(doc.querySelectorAll('.prose iframe, .prose script')).toHaveLength(0);
      expect(builtPage('/posts/x-post/').querySelector('.embed-card a')?.getAttribute('href')).toBe('https://x.com/SanDiegoZoo/status/1453110110599868418');
    });

    it('renders figures and inline images as optimized images', () => {
      const figures = builtPage('/posts/architecture-figure/').querySelectorAll('figure.figure');
      expect(figures.map((f) => f.querySelector('img')?.getAttribute('src'))).toEqual([
        expect.stringMatching(/^\/_astro\/architecture\.[\w-]+\.webp$/),
        expect.stringMatching(/^\/_astro\/benchmark\.[\w-]+\.webp$/),
      ]);
      expect(figures.map((f) => f.querySelector('figcaption')?.textContent)).toEqual(['圖一：架構', '基準測試']);
      expect(builtPage('/posts/gpu-shortage/').querySelector('figure.figure img')?.getAttribute('src')).toMatch(/^\/_astro\/supply\.[\w-]+\.webp$/);
      expect(builtPage('/posts/inline-image/').querySelector('.prose img')?.getAttribute('src')).toMatch(/^\/_astro\/inline-chart\.[\w-]+\.webp$/);
    });

    it('turns ref links and links to old addresses into the new URLs, and highlight into a code block', () => {
      expect(builtPage('/posts/ref-links/').querySelectorAll('.prose a').map((a) => a.getAttribute('href'))).toEqual([
        '/posts/openai-devday/',
        '/posts/gpu-shortage/',
        '/posts/openai-devday/',
        '/posts/agents-reality/',
        'https://example.com/2025/01/openai-devday/',
      ]);
      expect(builtPage('/posts/highlight-code/').querySelector('.prose pre code')?.textContent).toBe('print("hello")');
    });

    it('shows text that only looks like a tag (<F8>) as text, and keeps real HTML (control)', () => {
      expect(readFileSync(path.join(posts, 'date-only.md'), 'utf8')).toContain('按下 &lt;F8> 繼續（<kbd>F8</kbd> 鍵），或用 &lt;Ctrl> 加 C 停止；`<F8>` 在程式碼中照原樣。');
      expect(builtPage('/posts/date-only/').querySelector('.prose')?.textContent).toContain('按下 <F8> 繼續（F8 鍵），或用 <Ctrl> 加 C 停止；<F8> 在程式碼中照原樣。');
      expect(builtPage('/posts/date-only/').querySelector('.prose f8')).toBeNull();
      expect(builtPage('/posts/date-only/').querySelector('.prose kbd')?.textContent).toBe('F8');
    });

    it('renders theme shortcodes whatever their closing tag, and shows the unknown ones visibly', () => {
      const doc = builtPage('/posts/unknown-shortcode/');
      const prose = doc.querySelector('.prose')!;
      expect(prose.querySelectorAll('p code').map((c) => c.textContent)).toEqual(['{{< gallery >}}', '{{< gallery dir="/images/trip" >}}']);
      expect(prose.querySelector('p strong')?.textContent).toBe('內容');
      expect(prose.querySelectorAll('aside.callout').map((a) => [a.classList.toString(), a.querySelector('.callout__title')?.textContent])).toEqual([
        ['callout callout--tip', '小技巧'],
        ['callout callout--warning', '注意'],
      ]);
      expect(prose.querySelector('details summary')?.textContent).toBe('更多細節');
      expect(prose.querySelector('figure.embed--youtube a')?.getAttribute('href')).toBe('https://www.youtube.com/watch?v=_elae4q3Ki_');
      expect(prose.querySelector('figure.embed-card--instagram a')?.getAttribute('href')).toBe('https://www.instagram.com/p/BWNjjyYFxVx/');
      const text = prose.clone();
      for (const code of (text as typeof prose).querySelectorAll('code')) code.remove();
      expect(text.textContent).not.toMatch(/\{\{[<%]/);
    });
  });
});

describe('npm run import:hugo --to-mdx', () => {
  const mdx = fixtureDirs('hugo-import-mdx');
  const mdxRoot = path.join(mdx.base, 'content-root');
  const read = (file: string) => readFileSync(path.join(mdxRoot, 'content/posts', file), 'utf8');
  const page = (urlPath: string) => parseHtml(readFileSync(path.join(mdx.dist, decodeURIComponent(urlPath), 'index.html'), 'utf8'));
  let result: CliResult;

  beforeAll(() => {
    rmSync(mdx.base, { recursive: true, force: true });
    result = runScript('import:hugo', [HUGO_SITE, '--allow-unknown', '--to-mdx'], mdxRoot);
    runBuild('hugo-import-mdx', { CONTENT_ROOT: mdxRoot, ASTRO_OUT_DIR: mdx.dist, ASTRO_CACHE_DIR: mdx.cache });
  });

  it('rewrites every shortcode as a component', () => {
    expect(result.status).toBe(0);
    expect(read('many-shortcodes.mdx')).toContain(
      [
        '<YouTube id="XCCkgRzth6Q" />',
        '<Spotify id="show/2MAi0BvDc6GTFvKFPXnkCL" />',
        '<Vimeo id="76979871" title="示範影片" />',
        '<XPost id="1453110110599868418" />',
        '<Gist user="octocat" id="6cad326836d38bd3a7ae" />',
      ].join('\n\n'),
    );
    expect(read('architecture-figure.mdx')).toContain("import figure1 from '../../assets/images/figures/architecture.webp';");
    expect(read('architecture-figure.mdx')).toContain('<Figure src={figure1} alt="Transformer 架構" caption="圖一：架構" />');
    expect(read('date-only.mdx')).toContain('日期沒有時間。{/* more */}之後的內容。');
    // Text that looks like a tag is text: MDX would read <F8> as JSX and fail to compile.
    expect(read('date-only.mdx')).toContain('按下 &lt;F8> 繼續（<kbd>F8</kbd> 鍵），或用 &lt;Ctrl> 加 C 停止；`<F8>` 在程式碼中照原樣。');
  });

  it('builds, with the same embeds and responsive figures, and shows <F8> as text', () => {
    expect(page('/posts/date-only/').querySelector('.prose')?.textContent).toContain('按下 <F8> 繼續（F8 鍵），或用 <Ctrl> 加 C 停止；<F8> 在程式碼中照原樣。');
    const doc = page('/posts/many-shortcodes/');
    expectManyShortcodeEmbeds(doc);
    const img = page('/posts/architecture-figure/').querySelector('figure.figure img');
    expect(img?.getAttribute('srcset')).toMatch(/^\/_astro\/architecture\.[\w-]+\.webp 480w, \/_astro\/architecture\.[\w-]+\.webp 800w$/);
  });
});

describe('npm run import:hugo on a site with content/post/, nested folders and no permalink setting', () => {
  const { base: dir } = fixtureDirs('hugo-import-post-section');
  const site = path.join(dir, 'hugo');
  const target = path.join(dir, 'content-root');
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
    writeFileSync(path.join(site, file), text);
  };
  let result: CliResult;

  beforeAll(() => {
    rmSync(dir, { recursive: true, force: true });
    write('config.toml', 'title = "舊站"\n');
    write('content/post/top.md', '---\ntitle: 頂層\ndate: 2024-05-03\n---\n\n內文\n');
    write('content/post/2024/nested.md', '---\ntitle: 巢狀\ndate: 2024-05-01\n---\n\n內文\n');
    write('content/post/2024/bundle-a/index.md', '---\ntitle: 套件\ndate: 2024-05-02\nslug: Bundle-Slug\naliases: [rel-alias]\n---\n\n[連到巢狀](/post/2024/nested/)\n');
    result = runScript('import:hugo', [site], target);
  });

  it('keeps the nested paths and turns Hugo\'s default URLs under /post/ into aliases', () => {
    expect(result.status).toBe(0);
    const fm = (file: string) => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(path.join(target, 'content/posts', file), 'utf8'))![1]);
    expect(fm('top.md').aliases).toEqual(['/post/top/']);
    expect(fm('2024/nested.md').aliases).toEqual(['/post/2024/nested/']);
    expect(fm('2024/bundle-a/index.md').aliases).toEqual(['/post/rel-alias/', '/post/2024/bundle-slug/']);
    expect(readFileSync(path.join(target, 'content/posts/2024/bundle-a/index.md'), 'utf8')).toContain('[連到巢狀](/posts/2024/nested/)');
    expect(runScript('check:content', [], target).status).toBe(0);
  });
});
