import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { devRoot, startDevServer, type DevServer } from '../support/dev-server';

// One `npm run dev` on a private copy of the project and of the site fixture, started with one broken
// post present; the tests then edit the copy's content while it runs, as an author does.
const DATE_PROBLEM = 'date: expected a date such as 2026-03-01 or 2026-03-01T07:00:00+08:00, got "2026-13-01"';
const HUGO_TYPICAL_TITLE = '2026 AI 展望：小模型與開源的下一步';
const BROKEN_AT_START = '---\ntitle: 一開始就壞掉的文章\ndate: 2026-13-01\n---\n\n內文。\n';

/** The problem page's file:line, message and fix, once `page` shows it. */
async function problemText(page: Page): Promise<{ where: string; message: string; fix: string; lines: string }> {
  const message = page.locator('#problem-message');
  await message.waitFor({ timeout: 120_000 });
  const text = (selector: string) => page.locator(selector).innerText();
  return { where: await text('#problem-file'), message: await message.innerText(), fix: await text('#problem-fix'), lines: await text('#problem-lines') };
}

async function status(url: string): Promise<number> {
  const res = await fetch(url);
  await res.arrayBuffer();
  return res.status;
}

/** Asks for `url` until it answers `expected` (the loader picks an edit up within a second or two). */
async function waitForStatus(url: string, expected: number): Promise<number> {
  let last = 0;
  for (let i = 0; i < 240; i++) {
    last = await status(url);
    if (last === expected) return last;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return last;
}

describe('npm run dev shows content problems in the browser', () => {
  let root = '';
  let contentRoot = '';
  let server: DevServer;
  let browser: Browser;
  const post = (name: string) => path.join(contentRoot, 'content/posts', name);
  /** Folders a checkout holds besides the site: the benchmark's corpus and builds, test output, a build. */
  const notSite = () =>
    ['.bench/root-run-1000/corpus/content/posts', '.bench/run-1000/dist/posts', 'tests/.output/site/dist', 'dist/posts'].map((dir) => path.join(root, dir));

  beforeAll(async () => {
    ({ root, contentRoot } = devRoot('dev-server', 'site'));
    writeFileSync(post('broken-at-start.md'), BROKEN_AT_START);
    for (const dir of notSite()) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'not-site.md'), '---\ntitle: 不是網站的檔案\ndate: 2026-01-01\n---\n');
    }
    server = await startDevServer(root, contentRoot);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('starts with a broken post: serves the other pages, lists the problem on each, and shows it on the post page', async () => {
    for (const url of ['/', '/posts/date-only/']) {
      const res = await fetch(`${server.url}${url}`);
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html).toContain('site-content/content/posts/broken-at-start.md:3');
      expect(html).toContain(DATE_PROBLEM.replace(/"/g, '&quot;'));
    }
    expect(await (await fetch(`${server.url}/`)).text()).toContain('台北清晨發佈的文章');

    const page = await browser.newPage();
    const res = await page.goto(`${server.url}/posts/broken-at-start/`);
    expect(res?.status()).toBe(500);
    const problem = await problemText(page);
    expect(problem.where).toBe('site-content/content/posts/broken-at-start.md:3');
    expect(problem.message).toContain(DATE_PROBLEM);
    expect(problem.fix).toContain('修正 site-content/content/posts/broken-at-start.md 並存檔');
    expect(problem.lines).toContain('> 3 | date: 2026-13-01');
    await page.close();

    writeFileSync(post('broken-at-start.md'), BROKEN_AT_START.replace('2026-13-01', '2026-01-13'));
    expect(await waitForStatus(`${server.url}/posts/broken-at-start/`, 200)).toBe(200);
    expect(await (await fetch(`${server.url}/`)).text()).not.toContain('broken-at-start.md:3');
  });

  it('shows a date broken while the server runs on the open page, and the page again once it is fixed', async () => {
    const file = post('hugo-typical.md');
    const good = readFileSync(file, 'utf8');
    const page = await browser.newPage();
    // The page reloads itself when content changes: wait until its update channel is connected.
    const connected = new Promise<void>((resolve) => page.on('websocket', (socket) => socket.on('framereceived', () => resolve())));
    await page.goto(`${server.url}/posts/hugo-typical/`);
    await connected;
    const title = page.getByRole('heading', { level: 1, name: HUGO_TYPICAL_TITLE });
    // The previous test's fix may still be syncing, and the page reloads itself once it has: wait for the article.
    await title.waitFor({ timeout: 120_000 });
    await expect(title.count()).resolves.toBe(1);

    // The open page reloads itself and shows the problem, at the field's line.
    writeFileSync(file, good.replace(/^date: .*$/m, 'date: 2026-13-01'));
    const problem = await problemText(page);
    expect(problem.where).toBe('site-content/content/posts/hugo-typical.md:3');
    expect(problem.message).toContain(DATE_PROBLEM);
    await expect(title.count()).resolves.toBe(0);

    writeFileSync(file, good);
    await title.waitFor({ timeout: 120_000 });
    await expect(page.locator('#problem-message').count()).resolves.toBe(0);
    await page.close();
  });

  it('shows a bad embed id in a Markdown post with its line, and the page again once it is fixed', async () => {
    const file = post('taipei-morning.md');
    const good = readFileSync(file, 'utf8');
    const bad = `${good.trimEnd()}\n\n{{< youtube "abc" >}}\n`;
    writeFileSync(file, bad);
    expect(await waitForStatus(`${server.url}/posts/taipei-morning/`, 500)).toBe(500);

    const page = await browser.newPage();
    await page.goto(`${server.url}/posts/taipei-morning/`);
    const problem = await problemText(page);
    const line = bad.split('\n').indexOf('{{< youtube "abc" >}}') + 1;
    expect(problem.where).toBe(`site-content/content/posts/taipei-morning.md:${line}`);
    expect(problem.message).toContain(`site-content/content/posts/taipei-morning.md:${line}: {{< youtube >}}: invalid YouTube id "abc"; expected 11 characters`);
    await page.close();

    writeFileSync(file, good);
    expect(await waitForStatus(`${server.url}/posts/taipei-morning/`, 200)).toBe(200);
  });

  it('lists a field misspelt while the server runs as a warning naming the nearest field, keeps the page, and clears it once fixed', async () => {
    const file = post('hugo-typical.md');
    const good = readFileSync(file, 'utf8');
    const line = good.split('\n').findIndex((l) => l.startsWith('description:')) + 1;
    expect(line).toBeGreaterThan(1);
    const page = await browser.newPage();
    const connected = new Promise<void>((resolve) => page.on('websocket', (socket) => socket.on('framereceived', () => resolve())));
    await page.goto(`${server.url}/posts/hugo-typical/`);
    await connected;
    // Positive control: the banner is absent before the edit.
    await expect(page.locator('#content-problems-title').count()).resolves.toBe(0);

    writeFileSync(file, good.replace(/^description:/m, 'desciption:'));
    const banner = page.locator('.content-problems');
    await banner.waitFor({ timeout: 120_000 });
    const text = await banner.innerText();
    expect(text).toContain('1 個檔案有警告');
    expect(text).toContain(`site-content/content/posts/hugo-typical.md:${line}`);
    expect(text).toContain('unknown front-matter field "desciption" (did you mean "description"?)');
    // Only a warning: the article is still there.
    await expect(page.getByRole('heading', { level: 1, name: HUGO_TYPICAL_TITLE }).count()).resolves.toBe(1);

    writeFileSync(file, good);
    await banner.waitFor({ state: 'detached', timeout: 120_000 });
    await expect(page.getByRole('heading', { level: 1, name: HUGO_TYPICAL_TITLE }).count()).resolves.toBe(1);
    await page.close();
  });

  it('gives a post added while the server runs its page and lists it', async () => {
    writeFileSync(post('added-in-dev.md'), '---\ntitle: 開發中新增的文章\ndate: 2026-03-02T09:00:00+08:00\n---\n\n新文章的內文。\n');
    expect(await waitForStatus(`${server.url}/posts/added-in-dev/`, 200)).toBe(200);
    expect(await (await fetch(`${server.url}/`)).text()).toContain('開發中新增的文章');
  });

  it('watches the site sources and content, never the benchmark corpus, test output or a build', () => {
    const watched = server.watchedInodes();
    const inode = (dir: string) => statSync(dir).ino;
    // Positive controls: the folders an author edits.
    for (const dir of [path.join(contentRoot, 'content/posts'), path.join(root, 'src/pages'), path.join(root, 'src/lib')]) {
      expect(watched.has(inode(dir)), dir).toBe(true);
    }
    for (const dir of notSite()) {
      expect(watched.has(inode(dir)), dir).toBe(false);
      expect(watched.has(inode(path.join(dir, 'not-site.md'))), dir).toBe(false);
    }
    for (const dir of ['.bench', 'tests/.output', 'dist']) expect(watched.has(inode(path.join(root, dir))), dir).toBe(false);
  });
});
