import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../support/processes';
import { RebuildWorkspace, diffTrees, formatDifferences, tail, taipeiTimestamp, type BuildResult, type CleanBuild } from '../support/rebuilds';

/**
 * Scheduled posts go live, and expired posts go, on the first plain `npm run build` after their moment
 * (no --force): a copy of the fixture gets a post whose publishDate is a little after the first build and
 * a post whose expiryDate is a little after that. The site is built before, between and after the two
 * moments, and each build after a moment is compared file by file with a clean build at the same moment.
 */
const ws = new RebuildWorkspace('rebuilds-scheduled');
const DUE = { rel: 'content/posts/due-soon.md', page: 'posts/due-soon/index.html', url: '/posts/due-soon/', title: '排程測試：稍後上線的文章' };
const EXPIRING = { rel: 'content/posts/expiring-soon.md', page: 'posts/expiring-soon/index.html', url: '/posts/expiring-soon/', title: '排程測試：稍後下架的文章' };
const TIMEOUT = 30 * 60_000;

/** Whole seconds: front-matter times have no milliseconds. */
const wholeSecond = (ms: number) => Math.ceil(ms / 1000) * 1000;
/** The time as the build prints it: Taipei wall clock. */
const printed = (ms: number) => `${taipeiTimestamp(ms).slice(0, 19).replace('T', ' ')} (Asia/Taipei)`;

interface Phase {
  build: BuildResult;
  /** The out dir's files this test reads, as they were right after the build. */
  files: Record<string, string | undefined>;
  clean?: CleanBuild;
  differences?: string;
}

const READ = ['index.html', 'index.xml', 'sitemap-0.xml', DUE.page, EXPIRING.page];
const snapshot = (dir: string) => Object.fromEntries(READ.map((rel) => [rel, existsSync(path.join(dir, rel)) ? readFileSync(path.join(dir, rel), 'utf8') : undefined]));

let due = 0;
let expiry = 0;
let before: Phase;
let between: Phase;
let after: Phase;

/** An incremental build, then a clean build at the same moment, compared; both must end before `deadline`. */
async function buildAndCompare(label: string, deadline: number): Promise<Phase> {
  const build = await ws.build(label);
  if (build.code !== 0) throw new Error(`${label}: npm run build exited ${build.code}:\n${tail(build.output)}`);
  const files = snapshot(ws.out);
  const clean = await ws.clean(label);
  if (clean.result.code !== 0) throw new Error(`${label}: the clean build exited ${clean.result.code}:\n${tail(clean.result.output)}`);
  const ended = clean.reused ? Date.now() : clean.result.endedAt;
  if (ended >= deadline) throw new Error(`${label}: the builds ended after the next scheduled moment; the machine is too slow for the margins chosen`);
  return { build, files, clean, differences: formatDifferences(diffTrees(ws.out, clean.dir)) };
}

beforeAll(async () => {
  ws.reset();
  // A first build of the fixture, to time a cold build on this machine and choose the margins from it.
  const warmUp = await ws.build('warm-up');
  if (warmUp.code !== 0) throw new Error(`the fixture did not build:\n${tail(warmUp.output)}`);
  const margin = Math.max(20_000, Math.ceil(warmUp.seconds * 1000));
  due = wholeSecond(Date.now() + margin);
  // Time for an incremental and a clean build between the two moments.
  expiry = wholeSecond(due + 3 * margin);
  ws.write(DUE.rel, `---\ntitle: "${DUE.title}"\ndate: 2026-11-01T09:00:00+08:00\npublishDate: ${taipeiTimestamp(due)}\ntags: ["排程"]\n---\n\n這篇文章的 publishDate 在第一次建置之後。\n`);
  ws.write(EXPIRING.rel, `---\ntitle: "${EXPIRING.title}"\ndate: 2026-11-02T09:00:00+08:00\nexpiryDate: ${taipeiTimestamp(expiry)}\ntags: ["排程"]\n---\n\n這篇文章的 expiryDate 在第二次建置之後。\n`);

  const first = await ws.build('before-due');
  if (first.code !== 0) throw new Error(`the build before the post was due failed:\n${tail(first.output)}`);
  if (first.endedAt >= due) throw new Error('the first build ended after the post was due; the machine is too slow for the margins chosen');
  before = { build: first, files: snapshot(ws.out) };

  await sleep(due + 1500 - Date.now());
  between = await buildAndCompare('after-due', expiry);

  await sleep(expiry + 1500 - Date.now());
  after = await buildAndCompare('after-expiry', Infinity);
}, TIMEOUT);

describe('a scheduled post goes live on the next build after its publishDate', () => {
  it('the build before says which post goes live, and when in Taipei time', () => {
    expect(before.build.output).toContain(`[build] next scheduled post: ${ws.contentRoot}/${DUE.rel} goes live at ${printed(due)}; the first npm run build after that moment publishes it`);
  });

  it('is absent before its moment (positive control: the post that expires later is there)', () => {
    expect(before.files[DUE.page]).toBeUndefined();
    expect(before.files['index.html']).not.toContain(DUE.title);
    expect(before.files['index.xml']).not.toContain(DUE.title);
    expect(before.files['sitemap-0.xml']).not.toContain(DUE.url);
    expect(before.files[EXPIRING.page]).toContain(EXPIRING.title);
    expect(before.files['index.html']).toContain(EXPIRING.title);
    expect(before.files['sitemap-0.xml']).toContain(EXPIRING.url);
  });

  it('a plain npm run build after its moment builds again, because of it', () => {
    expect(between.build.output).toContain('[build] a post or page is due or expires (');
    expect(between.build.output).not.toMatch(/\[build\] nothing changed/);
  });

  it('is then on the home page, on its own page, in the feed and in the sitemap', () => {
    expect(between.files[DUE.page]).toContain(DUE.title);
    expect(between.files['index.html']).toContain(DUE.title);
    expect(between.files['index.xml']).toContain(DUE.title);
    expect(between.files['sitemap-0.xml']).toContain(DUE.url);
  });

  it('the output equals a clean build at the same moment', () => {
    expect(existsSync(path.join(between.clean!.dir, DUE.page))).toBe(true);
    expect(between.differences).toBe('');
  });

  it('that build names the next change: the other post expiring', () => {
    expect(between.build.output).toContain(`[build] next scheduled expiry: ${ws.contentRoot}/${EXPIRING.rel} expires at ${printed(expiry)}; the first npm run build after that moment takes it down`);
  });
});

describe('an expiring post goes on the next build after its expiryDate', () => {
  it('is gone from its page, the home page, the feed and the sitemap (positive control: the other post stays)', () => {
    expect(after.build.output).toContain('[build] a post or page is due or expires (');
    expect(after.files[EXPIRING.page]).toBeUndefined();
    expect(after.files['index.html']).not.toContain(EXPIRING.title);
    expect(after.files['index.xml']).not.toContain(EXPIRING.title);
    expect(after.files['sitemap-0.xml']).not.toContain(EXPIRING.url);
    expect(after.files[DUE.page]).toContain(DUE.title);
    expect(after.files['index.html']).toContain(DUE.title);
  });

  it('the output equals a clean build at the same moment', () => {
    expect(after.differences).toBe('');
  });
});
