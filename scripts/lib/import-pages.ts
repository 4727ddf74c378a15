/**
 * Standalone pages (`content/about.md`, `content/about/index.md`, undated pages of other sections):
 * written to `content/pages/<name>.md` with the front matter the site's pages collection reads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTENT_ROOT } from '../../src/lib/paths.ts';
import { formatDocument, parseFrontMatter, splitDocument } from './frontmatter.ts';
import { normaliseAlias } from './hugo.ts';
import { shownPath, type ImportReport } from './import-report.ts';
import { normaliseFrontMatter, type SourceEntry } from './import-sources.ts';

export const pagesDir = () => `${CONTENT_ROOT}/content/pages`;

/** Front-matter fields a page keeps. */
const PAGE_FIELDS = ['title', 'description', 'date', 'lastmod', 'draft', 'url', 'aliases', 'menu', 'publishDate', 'expiryDate'] as const;

function listOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
}

/** The URL Hugo served a page at: its `url` as written, else its content path with `slug` as the last segment. */
export function pageUrl(entry: SourceEntry, data: Record<string, unknown>): string {
  if (typeof data.url === 'string' && data.url.trim()) {
    const url = data.url.trim();
    return url.startsWith('/') ? url : `/${url}`;
  }
  const inSection = entry.path ?? entry.name;
  const slug = typeof data.slug === 'string' && data.slug.trim() ? data.slug.trim() : undefined;
  const dir = path.posix.dirname(inSection);
  const last = slug ?? path.posix.basename(inSection);
  const parts = [entry.section, dir === '.' ? '' : dir, last].filter(Boolean);
  return `/${parts.join('/')}/`.replace(/\/{2,}/g, '/').toLowerCase();
}

/** Old paths of a page besides its URL. */
export function pageAliases(entry: SourceEntry, data: Record<string, unknown>): string[] {
  return listOf(data.aliases).map((a) => normaliseAlias(a, entry.section));
}

export interface PageInfo {
  entry: SourceEntry;
  data: Record<string, unknown>;
  url: string;
  aliases: string[];
}

/** Reads a page's front matter (publishing fields normalised, no report). */
export function readPage(entry: SourceEntry): PageInfo | undefined {
  try {
    const doc = splitDocument(readFileSync(entry.file, 'utf8'));
    const data = normaliseFrontMatter(parseFrontMatter(doc), doc);
    return { entry, data, url: pageUrl(entry, data), aliases: pageAliases(entry, data) };
  } catch {
    return undefined;
  }
}

/**
 * The page file: the kept front-matter fields (`url` always set, so the page keeps its address) and the
 * converted body. `convert` is the import's body conversion (shortcodes, links, images).
 */
export function planPage(
  entry: SourceEntry,
  file: string,
  report: ImportReport,
  convert: (body: string, bodyLine: number, outFile: string) => string,
): { path: string; content: Buffer } | undefined {
  const doc = splitDocument(readFileSync(entry.file, 'utf8'));
  let data: Record<string, unknown>;
  try {
    data = normaliseFrontMatter(parseFrontMatter(doc), doc, file, report);
  } catch (err) {
    report.add('pages', 'skipped (unreadable front matter)', file, 1, `front matter is not valid ${doc.format.toUpperCase()}: ${(err as Error).message.split('\n')[0]}; not imported`);
    return undefined;
  }
  const outFile = path.join(pagesDir(), `${entry.name}.md`);
  const out: Record<string, unknown> = {};
  for (const field of PAGE_FIELDS) if (data[field] !== undefined && data[field] !== null && data[field] !== '') out[field] = data[field];
  if (typeof out.title !== 'string' || !out.title.trim()) out.title = path.posix.basename(entry.name);
  if (!out.description && typeof data.summary === 'string') out.description = data.summary;
  out.url = pageUrl(entry, data);
  const aliases = pageAliases(entry, data).filter((a) => a !== out.url);
  if (aliases.length) out.aliases = aliases;
  else delete out.aliases;
  if (data.draft === true) report.add('publishing', 'drafts (imported as drafts)', file, undefined, 'draft: true; imported as a draft page');
  report.add('pages', 'imported', file, undefined, `page at ${out.url} → ${shownPath(outFile)}`);
  const body = convert(doc.body, doc.bodyLine, outFile);
  return { path: outFile, content: Buffer.from(formatDocument(out, body.startsWith('\n') ? body : `\n${body}`)) };
}
