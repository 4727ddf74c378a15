/**
 * Standalone pages (`content/about.md`, `content/about/index.md`, undated pages of other sections):
 * written to `content/pages/<name>.md` with the front matter the site's pages collection reads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTENT_ROOT } from '../../src/lib/paths.ts';
import { formatDocument, parseFrontMatter, splitDocument } from './frontmatter.ts';
import { expandPermalink, normaliseAlias } from './hugo.ts';
import { parseFrontMatterDate } from '../../src/lib/dates.ts';
import { MENU_NAMES } from '../../src/schemas/page.ts';
import { shownPath, type ImportReport } from './import-report.ts';
import { lineOf, normaliseFrontMatter, type SourceEntry } from './import-sources.ts';

export const pagesDir = () => `${CONTENT_ROOT}/content/pages`;

/** Front-matter fields a page keeps. */
const PAGE_FIELDS = ['title', 'description', 'date', 'lastmod', 'draft', 'url', 'aliases', 'menu', 'publishDate', 'expiryDate'] as const;

function listOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
}

/**
 * The URL Hugo served a page at: its `url` as written, else its section's permalink pattern
 * (`permalinks: { page: "/:slug/" }`), else its content path with `slug` as the last segment.
 */
export function pageUrl(entry: SourceEntry, data: Record<string, unknown>, permalinks: Record<string, string> = {}): string {
  if (typeof data.url === 'string' && data.url.trim()) {
    const url = data.url.trim();
    return url.startsWith('/') ? url : `/${url}`;
  }
  const inSection = entry.path ?? entry.name;
  const slug = typeof data.slug === 'string' && data.slug.trim() ? data.slug.trim() : undefined;
  const pattern = entry.section ? permalinks[entry.section.toLowerCase()] : undefined;
  const date = parseFrontMatterDate(data.date);
  // A pattern with date parts needs a date; without one Hugo leaves them empty, so the path is used instead.
  if (pattern && (date || !/:(year|month|monthname|day|weekday|yearday)\b/.test(pattern))) {
    const filename = path.posix.basename(inSection);
    const title = typeof data.title === 'string' && data.title.trim() ? data.title : filename;
    return expandPermalink(pattern, { title, date: date ?? new Date(0), slug, filename, section: entry.section });
  }
  const dir = path.posix.dirname(inSection);
  const last = slug ?? path.posix.basename(inSection);
  const parts = [entry.section, dir === '.' ? '' : dir, last].filter(Boolean);
  return `/${parts.join('/')}/`.replace(/\/{2,}/g, '/').toLowerCase();
}

/**
 * Hugo's `menu` (a name, a list of names, or a map of name to entry) with only the menus this site has
 * (`main`, `footer`); the others' names are returned to be reported.
 */
export function siteMenus(value: unknown): { menu: unknown; dropped: string[] } {
  const keep = (name: string) => (MENU_NAMES as readonly string[]).includes(name.trim());
  if (typeof value === 'string') return keep(value) ? { menu: value, dropped: [] } : { menu: undefined, dropped: [value] };
  if (Array.isArray(value)) {
    const names = value.filter((v): v is string => typeof v === 'string');
    const kept = names.filter(keep);
    return { menu: kept.length ? kept : undefined, dropped: names.filter((n) => !keep(n)) };
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const kept = entries.filter(([k]) => keep(k));
    return { menu: kept.length ? Object.fromEntries(kept) : undefined, dropped: entries.filter(([k]) => !keep(k)).map(([k]) => k) };
  }
  return { menu: value, dropped: [] };
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
export function readPage(entry: SourceEntry, permalinks?: Record<string, string>): PageInfo | undefined {
  try {
    const doc = splitDocument(readFileSync(entry.file, 'utf8'));
    const data = normaliseFrontMatter(parseFrontMatter(doc), doc);
    return { entry, data, url: pageUrl(entry, data, permalinks), aliases: pageAliases(entry, data) };
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
  permalinks?: Record<string, string>,
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
  out.url = pageUrl(entry, data, permalinks);
  if (out.menu !== undefined) {
    const { menu, dropped } = siteMenus(out.menu);
    if (menu === undefined) delete out.menu;
    else out.menu = menu;
    if (dropped.length) report.add('pages', 'menus not on this site (dropped)', file, lineOf(doc, 'menu'), `menu ${dropped.map((m) => `"${m}"`).join(', ')} dropped: the site has only "main" (the header) and "footer"`);
  }
  const aliases = pageAliases(entry, data).filter((a) => a !== out.url);
  if (aliases.length) out.aliases = aliases;
  else delete out.aliases;
  if (data.draft === true) report.add('publishing', 'drafts (imported as drafts)', file, undefined, 'draft: true; imported as a draft page');
  report.add('pages', 'imported', file, undefined, `page at ${out.url} → ${shownPath(outFile)}`);
  const body = convert(doc.body, doc.bodyLine, outFile);
  return { path: outFile, content: Buffer.from(formatDocument(out, body.startsWith('\n') ? body : `\n${body}`)) };
}

/**
 * A theme page (`layout: archives`) whose job a site route does: nothing to import when it was served at
 * that route's path; else a page whose old URL redirects to the route (`redirect:`), so old links work.
 */
export function planThemePage(
  entry: SourceEntry,
  file: string,
  report: ImportReport,
  layout: string,
  target: string,
  permalinks?: Record<string, string>,
): { path: string; content: Buffer; url: string } | undefined {
  const info = readPage(entry, permalinks);
  const url = info?.url;
  const normal = (u: string) => `/${u.replace(/^\/+|\/+$/g, '')}/`.toLowerCase();
  if (!info || !url || normal(url) === normal(target)) {
    report.add('pages', 'theme layouts (not imported)', file, undefined, `theme "${layout}" page: served by the site's own ${target} page`);
    return undefined;
  }
  const outFile = path.join(pagesDir(), `${entry.name}.md`);
  const title = typeof info.data.title === 'string' && info.data.title.trim() ? info.data.title.trim() : path.posix.basename(entry.name);
  const aliases = info.aliases.filter((a) => normal(a) !== normal(url) && normal(a) !== normal(target));
  const out: Record<string, unknown> = { title, url, redirect: target, ...(aliases.length ? { aliases } : {}) };
  report.add('pages', 'theme layouts (old URL redirected)', file, undefined, `theme "${layout}" page: served by the site's own ${target} page; its old URL ${url} redirects there (${shownPath(outFile)})`);
  return { path: outFile, content: Buffer.from(formatDocument(out, '')), url };
}
