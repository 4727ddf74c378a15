import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml, parseDocument, stringify as stringifyYaml } from 'yaml';

export type FrontMatterFormat = 'yaml' | 'toml' | 'json' | 'none';

export interface SplitDocument {
  format: FrontMatterFormat;
  /** The front matter as text, without its fences. */
  raw: string;
  body: string;
  /** 1-based line of the body's first line in the file, so body line numbers can be reported. */
  bodyLine: number;
}

const YAML_BLOCK = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const TOML_BLOCK = /^\uFEFF?\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/;

/** Splits a Hugo content file into front matter (YAML `---`, TOML `+++` or a JSON object) and body. */
export function splitDocument(source: string): SplitDocument {
  for (const [format, re] of [['yaml', YAML_BLOCK], ['toml', TOML_BLOCK]] as const) {
    const m = re.exec(source);
    if (m) return { format, raw: m[1], body: source.slice(m[0].length), bodyLine: lineCount(m[0]) + 1 };
  }
  if (source.trimStart().startsWith('{')) {
    const end = jsonObjectEnd(source);
    if (end > 0) {
      const head = source.slice(0, end);
      const rest = source.slice(end).replace(/^[ \t]*\r?\n/, '');
      return { format: 'json', raw: head, body: rest, bodyLine: lineCount(source.slice(0, source.length - rest.length)) + 1 };
    }
  }
  return { format: 'none', raw: '', body: source, bodyLine: 1 };
}

function lineCount(text: string): number {
  return (text.match(/\n/g) ?? []).length;
}

/** Index just past the closing brace of the JSON object the text starts with, or -1. */
function jsonObjectEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = text.indexOf('{'); i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Parses front matter into plain data. YAML uses the 1.2 core schema, as the site's loader does, so
 * dates stay the text the author wrote; TOML dates become ISO strings with their offset. A key written
 * twice in YAML keeps its last value, as Hugo did before v0.152 (later versions refuse it); `duplicateKeys` lists them.
 */
export function parseFrontMatter(doc: SplitDocument): Record<string, unknown> {
  let data: unknown;
  if (doc.format === 'yaml') data = parseYaml(doc.raw, { schema: 'core', uniqueKeys: false });
  else if (doc.format === 'toml') data = tomlToPlain(parseToml(quoteImpossibleOffsets(doc.raw)));
  else if (doc.format === 'json') data = JSON.parse(doc.raw);
  else data = {};
  if (data == null) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error('front matter is not a mapping of fields');
  return data as Record<string, unknown>;
}

/** Keys written more than once in YAML front matter, with the file line of each repeat. */
export function duplicateKeys(doc: SplitDocument): { key: string; line: number }[] {
  if (doc.format !== 'yaml') return [];
  const lines = doc.raw.split(/\r?\n/);
  return parseDocument(doc.raw, { schema: 'core' })
    .errors.filter((e) => e.code === 'DUPLICATE_KEY' && e.linePos)
    .map((e) => {
      const line = e.linePos![0].line;
      const key = /^\s*["']?([^"':]+?)["']?\s*:/.exec(lines[line - 1] ?? '')?.[1] ?? '?';
      // +1 for the opening `---`.
      return { key, line: line + 1 };
    });
}

/**
 * TOML refuses a date-time whose offset is out of range (`+50:00`), so the whole front matter would fail;
 * quoted, it arrives as text that the import repairs and reports (scripts/lib/import-sources.ts).
 */
function quoteImpossibleOffsets(raw: string): string {
  return raw.replace(
    /^(\s*[\w"'.-]+\s*=\s*)(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?([+-])(\d\d):(\d\d))[ \t]*$/gm,
    (whole, key: string, value: string, _sign: string, hours: string, minutes: string) =>
      Number(hours) > 14 || Number(minutes) > 59 ? `${key}"${value}"` : whole,
  );
}

function tomlToPlain(value: unknown): unknown {
  // smol-toml's TomlDate keeps the author's form (offset, date-only) in toISOString().
  if (value instanceof Date) return value.toISOString().replace(/\.000(?=[Z+-]|$)/, '');
  if (Array.isArray(value)) return value.map(tomlToPlain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tomlToPlain(v)]));
  }
  return value;
}

/** Writes front matter and body as a Markdown file with YAML front matter. */
export function formatDocument(data: Record<string, unknown>, body: string): string {
  const yaml = stringifyYaml(data, { schema: 'core', lineWidth: 0 }).trimEnd();
  return `---\n${yaml}\n---\n${body.startsWith('\n') ? '' : '\n'}${body}`;
}
