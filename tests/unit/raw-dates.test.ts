import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { quickDateFields } from '../../src/lib/loaders';

/** What the full YAML 1.2 core-schema parse keeps of `date` and `lastmod` (strings only). */
function fullParse(frontMatter: string) {
  const raw = parseYaml(frontMatter, { schema: 'core' }) as Record<string, unknown>;
  return Object.fromEntries(['date', 'lastmod'].filter((k) => typeof raw?.[k] === 'string').map((k) => [k, raw[k]]));
}

describe('reading date fields from the front-matter lines', () => {
  const usual = [
    'title: 標題\ndate: 2026-02-04T09:00:00+08:00\ntags: [a, b]',
    'date: 2026-02-04\nlastmod: 2026-03-01T10:00:00Z',
    'date: "2026-02-30"\ndescription: |\n  一段說明\n  第二行',
    "date: '2026-02-04 09:00'   # 台北時間\ntitle: x",
    'title: 沒有日期',
    'date: 2026-02-04T09:00:00.5+0800\r\nlastmod: "2026-02-05"',
  ];
  for (const frontMatter of usual) {
    it(`reads ${JSON.stringify(frontMatter.split('\n')[0])}… as the full parse does`, () => {
      const quick = quickDateFields(frontMatter);
      expect(quick).toBeDefined();
      expect(quick).toEqual(fullParse(frontMatter));
    });
  }

  it('reads Hugo publish and expiry dates under each of their names', () => {
    const frontMatter = 'publishDate: 2026-02-04\nexpirydate: "2026-03-01"\npubdate: 2026-02-05T10:00:00+08:00\nunpublishdate: 2026-04-01';
    expect(quickDateFields(frontMatter)).toEqual({
      publishDate: '2026-02-04',
      expirydate: '2026-03-01',
      pubdate: '2026-02-05T10:00:00+08:00',
      unpublishdate: '2026-04-01',
    });
    expect(quickDateFields('  publishDate: 2026-02-04')).toBeUndefined();
  });

  it('reads the values themselves (positive control)', () => {
    expect(quickDateFields('date: 2026-02-04\nlastmod: "2026-03-01"')).toEqual({ date: '2026-02-04', lastmod: '2026-03-01' });
  });

  const unusual = [
    'date: 20260204', // an integer in YAML's core schema: not kept as text
    'date: *when', // an alias
    'date:\n  2026-02-04', // the value on the next line
    '{title: x, date: 2026-02-04}', // a flow mapping
    '"date": 2026-02-04', // a quoted key
    'base: &b {date: 2026-02-04}\n<<: *b', // a merge key
    'date: 2026-02-04\ndate: 2026-02-05', // a duplicate key
    'date: "2026-02-04\\n"', // an escape
    'description: |\n  date: 1999-01-01', // an indented key: text here, but not worth telling apart
  ];
  for (const frontMatter of unusual) {
    it(`leaves ${JSON.stringify(frontMatter)} to the full parse`, () => {
      expect(quickDateFields(frontMatter)).toBeUndefined();
    });
  }
});
