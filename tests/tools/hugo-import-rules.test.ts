import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import sharp from 'sharp';
import { ROOT, fixtureDirs, runBuild } from '../support/build-fixture';
import { parseHtml } from '../support/html';
import { runScript, treeSnapshot, type CliResult } from './cli';

const HUGO_SITE = 'tests/fixtures/hugo-rules';
const src = (p: string) => `${HUGO_SITE}/${p}`;
const { base, dist, cache } = fixtureDirs('hugo-import-rules');
const root = path.join(base, 'content-root');
const pub = path.join(base, 'public');
const env = { PUBLIC_DIR: pub };

const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
const frontMatter = (p: string): Record<string, unknown> => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(read(p))![1]);
const body = (p: string) => read(p).replace(/^---\n[\s\S]*?\n---\n/, '');
const builtPage = (urlPath: string) => parseHtml(readFileSync(path.join(dist, decodeURIComponent(urlPath), 'index.html'), 'utf8'));
const filesUnder = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.')).sort() : []);

describe('npm run import:hugo on a site with pages, other sections, translations, publishing rules and images anywhere', () => {
  let dryRun: CliResult;
  let dryRunWrote: string[];
  let first: CliResult;
  let firstTree: Record<string, string>;
  let firstPublic: Record<string, string>;
  let second: CliResult;

  beforeAll(() => {
    rmSync(base, { recursive: true, force: true });
    dryRun = runScript('import:hugo', [HUGO_SITE, '--dry-run'], root, env);
    dryRunWrote = [root, pub].filter((p) => existsSync(p));
    first = runScript('import:hugo', [HUGO_SITE], root, env);
    firstTree = treeSnapshot(root);
    firstPublic = treeSnapshot(pub);
    second = runScript('import:hugo', [HUGO_SITE], root, env);
  });

  it('plans pages and public files with --dry-run and writes nothing, not even the report', () => {
    expect(dryRun.status).toBe(0);
    expect(dryRun.stdout).toContain(`create    ${path.relative(ROOT, path.join(root, 'content/pages/about.md'))}`);
    expect(dryRun.stdout).toContain(`create    ${path.relative(ROOT, path.join(pub, 'files/report.pdf'))}`);
    expect(dryRunWrote).toEqual([]);
    expect(existsSync(root)).toBe(true);
  });

  it('imports without errors and summarises posts, pages, images and public/ files', () => {
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('文章 articles     14（新增 created 14）');
    expect(first.stdout).toContain('頁面 pages        5（新增 created 5）');
    expect(first.stdout).toContain('圖片 images       13（新增 created 13）');
    expect(first.stdout).toContain('public/ 檔案 files 3（新增 created 3）');
    expect(first.stdout).toContain('錯誤 errors       0');
  });

  it('changes nothing on a second run, the report and public/ included', () => {
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('文章 articles     14（未變更 unchanged 14）');
    expect(treeSnapshot(root)).toEqual(firstTree);
    expect(treeSnapshot(pub)).toEqual(firstPublic);
    expect(Object.keys(firstTree)).toContain('.hugo-import-report.md');
  });

  it('finds relative and site-absolute images in static/, assets/, the post folder and other pages, and links them for sharp', () => {
    const text = body('content/posts/relative-images.md');
    for (const line of [
      '![長條圖](../../assets/images/chart.png)',
      '![示意圖](../../assets/images/diagram.png "流程")',
      '![本地](../../assets/images/content/posts/local.png)',
      '![標誌](../../assets/images/brand/logo.png)',
      '![上傳](../../assets/images/uploads/site-abs.png)',
      '![資產](../../assets/images/assets-only.png)',
      '![收藏](../../assets/images/content/headless-media/photo.png)',
    ]) {
      expect(text).toContain(line);
    }
    expect(readFileSync(path.join(root, 'assets/images/brand/logo.png'))).toEqual(readFileSync(src('assets/brand/logo.png')));
    expect(readFileSync(path.join(root, 'assets/images/content/headless-media/photo.png'))).toEqual(readFileSync(src('content/headless-media/photo.png')));
    // Code spans are left alone.
    expect(text).toContain('`![不是圖](images/none.png)`');
  });

  it('turns an image found nowhere into its alt text and reports the file, line and paths tried', () => {
    const text = body('content/posts/relative-images.md');
    expect(text).toContain('\n遺失的推論成本圖\n');
    expect(text).not.toContain('nowhere.png');
    expect(text).toContain('![長條圖]');
    expect(first.stdout).toContain(
      `${src('content/posts/relative-images.md')}:38  image "images/nowhere.png" not found (tried ${src('content/posts/images/nowhere.png')}, ${src('static/images/nowhere.png')}, ${src('assets/images/nowhere.png')}); replaced by its alt text`,
    );
  });

  it('makes a simple <img> a Markdown image and keeps any other as HTML with its file in public/', () => {
    const text = body('content/posts/html-images.md');
    expect(text).toContain('![簡單的圖](../../assets/images/img/simple.png)');
    expect(text).toContain('<img src="/img/styled.png" alt="有樣式的圖" class="wide">');
    expect(text).toContain('<img src="/img/centered.png" alt="置中的圖">');
    expect(filesUnder(pub)).toEqual(['files/report.pdf', 'img/centered.png', 'img/styled.png']);
    expect(readFileSync(path.join(pub, 'img/styled.png'))).toEqual(readFileSync(src('static/img/styled.png')));
    expect(first.stdout).toContain('<img> with class kept as HTML; /img/styled.png copied to');
  });

  it('reads every theme hero field into image, relative to the bundle, static/ or assets/', () => {
    expect(frontMatter('content/posts/hero-featured.md').image).toBe('/images/hero-featured.png');
    expect(frontMatter('content/posts/hero-cover.md')).toMatchObject({ image: '/images/hero-cover.png', image_alt: '藍色封面' });
    expect(frontMatter('content/posts/hero-banner.md').image).toBe('/images/hero-banner.png');
    expect(frontMatter('content/posts/gpu-bundle/index.md').image).toBe('cover.png');
    expect(existsSync(path.join(root, 'content/posts/gpu-bundle/cover.png'))).toBe(true);
    const missing = frontMatter('content/posts/hero-missing.md');
    expect(missing).not.toHaveProperty('image');
    expect(missing.image_missing).toBe('/images/never-uploaded.jpg');
    expect(first.stdout).toContain(`${src('content/posts/hero-missing.md')}  hero thumbnail "/images/never-uploaded.jpg" not found`);
  });

  it('writes standalone pages with their URL, aliases and menu, leaves list pages out, and redirects theme layouts', () => {
    expect(filesUnder(path.join(root, 'content/pages'))).toEqual(['about.md', 'archives.md', 'contact.md', 'legal/privacy.md', 'notes/undated-note.md']);
    expect(frontMatter('content/pages/about.md')).toEqual({
      title: '關於本站',
      description: '這個網站在寫什麼。',
      date: '2020-01-01',
      aliases: ['/about-us/'],
      menu: { main: { weight: 10 } },
      url: '/about/',
    });
    expect(frontMatter('content/pages/contact.md')).toEqual({ title: '聯絡我們', url: '/contact-us/' });
    expect(body('content/pages/contact.md')).toContain('![辦公室地圖](../../assets/images/content/contact/map.png)');
    expect(frontMatter('content/pages/legal/privacy.md').url).toBe('/legal/privacy-policy/');
    // The theme's archives page was at /archives/: a page that only redirects to the site's /archive/.
    expect(frontMatter('content/pages/archives.md')).toEqual({ title: '文章彙整', url: '/archives/', redirect: '/archive/' });
    expect(first.stdout).toContain(`${src('content/archives.md')}  theme "archives" page: served by the site's own /archive/ page; its old URL /archives/ redirects there`);
    expect(first.stdout).toContain(`${src('content/search.md')}  theme "search" page: served by the site's own /search/ page`);
    expect(first.stdout).toContain(`${src('content/legal/_index.md')}  list page of the section "legal/"`);
  });

  it('imports dated files of other sections as posts with their old URL, and undated ones as pages', () => {
    expect(frontMatter('content/posts/notes/dated-note.md')).toMatchObject({ title: '有日期的筆記', aliases: ['/notes/dated-note/'] });
    expect(frontMatter('content/pages/notes/undated-note.md')).toMatchObject({ title: '沒有日期的筆記', url: '/notes/undated-note/' });
    expect(first.stdout).toContain('section "notes/": 1 dated file(s) imported as posts');
  });

  it('imports the default language only, reports translations once grouped, and imports a post that exists only in English', () => {
    const posts = filesUnder(path.join(root, 'content/posts')).filter((f) => f.endsWith('.md'));
    expect(posts).toContain('only-english.md');
    expect(posts).toContain('relative-images.md');
    expect(posts.filter((f) => /\.(en|fr)\.md$/.test(f))).toEqual([]);
    expect(frontMatter('content/posts/relative-images.md').title).toBe('相對路徑的圖片');
    expect(first.stdout).toContain('4 translations skipped: en (3), fr (1); only the default language "zh-tw" is imported');
    expect(first.stdout).toContain(`${src('content/posts/only-english.en.md')}  exists only in "en"`);
  });

  it("follows Hugo's publishing rules: drafts stay drafts, expired and headless content is left out, dates keep the site's names", () => {
    expect(frontMatter('content/posts/draft-post.md').draft).toBe(true);
    expect(existsSync(path.join(root, 'content/posts/expired.md'))).toBe(false);
    const scheduled = frontMatter('content/posts/scheduled-expiry.md');
    expect(scheduled).toMatchObject({ publishDate: '2024-03-12T09:00:00+08:00', expiryDate: '2099-01-01T00:00:00+08:00' });
    expect(Object.keys(scheduled)).not.toContain('pubdate');
    expect(Object.keys(scheduled)).not.toContain('unpublishdate');
    expect(filesUnder(path.join(root, 'content')).filter((f) => /headless|snippets|footer/.test(f))).toEqual([]);
    expect(first.stdout).toContain(`${src('content/posts/expired.md')}  expired on 2020-01-01T00:00:00+08:00 (expiryDate)`);
    expect(first.stdout).toContain(`${src('content/headless-media/index.md')}  headless: true`);
    expect(first.stdout).toContain(`${src('content/snippets/footer.md')}  build.render: never`);
  });

  it('repairs impossible offsets and days to the same wall time in the site zone, with file and line', () => {
    expect(frontMatter('content/posts/bad-offset.md').date).toBe('2019-05-01T10:00:00');
    expect(frontMatter('content/posts/toml-bad-date.md')).toMatchObject({ date: '2019-05-02T08:30:00', lastmod: '2019-02-28' });
    expect(first.stdout).toContain(`${src('content/posts/bad-offset.md')}:3  date "2019-05-01T10:00:00+50:00" has an impossible offset +50:00`);
    expect(first.stdout).toContain(`${src('content/posts/toml-bad-date.md')}:4  lastmod "2019-02-30" has no day 30 in 2019-02; imported as 2019-02-28`);
  });

  it('turns dead internal links into their text and keeps links to terms, anchors, pages, old addresses and site pages', () => {
    const text = body('content/posts/links.md');
    expect(text).toContain('還在的：[標籤頁](/tags/gpu/)、[本頁段落](#段落)、[舊站首頁](https://old.example.tw/)、[相對圖片文](/posts/relative-images/)、[封存](/archive/)。');
    expect(text).toContain('不在的：刪掉的文章、舊站死連結、草稿、過期的文章。');
    expect(text).toContain('\n舊的系列\n');
    expect(text).toContain('\n[tag-ref]: /tags/gpu/ "GPU 標籤"\n');
    expect(text).not.toContain('gone-too');
    expect(read('.hugo-import-report.md')).toContain(`- \`${src('content/posts/links.md')}:14\` reference definition "/2018/gone-too/" points to nothing`);
    expect(body('content/pages/about.md')).toContain('聯絡方式見[聯絡頁](/contact-us/)；另見[隱私權](/legal/privacy-policy/)與不存在的頁。');
    expect(first.stdout).toContain(`${src('content/posts/links.md')}:8  link "/posts/draft-post/" points to a draft, which the site does not build`);
  });

  it('prints one report grouped by kind, the first five of a group and how many more, and writes the whole of it', () => {
    expect(first.stdout).toContain('站內連結 internal links: 7 dead (turned into text)');
    expect(first.stdout).toContain('…還有 2 項 and 2 more（見報告檔 see the report file）');
    expect(first.stdout).toContain('圖片 images: 17 referenced, 12 copied to assets, 3 files copied to public/, 2 missing, 2 kept as HTML (copied to public/, not optimised)');
    const report = read('.hugo-import-report.md');
    expect(report).toContain('## 站內連結 internal links');
    expect(report.match(/^- `.*links\.md:\d+` (link|reference definition) /gm)).toHaveLength(6);
    expect(report).toContain(`- \`${src('content/about.md')}:11\` link "/team/" points to nothing the imported site serves`);
  });

  it('leaves content whose only check:content findings are the <img> tags kept as HTML', () => {
    const check = runScript('check:content', [], root, env);
    expect(check.stdout.match(/✗ .*/g)).toEqual([
      expect.stringContaining('image "/img/styled.png" is served from public/ without optimization'),
      expect.stringContaining('image "/img/centered.png" is served from public/ without optimization'),
    ]);
  });

  describe('the imported site, built', () => {
    beforeAll(() => {
      rmSync(dist, { recursive: true, force: true });
      runBuild('hugo-import-rules', { CONTENT_ROOT: root, PUBLIC_DIR: pub, ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache });
    });

    it('shows every found image optimised by the build, and the missing one as text', () => {
      const prose = builtPage('/posts/relative-images/').querySelector('.prose')!;
      expect(prose.querySelectorAll('img').map((i) => i.getAttribute('src'))).toEqual(
        ['chart', 'diagram', 'local', 'logo', 'site-abs', 'assets-only', 'photo'].map((n) => expect.stringMatching(new RegExp(`^/_astro/${n}\\.[\\w-]+\\.webp$`))),
      );
      expect(prose.querySelectorAll('p').map((p) => p.textContent)).toContain('遺失的推論成本圖');
    });

    it('serves kept <img> tags and linked files from public/ at their old paths', () => {
      const prose = builtPage('/posts/html-images/').querySelector('.prose')!;
      expect(prose.querySelectorAll('img').map((i) => i.getAttribute('src'))).toEqual([
        expect.stringMatching(/^\/_astro\/simple\.[\w-]+\.webp$/),
        '/img/styled.png',
        '/img/centered.png',
      ]);
      expect(prose.querySelector('a')?.getAttribute('href')).toBe('/files/report.pdf');
      expect(readFileSync(path.join(dist, 'img/styled.png'))).toEqual(readFileSync(src('static/img/styled.png')));
      expect(existsSync(path.join(dist, 'files/report.pdf'))).toBe(true);
    });

    it('shows theme heroes as optimised hero images', () => {
      for (const [url, name] of [['/posts/hero-featured/', 'hero-featured'], ['/posts/hero-cover/', 'hero-cover'], ['/posts/gpu-bundle/', 'cover']]) {
        expect(builtPage(url).querySelector('img.hero')?.getAttribute('src'), url).toMatch(new RegExp(`^/_astro/${name}\\.[\\w-]+\\.webp$`));
      }
      expect(builtPage('/posts/hero-missing/').querySelector('img.hero')).toBeNull();
      expect(builtPage('/posts/hero-missing/').querySelector('h1')?.textContent).toBe('找不到的主圖');
    });

    it('dates a repaired post at the wall time the author wrote, in Taipei', () => {
      expect(builtPage('/posts/bad-offset/').querySelector('time')?.getAttribute('datetime')).toBe('2019-05-01T10:00:00+08:00');
    });

    it('builds the post only in English and no translation, and keeps dead links as plain text', () => {
      expect(builtPage('/posts/only-english/').querySelector('h1')?.textContent).toBe('Only in English');
      expect(existsSync(path.join(dist, 'posts/relative-images.en'))).toBe(false);
      expect(existsSync(path.join(dist, 'posts/expired'))).toBe(false);
      const links = builtPage('/posts/links/').querySelectorAll('.prose a').map((a) => a.getAttribute('href'));
      expect(links).toEqual(['/tags/gpu/', '#%E6%AE%B5%E8%90%BD', 'https://old.example.tw/', '/posts/relative-images/', '/archive/', '/tags/gpu/']);
    });
  });
});

/** Runs the import without blocking this process, so the test's own HTTP server can answer it. */
function runImport(args: string[], contentRoot: string, extraEnv: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'import:hugo', '--', ...args], { cwd: ROOT, env: { ...process.env, CONTENT_ROOT: contentRoot, NO_COLOR: '1', ...extraEnv } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run import:hugo with remote images', () => {
  const { base: dir } = fixtureDirs('hugo-import-remote');
  const site = path.join(dir, 'hugo');
  const kept = path.join(dir, 'kept');
  const downloaded = path.join(dir, 'downloaded');
  let server: Server;
  let png: Buffer;
  let origin: string;
  let unreachable: string;
  let withoutDownload: CliResult;
  let withDownload: CliResult;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
    writeFileSync(path.join(site, file), text);
  };

  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 10, g: 200, b: 90 } } }).png().toBuffer();
    server = createServer((req, res) => {
      if (req.url === '/photos/chart.png' || req.url === '/hero.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A port nothing listens on: a server is started on it and closed again.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    unreachable = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/unreachable.png`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    write('hugo.toml', 'title = "遠端圖片"\n');
    write('content/posts/remote.md', `---\ntitle: 遠端圖片\ndate: 2024-01-01\nfeatured_image: ${origin}/hero.png\n---\n\n![圖表](${origin}/photos/chart.png)\n\n![壞掉](${origin}/gone.png)\n\n![連不上](${unreachable})\n`);
    withoutDownload = await runImport([site], kept, { PUBLIC_DIR: path.join(dir, 'public') });
    withDownload = await runImport([site, '--download-images'], downloaded, { PUBLIC_DIR: path.join(dir, 'public') });
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const fm = (r: string) => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(path.join(r, 'content/posts/remote.md'), 'utf8'))![1]);
  const text = (r: string) => readFileSync(path.join(r, 'content/posts/remote.md'), 'utf8');

  it('keeps remote body images and a remote hero by default, and reports plain http:// heroes', () => {
    expect(withoutDownload.status).toBe(0);
    expect(fm(kept).image).toBe(`${origin}/hero.png`);
    expect(text(kept)).toContain(`![圖表](${origin}/photos/chart.png)`);
    expect(withoutDownload.stdout).toContain(`hero featured_image "${origin}/hero.png" is plain http://; kept`);
    expect(withoutDownload.stdout).toContain(`remote image ${origin}/photos/chart.png kept`);
    expect(existsSync(path.join(kept, 'assets/images/remote'))).toBe(false);
  });

  it('downloads remote images with --download-images, rewriting body and hero, and keeps the URL of each failure', () => {
    expect(withDownload.status).toBe(0);
    const hero = fm(downloaded).image as string;
    expect(hero).toMatch(/^\/images\/remote\/127\.0\.0\.1\/hero-[0-9a-f]{8}\.png$/);
    expect(readFileSync(path.join(downloaded, 'assets', hero))).toEqual(png);
    const body = text(downloaded);
    expect(body).toMatch(/!\[圖表\]\(\.\.\/\.\.\/assets\/images\/remote\/127\.0\.0\.1\/chart-[0-9a-f]{8}\.png\)/);
    expect(body).toContain(`![壞掉](${origin}/gone.png)`);
    expect(body).toContain(`![連不上](${unreachable})`);
    expect(withDownload.stdout).toContain(`could not download ${origin}/gone.png: HTTP 404; the remote URL is kept`);
    expect(withDownload.stdout).toContain(`could not download ${unreachable}: ECONNREFUSED; the remote URL is kept`);
  });
});
