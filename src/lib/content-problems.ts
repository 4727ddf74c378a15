import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { escapeHtml } from './embeds';

/**
 * A content file `npm run dev` could not load: its front matter does not parse, does not match the
 * schema, or its Markdown does not render (a bad shortcode or embed id). `npm run build` stops on the same
 * problems with the same messages; `npm run dev` instead keeps serving every other page, shows the
 * problem on the entry's own page and lists it on every page, until the file is fixed.
 */
export interface ContentProblem {
  collection: string;
  /** The file, relative to the project root. */
  file: string;
  /** The entry's id where known: its page (e.g. /posts/<id>/) shows the problem. */
  id?: string;
  /** What is wrong and what was expected, as `npm run build` says it. */
  message: string;
  /** The line of the file it is about, where known (1 when not). */
  line: number;
  /** Only a warning (an unknown front-matter field): the entry is stored and keeps its page. */
  warning?: boolean;
}

/**
 * Where the loaders keep the current problems in `astro dev`: one file per collection (the collections
 * load at the same time), in the project's `.astro/` beside Astro's dev data store. Pages read them on
 * every request; the folder is written only in dev.
 */
export const PROBLEMS_DIR = '.astro/content-problems';

/** The problems the loaders recorded, oldest file first; empty outside `astro dev`. */
export function readContentProblems(root = process.cwd()): ContentProblem[] {
  if (!import.meta.env.DEV) return [];
  const dir = path.join(root, PROBLEMS_DIR);
  if (!existsSync(dir)) return [];
  const out: ContentProblem[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    try {
      out.push(...(JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as ContentProblem[]));
    } catch {
      // Being replaced right now: the next request reads the new file.
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Pages for the entries of `collection` that have a problem and no page of their own (the loader took
 * them out of the store): the route renders the problem there. Empty outside `astro dev`.
 */
export function problemPaths(collection: string, ids: Set<string>): { params: { id: string }; props: { problem: ContentProblem } }[] {
  return readContentProblems()
    .filter((problem) => problem.collection === collection && problem.id !== undefined && !ids.has(problem.id))
    .map((problem) => ({ params: { id: problem.id! }, props: { problem } }));
}

/** A message as plain text: without Astro's markdown-style emphasis (`**date**`) and blank lines. */
export const plainMessage = (message: string) =>
  message
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\n\s*\n/g, '\n')
    .trim();

/** Lines `line - 3` to `line + 3` of `file`, numbered, `line` marked with ">"; empty when unreadable. */
function excerpt(file: string, line: number): string {
  try {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    const from = Math.max(1, line - 3);
    const to = Math.min(lines.length, line + 3);
    const width = String(to).length;
    return lines
      .slice(from - 1, to)
      .map((text, i) => `${from + i === line ? '>' : ' '} ${String(from + i).padStart(width)} | ${text}`)
      .join('\n');
  } catch {
    return '';
  }
}

/**
 * The page of an entry with a problem, in place of a stale or empty one: the file and line, the message,
 * the fix and the lines around it, with status 500. It is whole as sent: Astro's error overlay would
 * arrive separately over the dev server's socket and, with another tab open, can land in that tab and
 * leave this one blank. Vite's client script reloads it when the file is saved.
 */
export function contentProblemPage(problem: ContentProblem, root = process.cwd()): Response {
  const where = `${problem.file}:${problem.line}`;
  const lines = excerpt(path.resolve(root, problem.file), problem.line);
  const html = `<!doctype html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>內容檔有錯誤：${escapeHtml(problem.file)}</title>
<style>
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; font-family: system-ui, sans-serif; line-height: 1.6; }
h1 { font-size: 1.5rem; color: #a1261d; }
pre { padding: 0.75rem 1rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; background: #f2f1ec; border-inline-start: 4px solid #a1261d; }
@media (prefers-color-scheme: dark) { body { background: #131416; color: #e9e8e4; } h1 { color: #ff9a8f; } pre { background: #1e2023; } }
</style>
</head>
<body>
<main>
<h1>內容檔有錯誤 / A content file could not be loaded</h1>
<p><code id="problem-file">${escapeHtml(where)}</code></p>
<pre id="problem-message">${escapeHtml(plainMessage(problem.message))}</pre>
<p id="problem-fix">修正 ${escapeHtml(problem.file)} 並存檔，這一頁會自動重新載入（只在 npm run dev 顯示）。<br>Fix ${escapeHtml(problem.file)} and save: this page reloads by itself.</p>
${lines ? `<pre id="problem-lines">${escapeHtml(lines)}</pre>` : ''}
</main>
<script type="module" src="/@vite/client"></script>
</body>
</html>
`;
  return new Response(html, { status: 500, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** The first line of `file` (1-based) that sets top-level front-matter field `field`; 1 when none does. */
export function fieldLine(file: string, field: string | undefined): number {
  if (!field) return 1;
  try {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    const end = lines.indexOf('---', 1);
    const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const key = new RegExp(`^["']?${escaped}["']?\\s*:`);
    const at = lines.slice(1, end < 0 ? lines.length : end).findIndex((line) => key.test(line));
    return at >= 0 ? at + 2 : 1;
  } catch {
    return 1;
  }
}

/**
 * The loaders' side in `astro dev`: the problems of one collection, by file, written to
 * `<root>/.astro/content-problems/<collection>.json` whenever they change (a small file, written whole).
 */
export class ProblemLog {
  readonly #byFile = new Map<string, ContentProblem>();
  readonly #file: string;

  constructor(
    root: string,
    readonly collection: string,
  ) {
    this.#file = path.join(root, PROBLEMS_DIR, `${collection}.json`);
  }

  get(file: string): ContentProblem | undefined {
    return this.#byFile.get(file);
  }

  set(problem: Omit<ContentProblem, 'collection'>): void {
    this.#byFile.set(problem.file, { ...problem, collection: this.collection });
    this.#write();
  }

  delete(file: string): void {
    if (this.#byFile.delete(file)) this.#write();
  }

  /** Forgets every problem, as a full load starts (each file is checked again). */
  reset(): void {
    this.#byFile.clear();
    this.#write();
  }

  #write(): void {
    if (!this.#byFile.size) {
      rmSync(this.#file, { force: true });
      return;
    }
    mkdirSync(path.dirname(this.#file), { recursive: true });
    const temporary = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify([...this.#byFile.values()]));
    renameSync(temporary, this.#file);
  }
}
