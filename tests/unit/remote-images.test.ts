import { describe, expect, it } from 'vitest';
import { markdownToHtml } from 'satteri';
import { parse } from 'node-html-parser';
import { bodyImageOrigins, heroImageOrigin, imageOrigin, imgSrcDirective, remoteImageUrl, rewriteRawImages } from '../../src/lib/remote-images';
import { remoteImages } from '../../src/lib/remote-images-plugin';

describe('remote image URLs', () => {
  it.each([
    ['https://cdn.example.com/a.png', 'https://cdn.example.com/a.png'],
    ['http://CDN.example.com:8443/a b.png', 'https://cdn.example.com:8443/a%20b.png'],
    ['https://例子.tw/圖.png', 'https://xn--fsqu00a.tw/%E5%9C%96.png'],
  ])('loads %s as %s', (src, url) => {
    expect(remoteImageUrl(src)).toBe(url);
  });

  it.each(['/images/a.png', './a.png', 'data:image/png;base64,AA', '//cdn.example.com/a.png', 'https://u:p@cdn.example.com/a.png', 'https://a;b.example.com/x.png', 'ftp://x.example.com/a.png'])(
    'refuses %s',
    (src) => {
      expect(remoteImageUrl(src)).toBeUndefined();
    },
  );

  it('gives the https origin for the CSP', () => {
    expect(imageOrigin('http://photos.example.org/street/0700.jpg')).toBe('https://photos.example.org');
    expect(heroImageOrigin('https://images.example.com/h.jpg')).toBe('https://images.example.com');
    expect(heroImageOrigin({ src: '/_astro/h.webp' })).toBeUndefined();
  });

  it('builds one img-src of unique, sorted, valid origins; none for none', () => {
    expect(imgSrcDirective(['https://b.example.com', undefined, 'https://a.example.com', 'https://b.example.com'])).toBe('img-src https://a.example.com https://b.example.com');
    expect(imgSrcDirective(["https://x.example.com 'unsafe-inline'", 'https://x.example.com/path', 'http://x.example.com'])).toBeUndefined();
    expect(imgSrcDirective([])).toBeUndefined();
  });

  it('reads origins back from remarkPluginFrontmatter, ignoring anything else', () => {
    expect(bodyImageOrigins({ remoteImageOrigins: ['https://a.example.com', 3] })).toEqual(['https://a.example.com']);
    expect(bodyImageOrigins({})).toEqual([]);
    expect(bodyImageOrigins(undefined)).toEqual([]);
  });
});

describe('raw <img> tags', () => {
  it('upgrades the src and adds the missing attributes, keeping those given', () => {
    const { html, origins } = rewriteRawImages(`<p><img alt="x" loading="eager" src='http://a.example.com/1.png'> <img src="/local.png"></p>`);
    const [remote, local] = parse(html).querySelectorAll('img');
    expect(remote.getAttribute('src')).toBe('https://a.example.com/1.png');
    expect(remote.getAttribute('loading')).toBe('eager');
    expect(remote.getAttribute('decoding')).toBe('async');
    expect(remote.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(local.getAttribute('decoding')).toBeUndefined();
    expect(origins).toEqual(['https://a.example.com']);
  });
});

/** The data Astro hands a Markdown compile; the plugin adds to its front matter. */
const astroData = () => ({ frontmatter: { title: 't' } as Record<string, unknown>, headings: [], localImagePaths: new Set<string>(), remoteImagePaths: new Set<string>() });

describe('the Sätteri plugin', () => {
  it('marks remote Markdown and HTML images and records their origins for the page', async () => {
    const astro = astroData();
    const md = '![a](http://a.example.com/1.png)\n\n<img src="https://b.example.com/2.png" alt="">\n\n![l](./local.png)\n';
    const { html } = await markdownToHtml(md, { hastPlugins: [remoteImages], data: { astro } });
    const [a, b, local] = parse(html).querySelectorAll('img');
    expect(a.attributes).toMatchObject({ src: 'https://a.example.com/1.png', loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' });
    expect(b.attributes).toMatchObject({ src: 'https://b.example.com/2.png', loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' });
    expect(local.attributes).toEqual({ src: './local.png', alt: 'l' });
    expect(bodyImageOrigins(astro.frontmatter)).toEqual(['https://a.example.com', 'https://b.example.com']);
  });

  it('records nothing for a body without remote images', async () => {
    const astro = astroData();
    await markdownToHtml('![l](./local.png)\n', { hastPlugins: [remoteImages], data: { astro } });
    expect(astro.frontmatter).toEqual({ title: 't' });
  });
});
