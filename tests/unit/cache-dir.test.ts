import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../astro.config';
import { DEFAULT_CACHE_DIR, isInside, resolveCacheDir } from '../../scripts/lib/cache-dir';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the build cache folder', () => {
  it('defaults to .build-cache/ at the project root, outside node_modules/ (which npm ci deletes)', () => {
    expect(DEFAULT_CACHE_DIR).toBe('.build-cache');
    expect(resolveCacheDir('/site', {})).toBe('/site/.build-cache');
    expect(resolveCacheDir('/site', { ASTRO_CACHE_DIR: '' })).toBe('/site/.build-cache');
  });

  it('moves with ASTRO_CACHE_DIR, relative to the project root or absolute', () => {
    expect(resolveCacheDir('/site', { ASTRO_CACHE_DIR: 'ci-cache' })).toBe('/site/ci-cache');
    expect(resolveCacheDir('/site', { ASTRO_CACHE_DIR: '/tmp/x/cache' })).toBe('/tmp/x/cache');
  });

  it('is ignored by git (positive control: a source file is not)', () => {
    const ignored = (rel: string) => {
      try {
        execFileSync('git', ['check-ignore', '-q', rel], { cwd: ROOT });
        return true;
      } catch {
        return false;
      }
    };
    expect(ignored('.build-cache/build-record.json')).toBe(true);
    expect(ignored('src/lib/dates.ts')).toBe(false);
  });

  it("is Astro's cacheDir and is not watched by astro dev (positive control: src/ is)", () => {
    const cacheDir = resolveCacheDir(process.cwd());
    expect(config.cacheDir).toBe(cacheDir);
    const ignored = config.vite?.server?.watch?.ignored;
    const matchers = (Array.isArray(ignored) ? ignored : [ignored]).filter((m): m is (file: string) => boolean => typeof m === 'function');
    const isIgnored = (file: string) => matchers.some((m) => m(file));
    expect(isIgnored(path.join(cacheDir, 'assets/hero.abc.webp'))).toBe(true);
    expect(isIgnored(cacheDir)).toBe(true);
    expect(isIgnored(path.join(ROOT, 'src/content/posts/a.md'))).toBe(false);
    expect(isIgnored(`${cacheDir}-other/file`)).toBe(false);
  });

  it('isInside: the folder itself and what is under it, nothing beside it', () => {
    expect([isInside('/a/b', '/a/b'), isInside('/a/b', '/a/b/c/d'), isInside('/a/b', '/a/bc'), isInside('/a/b', '/a')]).toEqual([true, true, false, false]);
  });
});
