import { describe, expect, it } from 'vitest';
import { cacheKey, imageIdentity } from '../../src/lib/cache-key';

/**
 * A stand-in for Astro's build-time image proxy (astro/dist/assets/utils/proxy.js): reading any metadata
 * it has, except `fsPath` and `clone`, marks the original file as used; it is recorded here.
 */
function imageProxy(file: string, src: string) {
  const reads: string[] = [];
  const target = { src, width: 1600, height: 900, format: 'webp' };
  const proxy = new Proxy(target, {
    get(t, name) {
      if (name === 'fsPath') return file;
      if (name === 'clone') return structuredClone(t);
      const value = t[name as keyof typeof t];
      if (value !== undefined) reads.push(String(name));
      return value;
    },
  });
  return { proxy, reads };
}

const entry = (id: string, digest: string | undefined, data: object = {}) => ({ id, collection: 'posts', digest, data: { title: id, ...data } });

describe('cacheKey', () => {
  it('is the same for the same data and differs when a value changes', () => {
    expect(cacheKey({ page: 2, title: '標籤' })).toBe(cacheKey({ page: 2, title: '標籤' }));
    expect(cacheKey({ page: 2, title: '標籤' })).not.toBe(cacheKey({ page: 3, title: '標籤' }));
  });

  it('stands for a content entry by collection, id and digest, not its data', () => {
    const a = entry('a', 'd1', { title: 'one' });
    expect(cacheKey([a])).toBe(cacheKey([entry('a', 'd1', { title: 'other data, same digest' })]));
    expect(cacheKey([a])).not.toBe(cacheKey([entry('a', 'd2')]));
    expect(cacheKey([a])).not.toBe(cacheKey([entry('b', 'd1')]));
  });

  it('has no key (always render) when an entry has no digest', () => {
    expect(cacheKey([entry('a', undefined)])).toBeUndefined();
    expect(cacheKey([entry('a', 'd1')])).toEqual(expect.any(String));
  });

  it('follows a replaced hero image without reading its metadata', () => {
    const old = imageProxy('/site/assets/hero.webp', '/_astro/hero.AAAA.webp');
    const replaced = imageProxy('/site/assets/hero.webp', '/_astro/hero.BBBB.webp');
    const same = imageProxy('/site/assets/hero.webp', '/_astro/hero.AAAA.webp');
    const key = cacheKey([entry('a', 'd1', { image: old.proxy })]);
    expect(key).not.toBe(cacheKey([entry('a', 'd1', { image: replaced.proxy })]));
    expect(key).toBe(cacheKey([entry('a', 'd1', { image: same.proxy })]));
    expect(cacheKey({ hero: old.proxy })).toBe(cacheKey({ hero: same.proxy }));
    // Reading src, width… would make Astro ship the original file.
    expect([...old.reads, ...replaced.reads, ...same.reads]).toEqual([]);
  });

  it('records reads on the stand-in proxy (positive control)', () => {
    const { proxy, reads } = imageProxy('/x.webp', '/_astro/x.webp');
    expect(proxy.width).toBe(1600);
    expect(reads).toEqual(['width']);
    expect(imageIdentity(proxy)).toBe('/x.webp|/_astro/x.webp');
    expect(imageIdentity({ src: '/plain.webp' })).toBeUndefined();
  });
});
