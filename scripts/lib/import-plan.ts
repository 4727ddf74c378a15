import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { PUBLIC_DIR, contentDir, hugoImageToProjectPath } from '../../src/lib/paths.ts';
import { postIdFromEntry, postUrl, urlize } from '../../src/lib/urls.ts';
import { parseFrontMatterDate } from '../../src/lib/dates.ts';
import { mdxToJs } from 'satteri';
import { KEEP_END, KEEP_START, convertShortcodes, mentionsAsCode, unknownReport, type UnknownTally } from './import-shortcodes.ts';
import { PostSchema, formatIssues } from './content.ts';
import { formatDocument, parseFrontMatter, splitDocument } from './frontmatter.ts';
import { bodyLines } from './body-scan.ts';
import { expandPermalink, hugoData, nameFromSlug, normaliseAlias, readHugoConfig, type HugoConfig } from './hugo.ts';
import { ImportAssets, applyHero, outsideCodeSpans, type DownloadedImage } from './import-images.ts';
import { LinkIndex, indexedPost, lineRewriter } from './import-links.ts';
import { planPage, planThemePage, readPage } from './import-pages.ts';
import { ImportReport } from './import-report.ts';
import { POST_SECTIONS, findSources, normaliseFrontMatter, type SourceEntry } from './import-sources.ts';
import { knownFields, unknownFields } from '../../src/lib/front-matter-fields.ts';
import { POST_FIELD_NAMES } from '../../src/schemas/post.ts';

/** What a post keeps at the top level: the schema's fields and the site's extraFrontMatter. */
const POST_FIELDS = knownFields(POST_FIELD_NAMES);

/**
 * Moves the fields this site does not read (a theme's `toc`, `series`, `author`…) under Hugo's `params:`,
 * where Hugo reads custom values too: nothing is lost, and the build does not warn about each of them.
 * A value `params` already holds wins over a top-level one of the same name. Returns the moved names.
 */
export function moveToParams(data: Record<string, unknown>, known: ReadonlySet<string>): string[] {
  const moved = unknownFields(data, known);
  if (!moved.length) return [];
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const params: Record<string, unknown> = isMap(data.params) ? { ...data.params } : data.params === undefined ? {} : { params: data.params };
  for (const key of moved) {
    if (!(key in params)) params[key] = data[key];
    delete data[key];
  }
  data.params = params;
  return moved;
}

export interface ImportOptions {
  toMdx: boolean;
  /** Whether a project file was written by an earlier import (so a stub may be planned again). */
  wasImported: (projectPath: string) => boolean;
  /** Remote images fetched by --download-images, by URL (a second planning pass uses them). */
  downloaded?: Map<string, DownloadedImage>;
}

/** One file the import would write, with its path relative to the project root. */
export interface PlannedFile {
  path: string;
  content: Buffer;
  kind: 'post' | 'page' | 'image' | 'public' | 'company' | 'person';
}

export interface Message {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export interface ImportPlan {
  config: HugoConfig;
  files: PlannedFile[];
  errors: Message[];
  warnings: Message[];
  articles: number;
  pages: number;
  redirects: number;
  /** What the import did about what the old site had, grouped by kind (scripts/lib/import-report.ts). */
  report: ImportReport;
  /** Remote images referenced by bodies and heroes, for --download-images. */
  remoteImages: string[];
}

type SourcePost = SourceEntry;


function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/** A path as shown and planned: relative to the project when inside it, else absolute. */
const rel = (p: string) => {
  const r = path.relative(process.cwd(), path.resolve(p));
  return r.startsWith('..') ? path.resolve(p) : r;
};
const posix = (p: string) => p.split(path.sep).join('/');
const safeDecodeSegment = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Reads a Hugo site and computes every file the import writes; writes nothing. */
export function planImport(siteDir: string, options: ImportOptions, onProgress?: (done: number, total: number) => void): ImportPlan {
  const config = readHugoConfig(siteDir);
  const report = new ImportReport();
  const plan: ImportPlan = { config, files: [], errors: [], warnings: [], articles: 0, pages: 0, redirects: 0, report, remoteImages: [] };
  const sources = findSources(siteDir, config, report, rel);
  const { posts } = sources;
  const assets = new ImportAssets(siteDir, sources.contentDir, report, rel, options.downloaded);
  const linkIndex = new LinkIndex();
  if (!posts.length) plan.errors.push({ file: path.join(siteDir, 'content'), message: `no posts found; expected a folder content/${POST_SECTIONS.join('/ or content/')}/` });
  const postsDir = contentDir('posts');
  const referenced = { companies: new Set<string>(), people: new Set<string>() };
  const unknownShortcodes: UnknownTally = new Map();

  // Ids first, so ref/relref links and duplicate checks know every post.
  const ids = new Map<string, SourcePost[]>();
  const idOf = new Map<SourcePost, string>();
  const urlByName = new Map<string, string>();
  /** Old site paths (permalink, url, aliases) → new post URL, to rewrite links between posts. */
  const newUrlByOld = new Map<string, string>();
  for (const post of posts) {
    let data: Record<string, unknown> = {};
    try {
      const doc = splitDocument(readFileSync(post.file, 'utf8'));
      data = normaliseFrontMatter(parseFrontMatter(doc), doc);
    } catch {
      // Reported below with the file.
    }
    const id = postIdFromEntry(post.name, data.slug);
    idOf.set(post, id);
    ids.set(id, [...(ids.get(id) ?? []), post]);
    urlByName.set(post.name.toLowerCase(), postUrl(id));
    if (post.bundle) urlByName.set(`${post.name}/index`.toLowerCase(), postUrl(id));
    for (const url of oldUrls(data, post, config)) newUrlByOld.set(url, postUrl(id));
    linkIndex.addPost(indexedPost(data, postUrl(id), oldUrls(data, post, config)));
  }
  for (const h of sources.htmlPages) linkIndex.addPage([h.url]);
  for (const { entry } of sources.themePages) {
    const info = readPage(entry, config.permalinks);
    if (info) linkIndex.addPage([info.url, ...info.aliases]);
  }
  const pageInfos = sources.pages.map((entry) => readPage(entry, config.permalinks)).filter((p) => p !== undefined);
  for (const page of pageInfos) linkIndex.addPage([page.url, ...page.aliases], page.data.draft === true ? 'a draft page' : undefined);
  for (const [id, list] of ids) {
    if (list.length > 1) {
      for (const p of list) plan.errors.push({ file: rel(p.file), message: `duplicate post id "${id}"; also ${list.filter((x) => x !== p).map((x) => rel(x.file)).join(', ')}` });
    }
  }

  const copyStatic = (hugoPath: string, from: string, line?: number): string | undefined => {
    // `/uploads/a.png` → `/images/uploads/a.png`, so every image lives under assets/images/.
    report.count('images.referenced');
    const { file: source, tried } = assets.find(hugoPath, { file: from });
    if (!source) {
      report.add('images', 'missing', rel(from), line, `image "${hugoPath}" not found (tried ${tried.map(rel).join(', ')}); left unchanged`);
      return undefined;
    }
    return assets.useImage(source);
  };

  posts.forEach((post, index) => {
    onProgress?.(index + 1, posts.length);
    const file = rel(post.file);
    const source = readFileSync(post.file, 'utf8');
    const doc = splitDocument(source);
    let data: Record<string, unknown>;
    try {
      data = normaliseFrontMatter(parseFrontMatter(doc), doc, file, report);
    } catch (err) {
      plan.errors.push({ file, line: 1, message: `front matter is not valid ${doc.format.toUpperCase()}: ${(err as Error).message.split('\n')[0]}` });
      return;
    }
    if (data.draft === true) report.add('publishing', 'drafts (imported as drafts)', file, undefined, 'draft: true; imported as a draft (set draft: false to publish it)');
    const id = idOf.get(post)!;
    const ext = options.toMdx ? 'mdx' : 'md';
    const outFile = post.bundle ? path.join(postsDir, post.name, `index.${ext}`) : path.join(postsDir, `${post.name}.${ext}`);

    // Hero image: the first of Hugo's usual fields, normalised to `image`.
    applyHero(data, post, file, assets, report);

    // Old URLs: Hugo's permalink, `url` and `aliases` all become aliases of the new URL.
    const newUrl = decodeURI(postUrl(id));
    const aliases = oldUrls(data, post, config);
    aliases.delete(newUrl);
    delete data.url;
    if (aliases.size) data.aliases = [...aliases];
    else delete data.aliases;
    plan.redirects += aliases.size;

    // Companies and people: Hugo taxonomies of those names feed the related_* fields.
    for (const [field, taxonomy, kind] of [['related_companies', 'companies', 'companies'], ['related_people', 'people', 'people']] as const) {
      const values = [...listOf(data[field]), ...listOf(data[taxonomy])];
      if (taxonomy in data) delete data[taxonomy];
      if (!values.length) continue;
      const slugs = [...new Set(values.map((v) => urlize(v).replace(/[^a-z0-9-]/g, '')).filter(Boolean))];
      data[field] = slugs;
      slugs.forEach((s) => referenced[kind].add(s));
    }
    if (!data.description && typeof data.summary === 'string') data.description = data.summary;
    if (data.summary === data.description) delete data.summary;
    const moved = moveToParams(data, POST_FIELDS);
    if (moved.length) report.add('frontmatter', 'fields moved under params (not read by this site)', file, undefined, `${moved.join(', ')}: not read by this site; moved under params:, where Hugo reads custom fields too`);

    // Body: shortcodes, ref links and images.
    const rewriteLine = lineRewriter({ entry: post, file, outFile, bundleBeside: true, assets, report }, { file, index: linkIndex, newUrlByOld, baseURL: config.baseURL, assets, report });
    const body = convertBody(doc.body, doc.bodyLine, { post, file, outFile, options, urlByName, newUrlByOld, baseURL: config.baseURL, copyStatic, assets, rewriteLine, plan, unknownShortcodes });

    const result = PostSchema.safeParse({ ...data, image: undefined, related_companies: [], related_people: [] });
    if (!result.success) for (const issue of formatIssues(result.error)) plan.errors.push({ file, ...issue });

    const imports = body.imports.length ? `\n${body.imports.join('\n')}\n` : '';
    plan.files.push({ path: rel(outFile), content: Buffer.from(formatDocument(data, `${imports}${body.text.startsWith('\n') ? '' : '\n'}${body.text}`)), kind: 'post' });
    if (post.bundle) {
      for (const resource of listFiles(post.bundle)) {
        // The bundle's page and its translations (`index.en.md`) are not resources.
        if (/(^|[/\\])index(\.[\w-]+)?\.(md|markdown)$/.test(resource) || path.basename(resource).startsWith('.')) continue;
        plan.files.push({ path: rel(path.join(postsDir, post.name, path.relative(post.bundle, resource))), content: readFileSync(resource), kind: 'image' });
      }
    }
    plan.articles++;
  });

  // Standalone pages, always Markdown, through the same body conversion.
  for (const { entry } of pageInfos) {
    const file = rel(entry.file);
    const page = planPage(entry, file, report, (body, bodyLine, outFile) => {
      const rewriteLine = lineRewriter({ entry, file, outFile, bundleBeside: false, assets, report }, { file, index: linkIndex, newUrlByOld, baseURL: config.baseURL, assets, report });
      return convertBody(body, bodyLine, { post: entry, file, outFile, options: { ...options, toMdx: false }, urlByName, newUrlByOld, baseURL: config.baseURL, copyStatic, assets, rewriteLine, plan, unknownShortcodes }).text;
    }, config.permalinks);
    if (!page) continue;
    plan.files.push({ path: rel(page.path), content: page.content, kind: 'page' });
    plan.pages++;
  }

  for (const { entry, layout, target } of sources.themePages) {
    const page = planThemePage(entry, rel(entry.file), report, layout, target, config.permalinks);
    if (!page) continue;
    plan.files.push({ path: rel(page.path), content: page.content, kind: 'page' });
    plan.pages++;
  }

  // Whole HTML documents: served as they were, from public/, with their bundle's files beside them.
  for (const h of sources.htmlPages) {
    const dir = path.join(PUBLIC_DIR, ...h.url.split('/').filter(Boolean).map(safeDecodeSegment));
    plan.files.push({ path: rel(path.join(dir, 'index.html')), content: readFileSync(h.file), kind: 'public' });
    let resources = 0;
    if (h.bundle) {
      for (const resource of listFiles(h.bundle)) {
        if (resource === h.file || path.basename(resource).startsWith('.')) continue;
        plan.files.push({ path: rel(path.join(dir, path.relative(h.bundle, resource))), content: readFileSync(resource), kind: 'public' });
        resources++;
      }
    }
    report.add('pages', 'whole HTML documents (copied to public/)', rel(h.file), undefined, `a complete HTML document with no front matter, which Hugo published as it is: copied to ${rel(path.join(dir, 'index.html'))}${resources ? ` with its ${resources} file(s)` : ''}, served at ${h.url} without the site's layout`);
  }

  for (const message of unknownReport(unknownShortcodes)) plan.warnings.push({ file: rel(path.join(siteDir, 'content')), message });

  plan.files.push(...assets.files());
  plan.remoteImages = [...assets.remote].sort();
  for (const w of plan.warnings) report.add('warnings', 'warnings', w.file, w.line, w.message);

  for (const kind of ['companies', 'people'] as const) {
    const data = hugoData(siteDir, kind);
    for (const slug of [...referenced[kind]].sort()) {
      const target = path.join(contentDir(kind), `${slug}.yaml`);
      // An entry an editor wrote (not a stub from an earlier import) is left alone.
      if (existsSync(target) && !options.wasImported(rel(target))) continue;
      const known = data.get(slug) ?? {};
      const entry = {
        name: typeof known.name === 'string' ? known.name : nameFromSlug(slug),
        ...Object.fromEntries(['name_zh', 'name_en', 'website', 'description', 'role', 'company'].filter((k) => typeof known[k] === 'string').map((k) => [k, known[k]])),
        stub: true,
      };
      const text = `# 由 Hugo 匯入程式產生，請補上資料後刪除 stub: true。\n# Generated by the Hugo import: fill it in, then remove "stub: true".\n${stringifyYaml(entry, { schema: 'core' })}`;
      plan.files.push({ path: rel(target), content: Buffer.from(text), kind: kind === 'companies' ? 'company' : 'person' });
    }
  }
  plan.files.sort((a, b) => a.path.localeCompare(b.path));
  return plan;
}

/** Every path Hugo served the post at: its `aliases`, its `url`, else the permalink pattern. */
function oldUrls(data: Record<string, unknown>, post: SourcePost, config: HugoConfig): Set<string> {
  const urls = new Set<string>();
  for (const a of listOf(data.aliases)) urls.add(normaliseAlias(a, post.section));
  const slug = typeof data.slug === 'string' && data.slug.trim() ? data.slug.trim() : undefined;
  // A post from another section (`notes/x`) has its path in that section apart from its output name.
  const inSection = post.path ?? post.name;
  const permalink = config.permalinks?.[post.section.toLowerCase()] ?? (POST_SECTIONS.includes(post.section) ? config.postsPermalink : undefined);
  if (typeof data.url === 'string' && data.url.trim()) {
    urls.add(normaliseAlias(data.url.startsWith('/') ? data.url : `/${data.url}`));
  } else if (permalink) {
    const date = parseFrontMatterDate(data.date);
    if (date && typeof data.title === 'string') {
      urls.add(expandPermalink(permalink, { title: data.title, date, slug, filename: path.posix.basename(inSection), section: post.section }));
    }
  } else {
    // Hugo's default: the content path, with `slug` replacing the last segment.
    const dir = path.posix.dirname(inSection);
    urls.add(normaliseAlias(`/${post.section}/${dir === '.' ? '' : `${dir}/`}${slug ?? path.posix.basename(inSection)}/`).toLowerCase());
  }
  return urls;
}

function listOf(value: unknown): string[] {
  if (value == null) return [];
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
}

interface BodyContext {
  post: SourcePost;
  file: string;
  outFile: string;
  options: ImportOptions;
  urlByName: Map<string, string>;
  newUrlByOld: Map<string, string>;
  baseURL?: string;
  copyStatic: (hugoPath: string, from: string, line?: number) => string | undefined;
  assets: ImportAssets;
  /** Images and internal links of one line (scripts/lib/import-images.ts, import-links.ts). */
  rewriteLine: (text: string, line: number) => string;
  plan: ImportPlan;
  unknownShortcodes: UnknownTally;
}

/** `{{< ref "x.md" >}}` target → the post's new URL (with its anchor), or undefined. */
/**
 * A `ref`/`relref` target's new URL, looked up as Hugo does: relative to the page's folder, then from the
 * section (or content) root, then by file name alone when only one post has it.
 */
function refUrl(target: string, urlByName: Map<string, string>, fromName = ''): string | undefined {
  const hash = target.indexOf('#');
  const anchor = hash < 0 ? '' : target.slice(hash);
  const raw = (hash < 0 ? target : target.slice(0, hash)).trim();
  const key = raw
    .replace(/^\/?(content\/)?((posts|post|blog)\/)?/, '')
    .replace(/\.(md|markdown)$/, '')
    .replace(/\/$/, '')
    .toLowerCase();
  if (!key) return anchor || undefined;
  const lookup = (k: string) => urlByName.get(k) ?? urlByName.get(k.replace(/\/_?index$/, ''));
  const dir = path.posix.dirname(fromName.toLowerCase());
  const relative = !raw.startsWith('/') && dir !== '.' ? lookup(path.posix.normalize(`${dir}/${key}`)) : undefined;
  let url = relative ?? lookup(key);
  if (!url && !key.includes('/')) {
    const byBase = new Set([...urlByName].filter(([name]) => name.replace(/\/index$/, '').split('/').pop() === key).map(([, u]) => u));
    if (byBase.size === 1) url = [...byBase][0];
  }
  return url && `${url}${anchor}`;
}

/** Why an MDX body would not compile (Sätteri, as the build compiles it), or undefined. */
function mdxProblem(text: string): string | undefined {
  try {
    mdxToJs(text);
    return undefined;
  } catch (err) {
    return (err as Error).message.split('\n')[0];
  }
}

/** Rewrites a Hugo body for the site: returns the new text and any MDX imports it needs. */
function convertBody(source: string, firstLine: number, ctx: BodyContext): { text: string; imports: string[] } {
  const { plan, file, options } = ctx;
  const imports: string[] = [];
  const relFromPost = (projectPath: string) => {
    let r = posix(path.relative(path.dirname(ctx.outFile), projectPath));
    if (!r.startsWith('.')) r = `./${r}`;
    return r;
  };

  // Shortcodes first, over the whole body (they may span lines), with the build's own scanner.
  const issues: { line: number; message: string }[] = [];
  const body = convertShortcodes(source, firstLine, {
    file,
    toMdx: options.toMdx,
    resolveRef: (target) => refUrl(target, ctx.urlByName, ctx.post.name),
    figureSource: (src, line) => {
      if (/^https:\/\//.test(src)) return { src };
      if (/^(https?:)?\/\//.test(src)) {
        issues.push({ line, message: `figure image "${src}" is not https; the figure became its caption` });
        return undefined;
      }
      if (src.startsWith('/')) {
        const imagePath = ctx.copyStatic(src, ctx.post.file, line);
        return imagePath ? { src: imagePath, importPath: relFromPost(hugoImageToProjectPath(imagePath)) } : undefined;
      }
      if (!ctx.post.bundle || !existsSync(path.join(ctx.post.bundle, src))) {
        issues.push({ line, message: `figure image "${src}" not found next to the post; the figure became its caption` });
        return undefined;
      }
      return { src, importPath: relFromPost(path.join(path.dirname(ctx.outFile), src)) };
    },
    mediaSource: (src) => {
      const found = ctx.assets.find(src, ctx.post).file;
      return found ? ctx.assets.usePublic(found) : undefined;
    },
    imports,
    unknown: ctx.unknownShortcodes,
    warnings: issues,
  });
  for (const issue of issues) plan.warnings.push({ file, line: issue.line, message: issue.message });

  const lines = bodyLines(body, firstLine);
  const out: string[] = [];
  const mdxState = { keep: false };
  for (const l of lines) {
    if (l.inFence) {
      out.push(l.text);
      continue;
    }
    let text = l.text;

    // A shortcode mentioned in text, escaped so Hugo showed its syntax, is shown as code.
    let mentions = 0;
    text = outsideCodeSpans(text, (part) => {
      const r = mentionsAsCode(part);
      mentions += r.count;
      return r.text;
    });
    if (mentions) plan.report.add('warnings', 'shortcode syntax in text (shown as code)', file, l.line, `${mentions} escaped shortcode(s) in running text, which Hugo showed as text; written as inline code`);

    // Images (copied where the build optimises them) and internal links (moved, or dead and made text).
    text = ctx.rewriteLine(text, l.line);
    out.push(options.toMdx ? escapeForMdx(text, mdxState) : escapeStrayTags(text));
  }
  let text = out.join('\n').replaceAll(KEEP_START, '').replaceAll(KEEP_END, '');
  if (options.toMdx) {
    // The MDX must compile as the build compiles it; if it does not, every `<` outside code is escaped.
    let problem = mdxProblem(text);
    if (problem) {
      const state = { keep: false };
      const again = bodyLines(body, firstLine).map((l) => (l.inFence ? l.text : escapeForMdx(l.text, state, true)));
      const retry = again.join('\n').replaceAll(KEEP_START, '').replaceAll(KEEP_END, '');
      const second = mdxProblem(retry);
      if (!second) {
        plan.warnings.push({ file, message: `MDX would not compile (${problem}); every "<" outside code was escaped, so raw HTML in this post shows as text` });
        text = retry;
      } else plan.errors.push({ file, message: `the converted MDX does not compile: ${second}; import without --to-mdx` });
      problem = second;
    }
  }
  return { text, imports };
}

/** HTML elements MDX may keep as JSX; any other `<word>` (`<F8>`, `<T>`) is text and is escaped. */
const HTML_ELEMENTS = new Set(
  'a abbr address article aside audio b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li mark nav ol p picture pre q s samp section small source span strong sub summary sup table tbody td tfoot th thead time tr u ul var video wbr'.split(' '),
);

/** Elements raw HTML in an old post may use besides HTML's own (inline SVG, MathML, embeds). */
const OTHER_ELEMENTS = new Set(
  'svg path g circle rect line polyline polygon ellipse text tspan defs use symbol lineargradient radialgradient stop clippath mask title desc math mi mo mn msup msub mfrac mrow iframe script style noscript object embed param canvas center font big tt strike nobr dialog template slot label input button select option textarea form fieldset legend meter progress output iframe track map area base link meta head body html'.split(' '),
);

/**
 * In a Markdown post, `<F8>` or `<T>` is read as an unknown HTML element and disappears from the page;
 * Hugo's Goldmark drops it too unless raw HTML is allowed. The text is what was meant: `<` is escaped
 * before any tag name that is not an HTML, SVG or MathML element. Code spans are left alone.
 */
export function escapeStrayTags(text: string): string {
  return text
    .split(/(`+[^`]*?`+)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(?<!\{\{)<(\/?)([A-Za-z][\w-]*)(?=[\s>\/])/g, (whole, slash: string, name: string) =>
            HTML_ELEMENTS.has(name.toLowerCase()) || OTHER_ELEMENTS.has(name.toLowerCase()) || name.includes('-') ? whole : `&lt;${slash}${name}`,
          ),
    )
    .join('');
}

/**
 * Makes Markdown safe for MDX: braces, HTML comments, void tags, autolinks, and `<` that does not open a
 * known HTML element. Code spans are kept; so are the parts between KEEP_START and KEEP_END (components
 * this import wrote), which may span lines: `state.keep` carries that across calls.
 */
function escapeForMdx(text: string, state: { keep: boolean }, aggressive = false): string {
  let out = '';
  for (const segment of text.split(/([\u0001\u0002])/)) {
    if (segment === KEEP_START) state.keep = true;
    else if (segment === KEEP_END) state.keep = false;
    else out += state.keep ? segment : escapeProse(segment, aggressive);
  }
  return out;
}

function escapeProse(text: string, aggressive: boolean): string {
  return text
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      const comments: string[] = [];
      let escaped = part
        .replace(/<!--\s*([\s\S]*?)\s*-->/g, (_, c: string) => `\u0000${comments.push(c.replace(/\*\//g, '* /')) - 1}\u0000`)
        .replace(/[{}]/g, (c) => `\\${c}`)
        .replace(/<(https?:\/\/[^>\s]+)>/g, '[$1]($1)');
      escaped = aggressive
        ? escaped.replace(/</g, '&lt;')
        : escaped
            .replace(/<(br|hr|img|wbr|source)\b([^>]*?)\s*\/?>/gi, '<$1$2 />')
            .replace(/<(\/?)([A-Za-z][\w-]*)?/g, (whole, slash: string, name: string | undefined) => (name && HTML_ELEMENTS.has(name.toLowerCase()) && name === name.toLowerCase() ? whole : `&lt;${slash}${name ?? ''}`));
      return escaped.replace(/\u0000(\d+)\u0000/g, (_, n: string) => `{/* ${comments[Number(n)]} */}`);
    })
    .join('');
}
