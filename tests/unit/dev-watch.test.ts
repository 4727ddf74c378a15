import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchOnly } from '../../src/integrations/dev-watch';
import { fieldLine, plainMessage } from '../../src/lib/content-problems';

describe('watchOnly (what npm run dev watches)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'dev-watch-'));
  for (const dir of ['src/pages', 'public', 'tests/fixtures/site/content/posts', 'tests/.output/site', '.bench/corpus', 'dist', '.cache', '.astro/post-html', '.git']) {
    mkdirSync(path.join(root, dir), { recursive: true });
  }
  for (const file of ['astro.config.ts', 'package.json', '.astro/data-store.json']) writeFileSync(path.join(root, file), '');
  const ignored = watchOnly(root, [`${root}/src`, `${root}/public`, `${root}/tests/fixtures/site`]);
  const at = (rel: string) => path.join(root, rel);

  it('keeps the sources, the public folder, the content root, the files in the root and the folders on the way', () => {
    for (const rel of ['', 'src', 'src/pages/index.astro', 'public/favicon.svg', 'tests', 'tests/fixtures', 'tests/fixtures/site/content/posts/a.md', 'astro.config.ts', 'package.json', '.env', '.astro', '.astro/data-store.json']) {
      expect(ignored(at(rel)), rel).toBe(false);
    }
  });

  it('ignores every other folder under the root, and what is in it', () => {
    for (const rel of ['.bench', '.bench/corpus/content/posts/a.md', 'tests/.output', 'tests/.output/site/dist/index.html', 'tests/unit', 'dist', 'dist/index.html', '.cache', '.git', '.astro/post-html', '.astro/post-html/a.html', 'tests/fixtures/other/a.md']) {
      expect(ignored(at(rel)), rel).toBe(true);
    }
  });

  it('leaves paths outside the root to Vite', () => {
    expect(ignored(path.join(path.dirname(root), 'elsewhere/a.md'))).toBe(false);
    expect(ignored(`${root}-sibling/a.md`)).toBe(false);
  });
});

describe('content problem messages', () => {
  it('reads Astro schema messages as plain text', () => {
    expect(plainMessage('**posts → a** data does not match collection schema.\n\n  **date**: expected a date\n')).toBe('posts → a data does not match collection schema.\n  date: expected a date');
  });

  it('finds the line of a top-level front-matter field, else line 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'field-line-'));
    const file = path.join(dir, 'a.md');
    writeFileSync(file, '---\ntitle: t\n"date": 2026-13-01\nextra:\n  date: no\n---\n\ndate: body\n');
    expect(fieldLine(file, 'date')).toBe(3);
    expect(fieldLine(file, 'title')).toBe(2);
    expect(fieldLine(file, 'missing')).toBe(1);
    writeFileSync(file, '---\ntitle: t\n---\n\ndate: only in the body\n');
    expect(fieldLine(file, 'date')).toBe(1);
    expect(fieldLine(file, undefined)).toBe(1);
  });
});
