import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from 'satteri';
import { editDistance, frontMatterLine, knownFields, nearestField, unknownFieldProblems, unknownFields } from '../../src/lib/front-matter-fields';
import { POST_FIELD_NAMES } from '../../src/schemas/post';
import { PAGE_FIELD_NAMES } from '../../src/schemas/page';
import { parseSiteConfig, site } from '../../src/site.config';
import { missingImageMessage, resolveBodyImage, siteImagePaths } from '../../src/lib/body-images';
import { PUBLIC_DIR, imagesDir } from '../../src/lib/paths';
import { FOOTNOTES, footnoteBackLabel, isFootnoteHeading } from '../../src/lib/footnotes';
import { feedHtml } from '../../src/lib/feed';
import { withinWidths } from '../../src/lib/image-service';
import { moveToParams } from '../../scripts/lib/import-plan';

describe('editDistance', () => {
  it.each([
    ['desciption', 'description', 1],
    ['descritpion', 'description', 1],
    ['tilte', 'title', 1],
    ['Title', 'title', 0],
    ['tag', 'tags', 1],
    ['', 'date', 4],
    ['forkme', 'draft', 5],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('nearestField', () => {
  const post = knownFields(POST_FIELD_NAMES, []);

  it.each([
    ['desciption', 'description'],
    ['descripton', 'description'],
    ['Description', 'description'],
    ['tag', 'tags'],
    ['catgories', 'categories'],
    ['imgae', 'image'],
    ['image-alt', 'image_alt'],
    ['sourceurl', 'source_url'],
    ['related_company', 'related_companies'],
    ['alias', 'aliases'],
    ['lastmode', 'lastmod'],
  ])('suggests %s → %s', (name, field) => {
    expect(nearestField(name, post)).toBe(field);
  });

  it.each(['forkme', 'AITranslated', 'toc', 'keywords', 'series'])('suggests nothing for %s, a field of its own', (name) => {
    expect(nearestField(name, post)).toBeUndefined();
  });
});

describe('unknown front-matter fields', () => {
  const source = '---\ntitle: T\ndate: 2026-01-01\ndesciption: 摘要\n"series": S\nparams:\n  x: 1\n---\n\nbody desciption: no\n';
  const data = { title: 'T', date: '2026-01-01', desciption: '摘要', series: 'S', params: { x: 1 }, image_missing: '/images/a.webp' };

  it('lists the fields no schema reads; params and image_missing always pass', () => {
    expect(unknownFields(data, knownFields(POST_FIELD_NAMES, []))).toEqual(['desciption', 'series']);
  });

  it("accepts the site config's extraFrontMatter (negative control above)", () => {
    const config = parseSiteConfig({ ...site, extraFrontMatter: ['series'] });
    expect(config.extraFrontMatter).toEqual(['series']);
    expect(unknownFields(data, knownFields(POST_FIELD_NAMES, config.extraFrontMatter))).toEqual(['desciption']);
  });

  it('defaults extraFrontMatter to none and refuses an empty name', () => {
    const { extraFrontMatter: _, ...rest } = site;
    expect(parseSiteConfig(rest).extraFrontMatter).toEqual([]);
    expect(() => parseSiteConfig({ ...site, extraFrontMatter: [' '] })).toThrow('extraFrontMatter.0');
  });

  it('finds the line of a field in the front matter only, quoted or not', () => {
    expect(frontMatterLine(source, 'desciption')).toBe(4);
    expect(frontMatterLine(source, 'series')).toBe(5);
    expect(frontMatterLine(source, 'x')).toBeUndefined();
    expect(frontMatterLine('no front matter', 'title')).toBeUndefined();
  });

  it('says what the field is probably meant to be, and where', () => {
    expect(unknownFieldProblems(data, knownFields(POST_FIELD_NAMES, []), source)).toEqual([
      {
        field: 'desciption',
        line: 4,
        message: 'unknown front-matter field "desciption" (did you mean "description"?): the site ignores it; a field of your own goes under params: or in extraFrontMatter in src/site.config.ts',
      },
      { field: 'series', line: 5, message: 'unknown front-matter field "series": the site ignores it; a field of your own goes under params: or in extraFrontMatter in src/site.config.ts' },
    ]);
  });

  it("knows a page's own fields (url, menu) apart from a post's", () => {
    const pageData = { title: 'T', url: '/about/', menu: 'main', tags: ['x'] };
    expect(unknownFields(pageData, knownFields(PAGE_FIELD_NAMES, []))).toEqual(['tags']);
    expect(unknownFields(pageData, knownFields(POST_FIELD_NAMES, []))).toEqual(['url', 'menu']);
  });
});

describe('the Hugo import keeps unread fields under params', () => {
  it('moves them, keeps what params already holds, and leaves known fields', () => {
    const data: Record<string, unknown> = { title: 'T', toc: true, series: ['s'], params: { series: 'kept', math: true }, tags: ['a'] };
    expect(moveToParams(data, knownFields(POST_FIELD_NAMES, []))).toEqual(['toc', 'series']);
    expect(data).toEqual({ title: 'T', tags: ['a'], params: { series: 'kept', math: true, toc: true } });
    expect(unknownFields(data, knownFields(POST_FIELD_NAMES, []))).toEqual([]);
  });

  it('moves nothing when every field is known (positive control above)', () => {
    const data: Record<string, unknown> = { title: 'T', description: 'd' };
    expect(moveToParams(data, knownFields(POST_FIELD_NAMES, []))).toEqual([]);
    expect(data).toEqual({ title: 'T', description: 'd' });
  });
});

describe('resolveBodyImage', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'body-images-'));
  const post = path.join(root, 'content/posts/a.md');
  const write = (file: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), 'x');
  };
  write('content/posts/a.md');
  write(`${imagesDir}/posts/both.webp`);
  write(`${PUBLIC_DIR}/images/posts/both.webp`);
  write(`${PUBLIC_DIR}/images/posts/public-only.png`);
  write(`${imagesDir}/posts/圖 一.webp`);
  write('content/posts/beside.webp');
  write(`${PUBLIC_DIR}/uploads/x.png`);

  it('reads /images/… from src/assets first, relative to the post', () => {
    expect(resolveBodyImage('/images/posts/both.webp', post, root)).toEqual({ kind: 'optimised', file: path.join(root, `${imagesDir}/posts/both.webp`), src: path.relative(path.dirname(post), path.join(root, imagesDir, 'posts/both.webp')) });
  });

  it('falls back to public/ for /images/… only there', () => {
    expect(resolveBodyImage('/images/posts/public-only.png', post, root)).toEqual({ kind: 'public', file: path.join(root, `${PUBLIC_DIR}/images/posts/public-only.png`) });
  });

  it('decodes the path and ignores a query', () => {
    expect(resolveBodyImage('/images/posts/%E5%9C%96%20%E4%B8%80.webp?v=2', post, root)).toMatchObject({ kind: 'optimised', src: path.relative(path.dirname(post), path.join(root, imagesDir, 'posts/圖 一.webp')) });
  });

  it('reads other site paths from public/ and relative paths next to the post', () => {
    expect(resolveBodyImage('/uploads/x.png', post, root)).toEqual({ kind: 'public', file: path.join(root, `${PUBLIC_DIR}/uploads/x.png`) });
    expect(resolveBodyImage('./beside.webp', post, root)).toEqual({ kind: 'optimised', file: path.join(root, 'content/posts/beside.webp'), src: './beside.webp' });
  });

  it('names every place it looked for a missing image', () => {
    const missing = resolveBodyImage('/images/posts/nope.webp', post, root);
    expect(missing).toEqual({ kind: 'missing', expected: [`${imagesDir}/posts/nope.webp`, `${PUBLIC_DIR}/images/posts/nope.webp`] });
    expect(missingImageMessage('/images/posts/nope.webp', ['src/assets/images/posts/nope.webp', 'public/images/posts/nope.webp'])).toBe(
      'image "/images/posts/nope.webp" not found; expected file at src/assets/images/posts/nope.webp (or, served as it is, public/images/posts/nope.webp)',
    );
    expect(missingImageMessage('./nope.webp', ['content/posts/nope.webp'])).toBe('image "./nope.webp" not found; expected file at content/posts/nope.webp');
    expect(resolveBodyImage('../nope.webp', post, root)).toEqual({ kind: 'missing', expected: ['content/nope.webp'] });
  });

  it('leaves remote and data URLs alone', () => {
    for (const url of ['https://example.com/a.png', '//cdn.example.com/a.png', 'data:image/png;base64,AA']) expect(resolveBodyImage(url, post, root)).toEqual({ kind: 'external' });
  });

  it('finds the site-path images of a body, not links or remote images', () => {
    expect(siteImagePaths('![a](/images/a.webp) [l](/posts/x/) ![r](https://x.test/a.png) ![b]( </images/b c.webp> "t")')).toEqual(['/images/a.webp', '/images/b']);
  });
});

describe('image widths from Markdown attributes', () => {
  const src = { src: '/a.webp', width: 3000, height: 1500, format: 'webp' } as const;

  it('reads widths written as a string or a list of strings and caps the width at the largest', () => {
    expect(withinWidths({ ...src, widths: '480 800 1200' } as never)).toMatchObject({ widths: [480, 800, 1200], width: 1200, height: 600 });
    expect(withinWidths({ ...src, widths: ['480', '800'] } as never)).toMatchObject({ widths: [480, 800], width: 800, height: 400 });
  });

  it('leaves a smaller image, and one without widths, as they are', () => {
    expect(withinWidths({ ...src, width: 640, height: 360, widths: [480, 800, 1200] })).toMatchObject({ width: 640, height: 360 });
    expect(withinWidths({ ...src })).toEqual(src);
  });
});

describe('footnotes', () => {
  it('are labelled in zh-TW by Sätteri, the heading hidden, back links named', async () => {
    const { html } = await markdownToHtml('一[^a]，又[^a]。\n\n[^a]: 註。\n', { features: { gfm: { footnotes: FOOTNOTES } } });
    expect(html).toContain('<h2 class="sr-only" id="footnote-label">註腳</h2>');
    expect(html).toContain('aria-label="返回註腳 1 的引用處"');
    expect(html).toContain('aria-label="返回註腳 1 的第 2 處引用"');
    expect(html).not.toContain('Footnotes');
    expect(html).not.toContain('Back to reference');
  });

  it('tell the footnotes heading from an author heading', () => {
    expect(isFootnoteHeading({ slug: 'footnote-label', text: '註腳' })).toBe(true);
    expect(isFootnoteHeading({ slug: '註腳', text: '註腳' })).toBe(false);
    expect(footnoteBackLabel(3, 1)).toBe('返回註腳 3 的引用處');
  });

  it('lose their back links in a feed; the references stay, made absolute', () => {
    const html = '<p>一<sup><a href="#user-content-fn-a" id="user-content-fnref-a" data-footnote-ref>1</a></sup></p><section data-footnotes class="footnotes"><h2 class="sr-only" id="footnote-label">註腳</h2><ol><li id="user-content-fn-a"><p>註。 <a href="#user-content-fnref-a" data-footnote-backref="" aria-label="返回註腳 1 的引用處" class="data-footnote-backref">↩</a></p></li></ol></section>';
    const out = feedHtml(html, 'https://ai-notes.example.tw/posts/x/');
    expect(out).toContain('<a href="https://ai-notes.example.tw/posts/x/#user-content-fn-a" id="user-content-fnref-a">1</a>');
    expect(out).toContain('<h2 id="footnote-label">註腳</h2>');
    expect(out).toContain('<li id="user-content-fn-a"><p>註。 </p></li>');
    expect(out).not.toContain('#user-content-fnref-a');
    expect(out).not.toContain('↩');
  });
});
