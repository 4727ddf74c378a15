import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { ShortcodeError, figureImagePath, parseShortcode, renderShortcode } from '../../src/lib/shortcodes';

/** Renders a shortcode written as in a post and parses the HTML it returns. */
function render(source: string) {
  const output = renderShortcode(parseShortcode(source)!);
  if (typeof output !== 'string') throw new Error('expected HTML');
  return parse(output);
}

function errorOf(source: string, file?: string): string {
  try {
    renderShortcode(parseShortcode(source)!, { file });
  } catch (err) {
    if (err instanceof ShortcodeError) return err.message;
    throw err;
  }
  return '(no error)';
}

describe('vimeo shortcode', () => {
  it('renders a click-to-load facade with a do-not-track player URL', () => {
    const figure = render('{{< vimeo 146022717 >}}').querySelector('figure.embed--vimeo');
    expect(figure?.getAttribute('data-embed-player')).toBe('https://player.vimeo.com/video/146022717?autoplay=1&dnt=1');
    expect(figure?.querySelector('a')?.getAttribute('href')).toBe('https://vimeo.com/146022717');
    expect(figure?.querySelector('.embed__label')?.textContent).toBe('在 Vimeo 觀看影片');
  });

  it('takes a named id and an escaped title', () => {
    const doc = render('{{< vimeo id="76979871" title="<b>示範</b>" >}}');
    expect(doc.querySelector('.embed__label')?.textContent).toBe('<b>示範</b>');
    expect(doc.querySelector('b')).toBeNull();
    expect(doc.querySelector('.embed__label')).not.toBeNull();
  });

  it('rejects an id that is not a number', () => {
    expect(errorOf('{{< vimeo "abc" >}}')).toBe('{{< vimeo >}}: invalid Vimeo id "abc"; expected the number from vimeo.com/NUMBER (6–12 digits)');
  });
});

describe('x and tweet shortcodes', () => {
  it('renders a link card to the post without loading anything from X', () => {
    const doc = render('{{< x user="SanDiegoZoo" id="1453110110599868418" >}}');
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://x.com/SanDiegoZoo/status/1453110110599868418');
    expect(doc.querySelector('.embed-card__label')?.textContent).toBe('在 X 查看 @SanDiegoZoo 的貼文');
    expect(doc.querySelectorAll('script, iframe')).toHaveLength(0);
  });

  it('accepts the old tweet form with only an id', () => {
    expect(render('{{< tweet 1453110110599868418 >}}').querySelector('a')?.getAttribute('href')).toBe('https://x.com/i/status/1453110110599868418');
  });

  it('rejects a handle that could break out of the URL', () => {
    expect(errorOf('{{< x user="a/../b" id="1" >}}')).toBe('{{< x >}}: invalid X user "a/../b"; expected a handle of up to 15 letters, digits or "_"');
  });
});

describe('gist shortcode', () => {
  it('links to the gist and the named file', () => {
    const doc = render('{{< gist spf13 7896402 "img.html" >}}');
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://gist.github.com/spf13/7896402#file-img-html');
    expect(doc.querySelector('.embed-card__label')?.textContent).toBe('在 GitHub 查看程式碼：img.html');
  });

  it('rejects an id with characters other than hex digits', () => {
    expect(errorOf('{{< gist spf13 "x<y" >}}')).toBe('{{< gist >}}: invalid gist id "x<y"; expected the hexadecimal id from gist.github.com/USER/ID');
  });
});

describe('figure shortcode', () => {
  const post = path.resolve('tests/fixtures/site/content/posts/hugo-typical.md');

  it('maps Hugo /images/ paths to the assets folder, relative to the post', () => {
    expect(figureImagePath('/images/posts/chart.webp', post)).toEqual({
      url: '../../assets/images/posts/chart.webp',
      file: path.resolve('tests/fixtures/site/assets/images/posts/chart.webp'),
    });
  });

  it('renders an image node between figure tags with an escaped caption', () => {
    const output = renderShortcode(parseShortcode('{{< figure src="/images/posts/chart.webp" alt="圖" caption="<成本>" >}}')!, { file: post });
    expect(output).toEqual([
      { raw: '<figure class="figure">', mdxExpressions: false },
      { type: 'paragraph', children: [{ type: 'image', url: '../../assets/images/posts/chart.webp', alt: '圖', title: null }] },
      { raw: '<figcaption>&lt;成本&gt;</figcaption></figure>', mdxExpressions: false },
    ]);
  });

  it('names the expected file when the image is missing', () => {
    expect(errorOf('{{< figure src="/images/posts/nope.webp" >}}', post)).toBe(
      '{{< figure >}}: image "/images/posts/nope.webp" not found; expected file at tests/fixtures/site/assets/images/posts/nope.webp',
    );
  });

  it('keeps a remote https image as it is and refuses plain http', () => {
    expect(figureImagePath('https://example.com/a.png', post)).toEqual({ url: 'https://example.com/a.png' });
    expect(errorOf('{{< figure src="http://example.com/a.png" >}}', post)).toBe(
      '{{< figure >}}: remote image "http://example.com/a.png" must use https://; expected an https URL, a file under /images/ or next to the post',
    );
  });
});
