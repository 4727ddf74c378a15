import Prism, { type Token } from 'prismjs';
import { resolveLanguage, type ResolvedLanguage } from './code-languages';
import { defineHastPlugin, htmlToHast, type HastNode } from 'satteri';
import { escapeHtml } from './embeds';
import { where } from './shortcodes-plugin';

export { resolveLanguage, type ResolvedLanguage };

/** What Hugo's fence attributes ask of one code block. */
export interface FenceOptions {
  /** Line ranges to highlight, inclusive, counted from the block's first line (1) whatever `start` is, as in Hugo. */
  highlight: Array<[number, number]>;
  /** `linenos=true|table|inline`: both layouts show the same numbers here, kept out of copied text. */
  lineNumbers: boolean;
  /** `linenostart`: the number shown on the first line. */
  start: number;
}

const ATTRIBUTE = /([A-Za-z_][\w-]*)\s*=\s*(\[[^\]]*\]|"[^"]*"|'[^']*'|\u201c[^\u201d]*\u201d|[^\s,{}]+)/g;
const LINE_RANGE = /^(\d+)(?:-(\d+))?$/;

/**
 * Reads Hugo's fence attributes from a code block's info string after the language:
 * `{linenos=table hl_lines=[8,"15-17"] linenostart=5}`, separated by spaces and/or commas. Keys are
 * case-insensitive; attributes this site has no use for (style, anchorlinenos…) are ignored.
 */
export function parseFenceAttributes(meta: string | null | undefined): FenceOptions {
  const options: FenceOptions = { highlight: [], lineNumbers: false, start: 1 };
  for (const [, rawKey, rawValue] of (meta ?? '').matchAll(ATTRIBUTE)) {
    const key = rawKey.toLowerCase();
    const value = unquote(rawValue);
    if (key === 'hl_lines') options.highlight = parseLineRanges(value);
    else if (key === 'linenos') options.lineNumbers = ['true', 'table', 'inline'].includes(value.toLowerCase());
    else if (key === 'linenostart' && /^\d{1,9}$/.test(value)) options.start = Number(value);
  }
  return options;
}

const unquote = (value: string) => value.replace(/^["'\u201c](.*)["'\u201d]$/s, '$1');

/** `[2,8]`, `["2-3",5]`, `2-3 5` or `2-3` as inclusive ranges; anything else in the list is skipped. */
export function parseLineRanges(value: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const item of value.replace(/^\[|\]$/g, '').split(/[\s,]+/)) {
    const m = LINE_RANGE.exec(unquote(item.trim()));
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from >= 1 && to >= from) ranges.push([from, to]);
  }
  return ranges;
}


type Stream = string | Token | Array<string | Token>;

/**
 * Prism's tokens as one HTML string per source line. A token spanning lines (a block comment, a
 * template string) is closed at the end of each line and opened again on the next, so every line is
 * well-formed on its own and can be wrapped, numbered and highlighted.
 */
export function splitTokensIntoLines(stream: Stream): string[] {
  const lines: string[] = [];
  let html = '';
  let open: Token[] = [];
  const closeTo = (depth: number) => {
    html += '</span>'.repeat(open.length - depth);
    open = open.slice(0, depth);
  };
  const write = (text: string, stack: Token[]) => {
    text.split('\n').forEach((part, i) => {
      if (i > 0) {
        closeTo(0);
        lines.push(html);
        html = '';
      }
      if (!part) return;
      let common = 0;
      while (common < open.length && open[common] === stack[common]) common++;
      closeTo(common);
      for (const token of stack.slice(common)) {
        html += `<span class="${escapeHtml(['token', token.type, ...[token.alias ?? []].flat()].join(' '))}">`;
        open.push(token);
      }
      html += escapeHtml(part);
    });
  };
  const walk = (node: Stream, stack: Token[]) => {
    if (typeof node === 'string') write(node, stack);
    else if (Array.isArray(node)) for (const child of node) walk(child, stack);
    else walk(node.content, [...stack, node]);
  };
  walk(stream, []);
  closeTo(0);
  lines.push(html);
  return lines;
}

/** The highest line number shown, in digits, bounded so a class name exists for it in code.css. */
const gutterDigits = (last: number) => Math.min(Math.max(String(last).length, 1), 6);

/**
 * A code block as HTML: one `.line` per source line (a `<mark>` when highlighted), line numbers as
 * `data-line` values that code.css shows with `::before` (so selecting the code never copies them).
 * Classes only: the CSP allows no inline styles.
 */
export function codeBlockHtml(code: string, language: ResolvedLanguage, options: FenceOptions): string {
  const text = code.replace(/\r\n?/g, '\n');
  const lines = splitTokensIntoLines(language.grammar ? Prism.tokenize(text, language.grammar) : text);
  const highlighted = (n: number) => options.highlight.some(([from, to]) => n >= from && n <= to);
  const body = lines
    .map((html, i) => {
      const tag = highlighted(i + 1) ? 'mark' : 'span';
      const number = options.lineNumbers ? ` data-line="${options.start + i}"` : '';
      return `<${tag} class="line"${number}>${html}</${tag}>`;
    })
    .join('\n');
  const languageClass = `language-${language.name}`;
  const classes = [languageClass, 'code-block'];
  if (options.lineNumbers) classes.push('code-block--numbered', `code-block--gutter-${gutterDigits(options.start + lines.length - 1)}`);
  return `<pre class="${escapeHtml(classes.join(' '))}" data-language="${escapeHtml(language.id)}"><code class="${escapeHtml(languageClass)}">${body}</code></pre>`;
}

type Warn = (message: string) => void;
let warn: Warn = (message) => console.warn(message);

/** Where warnings about code blocks go: Astro's logger during a build (src/integrations/code-blocks.ts). */
export function reportCodeBlockWarningsTo(report: Warn): void {
  warn = report;
}

/**
 * Sätteri hast plugin, for `.md` and `.mdx` alike: highlights fenced code with Prism, reading Hugo's
 * fence attributes (hl_lines, linenos, linenostart) and language names. A language Prism lacks is
 * shown as escaped plain text with a warning naming the file and line; the build goes on.
 */
export const codeBlocks = defineHastPlugin({
  name: 'code-blocks',
  options: { position: true },
  element: {
    filter: ['pre'],
    visit(node, ctx) {
      const code = node.children.find((c) => c.type === 'element' && c.tagName === 'code');
      if (!code || code.type !== 'element') return;
      const data = (code.data ?? {}) as { lang?: string | null; meta?: string | null };
      const language = resolveLanguage(data.lang);
      if (!language.known) {
        warn(`${where(ctx, node.position?.start.line)}: code language "${data.lang}" is not known to the highlighter; shown as plain text`);
      }
      const html = codeBlockHtml(ctx.textContent(code).replace(/\n$/, ''), language, parseFenceAttributes(data.meta));
      const tree = htmlToHast(html, { fragment: true });
      return 'children' in tree ? (tree.children[0] as HastNode) : undefined;
    },
  },
});
