import { describe, expect, it } from 'vitest';
import { page } from '../support/html';
import { readFeed } from '../support/feed';

/** The page's `img-src` sources, from its CSP `<meta>`. */
function imgSrc(urlPath: string): string[] {
  const csp = page(urlPath).querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '';
  return /(?:^|;)\s*img-src ([^;]*)/.exec(csp)?.[1].trim().split(/\s+/) ?? [];
}

const REMOTE = ['https://cdn.example.net', 'https://images.example.com', 'https://photos.example.org'];

describe('remote images in an article (taipei-morning: a remote hero and two remote body images)', () => {
  const doc = page('/posts/taipei-morning/');

  it("lists each remote image's https origin in that page's CSP, after the site-wide sources", () => {
    expect(imgSrc('/posts/taipei-morning/')).toEqual(["'self'", 'data:', ...REMOTE]);
  });

  it('keeps other pages at the site-wide img-src (positive control above)', () => {
    expect(imgSrc('/posts/hugo-typical/')).toEqual(["'self'", 'data:']);
    expect(imgSrc('/posts/components/')).toEqual(["'self'", 'data:']);
    expect(imgSrc('/archive/')).toEqual(["'self'", 'data:']);
  });

  it('loads body images lazily, decoded async, without a referrer; http upgraded to https', () => {
    const images = doc.querySelectorAll('.prose img');
    expect(images.map((img) => img.getAttribute('src'))).toEqual(['https://photos.example.org/street/0700.jpg', 'https://cdn.example.net/charts/sunrise.png']);
    for (const img of images) {
      expect(img.getAttribute('loading')).toBe('lazy');
      expect(img.getAttribute('decoding')).toBe('async');
      expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    }
  });

  it('shows the remote hero as a plain eager image in the 16:9 hero box', () => {
    const hero = doc.querySelector('img.hero');
    expect(hero?.getAttribute('src')).toBe('https://images.example.com/heroes/dawn.jpg');
    expect(hero?.getAttribute('alt')).toBe('清晨的天際線');
    expect(hero?.getAttribute('loading')).toBe('eager');
    expect(hero?.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(hero?.getAttribute('srcset')).toBeUndefined();
    // A local hero is still optimised (positive control).
    expect(page('/posts/hugo-typical/').querySelector('img.hero')?.getAttribute('srcset')).toMatch(/\/_astro\/hero-small-models\.[\w-]+\.webp 480w/);
  });

  it('links a drawn card, not the remote hero, whose size is unknown and which may vanish', () => {
    const meta = (p: string) => doc.querySelector(`meta[property="${p}"]`)?.getAttribute('content');
    expect(meta('og:image')).toMatch(/^https:\/\/ai-notes\.example\.tw\/og\/[0-9a-f]{20}\.png$/);
    expect(meta('og:image:type')).toBe('image/png');
    expect(meta('og:image:width')).toBe('1200');
    // A local hero is still cropped into the card (positive control).
    expect(page('/posts/hugo-typical/').querySelector('meta[property="og:image:type"]')?.getAttribute('content')).toBe('image/jpeg');
  });

  it('lists the remote hero in the home page card, and only its origin in the home page CSP', () => {
    const card = page('/').querySelector('.post-card img.post-card__thumb[src^="https://"]');
    expect(card?.getAttribute('src')).toBe('https://images.example.com/heroes/dawn.jpg');
    expect(imgSrc('/')).toEqual(["'self'", 'data:', 'https://images.example.com']);
  });

  it('puts the remote hero in the feed item as it is', async () => {
    const item = (await readFeed('/index.xml')).items.find((i) => i.title === '台北清晨發佈的文章')!;
    expect(item.media).toEqual({ url: 'https://images.example.com/heroes/dawn.jpg', medium: 'image' });
    expect(item.content.startsWith('<p><img src="https://images.example.com/heroes/dawn.jpg" alt="清晨的天際線" /></p>')).toBe(true);
  });
});
