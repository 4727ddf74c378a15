/**
 * What a Hugo site would publish, read from its sources without running Hugo: the ground truth of
 * `npm run migrate:eval` (bench/migrate.mjs).
 *
 * - Config: `hugo.*` / `config.*` at the root, merged with `config/_default/*` (a file named after a key,
 *   `params.toml`, `languages.toml`, `permalinks.toml`, … holds that key). Keys are case-insensitive.
 * - Languages: only the default content language counts. A language's own `contentDir` is read for it;
 *   a `name.<lang>.md` file belongs to `<lang>` when that is a configured language.
 * - Pages: `.md` (and the other content formats) under the content dir; a folder with `index.*` is a
 *   leaf bundle (everything else in it is a resource), `_index.*` is a list page (not counted).
 * - Posts: the pages of the posts sections (`params.mainSections`, else the section with the most pages,
 *   Hugo's default) that Hugo publishes: not draft, `publishDate`/`date` not in the future, not expired,
 *   not headless and not `build.render: never`. The `buildDrafts`/`buildFuture`/`buildExpired` settings
 *   are honoured.
 * - Old URLs: `url`, else the section's permalink pattern, else Hugo's default path (folders plus `slug`
 *   or the file / bundle name), lower-cased and sanitised like Hugo's paths. Aliases: absolute, or
 *   relative to the page's parent folder.
 * - Standalone pages: every other published regular page outside the posts sections (`content/about.md`,
 *   `content/about/index.md`, `content/page/about/index.md`, …) with its old URL.
 * - Images of a post: Markdown images (inline and reference), raw `<img>`, image shortcodes (`figure`,
 *   `image`, `img`, …) and the hero fields themes read (`image`, `images`, `featuredImage`, `featured_image`,
 *   `featureImage`, `cover`/`cover.image`, `thumbnail`, a `featured-image` resource), outside code; each
 *   resolved to a file (static/, the bundle, assets/) or remote, or missing from the sources.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';

const CONFIG_NAMES = ['hugo', 'config'];
const CONFIG_EXTS = ['toml', 'yaml', 'yml', 'json'];
const PAGE_EXT = /\.(md|markdown|mdown|mkd|mkdn|html|htm|adoc|asciidoc|org|rst|pandoc|pdc)$/i;
const HERO_FIELDS = ['image', 'images', 'featuredimage', 'featured_image', 'featureimage', 'cover', 'thumbnail'];
const IMAGE_SHORTCODES = new Set(['figure', 'image', 'img', 'imgproc', 'photo', 'fig', 'picture', 'imgcap']);

// ---------------------------------------------------------------------------------------------------
// Structured data

function readStructured(file) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.toml')) return parseToml(text);
  if (file.endsWith('.json')) return JSON.parse(text);
  return parseYaml(text, { uniqueKeys: false }) ?? {};
}

export function lowerKeys(value) {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
  }
  return value;
}

function deepMerge(base, extra) {
  if (!isObject(base) || !isObject(extra)) return extra ?? base;
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out;
}
const isObject = (v) => v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** The site config, merged as Hugo merges it (root file first, then config/_default/ by key). */
export function readConfig(siteDir) {
  let config = {};
  const files = [];
  for (const name of CONFIG_NAMES) {
    const ext = CONFIG_EXTS.find((e) => existsSync(path.join(siteDir, `${name}.${e}`)));
    if (ext) {
      config = lowerKeys(readStructured(path.join(siteDir, `${name}.${ext}`)));
      files.push(`${name}.${ext}`);
      break;
    }
  }
  const dir = path.join(siteDir, 'config/_default');
  if (existsSync(dir)) {
    for (const file of readdirSync(dir).sort()) {
      const m = /^(.+)\.(toml|ya?ml|json)$/.exec(file);
      if (!m) continue;
      const data = lowerKeys(readStructured(path.join(dir, file)));
      const key = m[1].toLowerCase();
      if (CONFIG_NAMES.includes(key)) config = deepMerge(config, data);
      else if (key.startsWith('menus.') || key.startsWith('languages.')) continue;
      else config = deepMerge(config, { [key === 'menus' ? 'menu' : key]: data });
      files.push(`config/_default/${file}`);
    }
  }
  return { config, files };
}

// ---------------------------------------------------------------------------------------------------
// Front matter

export function splitFrontMatter(source) {
  const text = source.replace(/^\uFEFF/, '');
  for (const [format, re] of [
    ['yaml', /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/],
    ['toml', /^\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/],
  ]) {
    const m = re.exec(text);
    if (m) return { format, raw: m[1], body: text.slice(m[0].length), bodyLine: lines(m[0]) + 1 };
  }
  if (text.trimStart().startsWith('{')) {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        return { format: 'json', raw: text.slice(0, i + 1), body: text.slice(i + 1), bodyLine: lines(text.slice(0, i + 1)) + 1 };
      }
    }
  }
  return { format: 'none', raw: '', body: text, bodyLine: 1 };
}
const lines = (s) => (s.match(/\n/g) ?? []).length;

export function parseFrontMatter(doc) {
  if (doc.format === 'yaml') return parseYaml(doc.raw, { uniqueKeys: false }) ?? {};
  if (doc.format === 'toml') return parseToml(doc.raw);
  if (doc.format === 'json') return JSON.parse(doc.raw);
  return {};
}

// ---------------------------------------------------------------------------------------------------
// Dates and paths

/** A front-matter date as an instant (naive dates in `timeZone`'s offset is not modelled: UTC, Hugo's default). */
export function toDate(value) {
  if (value == null || value === '') return undefined;
  if (value instanceof Date) {
    const iso = typeof value.toISOString === 'function' ? value.toISOString() : '';
    return Number.isNaN(value.getTime()) ? undefined : { date: value, parts: dateParts(iso) ?? dateParts(value.toISOString()) };
  }
  const s = String(value).trim();
  const parts = dateParts(s);
  if (!parts) return undefined;
  let iso = s.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso += 'T00:00:00Z';
  else if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(iso)) iso += 'Z';
  iso = iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? { date: new Date(Date.UTC(parts.year, parts.month - 1, parts.day)), parts } : { date, parts };
}
function dateParts(s) {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
}

/** Hugo's path sanitiser (MakePath): spaces to `-`, only letters, digits, marks and `./_-#+~` kept. */
export function sanitizePath(s, lower = true) {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    if (/[\p{L}\p{N}\p{M}]/u.test(ch) || './\\_-#+~%'.includes(ch)) out += ch;
    else if (/\s/u.test(ch)) out += '-';
  }
  return lower ? out.toLowerCase() : out;
}

/** Hugo's urlize for titles: sanitised, runs of `-` collapsed. */
export function urlize(s, lower = true) {
  return sanitizePath(s.trim(), lower).replace(/-{2,}/g, '-');
}

export function normaliseUrl(url) {
  let u = url.trim();
  if (/^https?:\/\//i.test(u)) {
    try {
      u = new URL(u).pathname;
    } catch {
      /* keep */
    }
  }
  try {
    u = decodeURI(u);
  } catch {
    /* keep */
  }
  u = u.split(/[?#]/)[0];
  if (!u.startsWith('/')) u = `/${u}`;
  if (!/\.[a-z0-9]+$/i.test(u) && !u.endsWith('/')) u += '/';
  return u.replace(/\/{2,}/g, '/');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function expandPermalink(pattern, page, lower) {
  const p = page.dateParts;
  const pad = (n) => String(n).padStart(2, '0');
  const slug = page.slug ? sanitizePath(page.slug, lower) : urlize(page.title ?? '', lower);
  const day = p ? new Date(Date.UTC(p.year, p.month - 1, p.day)) : undefined;
  const tokens = {
    year: p ? String(p.year) : '',
    month: p ? pad(p.month) : '',
    monthname: p ? MONTHS[p.month - 1].toLowerCase() : '',
    day: p ? pad(p.day) : '',
    weekday: day ? String(day.getUTCDay()) : '',
    weekdayname: day ? WEEKDAYS[day.getUTCDay()].toLowerCase() : '',
    yearday: day ? String(Math.floor((day - Date.UTC(p.year, 0, 0)) / 86400000)) : '',
    section: page.section,
    sections: page.sections.join('/'),
    title: urlize(page.title ?? '', lower),
    slug,
    filename: sanitizePath(page.filename, lower),
    contentbasename: sanitizePath(page.filename, lower),
    slugorfilename: page.slug ? slug : sanitizePath(page.filename, lower),
    slugorcontentbasename: page.slug ? slug : sanitizePath(page.filename, lower),
  };
  let url = pattern.replace(/:(\w+)(\[[^\]]*\])?/g, (whole, name) => tokens[name.toLowerCase()] ?? whole);
  return normaliseUrl(url);
}

// ---------------------------------------------------------------------------------------------------
// Site

export function readSite(siteDir, { now = new Date() } = {}) {
  const { config, files: configFiles } = readConfig(siteDir);
  const lower = !config.disablepathtolower;
  const defaultLang = String(config.defaultcontentlanguage ?? 'en').toLowerCase();
  const languages = isObject(config.languages) ? config.languages : {};
  const langKeys = new Set([defaultLang, ...Object.keys(languages)].map((l) => l.toLowerCase()));
  const disabled = new Set((config.disablelanguages ?? []).map((l) => String(l).toLowerCase()));
  const inSubdir = !!config.defaultcontentlanguageinsubdir;
  const langPrefix = inSubdir ? `/${defaultLang}` : '';
  const rootContentDir = String(config.contentdir ?? 'content');
  const defaultContentDir = String(languages[defaultLang]?.contentdir ?? rootContentDir);
  const otherContentDirs = Object.entries(languages)
    .filter(([l, v]) => l !== defaultLang && v?.contentdir)
    .map(([, v]) => path.resolve(siteDir, String(v.contentdir)));
  const contentRoot = path.resolve(siteDir, defaultContentDir);
  const staticDirs = [].concat(config.staticdir ?? 'static').map((d) => path.resolve(siteDir, String(d)));
  const assetDir = path.resolve(siteDir, String(config.assetdir ?? 'assets'));
  const ignore = [].concat(config.ignorefiles ?? []).map((r) => new RegExp(r));
  const permalinks = isObject(config.permalinks) ? config.permalinks : {};
  const params = isObject(config.params) ? config.params : {};
  const baseURL = typeof config.baseurl === 'string' ? config.baseurl : undefined;
  const flags = { drafts: !!config.builddrafts, future: !!config.buildfuture, expired: !!config.buildexpired };
  const uglyURLs = config.uglyurls === true;

  const pages = [];
  const skipped = { otherLanguage: 0, unsupported: 0, ignored: 0, parseError: 0 };
  const resourcesOf = new Map();

  /** The language of a content file name, and its name without the language part. */
  const splitLang = (file) => {
    const base = path.basename(file).replace(PAGE_EXT, '');
    const m = /^(.*)\.([a-z]{2,3}(?:-[a-z0-9]+)*)$/i.exec(base);
    if (m && langKeys.has(m[2].toLowerCase())) return { name: m[1], lang: m[2].toLowerCase() };
    return { name: base, lang: undefined };
  };

  const walk = (dir, relDir) => {
    if (otherContentDirs.some((d) => d === dir && d !== contentRoot)) return;
    const entries = readdirSync(dir).sort();
    const indexFile = entries.find((e) => PAGE_EXT.test(e) && splitLang(e).name === 'index' && !statSync(path.join(dir, e)).isDirectory());
    if (indexFile && relDir) {
      // Leaf bundle: the index files are the page (one per language); everything else is a resource.
      const resources = [];
      const collect = (d) => {
        for (const e of readdirSync(d)) {
          const f = path.join(d, e);
          if (statSync(f).isDirectory()) collect(f);
          else if (!(d === dir && splitLang(e).name === 'index' && PAGE_EXT.test(e))) resources.push(f);
        }
      };
      collect(dir);
      for (const e of entries.filter((x) => PAGE_EXT.test(x) && splitLang(x).name === 'index')) {
        addPage(path.join(dir, e), `${relDir}/${e}`, true);
      }
      resourcesOf.set(dir, resources);
      return;
    }
    for (const e of entries) {
      if (e.startsWith('.')) continue;
      const full = path.join(dir, e);
      const rel = relDir ? `${relDir}/${e}` : e;
      if (statSync(full).isDirectory()) walk(full, rel);
      else if (PAGE_EXT.test(e)) {
        if (ignore.some((r) => r.test(full) || r.test(rel))) {
          skipped.ignored++;
          continue;
        }
        if (splitLang(e).name === '_index') continue;
        addPage(full, rel, false);
      }
    }
  };

  const addPage = (file, rel, bundle) => {
    const { name, lang } = splitLang(file);
    const effectiveLang = lang ?? defaultLang;
    if (effectiveLang !== defaultLang || disabled.has(effectiveLang)) {
      skipped.otherLanguage++;
      return;
    }
    if (!/\.(md|markdown|mdown|mkd|mkdn|html|htm)$/i.test(file)) skipped.unsupported++;
    const source = readFileSync(file, 'utf8');
    const doc = splitFrontMatter(source);
    let data;
    try {
      data = lowerKeys(parseFrontMatter(doc)) ?? {};
    } catch (err) {
      skipped.parseError++;
      pages.push({ file, rel, bundle, name, parseError: String(err.message).split('\n')[0], data: {}, doc });
      return;
    }
    pages.push({ file, rel, bundle, name, data, doc });
  };

  if (existsSync(contentRoot)) walk(contentRoot, '');

  // Sections and the posts sections.
  // A top-level leaf bundle (`about/index.md`) is a page of the home section, like `about.md`.
  const sectionOf = (p) => (p.rel.split('/').length > (p.bundle ? 2 : 1) ? p.rel.split('/')[0] : '');
  const counts = new Map();
  for (const p of pages) {
    const s = sectionOf(p);
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const mainSections = [].concat(params.mainsections ?? []).map(String);
  const postSections = mainSections.length
    ? mainSections
    : [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 1).map(([s]) => s);

  const results = { posts: [], excluded: [], standalone: [] };
  for (const p of pages) {
    const d = p.data;
    const section = sectionOf(p);
    const relDir = p.bundle ? p.rel.split('/').slice(0, -2).join('/') : p.rel.split('/').slice(0, -1).join('/');
    const filename = p.bundle ? p.rel.split('/').at(-2) : p.name;
    const date = toDate(d.date) ?? toDate(d.publishdate) ?? toDate(d.pubdate) ?? toDate(d.published) ?? toDate(d.lastmod);
    const publish = toDate(d.publishdate) ?? toDate(d.pubdate) ?? toDate(d.published) ?? toDate(d.date);
    const expiry = toDate(d.expirydate) ?? toDate(d.unpublishdate);
    const build = d.build ?? d._build ?? {};
    const title = typeof d.title === 'string' ? d.title : undefined;
    const slug = typeof d.slug === 'string' && d.slug.trim() ? d.slug.trim() : undefined;

    let reason;
    if (p.parseError) reason = 'front matter does not parse';
    else if ((d.draft === true || d.draft === 'true') && !flags.drafts) reason = 'draft';
    else if (publish && publish.date > now && !flags.future) reason = 'future';
    else if (expiry && expiry.date <= now && !flags.expired) reason = 'expired';
    else if (d.headless === true) reason = 'headless';
    else if (isObject(build) && (build.render === 'never' || build.render === false)) reason = 'build.render never';

    // Old URL.
    let url;
    if (typeof d.url === 'string' && d.url.trim()) url = normaliseUrl(d.url);
    else {
      const sections = relDir ? relDir.split('/') : [];
      const pattern = section
        ? [isObject(permalinks.page) ? permalinks.page[section] : undefined, permalinks[section]].find((x) => typeof x === 'string')
        : undefined;
      const info = { title, slug, filename, section, sections, dateParts: date?.parts };
      if (pattern) url = expandPermalink(pattern, info, lower);
      else url = normaliseUrl(`/${sanitizePath(relDir, lower)}/${slug ? sanitizePath(slug, lower) : sanitizePath(filename, lower)}/`);
      url = normaliseUrl(langPrefix + url);
    }
    if (uglyURLs && url.endsWith('/') && url !== '/') url = `${url.slice(0, -1)}.html`;
    const parent = url.endsWith('/') ? path.posix.dirname(url.slice(0, -1)) : path.posix.dirname(url);
    const aliases = [...new Set(listOf(d.aliases).map((a) => (a.startsWith('/') || /^https?:/i.test(a) ? normaliseUrl(a) : normaliseUrl(`${parent}/${a}`))))];

    const entry = {
      file: path.relative(siteDir, p.file),
      rel: p.rel,
      bundle: p.bundle,
      section,
      title,
      date: date?.date.toISOString(),
      url,
      aliases,
      layout: typeof d.layout === 'string' ? d.layout : undefined,
    };
    if (reason) {
      results.excluded.push({ ...entry, reason, post: postSections.includes(section) });
      continue;
    }
    if (postSections.includes(section)) {
      entry.images = postImages(p, { siteDir, staticDirs, assetDir, baseURL, url, resources: p.bundle ? resourcesOf.get(path.dirname(p.file)) : undefined });
      entry.shortcodes = shortcodesIn(p.doc.body);
      results.posts.push(entry);
    } else results.standalone.push(entry);
  }

  const shortcodes = new Map();
  for (const p of results.posts) for (const [n, c] of Object.entries(p.shortcodes)) shortcodes.set(n, (shortcodes.get(n) ?? 0) + c);
  return {
    siteDir,
    configFiles,
    baseURL,
    defaultLang,
    languages: [...langKeys],
    contentDir: path.relative(siteDir, contentRoot) || '.',
    postSections,
    sectionCounts: Object.fromEntries(counts),
    skipped,
    posts: results.posts,
    excluded: results.excluded,
    standalone: results.standalone,
    shortcodes: Object.fromEntries([...shortcodes].sort((a, b) => b[1] - a[1])),
  };
}

function listOf(v) {
  if (v == null) return [];
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x.trim()).map((x) => x.trim()) : [];
}

// ---------------------------------------------------------------------------------------------------
// Body scanning

/** The body with fenced code, indented code after a blank line, inline code and HTML comments blanked (lines kept). */
export function proseOf(body) {
  const out = [];
  let fence;
  for (const line of body.split('\n')) {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim().replace(/[`~]/g, '') === '') fence = undefined;
      out.push('');
      continue;
    }
    if (m) {
      fence = m[1];
      out.push('');
      continue;
    }
    out.push(line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, (s) => ' '.repeat(s.length)));
  }
  return out.join('\n').replace(/<!--[\s\S]*?-->/g, (s) => s.replace(/[^\n]/g, ' '));
}

/** Shortcode names used in a body (outside code), with counts; closing tags and `/* … *\/` escapes not counted. */
export function shortcodesIn(body) {
  const counts = {};
  for (const m of proseOf(body).matchAll(/\{\{([<%])\s*(?!\/\*)([\w./-]+)/g)) {
    const name = m[2];
    if (name.startsWith('/')) continue;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

/** Arguments of a shortcode call: positional and named. */
function shortcodeArgs(text) {
  const args = { positional: [], named: {} };
  for (const m of text.matchAll(/(?:([\w-]+)\s*=\s*)?(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|“([^”]*)”|([^\s"`]+))/g)) {
    const value = m[2] ?? m[3] ?? m[4] ?? m[5];
    if (m[1]) args.named[m[1].toLowerCase()] = value;
    else args.positional.push(value);
  }
  return args;
}

function postImages(page, ctx) {
  const refs = [];
  const add = (src, how, line) => {
    if (typeof src !== 'string' || !src.trim() || src.startsWith('data:')) return;
    refs.push({ src: src.trim(), how, line });
  };
  const d = page.data;
  for (const field of HERO_FIELDS) {
    const v = d[field];
    if (typeof v === 'string') add(v, `front matter ${field}`);
    else if (Array.isArray(v) && typeof v[0] === 'string') add(v[0], `front matter ${field}`);
    else if (isObject(v) && typeof v.image === 'string') add(v.image, `front matter ${field}.image`);
    if (refs.some((r) => r.how.startsWith('front matter'))) break;
  }
  if (!refs.length && Array.isArray(d.resources) && page.bundle) {
    const r = d.resources.find((x) => isObject(x) && /^featured-image$/i.test(String(x.name ?? '')) && typeof x.src === 'string');
    if (r) add(r.src, 'front matter resources featured-image');
  }
  if (!refs.length && ctx.resources) {
    const f = ctx.resources.find((x) => /^(featured-image|cover|feature)\.(jpe?g|png|webp|gif|avif)$/i.test(path.basename(x)));
    if (f && /featured-image/i.test(f)) add(path.basename(f), 'bundle featured-image');
  }
  const prose = proseOf(page.doc.body);
  const lineAt = (index) => page.doc.bodyLine + lines(prose.slice(0, index));
  const defs = new Map();
  for (const m of prose.matchAll(/^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+["'(].*)?$/gm)) defs.set(m[1].toLowerCase(), m[2]);
  for (const m of prose.matchAll(/!\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^\s)>]+)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g)) add(m[2], 'markdown', lineAt(m.index));
  for (const m of prose.matchAll(/!\[([^\]]*)\]\[([^\]]*)\]/g)) {
    const src = defs.get((m[2] || m[1]).toLowerCase());
    if (src) add(src, 'markdown reference', lineAt(m.index));
  }
  for (const m of prose.matchAll(/<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) add(m[1] ?? m[2] ?? m[3], 'html img', lineAt(m.index));
  for (const m of prose.matchAll(/\{\{[<%]\s*([\w-]+)\s+([\s\S]*?)\s*\/?[>%]\}\}/g)) {
    if (!IMAGE_SHORTCODES.has(m[1].toLowerCase())) continue;
    const args = shortcodeArgs(m[2]);
    add(args.named.src ?? args.positional[0], `shortcode ${m[1]}`, lineAt(m.index));
  }
  const seen = new Set();
  const images = [];
  for (const r of refs) {
    const resolved = resolveImage(r.src, ctx, page);
    const key = resolved.file ?? resolved.url ?? r.src;
    if (seen.has(key)) continue;
    seen.add(key);
    images.push({ ...r, ...resolved });
  }
  return images;
}

function resolveImage(src, ctx, page) {
  let s = src;
  if (s.startsWith('//')) return { kind: 'remote', url: `https:${s}` };
  if (/^https?:\/\//i.test(s)) {
    if (ctx.baseURL && /^https?:\/\//.test(ctx.baseURL)) {
      try {
        const u = new URL(s);
        const b = new URL(ctx.baseURL);
        if (u.host === b.host) s = u.pathname.slice(b.pathname.replace(/\/$/, '').length) || '/';
        else return { kind: 'remote', url: s };
      } catch {
        return { kind: 'remote', url: s };
      }
    } else return { kind: 'remote', url: s };
  }
  let clean = s.split(/[?#]/)[0];
  try {
    clean = decodeURI(clean);
  } catch {
    /* keep */
  }
  const candidates = [];
  if (clean.startsWith('/')) {
    for (const d of ctx.staticDirs) candidates.push([path.join(d, clean), 'static']);
    candidates.push([path.join(ctx.assetDir, clean), 'assets']);
  } else {
    if (page.bundle) candidates.push([path.join(path.dirname(page.file), clean), 'bundle']);
    const pageDir = ctx.url.endsWith('/') ? ctx.url : path.posix.dirname(ctx.url);
    for (const d of ctx.staticDirs) candidates.push([path.join(d, path.posix.join(pageDir, clean)), 'static (relative)']);
    candidates.push([path.join(ctx.assetDir, clean), 'assets']);
    // Paths written for the editor (`../../static/images/a.png`) or meant from the site root (`images/a.png`),
    // which sites turn into site paths with a render hook.
    candidates.push([path.join(path.dirname(page.file), clean), 'source-relative']);
    for (const d of ctx.staticDirs) candidates.push([path.join(d, clean), 'static (as site path)']);
  }
  for (const [file, where] of candidates) {
    if (existsSync(file) && statSync(file).isFile()) return { kind: 'local', where, file: path.relative(ctx.siteDir, file) };
  }
  return { kind: 'missing' };
}
