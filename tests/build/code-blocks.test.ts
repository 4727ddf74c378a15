import { beforeAll, describe, expect, it } from 'vitest';
import { page } from '../support/html';
import { buildWithPost } from '../support/build-fixture';

describe('code fences written the Hugo way', () => {
  const doc = page('/posts/feed-edge-cases/');
  const go = doc.querySelector('pre[data-language="go"]')!;
  const cpp = doc.querySelector('pre[data-language="cpp"]')!;
  const lineNumbers = (pre: typeof go) => pre.querySelectorAll('.line').map((l) => l.getAttribute('data-line'));
  const marked = (pre: typeof go) => pre.querySelectorAll('mark.line').map((l) => l.getAttribute('data-line'));

  it('reads {linenos=table hl_lines=[8,"15-17"]}, the form the highlight shortcode becomes', () => {
    expect(go.getAttribute('class')).toBe('language-go code-block code-block--numbered code-block--gutter-2');
    expect(lineNumbers(go)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19']);
    expect(marked(go)).toEqual(['8', '15', '16', '17']);
    expect(go.querySelector('mark.line[data-line="8"]')?.textContent).toBe('// line 8 is highlighted');
  });

  it('closes and reopens a comment spanning the highlighted lines 15–17 on each line', () => {
    const comment = go.querySelectorAll('mark.line .token.comment').map((t) => t.textContent);
    expect(comment).toEqual(['// line 8 is highlighted', '/* lines 15 to 17:', '\t   one comment token', '\t   over three lines */']);
  });

  it('keeps the code itself intact: numbers are attributes, not text', () => {
    const code = go.querySelector('code')!.textContent;
    expect(code.split('\n')).toHaveLength(19);
    expect(code.startsWith('package main\n\nimport (')).toBe(true);
    expect(code).not.toMatch(/^\d/m);
  });

  it('highlights ```c++ as C++, numbering from linenostart and marking hl_lines="2-3 5" relative to the block', () => {
    expect(cpp.getAttribute('class')).toBe('language-c++ code-block code-block--numbered code-block--gutter-3');
    expect(lineNumbers(cpp)).toEqual(['99', '100', '101', '102', '103']);
    expect(marked(cpp)).toEqual(['100', '101', '103']);
    expect(cpp.querySelectorAll('.token.keyword').map((t) => t.textContent)).toEqual(['include', 'int', 'int', 'return']);
  });

  it('numbers no lines and marks none without attributes (positive controls above)', () => {
    const js = doc.querySelector('pre.language-js')!;
    expect(js.getAttribute('class')).toBe('language-js code-block');
    expect(js.querySelectorAll('.line')).toHaveLength(2);
    expect(js.querySelectorAll('[data-line]')).toHaveLength(0);
    expect(js.querySelectorAll('mark')).toHaveLength(0);
  });

  it('shows an unknown language as escaped plain text with its language class', () => {
    const foo = doc.querySelector('pre.language-foo')!;
    expect(foo.querySelector('code')?.textContent).toBe('<b>not bold</b> & not highlighted');
    expect(foo.querySelectorAll('b, .token')).toHaveLength(0);
  });

  it('does the same in MDX', () => {
    const py = page('/posts/components/').querySelector('pre[data-language="python"]')!;
    expect(py.getAttribute('class')).toBe('language-py code-block code-block--numbered code-block--gutter-1');
    expect(lineNumbers(py)).toEqual(['3', '4']);
    expect(marked(py)).toEqual(['4']);
    expect(py.querySelector('.token.keyword')?.textContent).toBe('def');
  });
});

describe('an unknown fence language', () => {
  const source = '---\ntitle: 程式碼\ndate: 2026-01-01\n---\n\n前言。\n\n```foo\nx < y\n```\n\n```go\npackage main\n```\n';
  let result: ReturnType<typeof buildWithPost>;
  // A fresh cache: a post reused from an earlier build is not rendered again, and so does not warn again.
  beforeAll(() => {
    result = buildWithPost('code-unknown-language', 'code.md', source, { freshCache: true });
  });

  it('warns with the file and line and lets the build finish', () => {
    expect(result.status).toBe(0);
    expect(result.output).toMatch(/\[WARN\] \[code-blocks\] \S*\/code-unknown-language\/content\/posts\/code\.md:8: code language "foo" is not known to the highlighter; shown as plain text\n/);
  });

  it('warns about nothing else: go is known (positive control above)', () => {
    expect(result.output.match(/\[code-blocks\]/g)).toHaveLength(1);
  });
});
