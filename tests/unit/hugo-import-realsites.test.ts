import { describe, expect, it } from 'vitest';
import { duplicateKeys, parseFrontMatter, splitDocument } from '../../scripts/lib/frontmatter';
import { ImportReport } from '../../scripts/lib/import-report';
import { normaliseFrontMatter, repairDate } from '../../scripts/lib/import-sources';
import { pageUrl, siteMenus } from '../../scripts/lib/import-pages';
import { mentionsAsCode } from '../../scripts/lib/import-shortcodes';
import { readHugoConfig } from '../../scripts/lib/hugo';

// What real Hugo sites write and Hugo accepts (tests/fixtures/hugo-theme-site has them end to end).

describe('front matter Hugo accepts', () => {
  it('keeps the last value of a key written twice, as Hugo did, and lists the repeats with their file line', () => {
    const doc = splitDocument('---\ntitle: x\nreviewer: a\ndate: 2020-01-01\nreviewer: b\n---\nbody\n');
    expect(parseFrontMatter(doc)).toEqual({ title: 'x', reviewer: 'b', date: '2020-01-01' });
    expect(duplicateKeys(doc)).toEqual([{ key: 'reviewer', line: 5 }]);
    const report = new ImportReport();
    normaliseFrontMatter(parseFrontMatter(doc), doc, 'x.md', report);
    expect(report.of('frontmatter')).toEqual([
      { kind: 'frontmatter', tag: 'duplicate keys (last one kept)', file: 'x.md', line: 5, message: '"reviewer" is written more than once; the last value is kept, as Hugo did before v0.152' },
    ]);
  });

  it('pads a one-digit hour, which Go (Hugo) parses', () => {
    expect(repairDate('2019-05-28T7:15:43+08:00')).toEqual({ value: '2019-05-28T07:15:43+08:00', why: 'has a one-digit hour (Hugo read it)' });
    expect(repairDate('2019-05-28T07:15:43+08:00')).toBeUndefined();
  });

  it('reads numbers among taxonomy terms as strings', () => {
    const doc = splitDocument('---\ntags: [readmoo, 8069]\ncategories: 2022\n---\n');
    expect(normaliseFrontMatter(parseFrontMatter(doc), doc)).toEqual({ tags: ['readmoo', '8069'], categories: ['2022'] });
  });
});

describe('siteMenus', () => {
  it('keeps main and footer and names the menus the site does not have', () => {
    expect(siteMenus({ main: { weight: 1 }, sidebar: { weight: 2 } })).toEqual({ menu: { main: { weight: 1 } }, dropped: ['sidebar'] });
    expect(siteMenus(['footer', 'social'])).toEqual({ menu: ['footer'], dropped: ['social'] });
    expect(siteMenus('sidebar')).toEqual({ menu: undefined, dropped: ['sidebar'] });
    expect(siteMenus('main')).toEqual({ menu: 'main', dropped: [] });
  });
});

describe('pageUrl', () => {
  const entry = { file: '/x/content/page/links/index.md', bundle: '/x/content/page/links', name: 'page/links', path: 'links', section: 'page' };
  it("uses the section's permalink pattern, with the title when there is no slug", () => {
    expect(pageUrl(entry, { title: 'Links' }, { page: '/:slug/' })).toBe('/links/');
    expect(pageUrl(entry, { title: 'Links', slug: 'friends' }, { page: '/:slug/' })).toBe('/friends/');
  });
  it('falls back to the content path without a pattern, or with date parts and no date', () => {
    expect(pageUrl(entry, { title: 'Links' })).toBe('/page/links/');
    expect(pageUrl(entry, { title: 'Links' }, { page: '/:year/:slug/' })).toBe('/page/links/');
  });
});

describe('mentionsAsCode', () => {
  it('shows an escaped shortcode in text as inline code, without the escapes', () => {
    expect(mentionsAsCode('變成了{{\\< highlight ruby >}} 。')).toEqual({ text: '變成了`{{< highlight ruby >}}` 。', count: 1 });
    expect(mentionsAsCode('替換為 \\{\\{\\< highlight \\>\\}\\}\\{\\{\\< / highlight \\>\\}\\}').text).toBe('替換為 `{{< highlight >}}` `{{< / highlight >}}`');
    expect(mentionsAsCode('{{\\% note %}}').text).toBe('`{{% note %}}`');
  });
  it('leaves real shortcodes to the shortcode pass', () => {
    expect(mentionsAsCode('a {{< youtube abc >}} b')).toEqual({ text: 'a {{< youtube abc >}} b', count: 0 });
  });
});

describe('readHugoConfig', () => {
  it('reads params.mainSections from config/_default/params.toml', () => {
    expect(readHugoConfig('tests/fixtures/hugo-theme-site').mainSections).toEqual(['post']);
  });
});
