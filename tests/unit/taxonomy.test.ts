import { describe, expect, it } from 'vitest';
import { TAXONOMIES, collectTerms, entityProfile, getTaxonomy, postTerms, termStaticPaths, type TaxonomyTerms } from '../../src/lib/taxonomy';
import { postTermGroups } from '../../src/lib/article';
import { isPublished } from '../../src/lib/posts';
import { archiveGroups } from '../../src/lib/archive';
import { fakeEntities, fakePost } from '../support/posts';

const tags = getTaxonomy('tags');
const entities = fakeEntities(
  { acme: { name: 'Acme AI', name_zh: '愛克米', website: 'https://acme.example' }, globex: { name: 'Globex' } },
  { 'jane-doe': { name: 'Jane Doe', name_zh: '珍・杜', role: '研究長', company: 'acme' }, 'john-roe': { name: 'John Roe', company: 'globex' } },
);

/** `count` posts tagged `tag`, newest first, one day apart. */
const series = (count: number, tag: string) =>
  Array.from({ length: count }, (_, i) => fakePost(`${tag}-${String(i + 1).padStart(2, '0')}`, { date: new Date(Date.UTC(2026, 0, 31 - i)), tags: [tag] }));

describe('the taxonomy registry', () => {
  it('describes the five taxonomies with zh-TW labels and their front-matter fields', () => {
    expect(TAXONOMIES.map((t) => [t.key, t.label, t.field])).toEqual([
      ['categories', '分類', 'categories'],
      ['companies', '公司', 'related_companies'],
      ['people', '人物', 'related_people'],
      ['tags', '標籤', 'tags'],
      ['sources', '來源', 'source_name'],
    ]);
  });

  it('rejects an unknown taxonomy by name', () => {
    expect(() => getTaxonomy('topics')).toThrow('unknown taxonomy "topics"; expected one of categories, companies, people, tags, sources');
  });
});

describe('collectTerms', () => {
  it('merges spellings that differ in case or spaces and shows the most used one', () => {
    const posts = [
      fakePost('a', { date: '2026-03-03', tags: ['open source'] }),
      fakePost('b', { date: '2026-03-02', tags: ['Open Source'] }),
      fakePost('c', { date: '2026-03-01', tags: ['Open Source', 'OPEN  SOURCE'] }),
    ];
    const [term, ...rest] = collectTerms(tags, posts);
    expect(rest).toEqual([]);
    expect(term).toMatchObject({ slug: 'open-source', label: 'Open Source', href: '/tags/open-source/' });
    expect(term.posts.map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });

  it('breaks a spelling tie in favour of the newest post', () => {
    const posts = [fakePost('new', { date: '2026-03-02', tags: ['LLM'] }), fakePost('old', { date: '2026-03-01', tags: ['llm'] })];
    expect(collectTerms(tags, posts)[0].label).toBe('LLM');
  });

  it('sorts by article count, then by name', () => {
    const posts = [
      fakePost('a', { date: '2026-03-03', tags: ['推論', 'B 標籤'] }),
      fakePost('b', { date: '2026-03-02', tags: ['A 標籤', '推論'] }),
      fakePost('c', { date: '2026-03-01', tags: ['B 標籤', '推論'] }),
    ];
    expect(collectTerms(tags, posts).map((t) => [t.label, t.posts.length])).toEqual([
      ['推論', 3],
      ['B 標籤', 2],
      ['A 標籤', 1],
    ]);
  });

  it('stops with the post and field when a term has nothing to build a URL from', () => {
    const posts = [fakePost('ok', { date: '2026-03-02', tags: ['fine'] }), fakePost('bad-post', { date: '2026-03-01', tags: ['fine', '！？'] })];
    expect(() => collectTerms(tags, posts)).toThrow(
      'posts/bad-post: tags "！？" has no letters or digits to build a URL from; expected a term with at least one letter or digit',
    );
    const withFile = { ...fakePost('x', { date: '2026-03-01', tags: ['？'] }), filePath: 'src/content/posts/x.md' };
    expect(() => collectTerms(tags, [withFile])).toThrow('src/content/posts/x.md: tags "？" has no letters');
    expect(() => collectTerms(getTaxonomy('categories'), [fakePost('emoji', { date: '2026-03-01', categories: ['🤖'] })])).toThrow(
      'posts/emoji: categories "🤖" has no letters or digits',
    );
  });

  it('reads the single source_name string as one term', () => {
    const posts = [fakePost('a', { date: '2026-03-02', source_name: 'Lex Fridman Podcast' }), fakePost('b', { date: '2026-03-01' })];
    expect(collectTerms(getTaxonomy('sources'), posts).map((t) => [t.href, t.label, t.posts.length])).toEqual([
      ['/sources/lex-fridman-podcast/', 'Lex Fridman Podcast', 1],
    ]);
  });

  it('names companies and people after their entries and links them by slug', () => {
    const posts = [fakePost('a', { date: '2026-03-01', related_companies: ['acme'], related_people: ['jane-doe'] })];
    expect(collectTerms(getTaxonomy('companies'), posts, entities).map((t) => [t.href, t.label, t.entity?.id])).toEqual([['/companies/acme/', 'Acme AI', 'acme']]);
    expect(collectTerms(getTaxonomy('people'), posts, entities).map((t) => [t.href, t.label])).toEqual([['/people/jane-doe/', 'Jane Doe']]);
  });

  it('counts only the posts it is given: drafts and future posts, filtered by the published rule, never count', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const all = [
      fakePost('published', { date: '2026-05-01', tags: ['AI'] }),
      fakePost('draft', { date: '2026-05-02', tags: ['AI', '草稿'], draft: true }),
      fakePost('future', { date: '2027-01-01', tags: ['AI', '未來'] }),
    ];
    const terms = collectTerms(tags, all.filter((p) => isPublished(p.data, now)));
    // Positive control: the published post makes the term.
    expect(terms.map((t) => [t.slug, t.posts.map((p) => p.id)])).toEqual([['ai', ['published']]]);
  });
});

describe('postTerms', () => {
  it('lists a term once per post even when spelled twice', () => {
    const post = fakePost('a', { date: '2026-03-01', tags: ['AI', 'ai', 'Agents'] });
    expect(postTerms(post, tags)).toEqual([
      { slug: 'ai', label: 'AI' },
      { slug: 'agents', label: 'Agents' },
    ]);
  });

  it('feeds the article term links from the same registry', () => {
    const post = fakePost('a', { date: '2026-03-01', tags: ['開源 AI'], categories: ['AI 產業動態'], related_companies: ['acme'], source_name: 'Podcast' });
    expect(postTermGroups(post, entities)).toEqual([
      { taxonomy: 'categories', label: '分類', terms: [{ label: 'AI 產業動態', href: '/categories/ai-%E7%94%A2%E6%A5%AD%E5%8B%95%E6%85%8B/' }] },
      { taxonomy: 'companies', label: '公司', terms: [{ label: 'Acme AI', href: '/companies/acme/' }] },
      { taxonomy: 'tags', label: '標籤', terms: [{ label: '開源 AI', href: '/tags/%E9%96%8B%E6%BA%90-ai/' }] },
    ]);
  });
});

describe('termStaticPaths (pagination boundaries)', () => {
  const pathsFor = (posts: ReturnType<typeof series>) => {
    const all: TaxonomyTerms[] = [{ taxonomy: tags, href: '/tags/', terms: collectTerms(tags, posts) }];
    return termStaticPaths(all, 10);
  };

  it('builds one page for exactly one page size of articles', () => {
    const paths = pathsFor(series(10, 'ten'));
    expect(paths.map((p) => p.params)).toEqual([{ taxonomy: 'tags', term: 'ten', page: undefined }]);
    expect(paths[0].props.page.items).toHaveLength(10);
    expect(paths[0].props.page.info).toMatchObject({ current: 1, last: 1, total: 10, nextUrl: undefined });
  });

  it('adds /page/2/ holding the one article past a full page', () => {
    const paths = pathsFor(series(11, 'eleven'));
    expect(paths.map((p) => p.params)).toEqual([
      { taxonomy: 'tags', term: 'eleven', page: undefined },
      { taxonomy: 'tags', term: 'eleven', page: 'page/2' },
    ]);
    expect(paths.map((p) => p.props.page.items.length)).toEqual([10, 1]);
    expect(paths[0].props.page.info.nextUrl).toBe('/tags/eleven/page/2/');
    expect(paths[1].props.page.info).toMatchObject({ current: 2, last: 2, prevUrl: '/tags/eleven/' });
    expect(paths[1].props.page.items[0].id).toBe('eleven-11');
  });

  it('keeps decoded params for CJK terms and encoded page links', () => {
    const paths = pathsFor(series(11, '模型'));
    expect(paths[1].params).toEqual({ taxonomy: 'tags', term: '模型', page: 'page/2' });
    expect(paths[0].props.page.info.nextUrl).toBe('/tags/%E6%A8%A1%E5%9E%8B/page/2/');
  });
});

describe('entityProfile', () => {
  const posts = [fakePost('a', { date: '2026-03-01', related_companies: ['acme'], related_people: ['jane-doe', 'john-roe'] })];
  const companyTerms = collectTerms(getTaxonomy('companies'), posts, entities);
  const people = collectTerms(getTaxonomy('people'), posts, entities);

  it('shows a person with role and a link to their company page', () => {
    const jane = people.find((t) => t.slug === 'jane-doe')!;
    expect(entityProfile(jane, entities, companyTerms)).toEqual({
      name: 'Jane Doe',
      altNames: ['珍・杜'],
      role: '研究長',
      company: { label: 'Acme AI', href: '/companies/acme/' },
      description: '',
      website: undefined,
    });
  });

  it('names but does not link a company without a page (positive control above)', () => {
    const john = people.find((t) => t.slug === 'john-roe')!;
    expect(entityProfile(john, entities, companyTerms)?.company).toEqual({ label: 'Globex', href: undefined });
  });

  it('has no profile for free-text terms', () => {
    expect(entityProfile(collectTerms(tags, [fakePost('a', { date: '2026-03-01', tags: ['x'] })])[0], entities, companyTerms)).toBeUndefined();
  });
});

describe('archiveGroups', () => {
  it('groups by Taipei year and month, newest first', () => {
    const posts = [
      fakePost('feb', { date: '2026-02-01T00:30:00+08:00' }),
      fakePost('jan-late', { date: '2026-01-31T23:30:00+08:00' }),
      fakePost('jan', { date: '2026-01-02T10:00:00+08:00' }),
      fakePost('dec', { date: '2025-12-31T10:00:00+08:00' }),
    ];
    const years = archiveGroups(posts);
    expect(years.map((y) => [y.year, y.count, y.months.map((m) => [m.id, m.posts.map((p) => p.id)])])).toEqual([
      [2026, 3, [['y2026-m02', ['feb']], ['y2026-m01', ['jan-late', 'jan']]]],
      [2025, 1, [['y2025-m12', ['dec']]]],
    ]);
  });
});
