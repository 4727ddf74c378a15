/**
 * Which Hugo content files the import carries over, and as what: posts (the blog section, and dated
 * pages of other sections), standalone pages, or nothing (list pages, theme layouts, headless and
 * unrendered pages, expired pages, translations). Also Hugo's publishing fields and repairs of dates
 * Hugo's own parser would not have accepted the same way.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseFrontMatterDate } from '../../src/lib/dates.ts';
import { site } from '../../src/site.config.ts';
import { duplicateKeys, parseFrontMatter, splitDocument, type SplitDocument } from './frontmatter.ts';
import type { HugoConfig } from './hugo.ts';
import { countsByKey, type ImportReport } from './import-report.ts';

/** One content file to import. */
export interface SourceEntry {
  /** Absolute path of the Markdown file. */
  file: string;
  /** Bundle folder (absolute) when the file is `<name>/index.md`. */
  bundle?: string;
  /** Output name: path in the section without extension (`2024/foo`), other sections prefixed (`notes/foo`). */
  name: string;
  /** Path in its section, without extension or language (Hugo's default URL); defaults to `name`. */
  path?: string;
  /** The Hugo section folder it came from (`posts`; '' for a page at the content root). */
  section: string;
}

export interface SiteSources {
  /** The default language's content folder (absolute). */
  contentDir: string;
  /** The blog section (`posts`, `post` or `blog`), if the site has one. */
  postSection?: string;
  posts: SourceEntry[];
  pages: SourceEntry[];
  /**
   * Whole HTML documents among the content (`content/x/index.html` with no front matter), which Hugo
   * published as they are: copied to public/ at their old URL, with their bundle's files.
   */
  htmlPages: { file: string; bundle?: string; url: string }[];
  /** Theme pages (`layout: archives`, `search`) whose job a site route does (`target`, e.g. `/archive/`). */
  themePages: { entry: SourceEntry; layout: string; target: string }[];
}

/** Hugo's usual names for the blog section, first match wins. */
export const POST_SECTIONS = ['posts', 'post', 'blog'];

/** Theme layouts whose job the site's own pages do. */
const LIST_LAYOUTS: Record<string, string> = { archives: '/archive/', archive: '/archive/', search: '/search/' };

interface Found {
  file: string;
  bundle?: string;
  /** Path from the language's content folder without language and extension; a bundle's folder. */
  key: string;
  lang: string;
  branch: boolean;
}

/** `name.<lang>.md`; a language code may have several subtags (`zh-hant-tw`). */
const LANG_SUFFIX = /^(.*?)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.(md|markdown)$/;
const MARKDOWN = /\.(md|markdown)$/;

/** Finds and classifies every content file of the site; reports what is left out and why. */
export function findSources(siteDir: string, config: HugoConfig, report: ImportReport, rel: (p: string) => string): SiteSources {
  const defaultLang = config.defaultLanguage ?? 'en';
  const languages = config.languages ?? [];
  const isLang = (s: string) => (languages.length ? languages.includes(s.toLowerCase()) : /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(s));
  const dirs = config.languageDirs ?? {};
  const defaultRoot = path.join(siteDir, dirs[defaultLang] ?? config.contentDir ?? 'content');
  const roots: [string, string][] = [[defaultLang, defaultRoot]];
  for (const [lang, dir] of Object.entries(dirs)) if (lang !== defaultLang) roots.push([lang, path.join(siteDir, dir)]);
  const excluded = new Set(roots.map(([, r]) => r));

  const found: Found[] = [];
  const html: { file: string; bundle?: string; key: string }[] = [];
  const walk = (root: string, lang: string, dir: string) => {
    if (!existsSync(dir)) return;
    const names = readdirSync(dir).sort();
    const indexes = names.filter((n) => /^index(\.[A-Za-z-]+)?\.(md|markdown)$/.test(n));
    const keyOf = (p: string) => path.relative(root, p).split(path.sep).join('/');
    const htmlIndex = names.find((n) => /^index\.html?$/i.test(n));
    if (!indexes.length && htmlIndex && dir !== root) {
      if (lang === defaultLang) html.push({ file: path.join(dir, htmlIndex), bundle: dir, key: keyOf(dir) });
      return;
    }
    if (indexes.length && dir !== root) {
      // A leaf bundle: its other files are resources, not pages.
      for (const name of indexes) found.push({ file: path.join(dir, name), bundle: dir, key: keyOf(dir), lang: langOf(name, lang), branch: false });
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (name.startsWith('.')) continue;
      if (statSync(full).isDirectory()) {
        if (!excluded.has(full)) walk(root, lang, full);
      } else if (/\.html?$/i.test(name) && lang === defaultLang && !LANG_SUFFIX.test(name.replace(/\.html?$/i, '.md'))) {
        html.push({ file: full, key: keyOf(path.join(dir, name.replace(/\.html?$/i, ''))) });
      } else if (MARKDOWN.test(name)) {
        const base = stripLang(name);
        const branch = base === '_index';
        found.push({ file: full, key: keyOf(path.join(dir, branch ? '' : base)) || '', lang: langOf(name, lang), branch });
      }
    }
  };
  const langOf = (name: string, fallback: string) => {
    const m = LANG_SUFFIX.exec(name);
    return m && isLang(m[2]) ? m[2].toLowerCase() : fallback;
  };
  const stripLang = (name: string) => {
    const m = LANG_SUFFIX.exec(name);
    return m && isLang(m[2]) ? m[1] : name.replace(MARKDOWN, '');
  };
  for (const [lang, root] of roots) walk(root, lang, root);

  // Translations: the default language's file wins; content only in another language is imported.
  const skipped: { lang: string; file: string }[] = [];
  const chosen: Found[] = [];
  for (const [key, group] of Map.groupBy(found, (f) => `${f.branch ? '_' : ''}${f.key}`)) {
    const pick = group.find((f) => f.lang === defaultLang) ?? [...group].sort((a, b) => a.lang.localeCompare(b.lang))[0];
    for (const f of group) if (f !== pick) skipped.push({ lang: f.lang, file: rel(f.file) });
    if (pick.lang !== defaultLang && !pick.branch) {
      report.add('translations', 'only in another language, imported', rel(pick.file), undefined, `exists only in "${pick.lang}" (no ${defaultLang} version of ${key || 'the home page'}); imported as it is the content the old site showed`);
    }
    chosen.push(pick);
  }
  if (skipped.length) {
    report.add('translations', 'skipped', rel(siteDir), undefined, `${skipped.length} translations skipped: ${countsByKey(skipped.map((s) => s.lang))}; only the default language "${defaultLang}" is imported`);
    for (const s of skipped) report.add('translations', 'skipped files', s.file, undefined, `translation (${s.lang}) not imported; the ${defaultLang} version is`);
  }

  const sectionOf = (key: string) => (key.includes('/') ? key.slice(0, key.indexOf('/')) : '');
  const hasSection = (s: string) => chosen.some((f) => sectionOf(f.key).toLowerCase() === s || (f.branch && f.key.toLowerCase() === s));
  // The theme's `params.mainSections`, when set, says which sections are the blog; other sections are pages.
  const mainSections = (config.mainSections ?? []).filter(hasSection);
  const postSection = mainSections.length
    ? chosen.map((f) => sectionOf(f.key) || (f.branch ? f.key : '')).find((s) => s.toLowerCase() === mainSections[0])
    : POST_SECTIONS.find(hasSection);
  const sources: SiteSources = { contentDir: defaultRoot, postSection, posts: [], pages: [], htmlPages: [], themePages: [] };
  for (const h of html) {
    const doc = splitDocument(readFileSync(h.file, 'utf8'));
    if (doc.format === 'none' && /^\s*(<!doctype html|<html)/i.test(doc.body)) {
      sources.htmlPages.push({ file: h.file, bundle: h.bundle, url: `/${h.key.toLowerCase()}/` });
    } else {
      report.add('pages', 'HTML content (not imported)', rel(h.file), undefined, 'HTML content file rendered by the theme; not imported: copy it into a Markdown page by hand');
    }
  }
  const now = Date.now();
  const otherSections = new Map<string, { posts: number; pages: number }>();

  for (const f of chosen.sort((a, b) => a.key.localeCompare(b.key) || a.file.localeCompare(b.file))) {
    const shown = rel(f.file);
    if (f.branch) {
      if (!f.key) report.add('pages', 'home page text (not imported)', shown, undefined, 'content of the old home page; the site has its own home page, copy anything worth keeping by hand');
      else if (f.key !== postSection) report.add('pages', 'list pages (not imported)', shown, undefined, `list page of the section "${f.key}/"; the site lists posts on its own pages`);
      continue;
    }
    const section = sectionOf(f.key);
    let doc: SplitDocument;
    let data: Record<string, unknown> = {};
    try {
      doc = splitDocument(readFileSync(f.file, 'utf8'));
      data = normaliseFrontMatter(parseFrontMatter(doc), doc);
    } catch {
      // A post with bad front matter is reported by the planner with the parse error; a page is kept as a page.
      doc = { format: 'none', raw: '', body: '', bodyLine: 1 };
    }
    const field = (name: string) => Object.entries(data).find(([k]) => k.toLowerCase() === name)?.[1];
    const build = (field('_build') ?? field('build')) as Record<string, unknown> | undefined;
    if (field('headless') === true || (build && typeof build === 'object' && (build.render === 'never' || build.render === false))) {
      report.add('publishing', 'headless or not rendered (not imported)', shown, undefined, `${field('headless') === true ? 'headless: true' : 'build.render: never'}: Hugo never rendered it as a page, so it is not imported; images other pages use from it are still copied`);
      continue;
    }
    const layout = [field('layout'), field('type')].find((v) => typeof v === 'string' && v.toLowerCase() in LIST_LAYOUTS) as string | undefined;
    const themeOnly = !doc.body.trim() && [field('layout'), field('type')].some((v) => typeof v === 'string' && v.trim());
    if (layout || themeOnly) {
      const target = layout ? LIST_LAYOUTS[layout.toLowerCase()] : undefined;
      if (target) {
        // Its old URL redirects to the site's page when the two differ (decided by the planner, which knows permalinks).
        const inSection = f.key.slice(section.length + 1);
        sources.themePages.push({ entry: { file: f.file, bundle: f.bundle, name: f.key, path: section ? inSection : f.key, section }, layout: layout!, target });
        continue;
      }
      report.add(
        'pages',
        'theme layouts (not imported)',
        shown,
        undefined,
        `empty page for the theme layout "${field('layout') ?? field('type')}": nothing to import; the site has no such layout`,
      );
      continue;
    }
    const expiry = parseFrontMatterDate(data.expiryDate);
    if (expiry && expiry.getTime() <= now) {
      report.add('publishing', 'expired (not imported)', shown, undefined, `expired on ${String(data.expiryDate)} (expiryDate); Hugo no longer published it, so it is not imported`);
      continue;
    }
    const inSection = f.key.slice(section.length + 1);
    if (section && section === postSection) {
      sources.posts.push({ file: f.file, bundle: f.bundle, name: inSection, section });
    } else if (section && (mainSections.length ? mainSections.includes(section.toLowerCase()) : parseFrontMatterDate(data.date))) {
      sources.posts.push({ file: f.file, bundle: f.bundle, name: f.key, path: inSection, section });
      count(otherSections, section).posts++;
    } else {
      sources.pages.push({ file: f.file, bundle: f.bundle, name: f.key, path: section ? inSection : f.key, section });
      if (section) count(otherSections, section).pages++;
    }
  }
  for (const [section, n] of otherSections) {
    report.add(
      'sections',
      'imported',
      rel(path.join(defaultRoot, section)),
      undefined,
      mainSections.length
        ? `section "${section}/": ${n.posts} file(s) imported as posts (/posts/${section}/…, old URLs redirect; params.mainSections), ${n.pages} as pages (not in params.mainSections)`
        : `section "${section}/": ${n.posts} dated file(s) imported as posts (/posts/${section}/…, old URLs redirect), ${n.pages} undated as pages`,
    );
  }
  return sources;
}

function count(map: Map<string, { posts: number; pages: number }>, key: string) {
  let c = map.get(key);
  if (!c) map.set(key, (c = { posts: 0, pages: 0 }));
  return c;
}

/** Hugo's aliases of the publishing fields, by the name the site uses (matched case-insensitively). */
const PUBLISH_FIELDS: [string, string[]][] = [
  ['publishDate', ['publishdate', 'pubdate', 'published']],
  ['expiryDate', ['expirydate', 'unpublishdate']],
];
export const DATE_FIELDS = ['date', 'lastmod', 'publishDate', 'expiryDate'];
/** Hugo's usual taxonomies and list fields whose values are terms (strings). */
const TERM_FIELDS = ['tags', 'categories', 'keywords', 'series', 'authors', 'companies', 'people', 'related_companies', 'related_people'];

/**
 * Hugo's publishing fields under the site's names (`pubdate` → `publishDate`, `unpublishdate` →
 * `expiryDate`; a boolean `published` is the inverse of `draft`, as in Hugo), and impossible dates
 * repaired. With a report, each repair is reported with its line.
 */
export function normaliseFrontMatter(data: Record<string, unknown>, doc: SplitDocument, file?: string, report?: ImportReport): Record<string, unknown> {
  for (const key of Object.keys(data)) {
    if (key.toLowerCase() === 'published' && typeof data[key] === 'boolean') {
      if (data.draft === undefined) data.draft = !data[key];
      delete data[key];
    }
  }
  for (const [target, names] of PUBLISH_FIELDS) {
    for (const key of Object.keys(data)) {
      if (key === target || !names.includes(key.toLowerCase())) continue;
      if (data[target] === undefined) data[target] = data[key];
      delete data[key];
    }
  }
  if (report) {
    for (const { key, line } of duplicateKeys(doc)) {
      report.add('frontmatter', 'duplicate keys (last one kept)', file ?? '', line, `"${key}" is written more than once; the last value is kept, as Hugo did before v0.152`);
    }
  }
  // Taxonomy terms written as numbers or booleans (`tags: [eink, 8069]`) are strings to Hugo.
  for (const key of Object.keys(data)) {
    if (!TERM_FIELDS.includes(key.toLowerCase())) continue;
    const value = data[key];
    if (typeof value === 'number' || typeof value === 'boolean') data[key] = [String(value)];
    else if (Array.isArray(value)) data[key] = value.map((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v));
  }
  for (const field of DATE_FIELDS) {
    const value = data[field];
    if (value === undefined || value === null || value === '') continue;
    const repaired = repairDate(value);
    if (!repaired) continue;
    data[field] = repaired.value;
    const names = [field, ...(PUBLISH_FIELDS.find(([t]) => t === field)?.[1] ?? [])];
    const line = names.map((n) => lineOf(doc, n)).find((n) => n !== undefined);
    report?.add('dates', 'repaired', file ?? '', line, `${field} "${String(value)}" ${repaired.why}; imported as ${repaired.value} in ${site.timezone}`);
  }
  return data;
}

const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A date Hugo's site showed but that is impossible as written: its repair and why, else undefined. */
export function repairDate(value: unknown): { value: string; why: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, offset] = m;
  const pad = (n: number) => String(n).padStart(2, '0');
  let year = Number(y);
  let month = Number(mo);
  let day = Number(d);
  let hour = h === undefined ? undefined : Number(h);
  let minute = Number(mi ?? 0);
  let second = Number(s ?? 0);
  const reasons: string[] = [];
  if (month < 1 || month > 12) {
    reasons.push(`has no month ${month}`);
    month = Math.min(12, Math.max(1, month));
  }
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > last) {
    reasons.push(`has no day ${day} in ${year}-${pad(month)}`);
    day = Math.min(last, Math.max(1, day));
  }
  if (hour !== undefined && (hour > 23 || minute > 59 || second > 59)) {
    reasons.push('has an impossible time of day');
    [hour, minute, second] = [Math.min(hour, 23), Math.min(minute, 59), Math.min(second, 59)];
  }
  // Go's time parser (Hugo's) reads a one-digit hour (`T7:15:43`); the site's dates are zero-padded.
  if (h !== undefined && h.length === 1 && !reasons.length) reasons.push('has a one-digit hour (Hugo read it)');
  const off = offset && /^[+-](\d{2}):?(\d{2})$/.exec(offset);
  if (off && (Number(off[1]) > 14 || Number(off[2]) > 59)) reasons.push(`has an impossible offset ${offset} (the same wall time is kept)`);
  if (!reasons.length) return undefined;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const keepOffset = off && !reasons.some((r) => r.includes('offset')) ? offset : '';
  return { value: hour === undefined ? date : `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${keepOffset}`, why: reasons.join(', ') };
}

/** The file line a front-matter field is written on, or undefined. */
export function lineOf(doc: SplitDocument, field: string): number | undefined {
  const lines = doc.raw.split(/\r?\n/);
  const re = new RegExp(`^\\s*["']?${field}["']?\\s*[:=]`, 'i');
  const i = lines.findIndex((l) => re.test(l));
  if (i < 0) return undefined;
  return doc.format === 'json' ? i + 1 : i + 2;
}
