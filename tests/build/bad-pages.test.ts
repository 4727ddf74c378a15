import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_ROOT, ROOT, fixtureDirs, runBuild } from '../support/build-fixture';

/**
 * Each case builds a site of one post (with an alias) and the given standalone pages, and expects the
 * production build to fail with a message naming the files involved and what was expected.
 */
function buildWithPages(name: string, pages: Record<string, string>): { status: number; output: string } {
  const scenario = `bad-pages-${name}`;
  const contentBase = OUTPUT_ROOT.startsWith(ROOT) ? OUTPUT_ROOT : path.join(ROOT, 'tests/.output');
  const root = path.join(contentBase, 'content', scenario);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'content/posts'), { recursive: true });
  mkdirSync(path.join(root, 'content/pages'), { recursive: true });
  const site = path.join(ROOT, 'tests/fixtures/site');
  for (const dir of ['content/companies', 'content/people', 'assets']) cpSync(path.join(site, dir), path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, 'content/posts/clean.md'), '---\ntitle: 文章\ndate: 2026-01-01\naliases: ["/2025/old-post/"]\n---\n\n內文。\n');
  for (const [file, source] of Object.entries(pages)) writeFileSync(path.join(root, 'content/pages', file), source);
  const { dist, cache } = fixtureDirs(scenario);
  try {
    return { status: 0, output: runBuild(scenario, { CONTENT_ROOT: path.relative(ROOT, root), ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache }) };
  } catch (err) {
    const e = err as { status: number; output: string };
    return { status: e.status, output: e.output };
  }
}

const page = (frontMatter: string) => `---\n${frontMatter}\n---\n\n頁面內文。\n`;

describe('bad pages fail the build naming the files and what was expected', () => {
  it('builds clean pages (positive control)', () => {
    const result = buildWithPages('clean', { 'about.md': page('title: 關於\nurl: /about-us/\naliases: ["/old-about/"]'), 'contact.md': page('title: 聯絡') });
    expect(result.status).toBe(0);
    const dist = fixtureDirs('bad-pages-clean').dist;
    expect(readFileSync(path.join(dist, 'about-us/index.html'), 'utf8')).toContain('<h1 class="page__title"');
    expect(readFileSync(path.join(dist, 'old-about/index.html'), 'utf8')).toContain('url=/about-us/');
    expect(existsSync(path.join(dist, 'contact/index.html'))).toBe(true);
  });

  it.each([
    [
      'alias-of-post',
      { 'about.md': page('title: 關於\naliases: ["/2025/old-post/"]') },
      /content\/pages\/about\.md: alias "\/2025\/old-post\/" is already built by .*content\/posts\/clean\.md \(its alias\); expected a URL no other page uses/,
    ],
    [
      'route',
      { 'archive.md': page('title: 封存') },
      /content\/pages\/archive\.md: URL "\/archive\/" is already built by src\/pages\/archive\.astro; expected a URL no other page uses/,
    ],
    [
      'two-pages',
      { 'a.md': page('title: A\nurl: /same/'), 'b.md': page('title: B\nurl: same') },
      /content\/pages\/b\.md: url "\/same\/" is already built by .*content\/pages\/a\.md \(its url\)/,
    ],
    ['menu', { 'about.md': page('title: 關於\nmenu: sidebar') }, /menu: unknown menu "sidebar"; expected "main" \(the header\) or "footer"[\s\S]*about\.md|about\.md[\s\S]*menu: unknown menu "sidebar"/],
    ['duplicate-id', { 'about.md': page('title: A'), 'other.md': page('title: B\nslug: about') }, /duplicate page id "about": .*content\/pages\/about\.md and .*content\/pages\/other\.md/],
  ])('%s', (name, pages, pattern) => {
    const result = buildWithPages(name, pages);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(pattern);
  });
});
