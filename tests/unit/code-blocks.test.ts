import { afterEach, describe, expect, it } from 'vitest';
import { markdownToHtml, mdxToJs } from 'satteri';
import { parse } from 'node-html-parser';
import Prism from 'prismjs';
import {
  codeBlockHtml,
  codeBlocks,
  parseFenceAttributes,
  parseLineRanges,
  reportCodeBlockWarningsTo,
  resolveLanguage,
  splitTokensIntoLines,
} from '../../src/lib/code-blocks';

/** Parses HTML keeping `<pre>` as elements. */
const html = (source: string) => parse(source, { blockTextElements: { script: true, style: true } });

describe('Hugo fence attributes', () => {
  it.each([
    ['{hl_lines=[2,8]}', [[2, 2], [8, 8]]],
    ['{hl_lines=["2-3",5]}', [[2, 3], [5, 5]]],
    ['{hl_lines="2-3 5"}', [[2, 3], [5, 5]]],
    ['{hl_lines=2-3}', [[2, 3]]],
    ['{linenos=table hl_lines=[8,"15-17"]}', [[8, 8], [15, 17]]],
    ['{ linenos=true, hl_lines=[1] , style=monokai }', [[1, 1]]],
  ])('reads hl_lines from %s', (meta, ranges) => {
    expect(parseFenceAttributes(meta).highlight).toEqual(ranges);
  });

  it('reads the exact form the highlight shortcode becomes', () => {
    expect(parseFenceAttributes('{linenos=table hl_lines=[8,"15-17"]}')).toEqual({ highlight: [[8, 8], [15, 17]], lineNumbers: true, start: 1 });
  });

  it.each([
    ['{linenos=true}', true],
    ['{linenos=table}', true],
    ['{linenos=inline}', true],
    ['{linenos=false}', false],
    ['{hl_lines=[1]}', false],
    ['', false],
  ])('linenos in %s turns numbers %s', (meta, on) => {
    expect(parseFenceAttributes(meta).lineNumbers).toBe(on);
  });

  it('reads linenostart, separated by commas or spaces, keys in any case', () => {
    expect(parseFenceAttributes('{linenos=true,linenostart=199}')).toEqual({ highlight: [], lineNumbers: true, start: 199 });
    expect(parseFenceAttributes('{lineNos=inline lineNoStart=5 hl_Lines=[2]}')).toEqual({ highlight: [[2, 2]], lineNumbers: true, start: 5 });
  });

  it('ignores attributes it has no use for without losing the others', () => {
    expect(parseFenceAttributes('{anchorlinenos=true lineNumbersInTable=false style=dracula hl_lines=[3] lineanchors=x}')).toEqual({
      highlight: [[3, 3]],
      lineNumbers: false,
      start: 1,
    });
  });

  it('skips malformed line ranges and keeps the good ones', () => {
    expect(parseLineRanges('[0,"x",3-1,4,"6-7"]')).toEqual([[4, 4], [6, 7]]);
    expect(parseFenceAttributes('{linenostart=abc}').start).toBe(1);
  });
});

describe('languages', () => {
  it.each([
    ['c++', 'cpp'],
    ['cpp', 'cpp'],
    ['cc', 'cpp'],
    ['hxx', 'cpp'],
    ['golang', 'go'],
    ['sh', 'bash'],
    ['shell', 'bash'],
    ['zsh', 'bash'],
    ['console', 'bash'],
    ['yml', 'yaml'],
    ['py', 'python'],
    ['js', 'javascript'],
    ['ts', 'typescript'],
    ['jsx', 'jsx'],
    ['tsx', 'tsx'],
    ['ps1', 'powershell'],
    ['ps', 'powershell'],
    ['dockerfile', 'docker'],
    ['containerfile', 'docker'],
    ['pycon', 'python'],
    ['systemverilog', 'verilog'],
    ['asm', 'nasm'],
    ['vimrc', 'vim'],
    ['csh', 'bash'],
    ['protocol-buffer', 'protobuf'],
    ['jsonl', 'json'],
    ['json5', 'json5'],
    ['Go', 'go'],
  ])('%s is highlighted as %s', (name, id) => {
    const language = resolveLanguage(name);
    expect(language).toMatchObject({ id, known: true });
    expect(language.grammar).toBe(Prism.languages[id]);
  });

  it.each([
    ['text', 'text'],
    ['plaintext', 'plaintext'],
    ['TXT', 'txt'],
    ['none', 'none'],
    ['', 'plaintext'],
    [null, 'plaintext'],
  ])('%j is plain text, not an unknown language', (lang, name) => {
    expect(resolveLanguage(lang)).toEqual({ id: 'plaintext', name, known: true });
  });

  it('keeps the name the author wrote for the class, as Hugo does', () => {
    expect(resolveLanguage('C++')).toMatchObject({ id: 'cpp', name: 'c++' });
    expect(resolveLanguage('js')).toMatchObject({ id: 'javascript', name: 'js' });
  });

  it('reports a language Prism lacks as unknown, with a class-safe name', () => {
    expect(resolveLanguage('foo')).toEqual({ id: 'foo', name: 'foo', known: false });
    expect(resolveLanguage('a"b<c')).toEqual({ id: 'a-b-c', name: 'a-b-c', known: false });
  });
});

describe('splitting tokens into lines', () => {
  it('closes a token at the end of each line and reopens it on the next', () => {
    const lines = splitTokensIntoLines(Prism.tokenize('/* one\ntwo */ x', resolveLanguage('c').grammar!));
    expect(lines).toEqual(['<span class="token comment">/* one</span>', '<span class="token comment">two */</span> x']);
  });

  it('keeps nested tokens nested on every line', () => {
    const lines = splitTokensIntoLines(Prism.tokenize('`a\n${b}`', resolveLanguage('js').grammar!));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(html(line).querySelectorAll('.template-string').length, line).toBe(1);
      expect(line.match(/<span/g)?.length).toBe(line.match(/<\/span>/g)?.length);
    }
    expect(html(lines[1]).querySelector('.template-string .interpolation')?.textContent).toBe('${b}');
  });

  it('keeps empty lines and escapes text', () => {
    expect(splitTokensIntoLines('a <b>\n\n&c')).toEqual(['a &lt;b&gt;', '', '&amp;c']);
  });
});

describe('code block HTML', () => {
  const go = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}';

  it('marks highlighted lines and numbers lines from linenostart', () => {
    const doc = html(codeBlockHtml(go, resolveLanguage('go'), parseFenceAttributes('{linenos=table hl_lines=[2,"5-6"] linenostart=9}')));
    const lines = doc.querySelectorAll('pre > code > .line');
    expect(lines.map((l) => l.getAttribute('data-line'))).toEqual(['9', '10', '11', '12', '13', '14', '15']);
    expect(doc.querySelectorAll('mark.line').map((l) => l.getAttribute('data-line'))).toEqual(['10', '13', '14']);
    expect(doc.querySelector('pre')?.getAttribute('class')).toBe('language-go code-block code-block--numbered code-block--gutter-2');
    expect(doc.querySelector('code')?.textContent).toBe(go);
  });

  it('has no numbers and no marks without attributes (positive control above)', () => {
    const doc = html(codeBlockHtml(go, resolveLanguage('go'), parseFenceAttributes(undefined)));
    expect(doc.querySelectorAll('.line')).toHaveLength(7);
    expect(doc.querySelectorAll('[data-line]')).toHaveLength(0);
    expect(doc.querySelectorAll('mark')).toHaveLength(0);
    expect(doc.querySelector('pre')?.getAttribute('class')).toBe('language-go code-block');
    expect(doc.querySelector('.token.keyword')?.textContent).toBe('package');
  });

  it('shows an unknown language as escaped text with its language class', () => {
    const doc = html(codeBlockHtml('<script>alert(1)</script>', resolveLanguage('foo'), parseFenceAttributes('')));
    expect(doc.querySelector('pre')?.getAttribute('class')).toBe('language-foo code-block');
    expect(doc.querySelector('script')).toBeNull();
    expect(doc.querySelector('code')?.textContent).toBe('<script>alert(1)</script>');
  });
});

describe('the Sätteri plugin', () => {
  const warnings: string[] = [];
  reportCodeBlockWarningsTo((m) => warnings.push(m));
  afterEach(() => {
    warnings.length = 0;
  });

  const md = '# t\n\n```c++ {hl_lines=[2]}\nint a;\nint b;\n```\n\n```foo\nx < y\n```\n';

  it('highlights Markdown fences and warns about an unknown language with the line', async () => {
    const { html: out } = await markdownToHtml(md, { hastPlugins: [codeBlocks] });
    const doc = html(out);
    const cpp = doc.querySelector('pre[data-language="cpp"]');
    expect(cpp?.classList.contains('language-c++')).toBe(true);
    expect(cpp?.querySelector('mark.line')?.textContent).toBe('int b;');
    expect(cpp?.querySelector('.token.keyword')?.textContent).toBe('int');
    expect(doc.querySelector('pre.language-foo code')?.textContent).toBe('x < y');
    expect(warnings).toEqual(['(unknown file):8: code language "foo" is not known to the highlighter; shown as plain text']);
  });

  it('does the same in MDX', async () => {
    const { code } = await mdxToJs(md, { hastPlugins: [codeBlocks], jsxImportSource: 'astro' });
    expect(code).toContain('"line"');
    expect(code).toContain('"token keyword"');
    expect(warnings).toHaveLength(1);
  });
});
