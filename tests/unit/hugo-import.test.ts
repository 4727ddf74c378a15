import { describe, expect, it } from 'vitest';
import { expandPermalink, nameFromSlug, normaliseAlias } from '../../scripts/lib/hugo';
import { slugFromTitle } from '../../scripts/lib/slug';
import { parseFrontMatter, splitDocument } from '../../scripts/lib/frontmatter';

const page = { title: 'GPU 短缺何時結束？', date: new Date('2025-03-04T16:30:00Z'), filename: 'gpu-shortage' };

describe('expandPermalink', () => {
  it('fills Hugo tokens with the Taipei calendar date and the urlized title', () => {
    // 16:30 UTC on 4 March is 00:30 on 5 March in Taipei.
    expect(expandPermalink('/:year/:month/:day/:slug/', page)).toBe('/2025/03/05/gpu-短缺何時結束/');
    expect(expandPermalink('/:year/:month/:slug/', { ...page, slug: 'GPU-Shortage' })).toBe('/2025/03/gpu-shortage/');
    expect(expandPermalink('/archives/:filename', page)).toBe('/archives/gpu-shortage/');
    expect(expandPermalink('/:section/:contentbasename.html', page)).toBe('/posts/gpu-shortage.html');
  });
});

describe('normaliseAlias', () => {
  it('keeps absolute paths, roots relative ones in the section and adds the trailing slash', () => {
    expect(normaliseAlias('/old/path')).toBe('/old/path/');
    expect(normaliseAlias('legacy-name')).toBe('/posts/legacy-name/');
    expect(normaliseAlias('/old/page.html')).toBe('/old/page.html');
    expect(normaliseAlias('https://old.example.tw/2020/x/')).toBe('/2020/x/');
  });
});

describe('slugFromTitle', () => {
  const now = new Date('2026-03-01T00:30:00+08:00');
  it('dates an ASCII slug by the Taipei day', () => {
    expect(slugFromTitle('OpenAI DevDay 2026 重點整理', now)).toBe('20260301-openai-devday-2026');
  });
  it('gives two Chinese titles on one day different slugs', () => {
    const a = slugFromTitle('台積電法說會', now);
    const b = slugFromTitle('輝達財報', now);
    expect(a).toMatch(/^20260301-post-[0-9a-f]{6}$/);
    expect(b).toMatch(/^20260301-post-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
  });
});

describe('front matter formats', () => {
  it('reads TOML dates with their offset and YAML dates as written', () => {
    expect(parseFrontMatter(splitDocument('+++\ndate = 2025-02-03T08:30:00+08:00\n+++\nbody'))).toEqual({ date: '2025-02-03T08:30:00+08:00' });
    expect(parseFrontMatter(splitDocument('---\ndate: 2025-02-03\n---\nbody'))).toEqual({ date: '2025-02-03' });
    const json = splitDocument('{\n  "title": "JSON {x}"\n}\n\nbody');
    expect(parseFrontMatter(json)).toEqual({ title: 'JSON {x}' });
    expect(json.body).toBe('\nbody');
  });
});

describe('nameFromSlug', () => {
  it('capitalises words and known acronyms', () => {
    expect(nameFromSlug('together-ai')).toBe('Together AI');
    expect(nameFromSlug('jensen-huang')).toBe('Jensen Huang');
  });
});
