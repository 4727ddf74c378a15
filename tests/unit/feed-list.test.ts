import { describe, expect, it } from 'vitest';
import { parseStringPromise } from 'xml2js';
import { TAXONOMIES, collectTerms, type TaxonomyTerms } from '../../src/lib/taxonomy';
import { feedGroups, type FeedGroup } from '../../src/lib/feed-list';
import { feedsOpml } from '../../src/lib/opml';
import { fakePost } from '../support/posts';

const posts = [
  fakePost('c', { date: '2026-03-03', tags: ['R&D <實驗> "引號" \'單\''], categories: ['新聞'] }),
  fakePost('b', { date: '2026-03-02', tags: ['小模型'], categories: ['新聞'] }),
  fakePost('a', { date: '2026-03-01', tags: ['小模型'] }),
];
const all: TaxonomyTerms[] = TAXONOMIES.map((taxonomy) => ({ taxonomy, href: `/${taxonomy.key}/`, terms: collectTerms(taxonomy, posts) }));
const absolute = (path: string) => new URL(path, 'https://ai-notes.example.tw').href;

/** xml2js in strict mode (sax): a malformed document is an error, never a best guess. */
const parseXml = (xml: string) => parseStringPromise(xml, { strict: true });

describe('feedGroups', () => {
  const groups = feedGroups(posts, all);

  it('lists the site feed first, then each taxonomy that has terms, in registry order', () => {
    expect(groups.map((g) => [g.key, g.label, g.feeds.length])).toEqual([
      ['site', '全站', 1],
      ['categories', '分類', 1],
      ['tags', '標籤', 2],
    ]);
  });

  it('gives each feed its URL, channel title, page and article count', () => {
    expect(groups[0].feeds).toEqual([{ url: '/index.xml', title: 'AI 產業筆記', label: '全站文章', pageUrl: '/', count: 3 }]);
    expect(groups[2].feeds[0]).toEqual({
      url: '/tags/%E5%B0%8F%E6%A8%A1%E5%9E%8B/index.xml',
      title: '標籤：小模型｜AI 產業筆記',
      label: '小模型',
      pageUrl: '/tags/%E5%B0%8F%E6%A8%A1%E5%9E%8B/',
      count: 2,
    });
  });
});

describe('feedsOpml', () => {
  const groups: FeedGroup[] = feedGroups(posts, all);
  const opml = feedsOpml(groups, { title: 'AI 產業筆記 & 朋友', absolute });

  it('is OPML 2.0 a strict XML parser reads, with the site feed on top and a folder per taxonomy', async () => {
    const doc = await parseXml(opml);
    expect(doc.opml.$.version).toBe('2.0');
    expect(doc.opml.head[0].title).toEqual(['AI 產業筆記 & 朋友']);
    expect(doc.opml.head[0].dateCreated).toBeUndefined();
    const top = doc.opml.body[0].outline;
    expect(top.map((o: { $: { text: string } }) => o.$.text)).toEqual(['AI 產業筆記', '分類', '標籤']);
    expect(top[0].$).toEqual({ type: 'rss', text: 'AI 產業筆記', title: 'AI 產業筆記', xmlUrl: 'https://ai-notes.example.tw/index.xml', htmlUrl: 'https://ai-notes.example.tw/' });
    expect(top[2].outline.map((o: { $: { xmlUrl: string } }) => o.$.xmlUrl)).toEqual([
      'https://ai-notes.example.tw/tags/%E5%B0%8F%E6%A8%A1%E5%9E%8B/index.xml',
      'https://ai-notes.example.tw/tags/rd-%E5%AF%A6%E9%A9%97-%E5%BC%95%E8%99%9F-%E5%96%AE/index.xml',
    ]);
  });

  it('escapes &, <, > and quotes in titles, so they read back as written', async () => {
    expect(opml).toContain('text="標籤：R&amp;D &lt;實驗&gt; &quot;引號&quot; &#39;單&#39;｜AI 產業筆記"');
    const doc = await parseXml(opml);
    expect(doc.opml.body[0].outline[2].outline[1].$.title).toBe('標籤：R&D <實驗> "引號" \'單\'｜AI 產業筆記');
  });

  it('drops characters XML 1.0 forbids', async () => {
    const bad = feedsOpml([{ key: 'site', label: '全站', feeds: [{ ...groups[0].feeds[0], title: 'A\u0001B' }] }], { title: 't', absolute });
    expect((await parseXml(bad)).opml.body[0].outline[0].$.text).toBe('AB');
  });

  it('the parser rejects a document with a bare & (positive control)', async () => {
    await expect(parseXml(opml.replace('R&amp;D', 'R&D'))).rejects.toThrow(/Invalid character in entity name/);
  });
});
