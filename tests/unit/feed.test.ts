import { describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import { absolutize, feedHtml, heroHtml, mediaContentXml, newest, xmlSafe } from '../../src/lib/feed';

const ARTICLE = 'https://ai-notes.example.tw/posts/x/';

describe('xmlSafe', () => {
  it('removes C0 control characters but keeps tab, newline and carriage return', () => {
    expect(xmlSafe('a\u0001b\u0008c\u000Bd\u001Fe')).toBe('abcde');
    expect(xmlSafe('a\tb\nc\rd')).toBe('a\tb\nc\rd');
  });

  it('keeps emoji (surrogate pairs) and removes lone surrogates and U+FFFE/U+FFFF', () => {
    expect(xmlSafe('🚀 模型 🤖')).toBe('🚀 模型 🤖');
    expect(xmlSafe('a\uD800b\uDC00c\uFFFEd\uFFFF')).toBe('abcd');
  });
});

describe('absolutize', () => {
  it('resolves site paths, fragments and relative paths against the article', () => {
    expect(absolutize('/_astro/a.webp', ARTICLE)).toBe('https://ai-notes.example.tw/_astro/a.webp');
    expect(absolutize('#前言', ARTICLE)).toBe('https://ai-notes.example.tw/posts/x/#%E5%89%8D%E8%A8%80');
    expect(absolutize('../y/', ARTICLE)).toBe('https://ai-notes.example.tw/posts/y/');
  });

  it('keeps absolute URLs and drops javascript: URLs', () => {
    expect(absolutize('https://example.com/a?b=1&c=2', ARTICLE)).toBe('https://example.com/a?b=1&c=2');
    expect(absolutize(' javascript:alert(1)', ARTICLE)).toBeUndefined();
  });
});

describe('feedHtml', () => {
  it('makes href, src and srcset absolute', () => {
    const html = feedHtml('<p><a href="/posts/y/">y</a><img src="/_astro/a.webp" srcset="/_astro/a.webp 480w, /_astro/b.webp 800w" alt="圖"></p>', ARTICLE);
    expect(html).toBe(
      '<p><a href="https://ai-notes.example.tw/posts/y/">y</a><img src="https://ai-notes.example.tw/_astro/a.webp" srcset="https://ai-notes.example.tw/_astro/a.webp 480w, https://ai-notes.example.tw/_astro/b.webp 800w" alt="圖"></p>',
    );
  });

  it('removes scripts, iframes, styles and event handlers, keeping the text around them', () => {
    const html = feedHtml('<p onclick="x()">前<script>alert(1)</script>後</p><iframe src="https://evil.example/"></iframe><style>p{}</style>', ARTICLE);
    expect(html).toBe('<p>前後</p>');
  });

  it('strips data-astro-cid, data-*, class and style attributes', () => {
    const html = feedHtml('<aside class="callout" data-astro-cid-abc123 style="color:red" aria-label="注意"><p data-x="1">內容</p></aside>', ARTICLE);
    expect(html).toBe('<aside aria-label="注意"><p>內容</p></aside>');
  });

  it('turns an embed facade into a link with its label', () => {
    const facade =
      '<figure class="embed embed--youtube embed--wide" data-embed-player="https://www.youtube-nocookie.com/embed/XCCkgRzth6Q?autoplay=1" data-embed-title="t">' +
      '<a class="embed__link" href="https://www.youtube.com/watch?v=XCCkgRzth6Q" rel="noopener"><span class="embed__play" aria-hidden="true"></span>' +
      '<span class="embed__text"><span class="embed__label">節目 & 影片</span><span class="embed__note">YouTube・點擊後才會載入外部播放器</span></span></a></figure>';
    expect(feedHtml(facade, ARTICLE)).toBe('<p><a href="https://www.youtube.com/watch?v=XCCkgRzth6Q">節目 &amp; 影片</a></p>');
  });

  it('turns a link card into a link', () => {
    const card =
      '<figure class="embed-card embed-card--x"><a class="embed-card__link" href="https://x.com/i/status/1" rel="noopener">' +
      '<span class="embed-card__label">在 X 查看這則貼文</span><span class="embed-card__note">外部連結</span></a></figure>';
    expect(feedHtml(card, ARTICLE)).toBe('<p><a href="https://x.com/i/status/1">在 X 查看這則貼文</a></p>');
  });

  it('keeps escaped text, emoji and ]]> as they are, and drops control characters', () => {
    expect(feedHtml('<p>a &lt; b &amp; c ]]&gt; 🤖\u0001</p>', ARTICLE)).toBe('<p>a &lt; b &amp; c ]]&gt; 🤖</p>');
  });
});

describe('hero markup', () => {
  const hero = { url: 'https://ai-notes.example.tw/_astro/h.jpeg?a=1&b=2', type: 'image/jpeg', width: 1200, height: 630, alt: '"封面" <圖>' };

  it('escapes the image URL and alt text', () => {
    expect(heroHtml(hero)).toBe(
      '<p><img src="https://ai-notes.example.tw/_astro/h.jpeg?a=1&amp;b=2" width="1200" height="630" alt="&quot;封面&quot; &lt;圖&gt;" /></p>',
    );
    expect(mediaContentXml(hero)).toBe(
      '<media:content url="https://ai-notes.example.tw/_astro/h.jpeg?a=1&amp;b=2" medium="image" type="image/jpeg" width="1200" height="630" />',
    );
  });

  it('leaves out the type and size of a remote hero, which are unknown', () => {
    const remote = { url: 'https://images.example.com/a.jpg', alt: '' };
    expect(heroHtml(remote)).toBe('<p><img src="https://images.example.com/a.jpg" alt="" /></p>');
    expect(mediaContentXml(remote)).toBe('<media:content url="https://images.example.com/a.jpg" medium="image" />');
  });
});

describe('newest', () => {
  it('keeps the first n of a newest-first list', () => {
    expect(newest([5, 4, 3, 2, 1], 3)).toEqual([5, 4, 3]);
    expect(newest([1], 20)).toEqual([1]);
  });
});

describe('feed XML with hostile content', () => {
  it('parses with a real feed parser and round-trips text, emoji and ]]>', async () => {
    const { getRssString } = await import('@astrojs/rss');
    const nasty = 'A & B <c> ]]> 🚀\u0001 "q"';
    const xml = await getRssString({
      title: xmlSafe(nasty),
      description: 'd',
      site: 'https://ai-notes.example.tw/',
      items: [{ title: xmlSafe(nasty), link: '/posts/x/', pubDate: new Date('2026-03-01T07:00:00+08:00'), content: feedHtml(`<p>${'a &lt; b ]]&gt; &amp; 🚀'}</p>`, ARTICLE) }],
    });
    const feed = await new Parser().parseString(xml);
    expect(feed.title).toBe('A & B <c> ]]> 🚀 "q"');
    expect(feed.items[0].title).toBe('A & B <c> ]]> 🚀 "q"');
    expect(feed.items[0]['content:encoded']).toBe('<p>a &lt; b ]]&gt; &amp; 🚀</p>');
    expect(new Date(feed.items[0].pubDate!).toISOString()).toBe('2026-02-28T23:00:00.000Z');
  });
});
