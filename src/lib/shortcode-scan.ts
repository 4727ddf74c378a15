/**
 * The one Hugo shortcode scanner, shared by the build (src/lib/shortcodes.ts), `npm run check:content`
 * and the Hugo importer, so the three never disagree about what is a shortcode.
 *
 * It reads a Markdown body the way Hugo does, before Markdown: `{{< name … >}}` and `{{% name … %}}`,
 * self-closing `/>}}`, every spelling of a closing tag (`{{< /x >}}`, `{{</x>}}`, `{{< / x >}}`,
 * `{{</ x >}}`), dotted and nested names (`math.inline`, `a/b`), named and positional parameters with
 * double-quoted, back-quoted (raw, may span lines) or bare values, and tags spread over several lines.
 * Unlike Hugo it never looks inside code spans or fenced code blocks: there a shortcode is shown as
 * written. Hugo's escape `{{</* x *\/>}}` stands for the literal text `{{< x >}}`, in code or out.
 */

export interface ShortcodeTag {
  /** `<` for `{{< >}}` (output is HTML), `%` for `{{% %}}` (output is Markdown). */
  delim: '<' | '%';
  /** `{{< /name >}}`. */
  closing: boolean;
  /** `{{< name />}}`. */
  selfClosing: boolean;
  name: string;
  positional: string[];
  named: Record<string, string>;
  /** Offsets of the tag in the scanned text. */
  start: number;
  end: number;
  /** 1-based lines of the first and last character, counted from `firstLine`. */
  line: number;
  endLine: number;
  /** The tag as written. */
  text: string;
}

/** `{{</* x *\/>}}`: replaced by the literal `{{< x >}}`. */
export interface ShortcodeEscape {
  start: number;
  end: number;
  line: number;
  literal: string;
  /** Whether it is inside a code span or block (where the literal needs no Markdown escaping). */
  inCode: boolean;
}

export interface ScanProblem {
  line: number;
  message: string;
}

export interface ShortcodeScan {
  tags: ShortcodeTag[];
  escapes: ShortcodeEscape[];
  problems: ScanProblem[];
}

/** A shortcode tag with its closing tag, when it has one. */
export interface ShortcodeUse {
  open: ShortcodeTag;
  close?: ShortcodeTag;
  /** The text between the tags. */
  inner?: string;
}

const NAME = /[\w][\w.\/-]*/y;
const KEY = /([A-Za-z_][\w-]*)=/y;
const OPEN_QUOTES: Record<string, string> = { '"': '"', '\u201c': '\u201d', '\u201d': '\u201d', '`': '`' };

/** Offsets where each line starts, for turning an offset into a line number. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const FENCE_OPEN = /^((?:[ \t]*>)*[ \t]*)(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t]*$/;

/**
 * Code in a Markdown body, as [start, end) offsets: fenced blocks (also indented in lists or quoted) and
 * code spans (a run of backticks up to the next run of the same length, within one paragraph).
 */
export function codeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const lines = text.split('\n');
  let offset = 0;
  let fence: { char: string; length: number; start: number } | undefined;
  let chunkStart = -1;
  const flushChunk = (end: number) => {
    if (chunkStart >= 0) codeSpans(text, chunkStart, end, ranges);
    chunkStart = -1;
  };
  for (const line of lines) {
    const lineEnd = offset + line.length;
    if (fence) {
      const close = FENCE_CLOSE.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) {
        ranges.push([fence.start, lineEnd]);
        fence = undefined;
      }
    } else {
      const open = FENCE_OPEN.exec(line);
      if (open && !(open[2][0] === '`' && open[3].includes('`'))) {
        flushChunk(offset);
        fence = { char: open[2][0], length: open[2].length, start: offset };
      } else if (line.trim() === '' || /^(?:[ \t]*>)+[ \t]*$/.test(line)) {
        flushChunk(offset);
      } else if (chunkStart < 0) {
        chunkStart = offset;
      }
    }
    offset = lineEnd + 1;
  }
  if (fence) ranges.push([fence.start, text.length]);
  else flushChunk(text.length);
  return ranges.sort((a, b) => a[0] - b[0]);
}

function codeSpans(text: string, from: number, to: number, out: [number, number][]): void {
  let i = from;
  while (i < to) {
    const at = text.indexOf('`', i);
    if (at < 0 || at >= to) return;
    let n = at;
    while (n < to && text[n] === '`') n++;
    const length = n - at;
    if (at > from && text[at - 1] === '\\') {
      i = n;
      continue;
    }
    // The closing run: exactly as long as the opening one.
    let search = n;
    let close = -1;
    while (search < to) {
      const next = text.indexOf('`', search);
      if (next < 0 || next >= to) break;
      let m = next;
      while (m < to && text[m] === '`') m++;
      if (m - next === length) {
        close = m;
        break;
      }
      search = m;
    }
    if (close < 0) {
      i = n;
      continue;
    }
    out.push([at, close]);
    i = close;
  }
}

/** Scans a Markdown body (or any text) for shortcode tags and escapes; `firstLine` numbers its first line. */
export function scanShortcodes(text: string, firstLine = 1): ShortcodeScan {
  const scan: ShortcodeScan = { tags: [], escapes: [], problems: [] };
  if (!text.includes('{{')) return scan;
  const starts = lineStarts(text);
  const line = (offset: number) => lineAt(starts, offset) + firstLine - 1;
  const code = codeRanges(text);
  let codeIndex = 0;
  const inCode = (offset: number) => {
    while (codeIndex < code.length && code[codeIndex][1] <= offset) codeIndex++;
    return codeIndex < code.length && code[codeIndex][0] <= offset;
  };
  const OPEN = /\{\{([<%])/g;
  let match: RegExpExecArray | null;
  while ((match = OPEN.exec(text))) {
    const start = match.index;
    const delim = match[1] as '<' | '%';
    const closer = `${delim === '<' ? '>' : '%'}}}`;
    // {{</* … */>}}: the literal shortcode, in code too.
    if (text.startsWith('/*', start + 3)) {
      const end = text.indexOf(`*/${closer}`, start + 5);
      if (end < 0) {
        if (!inCode(start)) scan.problems.push({ line: line(start), message: `unterminated escaped shortcode; expected "*/${closer}" to close "{{${delim}/*"` });
        continue;
      }
      scan.escapes.push({ start, end: end + 5, line: line(start), literal: `{{${delim}${text.slice(start + 5, end)}${closer}`, inCode: inCode(start) });
      OPEN.lastIndex = end + 5;
      continue;
    }
    if (inCode(start)) continue;
    const parsed = parseTag(text, start, delim);
    if ('problem' in parsed) {
      scan.problems.push({ line: line(start), message: parsed.problem });
      continue;
    }
    const tag: ShortcodeTag = { ...parsed, start, line: line(start), endLine: line(parsed.end - 1), text: text.slice(start, parsed.end) };
    scan.tags.push(tag);
    OPEN.lastIndex = parsed.end;
  }
  return scan;
}

type ParsedTag = Omit<ShortcodeTag, 'start' | 'line' | 'endLine' | 'text'>;

/** Parses the tag starting at `start` (`{{<` or `{{%`). */
function parseTag(text: string, start: number, delim: '<' | '%'): ParsedTag | { problem: string } {
  const closeMark = delim === '<' ? '>}}' : '%}}';
  const other = delim === '<' ? '%}}' : '>}}';
  let i = start + 3;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  skipSpace();
  let closing = false;
  if (text[i] === '/') {
    closing = true;
    i++;
    skipSpace();
  }
  NAME.lastIndex = i;
  const name = NAME.exec(text)?.[0];
  if (!name) {
    const shown = text.slice(start, Math.min(text.length, start + 40)).split('\n')[0];
    return { problem: `"${shown}" is not a shortcode; expected a name after "{{${delim}", e.g. {{${delim} youtube VIDEO_ID ${closeMark}` };
  }
  i += name.length;
  const tag: ParsedTag = { delim, closing, selfClosing: false, name, positional: [], named: {}, end: 0 };
  for (;;) {
    skipSpace();
    if (i >= text.length) return { problem: `shortcode {{${delim} ${closing ? '/' : ''}${name} … is never closed; expected "${closeMark}"` };
    if (text.startsWith(closeMark, i)) {
      tag.end = i + 3;
      return tag;
    }
    if (text[i] === '/' && text.startsWith(closeMark, i + 1)) {
      tag.selfClosing = true;
      tag.end = i + 4;
      return tag;
    }
    if (text.startsWith(other, i)) {
      return { problem: `shortcode {{${delim} ${name} … ends with "${other}"; expected "${closeMark}" to match "{{${delim}"` };
    }
    if (text.startsWith('{{', i)) return { problem: `shortcode {{${delim} ${name} … is never closed before the next "{{"; expected "${closeMark}"` };
    KEY.lastIndex = i;
    const key = KEY.exec(text);
    if (key) i += key[0].length;
    const value = readValue();
    if (value === undefined) return { problem: `shortcode {{${delim} ${name} … has an unterminated quoted value; expected a closing quote` };
    if (key) tag.named[key[1]] = value;
    else tag.positional.push(value);
  }

  function readValue(): string | undefined {
    const quote = OPEN_QUOTES[text[i]];
    if (quote) {
      let out = '';
      let j = i + 1;
      while (j < text.length) {
        const c = text[j];
        if (quote !== '`' && c === '\\' && j + 1 < text.length) {
          out += text[j + 1];
          j += 2;
          continue;
        }
        if (c === quote || (quote === '\u201d' && c === '\u201c')) {
          i = j + 1;
          return out;
        }
        if (quote !== '`' && c === '\n') return undefined;
        out += c;
        j++;
      }
      return undefined;
    }
    const begin = i;
    while (i < text.length && !/\s/.test(text[i]) && !text.startsWith(closeMark, i) && !text.startsWith(`/${closeMark}`, i)) i++;
    return text.slice(begin, i);
  }
}

/**
 * Pairs tags: a closing tag closes the nearest open tag of its name. Returns every use in order of its
 * opening tag, and the closing tags that close nothing.
 */
export function pairShortcodes(tags: ShortcodeTag[], text: string): { uses: ShortcodeUse[]; strayClosers: ShortcodeTag[] } {
  const uses: ShortcodeUse[] = [];
  const stack: ShortcodeUse[] = [];
  const strayClosers: ShortcodeTag[] = [];
  for (const tag of tags) {
    if (!tag.closing) {
      const use: ShortcodeUse = { open: tag };
      uses.push(use);
      if (!tag.selfClosing) stack.push(use);
      continue;
    }
    const at = stack.findLastIndex((u) => u.open.name === tag.name);
    if (at < 0) {
      strayClosers.push(tag);
      continue;
    }
    const use = stack[at];
    stack.splice(at);
    use.close = tag;
    use.inner = text.slice(use.open.end, tag.start);
  }
  return { uses, strayClosers };
}

/** The source with every escape replaced by its literal text (offsets of `changes` must not overlap). */
export function applyChanges(text: string, changes: { start: number; end: number; text: string }[]): string {
  let out = '';
  let at = 0;
  for (const change of [...changes].sort((a, b) => a.start - b.start)) {
    if (change.start < at) continue;
    out += text.slice(at, change.start) + change.text;
    at = change.end;
  }
  return out + text.slice(at);
}

/** A tag written back in a canonical form: straight quotes, values quoted when they need it. */
export function formatTag(tag: Pick<ShortcodeTag, 'delim' | 'closing' | 'name' | 'positional' | 'named'>): string {
  const q = (v: string) => (/^[\w./:#?&=+-]+$/.test(v) ? v : /["\n\\]/.test(v) && !v.includes('`') ? `\`${v}\`` : JSON.stringify(v));
  const args = [...tag.positional.map(q), ...Object.entries(tag.named).map(([k, v]) => `${k}=${JSON.stringify(v)}`)];
  const close = tag.delim === '<' ? '>}}' : '%}}';
  return `{{${tag.delim} ${tag.closing ? '/' : ''}${tag.name}${args.length ? ` ${args.join(' ')}` : ''} ${close}`;
}
