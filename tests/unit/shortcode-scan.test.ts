import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from 'satteri';
import { parse } from 'node-html-parser';
import { codeRanges, pairShortcodes, scanShortcodes } from '../../src/lib/shortcode-scan';
import { ShortcodeError, expandShortcodes, planExpansion } from '../../src/lib/shortcodes';
import { hugoShortcodes } from '../../src/lib/shortcodes-plugin';

const post = path.resolve('tests/fixtures/site/content/posts/hugo-typical.md');

/** Expands and renders a body the way the posts loader and the Markdown processor do. */
async function render(body: string) {
  const text = expandShortcodes(body, { file: post, firstLine: 1, data: { title: '測試文章', source_name: 'The MAD Podcast' } });
  const result = (await markdownToHtml(text, { mdastPlugins: [hugoShortcodes], fileURL: new URL(`file://${post}`) } as never)) as unknown as { html: string };
  return result.html;
}

function problems(body: string) {
  return planExpansion(body, { file: post, firstLine: 1 }).problems;
}

async function renderError(body: string): Promise<string> {
  try {
    await render(body);
  } catch (err) {
    if (err instanceof ShortcodeError) return err.message;
    throw err;
  }
  return '(no error)';
}

describe('the shortcode scanner', () => {
  it('reads every closing-tag spelling Hugo accepts', () => {
    for (const closer of ['{{< /details >}}', '{{</details>}}', '{{< / details >}}', '{{</ details >}}', '{{% /details %}}']) {
      const body = `{{${closer.startsWith('{{%') ? '%' : '<'} details summary="更多" ${closer.startsWith('{{%') ? '%' : '>'}}}\n內容\n${closer}`;
      const scan = scanShortcodes(body);
      expect(scan.problems).toEqual([]);
      const { uses, strayClosers } = pairShortcodes(scan.tags, body);
      expect(strayClosers).toEqual([]);
      expect(uses).toHaveLength(1);
      expect(uses[0].close?.name).toBe('details');
      expect(uses[0].inner).toBe('\n內容\n');
    }
  });

  it('reads dotted and nested names, named and positional values, raw strings and tags over several lines', () => {
    const body = '{{< math.inline >}}x{{< /math.inline >}}\n{{< a/b c >}}\n{{< x user="SanDiegoZoo"\n   id=`1453110110599868418` >}}\n{{< highlight go "linenos=table,hl_lines=8 15-17" />}}';
    const { tags, problems: found } = scanShortcodes(body, 10);
    expect(found).toEqual([]);
    expect(tags.map((t) => t.name)).toEqual(['math.inline', 'math.inline', 'a/b', 'x', 'highlight']);
    expect(tags[1].closing).toBe(true);
    expect(tags[3]).toMatchObject({ named: { user: 'SanDiegoZoo', id: '1453110110599868418' }, line: 12, endLine: 13 });
    expect(tags[4]).toMatchObject({ positional: ['go', 'linenos=table,hl_lines=8 15-17'], selfClosing: true, line: 14 });
  });

  it('never looks inside code spans or fenced code, but a shortcode outside them is found (control)', () => {
    const body = 'Hugo 中寫 `{{< youtube ID >}}` 即可。\n\n```go\n{{< youtube ID2 >}}\n```\n\n~~~~\n{{< x >}}\n~~~~\n\n{{< youtube XCCkgRzth6Q >}}';
    const { tags } = scanShortcodes(body);
    expect(tags.map((t) => t.positional[0])).toEqual(['XCCkgRzth6Q']);
    expect(codeRanges(body)).toHaveLength(3);
  });

  it('reports a tag that is never closed or mixes delimiters, with its line', () => {
    expect(scanShortcodes('一\n{{< youtube abc').problems).toEqual([{ line: 2, message: 'shortcode {{< youtube … is never closed; expected ">}}"' }]);
    expect(scanShortcodes('{{< youtube abc %}}').problems[0].message).toMatch(/ends with "%}}"; expected ">}}"/);
  });
});

describe('shortcodes are expanded before Markdown, like Hugo', () => {
  it('keeps a YouTube id with underscores whole (Markdown would read it as emphasis)', async () => {
    const doc = parse(await render('{{< youtube _elae4q3Ki_ >}}\n\n{{< youtube LNrC-_Y0So_ >}}'));
    expect(doc.querySelectorAll('figure.embed--youtube a').map((a) => a.getAttribute('href'))).toEqual([
      'https://www.youtube.com/watch?v=_elae4q3Ki_',
      'https://www.youtube.com/watch?v=LNrC-_Y0So_',
    ]);
    expect(doc.querySelector('em')).toBeNull();
  });

  it('shows a shortcode in inline code as written, and renders one outside code (control)', async () => {
    const html = await render('在 Hugo 中寫 `{{< youtube ID >}}` 即可。\n\n{{< youtube XCCkgRzth6Q >}}');
    const doc = parse(html);
    expect(doc.querySelector('p code')?.textContent).toBe('{{< youtube ID >}}');
    expect(doc.querySelectorAll('figure.embed--youtube')).toHaveLength(1);
  });

  it('lifts a shortcode out of a paragraph it shares with text, so no block lands inside <p>', async () => {
    const doc = parse(await render('前一行\n{{< youtube XCCkgRzth6Q >}}\n後一行 *強調*'));
    expect(doc.childNodes.filter((n) => n.nodeType === 1).map((n) => (n as unknown as { rawTagName: string }).rawTagName)).toEqual(['p', 'figure', 'p']);
    expect(doc.querySelector('p em')?.textContent).toBe('強調');
    expect(doc.querySelector('p figure')).toBeNull();
  });

  it('renders theme boxes as callouts with their Markdown content, for every closing spelling', async () => {
    const body = [
      '{{< admonition warning "小心" >}}\n**粗體**內容\n- 清單\n{{< /admonition >}}',
      '{{% notice tip %}}\n提示內容\n{{% /notice %}}',
      '{{< hint danger >}}\n危險\n{{</ hint >}}',
      '{{< alert >}}\n警示\n{{< / alert >}}',
    ].join('\n\n');
    const doc = parse(await render(body));
    const asides = doc.querySelectorAll('aside.callout');
    expect(asides.map((a) => a.classList.toString())).toEqual(['callout callout--warning', 'callout callout--tip', 'callout callout--danger', 'callout callout--warning']);
    expect(asides.map((a) => a.querySelector('.callout__title')?.textContent)).toEqual(['小心', '提示', '警告', '注意']);
    expect(asides[0].querySelector('.callout__body strong')?.textContent).toBe('粗體');
    expect(asides[0].querySelector('.callout__body li')?.textContent).toBe('清單');
    expect(doc.textContent).not.toMatch(/\{\{|HUGOSC/);
  });

  it('renders details and collapse as <details> with a summary', async () => {
    const doc = parse(await render('{{< details summary="看更多" open=true >}}\n隱藏的段落\n{{< /details >}}\n\n{{< collapse "展開" >}}\n內容\n{{< /collapse >}}'));
    const details = doc.querySelectorAll('details');
    expect(details.map((d) => d.querySelector('summary')?.textContent)).toEqual(['看更多', '展開']);
    expect(details[0].hasAttribute('open')).toBe(true);
    expect(details[1].hasAttribute('open')).toBe(false);
    expect(details[0].querySelector('p')?.textContent).toBe('隱藏的段落');
  });

  it('renders audio, video, bilibili, instagram and qr without loading anything from a third party before a click', async () => {
    const doc = parse(
      await render(
        [
          '{{< audio src="https://media.example.com/ep1.mp3" caption="第一集" >}}',
          '{{< video src="https://media.example.com/demo.mp4" >}}',
          '{{< bilibili BV1xx411c7mD >}}',
          '{{< instagram CxOWiQNP2MO >}}',
          '{{< qr text="https://ai-notes.example.tw/" />}}',
        ].join('\n\n'),
      ),
    );
    expect(doc.querySelector('audio')?.getAttribute('preload')).toBe('none');
    expect(doc.querySelector('audio')?.getAttribute('src')).toBe('https://media.example.com/ep1.mp3');
    expect(doc.querySelector('figure.media--audio figcaption')?.textContent).toBe('第一集');
    expect(doc.querySelector('video')?.hasAttribute('controls')).toBe(true);
    const bilibili = doc.querySelector('figure.embed--bilibili');
    expect(bilibili?.getAttribute('data-embed-player')).toBe('https://player.bilibili.com/player.html?bvid=BV1xx411c7mD&page=1&autoplay=1&high_quality=1');
    expect(bilibili?.querySelector('a')?.getAttribute('href')).toBe('https://www.bilibili.com/video/BV1xx411c7mD/');
    expect(doc.querySelector('figure.embed-card--instagram a')?.getAttribute('href')).toBe('https://www.instagram.com/p/CxOWiQNP2MO/');
    expect(doc.querySelector('figure.qr img')?.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(doc.querySelectorAll('iframe, script')).toHaveLength(0);
  });

  it('turns highlight into a fenced block that keeps Hugo options as fence attributes', () => {
    const text = expandShortcodes('{{< highlight go "linenos=table,hl_lines=2 4-5" >}}\npackage main\nfunc main() {}\n{{< /highlight >}}', { file: post });
    expect(text).toBe('```go {linenos=table hl_lines=[2,"4-5"]}\npackage main\nfunc main() {}\n```');
  });

  it('shows an escaped shortcode as its literal text, in prose and in code', async () => {
    const doc = parse(await render('寫成 {{</* youtube abc */>}} 即可，或 `{{</* x */>}}`。'));
    expect(doc.querySelector('p')?.textContent).toBe('寫成 {{< youtube abc >}} 即可，或 {{< x >}}。');
  });

  it('fills param from the front matter and the site config', async () => {
    const doc = parse(await render('本文：{{< param title >}}，來源 {{< param "source_name" >}}，站名 {{< param title >}}。'));
    expect(doc.querySelector('p')?.textContent).toBe('本文：測試文章，來源 The MAD Podcast，站名 測試文章。');
    expect(problems('{{< param nothing_here >}}')[0].message).toMatch(/param "nothing_here"\}?.*no such value/);
  });

  it('resolves ref and relref to the post URL, keeping the anchor', async () => {
    const doc = parse(await render('[見前文]({{< ref "hugo-typical.md#前言" >}})與[另一篇]({{< relref "/posts/date-only" >}})'));
    expect(doc.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual([`/posts/hugo-typical/#${encodeURIComponent('前言')}`, '/posts/date-only/']);
    expect(problems('{{< ref "nowhere.md" >}}')[0].message).toMatch(/no post at tests\/fixtures\/site\/content\/posts\/nowhere\.md|no post at .*nowhere\.md/);
  });

  it('stops with file and line for an unknown shortcode, a dotted inline shortcode, a stray closer or an unclosed box', () => {
    expect(problems('一\n\n{{< gallery dir="x" >}}')).toEqual([{ line: 3, message: expect.stringMatching(/^unknown shortcode "gallery"; expected one of: admonition, alert, audio, bilibili/) }]);
    expect(problems('{{< math.inline >}}x{{< /math.inline >}}')[0].message).toMatch(/^unknown shortcode "math\.inline"/);
    expect(problems('一\n{{< /admonition >}}')).toEqual([{ line: 2, message: 'closing tag {{< /admonition >}} closes nothing; expected an opening {{< admonition … >}} before it' }]);
    expect(problems('{{< admonition note >}}\n內容')[0].message).toBe('{{< admonition >}} is never closed; expected {{< /admonition >}} after its content');
    expect(problems('{{< youtube XCCkgRzth6Q >}}')).toEqual([]);
  });

  it('lifts a shortcode out of a heading line, and names file and line when one sits in a table cell', async () => {
    const doc = parse(await render('## 影片 {{< youtube XCCkgRzth6Q >}}'));
    expect(doc.querySelector('h2')?.textContent.trim()).toBe('影片');
    expect(doc.querySelector('h2 figure')).toBeNull();
    expect(doc.querySelectorAll('figure.embed--youtube')).toHaveLength(1);
    expect(await renderError('| 欄 | 影片 |\n| --- | --- |\n| 一 | {{< youtube XCCkgRzth6Q >}} |')).toBe(
      'tests/fixtures/site/content/posts/hugo-typical.md:3: shortcode {{< youtube >}} cannot be used in a table cell; put it on a line of its own',
    );
  });
});
