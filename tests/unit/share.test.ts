import { describe, expect, it } from 'vitest';
import { shareLinks } from '../../src/lib/share';

describe('shareLinks', () => {
  it('encodes a CJK article URL and title into LINE, Facebook and X links, in that order', () => {
    const links = shareLinks('https://ai-notes.example.tw/posts/開源-ai/', '開源 & 小模型：下一步？');
    expect(links).toEqual([
      { network: 'line', label: 'LINE', href: 'https://social-plugins.line.me/lineit/share?url=https%3A%2F%2Fai-notes.example.tw%2Fposts%2F%E9%96%8B%E6%BA%90-ai%2F' },
      { network: 'facebook', label: 'Facebook', href: 'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fai-notes.example.tw%2Fposts%2F%E9%96%8B%E6%BA%90-ai%2F' },
      {
        network: 'x',
        label: 'X',
        href:
          'https://x.com/intent/post?url=https%3A%2F%2Fai-notes.example.tw%2Fposts%2F%E9%96%8B%E6%BA%90-ai%2F' +
          '&text=%E9%96%8B%E6%BA%90%20%26%20%E5%B0%8F%E6%A8%A1%E5%9E%8B%EF%BC%9A%E4%B8%8B%E4%B8%80%E6%AD%A5%EF%BC%9F',
      },
    ]);
  });

  it('keeps query and fragment characters of the URL inside the url parameter', () => {
    const [line] = shareLinks('https://example.com/a/?x=1&y=2#top', 't');
    expect(new URL(line.href).searchParams.get('url')).toBe('https://example.com/a/?x=1&y=2#top');
    expect([...new URL(line.href).searchParams.keys()]).toEqual(['url']);
  });

  it.each(['/posts/x/', 'javascript:alert(1)', 'ftp://example.com/x'])('rejects %s, which is not an absolute http(s) URL', (url) => {
    expect(() => shareLinks(url, 't')).toThrow(`shareLinks: "${url}" is not an absolute http(s) URL`);
  });
});
