import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_ROOT, ROOT, fixtureDirs, runBuild } from '../support/build-fixture';
import { treeSnapshot } from './cli';

/**
 * `npm run build` skips the build when nothing changed since the last one (scripts/build.ts): it keeps the
 * output, or puts it back from the cache when the out dir was deleted, and builds again after any change.
 */
const contentBase = OUTPUT_ROOT.startsWith(ROOT) ? OUTPUT_ROOT : path.join(ROOT, 'tests/.output');
const contentRoot = path.join(contentBase, 'content', 'build-cache');
const { dist, cache } = fixtureDirs('build-cache');
const build = (env: Record<string, string> = {}) =>
  runBuild('site', { CONTENT_ROOT: path.relative(ROOT, contentRoot), ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache, ...env });
const ASTRO_RAN = /generating static routes/;
const MARKER = '建置快取測試：改過的內文。';

const logs: Record<string, string> = {};
let record: { nextScheduled?: string; output: Record<string, unknown> };
const trees: Record<string, Record<string, string>> = {};

beforeAll(() => {
  rmSync(contentRoot, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(contentRoot, { recursive: true });
  cpSync(path.join(ROOT, 'tests/fixtures/site'), contentRoot, { recursive: true });
  // Two more scheduled posts: the earlier one is a draft and must not count, the quoted date must.
  const posts = path.join(contentRoot, 'content/posts');
  writeFileSync(path.join(posts, 'scheduled-draft.md'), '---\ntitle: 排程中的草稿\ndate: 2098-01-01T10:00:00+08:00\ndraft: true\n---\n\n內文。\n');
  writeFileSync(path.join(posts, 'scheduled-quoted.md'), '---\ntitle: "排程中的文章"\ndate: "2098-06-01T08:00:00+08:00"\n---\n\n內文。\n');
  logs.first = build();
  record = JSON.parse(readFileSync(path.join(cache, 'build-record.json'), 'utf8'));
  trees.first = treeSnapshot(dist);
  logs.unchanged = build();
  rmSync(dist, { recursive: true, force: true });
  logs.restored = build();
  trees.restored = treeSnapshot(dist);
  logs.forced = build({ BUILD_CACHE: 'off' });
  trees.forced = treeSnapshot(dist);
  // Rewritten in place, which also changes the kept hard link: it must not be trusted any more.
  const home = path.join(dist, 'index.html');
  writeFileSync(home, readFileSync(home, 'utf8').replace('</body>', '<!-- edited by hand --></body>'));
  logs.tampered = build();
  trees.tampered = treeSnapshot(dist);
  appendFileSync(path.join(contentRoot, 'content/posts/hugo-typical.md'), `\n${MARKER}\n`);
  logs.edited = build();
  trees.edited = treeSnapshot(dist);
  // A post with its own hero deleted: its page and image variants must go from the kept out dir.
  rmSync(path.join(contentRoot, 'content/posts/bundled-post'), { recursive: true });
  logs.deleted = build();
  trees.deleted = treeSnapshot(dist);
  const clean = fixtureDirs('build-cache-clean');
  rmSync(clean.base, { recursive: true, force: true });
  runBuild('site', { CONTENT_ROOT: path.relative(ROOT, contentRoot), ASTRO_OUT_DIR: clean.dist, ASTRO_CACHE_DIR: clean.cache });
  trees.clean = treeSnapshot(clean.dist);
});

describe('npm run build: the whole-build cache', () => {
  it('builds the first time (positive control)', () => {
    expect(logs.first).toContain('[build] no previous build recorded; building');
    expect(logs.first).toMatch(ASTRO_RAN);
    expect(logs.first).toMatch(/\[build\] built in [\d.]+ s; kept \d+ output files/);
  });

  it('records when the next scheduled post comes due, drafts aside', () => {
    expect(record.nextScheduled).toBe('2098-06-01T00:00:00.000Z');
    expect(Object.keys(record.output)).toContain('index.html');
  });

  it('skips the build when nothing changed and the output is in place', () => {
    expect(logs.unchanged).toMatch(/\[build\] nothing changed since the build of .*: \d+ files in .* are up to date/);
    expect(logs.unchanged).not.toMatch(ASTRO_RAN);
  });

  it('puts the same files back when the out dir was deleted', () => {
    expect(logs.restored).toMatch(/\[build\] nothing changed since the build of .*: put its \d+ files back into/);
    expect(logs.restored).not.toMatch(ASTRO_RAN);
    expect(trees.restored).toEqual(trees.first);
  });

  it('builds anyway with BUILD_CACHE=off (npm run build -- --force), into the out dir as it is, to the same files', () => {
    expect(logs.forced).toMatch(ASTRO_RAN);
    expect(logs.forced).toMatch(/\[build\] building into .* as the last build left it/);
    expect(logs.forced).toMatch(/├─ \/posts\/hugo-typical\/index\.html \(cached\)/);
    expect(trees.forced).toEqual(trees.first);
    // Nothing was left over: the search bundles the indexer rewrites are not counted (see the deleted post below).
    expect(logs.forced).not.toMatch(/\[build\] removed/);
  });

  it('builds again when a kept file was modified, and writes the true output', () => {
    expect(logs.tampered).toContain('[build] nothing changed, but the kept output is missing or was modified; building');
    expect(logs.tampered).toMatch(ASTRO_RAN);
    expect(logs.tampered).not.toMatch(/as the last build left it/);
    expect(trees.tampered).toEqual(trees.first);
  });

  it('builds again after an article changed', () => {
    expect(logs.edited).toContain('[build] content, code or settings changed; building');
    expect(logs.edited).toMatch(ASTRO_RAN);
    expect(readFileSync(path.join(dist, 'posts/hugo-typical/index.html'), 'utf8')).toContain(MARKER);
  });

  it('removes what a deleted post left in the kept out dir, and ends with a clean build’s files', () => {
    const gone = Object.keys(trees.edited).filter((file) => !(file in trees.deleted));
    expect(gone).toContain('posts/bundled-post/index.html');
    expect(gone.filter((file) => /^_astro\/cover\..*\.(webp|jpg)$/.test(file)).length).toBeGreaterThan(0);
    expect(logs.deleted).toMatch(/as the last build left it/);
    expect(logs.deleted).toMatch(/\[build\] removed \d+ file\(s\) the previous build wrote and this one no longer has/);
    // Positive control: the other articles are still there.
    expect(trees.deleted).toHaveProperty(['posts/hugo-typical/index.html']);
    expect(trees.deleted).toEqual(trees.clean);
  });
});
