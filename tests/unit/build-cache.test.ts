import { appendFileSync, existsSync, rmSync, mkdirSync, mkdtempSync, readFileSync, renameSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  RECORD_VERSION,
  changedInputs,
  hashInputs,
  holdsOutput,
  linkTree,
  listFiles,
  manifestOf,
  matchesOutput,
  readRecord,
  staleReason,
  verifyCache,
  type BuildRecord,
} from '../../scripts/lib/build-cache';

const inputs = { fingerprint: 'abc' };
const record = (fields: Partial<BuildRecord> = {}): BuildRecord => ({
  version: RECORD_VERSION,
  fingerprint: 'abc',
  outDir: '/site/dist',
  builtAt: '2026-11-30T01:00:00.000Z',
  year: 2026,
  output: {},
  cache: {},
  ...fields,
});
const now = new Date('2026-11-30T02:00:00Z');

describe('staleReason', () => {
  it('accepts the recorded build when inputs, out dir, schedule and year all match (positive control)', () => {
    expect(staleReason(record(), inputs, '/site/dist', now, 2026)).toBeUndefined();
    expect(staleReason(record({ nextScheduled: '2026-12-01T00:00:00.000Z' }), inputs, '/site/dist', now, 2026)).toBeUndefined();
  });

  it('rebuilds once a scheduled post is due or a post expires', () => {
    expect(staleReason(record({ nextScheduled: '2026-11-30T01:30:00.000Z' }), inputs, '/site/dist', now, 2026)).toBe(
      'a post or page is due or expires (2026-11-30T01:30:00.000Z)',
    );
  });

  it('rebuilds for changed inputs, another out dir, a new year or no record', () => {
    expect(staleReason(record({ fingerprint: 'other' }), inputs, '/site/dist', now, 2026)).toBe('content, code or settings changed');
    expect(staleReason(record(), inputs, '/elsewhere', now, 2026)).toBe('the previous build went to another out dir');
    expect(staleReason(record(), inputs, '/site/dist', now, 2027)).toBe('the year changed');
    expect(staleReason(undefined, inputs, '/site/dist', now, 2026)).toBe('no previous build recorded');
  });
});

/** Writes files (relative path → text) under a new temporary folder; returns the folder. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'build-cache-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('linkTree', () => {
  it('links every listed file, keeps links that are already right and removes the rest', () => {
    const from = tree({ 'a.html': 'a', 'sub/b.html': 'b' });
    const to = tree({ 'old.html': 'old', 'sub/stale/c.html': 'c' });
    linkTree(from, to, ['a.html', 'sub/b.html']);
    expect(listFiles(to).sort()).toEqual(['a.html', 'sub/b.html']);
    expect(statSync(path.join(to, 'a.html')).ino).toBe(statSync(path.join(from, 'a.html')).ino);
    expect(existsSync(path.join(to, 'sub/stale'))).toBe(false);
    // A file replaced in `from` (new inode) gets a new link; the unchanged one keeps its link.
    const before = statSync(path.join(to, 'sub/b.html')).ino;
    writeFileSync(path.join(from, 'a.tmp'), 'a2');
    renameSync(path.join(from, 'a.tmp'), path.join(from, 'a.html'));
    linkTree(from, to, ['a.html', 'sub/b.html']);
    expect(readFileSync(path.join(to, 'a.html'), 'utf8')).toBe('a2');
    expect(statSync(path.join(to, 'sub/b.html')).ino).toBe(before);
  });
});

describe('readRecord', () => {
  it('reads a whole record (positive control) and takes anything else for no record', () => {
    const dir = tree({});
    const file = path.join(dir, 'build-record.json');
    writeFileSync(file, JSON.stringify(record()));
    expect(readRecord(file)?.fingerprint).toBe('abc');
    for (const text of ['null', '{"version":2}', '{"version":1,"outDir":"/x"}', '\u0000\u0001garbage', '', '[]']) {
      writeFileSync(file, text);
      expect(readRecord(file)).toBeUndefined();
    }
    expect(readRecord(path.join(dir, 'missing.json'))).toBeUndefined();
  });
});

describe('changedInputs', () => {
  it('notices a same-size edit whose mtime was put back, by its ctime', async () => {
    const dir = tree({ 'src/a.md': 'abc', 'src/b.md': 'xyz' });
    const before = hashInputs(dir, 'src', {}, []);
    expect(changedInputs(before.files, dir, 'src', [])).toEqual([]);
    const file = path.join(dir, 'src/a.md');
    const { atime, mtime } = statSync(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(file, 'abd');
    utimesSync(file, atime, mtime);
    expect(changedInputs(before.files, dir, 'src', [])).toEqual(['src/a.md']);
    expect(hashInputs(dir, 'src', {}, []).fingerprint).not.toBe(before.fingerprint);
  });

  it('notices a file saved back to what it was (same bytes, new stat), and added files', async () => {
    const dir = tree({ 'src/a.md': 'abc' });
    const before = hashInputs(dir, 'src', {}, []);
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(path.join(dir, 'src/a.md'), 'abc');
    writeFileSync(path.join(dir, 'src/new.md'), 'new');
    expect(changedInputs(before.files, dir, 'src', [])).toEqual(['src/a.md', 'src/new.md']);
    // Positive control: the same bytes give the same fingerprint once the added file is gone again.
    rmSync(path.join(dir, 'src/new.md'));
    expect(hashInputs(dir, 'src', {}, []).fingerprint).toBe(before.fingerprint);
  });
});

describe('matchesOutput and holdsOutput', () => {
  it('trusts an untouched out dir (positive control), not one edited in place with its mtime put back', async () => {
    const dir = tree({ 'index.html': '<p>a</p>', 'posts/x/index.html': 'x' });
    const output = manifestOf(dir, undefined);
    expect(matchesOutput(dir, output)).toBe(true);
    expect(holdsOutput(dir, output)).toBe(true);
    const file = path.join(dir, 'index.html');
    const { atime, mtime } = statSync(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(file, '<p>b</p>');
    utimesSync(file, atime, mtime);
    expect(matchesOutput(dir, output)).toBe(false);
    expect(holdsOutput(dir, output)).toBe(false);
  });
});

describe('verifyCache', () => {
  const files = {
    'incremental-build.json': '{"routes":{}}',
    'dist/posts/a/index.html': 'page a',
    'dist/posts/b/index.html': 'page b',
    'assets/hero.abc.webp': 'webp bytes',
    'post-html/0123.html': '<p>html</p>',
    'data-store.json': '{}',
  };
  const recorded = (dir: string) => record({ cache: manifestOf(dir, undefined) });

  it('keeps a cache exactly as the last build left it (positive control)', () => {
    const dir = tree(files);
    expect(verifyCache(dir, recorded(dir))).toEqual({ removed: [], dropped: undefined });
    expect(listFiles(dir).sort()).toEqual(Object.keys(files).sort());
  });

  it('removes files that changed or appeared since, and keeps the rest', () => {
    const dir = tree(files);
    const last = recorded(dir);
    truncateSync(path.join(dir, 'assets/hero.abc.webp'), 3);
    appendFileSync(path.join(dir, 'dist/posts/b/index.html'), ' edited');
    writeFileSync(path.join(dir, 'assets/half-written.webp'), 'partial');
    const check = verifyCache(dir, last);
    expect(check.dropped).toBeUndefined();
    expect(check.removed.sort()).toEqual(['assets/half-written.webp', 'assets/hero.abc.webp', 'dist/posts/b/index.html']);
    expect(listFiles(dir).sort()).toEqual(['data-store.json', 'dist/posts/a/index.html', 'incremental-build.json', 'post-html/0123.html']);
  });

  it("drops Astro's whole page cache when its key list is not the recorded one", () => {
    const dir = tree(files);
    const last = recorded(dir);
    writeFileSync(path.join(dir, 'incremental-build.json'), '{"routes":{"other":{}}}');
    const check = verifyCache(dir, last);
    expect(check.dropped).toBe("Astro's page cache is not the one the last recorded build left");
    expect(listFiles(dir).sort()).toEqual(['assets/hero.abc.webp', 'data-store.json', 'post-html/0123.html']);
  });

  it('empties the cache dir when there is no record, keeping only the build\'s own bookkeeping', () => {
    const dir = tree({ ...files, 'build-record.json': 'null', 'build-output/index.html': 'kept' });
    const check = verifyCache(dir, undefined);
    expect(check.dropped).toBe('no previous build recorded');
    expect(listFiles(dir).sort()).toEqual(['build-output/index.html', 'build-record.json']);
  });

  it('trusts a file whose stat changed but whose bytes did not', async () => {
    const dir = tree(files);
    const last = recorded(dir);
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(path.join(dir, 'assets/hero.abc.webp'), 'webp bytes');
    expect(verifyCache(dir, last).removed).toEqual([]);
    expect(readFileSync(path.join(dir, 'assets/hero.abc.webp'), 'utf8')).toBe('webp bytes');
  });
});
