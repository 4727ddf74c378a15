import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_VERSION, linkTree, listOutput, removeLeftovers, staleReason, type BuildRecord, type Inputs } from '../../scripts/lib/build-cache';

const inputs: Inputs = { fingerprint: 'abc', hashes: {}, files: 3 };
const record = (fields: Partial<BuildRecord> = {}): BuildRecord => ({
  version: RECORD_VERSION,
  fingerprint: 'abc',
  outDir: '/site/dist',
  builtAt: '2026-11-30T01:00:00.000Z',
  year: 2026,
  output: {},
  inputs: {},
  ...fields,
});
const now = new Date('2026-11-30T02:00:00Z');

describe('staleReason', () => {
  it('accepts the recorded build when inputs, out dir, schedule and year all match (positive control)', () => {
    expect(staleReason(record(), inputs, '/site/dist', now, 2026)).toBeUndefined();
    expect(staleReason(record({ nextScheduled: '2026-12-01T00:00:00.000Z' }), inputs, '/site/dist', now, 2026)).toBeUndefined();
  });

  it('rebuilds once a scheduled post is due', () => {
    expect(staleReason(record({ nextScheduled: '2026-11-30T01:30:00.000Z' }), inputs, '/site/dist', now, 2026)).toBe(
      'a scheduled post is due (2026-11-30T01:30:00.000Z)',
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

describe('removeLeftovers', () => {
  it('removes only files left exactly as the previous build wrote them that this build did not keep', () => {
    const dir = tree({ 'posts/a/index.html': 'a', 'posts/gone/index.html': 'gone', '_astro/gone.webp': 'img', 'posts/b/index.html': 'b' });
    const previous = listOutput(dir);
    // This build rewrote b (new mtime) and wrote a new file; a was kept by Astro's incremental build.
    utimesSync(path.join(dir, 'posts/b/index.html'), new Date(), new Date(Date.now() + 5000));
    writeFileSync(path.join(dir, 'new.xml'), 'new');
    const removed = removeLeftovers(dir, previous, listOutput(dir), (file) => file === 'posts/a/index.html');
    expect(removed.sort()).toEqual(['_astro/gone.webp', 'posts/gone/index.html']);
    expect(existsSync(path.join(dir, 'posts/gone'))).toBe(false);
    expect(existsSync(path.join(dir, '_astro'))).toBe(false);
    // Positive controls: the kept, rewritten and new files stay.
    expect(Object.keys(listOutput(dir)).sort()).toEqual(['new.xml', 'posts/a/index.html', 'posts/b/index.html']);
  });
});

describe('linkTree', () => {
  it('links every listed file, keeps links that are already right and removes the rest', () => {
    const from = tree({ 'a.html': 'a', 'sub/b.html': 'b' });
    const to = tree({ 'old.html': 'old', 'sub/stale/c.html': 'c' });
    linkTree(from, to, ['a.html', 'sub/b.html']);
    expect(Object.keys(listOutput(to)).sort()).toEqual(['a.html', 'sub/b.html']);
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
