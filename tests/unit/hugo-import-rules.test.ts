import { describe, expect, it } from 'vitest';
import { splitDocument, parseFrontMatter } from '../../scripts/lib/frontmatter';
import { ImportReport, countsByKey } from '../../scripts/lib/import-report';
import { lineOf, normaliseFrontMatter, repairDate } from '../../scripts/lib/import-sources';
import { remoteImagePath } from '../../scripts/lib/import-images';

describe('repairDate', () => {
  it('keeps the wall time of an impossible offset, read in the site zone', () => {
    expect(repairDate('2019-05-01T10:00:00+50:00')).toEqual({ value: '2019-05-01T10:00:00', why: 'has an impossible offset +50:00 (the same wall time is kept)' });
    expect(repairDate('2019-05-01T10:00:00+08:75')?.value).toBe('2019-05-01T10:00:00');
  });
  it('moves a day past the end of its month to the last day, keeping a valid offset', () => {
    expect(repairDate('2019-02-30')).toEqual({ value: '2019-02-28', why: 'has no day 30 in 2019-02' });
    expect(repairDate('2020-02-30T08:00:00+08:00')?.value).toBe('2020-02-29T08:00:00+08:00');
  });
  it('leaves possible dates and other values alone', () => {
    expect(repairDate('2019-05-01T10:00:00+14:00')).toBeUndefined();
    expect(repairDate('2024-02-29')).toBeUndefined();
    expect(repairDate('next tuesday')).toBeUndefined();
    expect(repairDate(20190501)).toBeUndefined();
  });
});

describe('normaliseFrontMatter', () => {
  it("renames Hugo's publishing aliases to publishDate and expiryDate, whatever their case", () => {
    const doc = splitDocument('---\ntitle: x\nPubDate: 2024-01-02\nunpublishdate: 2099-01-01\n---\n');
    expect(normaliseFrontMatter(parseFrontMatter(doc), doc)).toEqual({ title: 'x', publishDate: '2024-01-02', expiryDate: '2099-01-01' });
  });
  it('reads a boolean published as the opposite of draft, and keeps an explicit draft', () => {
    const doc = splitDocument('---\npublished: false\n---\n');
    expect(normaliseFrontMatter(parseFrontMatter(doc), doc)).toEqual({ draft: true });
    const both = splitDocument('---\ndraft: false\npublished: false\n---\n');
    expect(normaliseFrontMatter(parseFrontMatter(both), both)).toEqual({ draft: false });
  });
  it('repairs a TOML date-time with an impossible offset, which TOML itself rejects, and reports its line', () => {
    const doc = splitDocument('+++\ntitle = "x"\ndate = 2019-05-01T10:00:00+50:00\n+++\nbody');
    const report = new ImportReport();
    expect(normaliseFrontMatter(parseFrontMatter(doc), doc, 'a.md', report).date).toBe('2019-05-01T10:00:00');
    expect(report.items).toEqual([expect.objectContaining({ kind: 'dates', file: 'a.md', line: 3 })]);
  });
  it('finds the line of a field in YAML, TOML and JSON front matter', () => {
    expect(lineOf(splitDocument('---\na: 1\ndate: x\n---\n'), 'date')).toBe(3);
    expect(lineOf(splitDocument('{\n  "title": "t",\n  "date": "x"\n}\n'), 'date')).toBe(3);
    expect(lineOf(splitDocument('---\na: 1\n---\n'), 'date')).toBeUndefined();
  });
});

describe('ImportReport', () => {
  it('shows the first five items of a group and how many more, and keeps every item for the file', () => {
    const report = new ImportReport();
    for (let i = 1; i <= 7; i++) report.add('links', 'dead', `p${i}.md`, i, `link ${i}`);
    report.add('images', 'missing', 'a.md', 2, 'image gone');
    report.count('images.referenced', 3);
    const text = report.text();
    expect(text.split('\n')).toEqual([
      '圖片 images: 3 referenced, 1 missing',
      '  missing (1):',
      '    a.md:2  image gone',
      '站內連結 internal links: 7 dead',
      '  dead (7):',
      '    p1.md:1  link 1',
      '    p2.md:2  link 2',
      '    p3.md:3  link 3',
      '    p4.md:4  link 4',
      '    p5.md:5  link 5',
      '    …還有 2 項 and 2 more（見報告檔 see the report file）',
    ]);
    const file = report.markdown('old-site');
    expect(file.match(/^- `p\d\.md:\d` link \d$/gm)).toHaveLength(7);
    expect(new ImportReport().markdown('old-site')).toContain('沒有需要注意的事項 / nothing to report');
  });
  it('counts keys largest first', () => {
    expect(countsByKey(['en', 'fr', 'en', 'ja', 'en', 'fr'])).toBe('en (3), fr (2), ja (1)');
  });
});

describe('remoteImagePath', () => {
  it('names a downloaded image by host, file name and a hash of the URL', () => {
    expect(remoteImagePath('https://cdn.Example.com/a/Chart%20One.PNG?w=2', 'png')).toMatch(/^\/images\/remote\/cdn\.example\.com\/chart-20one-[0-9a-f]{8}\.png$/);
    expect(remoteImagePath('https://cdn.example.com/a/x.png', 'png')).not.toBe(remoteImagePath('https://cdn.example.com/b/x.png', 'png'));
  });
});
