import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import type { ContentEntryType } from 'astro';
import { parse as parseYaml } from 'yaml';
import { postIdFromEntry, postUrl } from './urls';
import { BODY_HAS_TEXT, READING_MINUTES, htmlHasText, readingTime } from './reading-time';
import { HTML_FILE, htmlDir, htmlFileOf, pruneHtml, storeHtml, storedHtmlIntact } from './rendered-html';
import { nextChange, PAGES_SCHEDULE_FILE, SCHEDULE_FILE, type BuildOptions, type Scheduled, type ScheduleNote } from './schedule';
import { DATE_FIELD_NAMES } from '../schemas/fragments';
import { bodyFirstLine, expandShortcodes, refTargets } from './shortcodes';
import { site } from '../site.config';
import { knownFields, unknownFieldProblems } from './front-matter-fields';
import { missingImageMessage, resolveBodyImage, siteImagePaths } from './body-images';
import { POST_FIELD_NAMES } from '../schemas/post';
import { PAGE_FIELD_NAMES } from '../schemas/page';
import { fieldLine, plainMessage, ProblemLog, type ContentProblem } from './content-problems';

type StoredEntry = Parameters<Parameters<Loader['load']>[0]['store']['set']>[0];
type LoaderContext = Parameters<Loader['load']>[0];
/**
 * The code that turns a Markdown post into HTML at content sync: the Astro config with its Markdown
 * plugins, the shortcode expansion in this file, and every module they import (followed through relative
 * imports). Astro keys a stored entry by its file's contents only, so without this a change to, say, the
 * embed markup would leave every unchanged post with its old HTML.
 */
export const MARKDOWN_CODE = ['astro.config.ts', 'src/lib/loaders.ts', 'src/lib/shortcodes.ts', 'src/lib/code-blocks.ts', 'src/lib/remote-images.ts', 'src/lib/cjk.ts'];

const codeDigests = new Map<string, string>();

/** A hash of `entries` and every file they import relatively, plus the lock file (Sätteri's and Prism's versions). */
export function codeDigest(root: string, entries: string[] = MARKDOWN_CODE): string {
  const key = `${root}\u0000${entries.join('\u0000')}`;
  const known = codeDigests.get(key);
  if (known) return known;
  const hash = createHash('sha256');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    hash.update(path.relative(root, file)).update('\u0000').update(text).update('\u0000');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const found = [base, `${base}.ts`, `${base}/index.ts`].find((c) => existsSync(c) && statSync(c).isFile());
      if (found) visit(found);
    }
  };
  for (const entry of entries) visit(path.resolve(root, entry));
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  const digest = hash.digest('hex');
  codeDigests.set(key, digest);
  return digest;
}

/** What Astro's glob loader reads from its context besides the documented fields (astro/dist/content/loaders/glob.js). */
type EntryTypes = Map<string, ContentEntryType>;
interface HugoMarkdownContext {
  entryTypes: EntryTypes;
  generateDigest: LoaderContext['generateDigest'];
  /** The unknown front-matter fields of each file read so far (relative to the root), for `astro dev`'s banner. */
  fieldWarnings: FieldWarnings;
}

type FieldWarnings = Map<string, { line: number; message: string }[]>;

/**
 * Markdown as Hugo reads it: shortcodes are expanded in the source before Markdown parses it (see
 * expandShortcodes in src/lib/shortcodes.ts). The `.md` entry type's renderer is wrapped so every
 * render, at build and in `astro dev`, gets the expanded body; the stored body stays as written.
 * A post's digest also covers the URLs its `ref` shortcodes resolve to (and the site config when it uses
 * `param`), so renaming a target re-renders the posts linking to it.
 */
export function withHugoMarkdown(context: LoaderContext, fields: readonly string[]): HugoMarkdownContext {
  const fileByContents = new Map<string, string>();
  const given = (context as LoaderContext & { entryTypes?: EntryTypes }).entryTypes;
  if (!given) throw new Error('hugo-posts-loader: Astro passed no entryTypes to the loader; the glob loader internals changed');
  const entryTypes: EntryTypes = new Map(given);
  const known = knownFields(fields);
  const root = fileURLToPath(context.config.root);
  const fieldWarnings: FieldWarnings = new Map();
  // Front matter is read for every file at every sync, changed or not, so the warnings come back on each build.
  const readEntry = (type: ContentEntryType): ContentEntryType['getEntryInfo'] => async (params) => {
    const info = await type.getEntryInfo(params);
    const file = path.relative(root, fileURLToPath(params.fileUrl));
    const problems = unknownFieldProblems(info.data, known, params.contents);
    for (const p of problems) context.logger.warn(`${file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    fieldWarnings.set(file.split(path.sep).join('/'), problems.map((p) => ({ line: p.line ?? 1, message: p.message })));
    return info;
  };
  const mdx = given.get('.mdx');
  if (mdx) entryTypes.set('.mdx', { ...mdx, getEntryInfo: readEntry(mdx) });
  const markdown = given.get('.md');
  if (markdown?.getRenderFunction) {
    const getEntryInfo = readEntry(markdown);
    const wrapped: ContentEntryType = {
      ...markdown,
      getEntryInfo: async (params) => {
        fileByContents.set(params.contents, fileURLToPath(params.fileUrl));
        return getEntryInfo(params);
      },
      getRenderFunction: async (config) => {
        const render = await markdown.getRenderFunction!(config);
        return (props) => {
          const file = props.filePath;
          const body = file ? expandShortcodes(props.body ?? '', { file, firstLine: bodyFirstLine(file, props.body ?? ''), data: props.data }) : props.body;
          return render({ ...props, body });
        };
      },
    };
    entryTypes.set('.md', wrapped);
  }
  const code = codeDigest(fileURLToPath(context.config.root));
  const generateDigest: LoaderContext['generateDigest'] = (data) => {
    if (typeof data !== 'string') return context.generateDigest(data);
    const file = fileByContents.get(data);
    const targets = refTargets(data, file);
    // Which file a `/images/…` body image resolves to (src/lib/body-images.ts) decides what the post
    // renders: adding the optimised copy, or removing either copy, renders it again.
    if (file) for (const url of siteImagePaths(data)) targets.push(`${url}\u0000${resolveBodyImage(url, file).kind}`);
    // `param` may read the site config: its values are part of what such a post renders from.
    if (/\{\{[<%]\s*param\b/.test(data)) targets.push(JSON.stringify(site));
    return context.generateDigest(`${data}\u0000${code}\u0000${targets.join('\u0000')}`);
  };
  return { entryTypes, generateDigest, fieldWarnings };
}

/**
 * What the data store keeps of a Markdown post rendered at sync: not its source (only read for the reading
 * time, kept instead) and not its HTML (written to a file in `dir`, see src/lib/rendered-html.ts). Vite
 * bundles the whole store into the build, so it holds only front matter, headings and these two values.
 * MDX posts render from their module at build time and keep their body.
 */
function slimEntry(entry: StoredEntry, dir: string): StoredEntry {
  if (!entry.rendered || entry.body === undefined) return entry;
  const metadata = {
    imagePaths: [],
    ...entry.rendered.metadata,
    [READING_MINUTES]: readingTime(entry.body).minutes,
    [BODY_HAS_TEXT]: htmlHasText(entry.rendered.html),
    [HTML_FILE]: storeHtml(dir, entry.rendered.html),
  };
  return { ...entry, body: undefined, rendered: { html: '', metadata } };
}

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/;
/** `date`, `lastmod` and Hugo's names for the publish and expiry dates. */
const DATE_FIELDS = DATE_FIELD_NAMES;
type RawDates = Partial<Record<(typeof DATE_FIELDS)[number], unknown>>;
const DATE_KEY = DATE_FIELDS.join('|');

/** A top-level date line such as `date:` or `publishDate:`. */
const DATE_LINE = new RegExp(`^(${DATE_KEY})[ \\t]*:(.*)$`);
/** A line that could set a top-level date some other way: a flow mapping, a merge or complex key, a quoted or indented key. */
const UNUSUAL_LINE = new RegExp(`^(?:[{[?]|<<)|^[ \\t]*["'](?:${DATE_KEY})["'][ \\t]*:|^[ \\t]+(?:${DATE_KEY})[ \\t]*:`);
/** Values YAML's core schema keeps as the text written: quoted without escapes, or a plain date or date-time. */
const TEXT_VALUE = /^(?:"([^"\\]*)"|'([^']*)'|(\d{4}-\d\d-\d\d(?:[Tt ][\d:.]+)?(?:[Zz]|[+-]\d\d(?::?\d\d)?)?))(?:[ \t]+#.*)?$/;

/**
 * The date fields (`date`, `lastmod`, `publishDate`…) as YAML's core schema reads them, from the lines themselves when they are written
 * the usual way (`date: 2026-02-04T09:00:00+08:00`, quoted or not); undefined for anything else, which
 * the full parse handles. Reading the lines takes a fraction of the time of parsing the front matter.
 */
export function quickDateFields(frontMatter: string): RawDates | undefined {
  const out: RawDates = {};
  for (const line of frontMatter.split(/\r?\n/)) {
    const match = DATE_LINE.exec(line);
    if (!match) {
      if (UNUSUAL_LINE.test(line)) return undefined;
      continue;
    }
    const key = match[1] as (typeof DATE_FIELDS)[number];
    const value = TEXT_VALUE.exec(match[2].trim());
    if (!value || key in out) return undefined;
    out[key] = value[1] ?? value[2] ?? value[3];
  }
  return out;
}

/**
 * Re-reads date fields as the author wrote them. Astro's YAML parser turns `2026-02-30` into March 2
 * and a date-only value into UTC midnight; YAML 1.2's core schema keeps both as text, so the schema can
 * reject impossible dates and read date-only values as Taipei calendar days.
 */
export async function rawDateFields(filePath: string): Promise<RawDates> {
  const source = await readFile(filePath, 'utf8');
  const match = FRONT_MATTER.exec(source);
  if (!match) return {};
  const quick = quickDateFields(match[1]);
  if (quick) return quick;
  let raw: unknown;
  try {
    raw = parseYaml(match[1], { schema: 'core' });
  } catch {
    return {};
  }
  if (!raw || typeof raw !== 'object') return {};
  const out: RawDates = {};
  for (const field of DATE_FIELDS) {
    const value = (raw as Record<string, unknown>)[field];
    if (typeof value === 'string') out[field] = value;
  }
  return out;
}

/** The context's parseData, given the date fields as the author wrote them (see rawDateFields). */
function withRawDates(context: LoaderContext): LoaderContext['parseData'] {
  return async (props) => {
    const dates = props.filePath ? await rawDateFields(props.filePath) : {};
    return context.parseData({ ...props, data: { ...props.data, ...dates } });
  };
}

/** What the glob loader reads from its context that devProblems changes. */
interface GlobHooks {
  entryTypes: EntryTypes;
  parseData: LoaderContext['parseData'];
  store: LoaderContext['store'];
  /** Unknown front-matter fields by file (withHugoMarkdown): shown as warnings, the entry is kept. */
  fieldWarnings?: FieldWarnings;
}

/**
 * In `astro dev` (the loader has a watcher), a file whose front matter does not parse or match the schema,
 * or whose Markdown does not render, must not stop the server or leave its last good version on screen.
 * Its problem is recorded instead (see src/lib/content-problems.ts) and the entry is taken out of the
 * store, which makes Astro reload the browser: the entry's page then shows the problem and every other
 * page lists it. Saving the file fixed stores it again and clears the problem. `npm run build` keeps the
 * hooks as they are, so the same problems stop it.
 */
export function devProblems(context: LoaderContext, hooks: GlobHooks): GlobHooks {
  if (!context.watcher) return hooks;
  const root = fileURLToPath(context.config.root);
  const problems = new ProblemLog(root, context.collection);
  problems.reset();
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  // The problem found so far while a file syncs: the glob loader reads it, parses its front matter,
  // validates, renders and stores it, in that order, and only the last step tells it apart.
  const pending = new Map<string, Omit<ContentProblem, 'collection'>>();
  const note = (file: string, message: string, line: number) => {
    if (!pending.has(file)) pending.set(file, { file, message, line });
  };
  const entryTypes: EntryTypes = new Map(
    [...hooks.entryTypes].map(([ext, type]): [string, ContentEntryType] => [
      ext,
      {
        ...type,
        getEntryInfo: async (params) => {
          const file = relative(fileURLToPath(params.fileUrl));
          pending.delete(file);
          try {
            const info = await type.getEntryInfo(params);
            // A misspelt field is only a warning (the build goes on), but the author must see it in the
            // browser too: it is listed with the errors and the entry keeps its page.
            const warnings = hooks.fieldWarnings?.get(file) ?? [];
            if (warnings.length) problems.set({ file, line: warnings[0]!.line, message: warnings.map((w) => `line ${w.line}: ${w.message}`).join('\n'), warning: true });
            else problems.delete(file);
            return info;
          } catch (error) {
            const { message, loc } = error as Error & { loc?: { line?: number } };
            note(file, `front matter: ${message}`, (loc?.line ?? 0) + 1);
            return { data: {}, body: '', slug: '', rawData: '' };
          }
        },
        ...(type.getRenderFunction && {
          getRenderFunction: async (config) => {
            const render = await type.getRenderFunction!(config);
            return async (props) => {
              try {
                return await render(props);
              } catch (error) {
                const message = (error as Error).message;
                // Shortcode messages start with "file:line:" (src/lib/shortcodes.ts).
                const line = Number(/^[^\n]*?:(\d+): /.exec(message)?.[1] ?? 1);
                if (props.filePath) note(relative(props.filePath), message, line);
                throw error;
              }
            };
          },
        }),
      },
    ]),
  );
  const parseData: LoaderContext['parseData'] = async (props) => {
    const file = props.filePath ? relative(props.filePath) : undefined;
    if (file && pending.has(file)) return props.data;
    try {
      return await hooks.parseData(props);
    } catch (error) {
      if (!file || !props.filePath) throw error;
      const message = (error as Error).message;
      // Astro names each failing field as **field**: the first one gives the line to point at.
      note(file, message, fieldLine(props.filePath, /\*\*([^*.\s]+)[^*]*\*\*:/.exec(message)?.[1]));
      return props.data;
    }
  };
  const store = Object.create(hooks.store, {
    set: {
      value: (entry: StoredEntry) => {
        const problem = entry.filePath ? pending.get(entry.filePath) : undefined;
        if (!problem) {
          if (entry.filePath && !problems.get(entry.filePath)?.warning) problems.delete(entry.filePath);
          return hooks.store.set(entry);
        }
        pending.delete(problem.file);
        problems.set({ ...problem, id: entry.id });
        context.logger.error(`${problem.file}: ${plainMessage(problem.message)}`);
        hooks.store.delete(entry.id);
        return false;
      },
    },
  }) as LoaderContext['store'];
  context.watcher.on('unlink', (file: string) => problems.delete(relative(file)));
  return { entryTypes, parseData, store };
}

/**
 * The posts loader: Astro's glob loader over Markdown and MDX, with Hugo's ids (slug, else file name),
 * dates read from the source text, and Markdown rendered at content sync, where a broken shortcode
 * fails the build instead of being logged. Two files with one id, or an alias that another post also claims or
 * that is a post's own URL, stop the build naming both files (Astro's glob loader only warns); in
 * `astro dev` they are logged as errors so a rename in progress doesn't kill the server.
 */
export function hugoPostsLoader(base: string): Loader {
  return {
    name: 'hugo-posts-loader',
    load: async (context) => {
      const fail = (message: string) => {
        if (context.watcher) context.logger.error(message);
        else throw new Error(message);
      };
      const fileById = new Map<string, string>();
      const inner = glob({
        base,
        pattern: '**/*.{md,mdx}',
        // Markdown renders during content sync and is cached with the entry: warm builds skip it, and the
        // page bundle stays small. Astro only logs a render error there and stores the entry without its
        // HTML, so a Markdown entry stored without HTML fails the build below.
        deferRender: false,
        generateId: ({ entry, data }) => {
          const id = postIdFromEntry(entry, data.slug);
          const other = fileById.get(id);
          if (other && other !== entry) {
            const [a, b] = [other, entry].sort();
            fail(`duplicate post id "${id}": ${base}/${a} and ${base}/${b} both map to ${postUrl(id)}; give one of them another file name or slug`);
          }
          fileById.set(id, entry);
          return id;
        },
      });
      const { logger, failUnrendered } = renderFailures(context);
      const dir = htmlDir(context.config, Boolean(context.watcher));
      const store = Object.create(context.store, { set: { value: (entry: StoredEntry) => context.store.set(slimEntry(entry, dir)) } });
      const hooks = devProblems(context, { ...withHugoMarkdown(context, POST_FIELD_NAMES), parseData: withRawDates(context), store });
      const loadWith = (watcher: typeof context.watcher) => inner.load({ ...context, ...hooks, watcher, logger });
      await loadWith(context.watcher);
      failUnrendered(fail);
      // An unchanged post is not rendered again, so its HTML file must still be there, whole (it is not
      // after the cache dir was cleaned or damaged, nor for an entry stored before HTML files existed).
      // Such posts are dropped from the store and synced once more, which renders them.
      const stale = context.store.entries().filter(([, entry]) => {
        if (!entry.rendered) return false;
        const file = htmlFileOf(entry);
        return file === undefined || !storedHtmlIntact(file);
      });
      if (stale.length) {
        context.logger.info(`rendering ${stale.length} post(s) again: their HTML is not in ${dir}`);
        for (const [id] of stale) context.store.delete(id);
        await loadWith(undefined);
      }
      const referenced = new Set(context.store.values().map(htmlFileOf).filter((file) => file !== undefined));
      pruneHtml(dir, referenced);
      checkAliases(context.store.entries(), fail);
      checkBodyImages(context.store.values(), fileURLToPath(context.config.root), fail);
      noteSchedule(context, SCHEDULE_FILE);
    },
  };
}

/**
 * For `npm run build` (scripts/build.ts): writes into the cache dir when this build's output stops being
 * current — the next moment one of the collection's entries goes live or expires — and which file that
 * is, so the build can say so. Not in `astro dev`, which shows scheduled entries anyway.
 */
function noteSchedule(context: LoaderContext, file: string) {
  if (context.watcher) return;
  // The schemas parsed these fields (the published rule reads nothing else).
  const entries = context.store.values().map((entry) => ({ ...(entry.data as unknown as Scheduled & { build?: BuildOptions }), file: entry.filePath }));
  const next = nextChange(entries, new Date());
  const note: ScheduleNote = next ? { next: next.at.toISOString(), change: next.change, file: next.entry.file } : { next: null };
  const dir = fileURLToPath(context.config.cacheDir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, file), JSON.stringify(note));
}

/**
 * Astro's glob loader reports a failed render (a bad shortcode, say) with logger.error and goes on. The
 * returned logger keeps what was logged, to say why; `failUnrendered` then reads from the store itself
 * whether a Markdown entry was stored without its HTML, and fails naming the files.
 */
function renderFailures(context: LoaderContext) {
  const errors: string[] = [];
  const logger = Object.create(context.logger, {
    error: {
      value: (message: string) => {
        errors.push(message);
        context.logger.error(message);
      },
    },
  }) as LoaderContext['logger'];
  const failUnrendered = (fail: (message: string) => void) => {
    const unrendered = context.store.values().filter((entry) => entry.filePath?.endsWith('.md') && !entry.rendered);
    if (!unrendered.length) return;
    const files = unrendered.map((entry) => entry.filePath).sort();
    fail(`${files.join(', ')}: the Markdown could not be rendered${errors.length ? `:\n${errors.join('\n')}` : ''}`);
  };
  return { logger, failUnrendered };
}

/**
 * Local images in Markdown bodies must exist: Astro resolves them only when it bundles the pages, and its
 * `ImageNotFound` error there names no post. Checked here, with the file and line, after every sync.
 */
export function checkBodyImages(entries: { filePath?: string; rendered?: { metadata?: Record<string, unknown> } }[], root: string, fail: (message: string) => void) {
  const problems: string[] = [];
  for (const entry of entries) {
    const paths = entry.rendered?.metadata?.imagePaths;
    if (!entry.filePath || !Array.isArray(paths) || !paths.length) continue;
    const file = path.resolve(root, entry.filePath);
    for (const image of paths as string[]) {
      if (typeof image !== 'string' || image.startsWith('/')) continue;
      const resolved = resolveBodyImage(image, file, root);
      if (resolved.kind !== 'missing') continue;
      let line = 0;
      try {
        const lines = readFileSync(file, 'utf8').split('\n');
        line = lines.findIndex((l) => l.includes(image) || l.includes(encodeURI(image))) + 1;
      } catch {
        // Unreadable: reported without a line.
      }
      problems.push(`${entry.filePath}${line ? `:${line}` : ''}: ${missingImageMessage(image, resolved.expected)}`);
    }
  }
  if (problems.length) fail(problems.join('\n'));
}

/** Every old path may redirect to one post only, and never replace a post's own page. */
function checkAliases(entries: [string, { data: Record<string, unknown>; filePath?: string }][], fail: (message: string) => void) {
  const owner = new Map<string, string>();
  const normalise = (url: string) => decodeURI(url).replace(/\/?$/, '/');
  for (const [id, entry] of entries) owner.set(normalise(postUrl(id)), `${entry.filePath} (its URL)`);
  for (const [, entry] of entries) {
    const aliases = Array.isArray(entry.data.aliases) ? (entry.data.aliases as string[]) : [];
    for (const alias of aliases) {
      const key = /\.[a-z0-9]+$/i.test(alias) ? decodeURI(alias) : normalise(alias);
      const other = owner.get(key);
      if (other && !other.startsWith(`${entry.filePath} `)) {
        fail(`${entry.filePath}: alias "${alias}" is already taken by ${other}; an old URL can redirect to one post only`);
      } else if (other) {
        fail(`${entry.filePath}: alias "${alias}" is the post's own URL; remove it`);
      }
      owner.set(key, `${entry.filePath} (alias)`);
    }
  }
}

/**
 * The pages loader (about, privacy, contact): Astro's glob loader over Markdown and MDX, with Hugo's ids
 * (slug, else the file's path) and dates read from the source text as for posts. Two files with one id
 * stop the build naming both (logged in `astro dev`). For `npm run build` it records when the published
 * pages next change, as the posts loader does for posts.
 */
export function pagesLoader(base: string): Loader {
  return {
    name: 'pages-loader',
    load: async (context) => {
      const fileById = new Map<string, string>();
      const inner = glob({
        base,
        pattern: '**/*.{md,mdx}',
        generateId: ({ entry, data }) => {
          const id = postIdFromEntry(entry, data.slug);
          const other = fileById.get(id);
          if (other && other !== entry) {
            const [a, b] = [other, entry].sort();
            const message = `duplicate page id "${id}": ${base}/${a} and ${base}/${b}; give one of them another file name or slug`;
            if (context.watcher) context.logger.error(message);
            else throw new Error(message);
          }
          fileById.set(id, entry);
          return id;
        },
      });
      // Pages are optional: a site (or test fixture) without the folder has none, without glob's warning.
      if (existsSync(path.resolve(fileURLToPath(context.config.root), base))) {
        const fail = (message: string) => {
          if (context.watcher) context.logger.error(message);
          else throw new Error(message);
        };
        const { logger, failUnrendered } = renderFailures(context);
        const hooks = devProblems(context, { ...withHugoMarkdown(context, PAGE_FIELD_NAMES), parseData: withRawDates(context), store: context.store });
        await inner.load({ ...context, ...hooks, logger });
        // As for posts: a Markdown page Astro could not render (a bad shortcode) fails the build.
        failUnrendered(fail);
        checkBodyImages(context.store.values(), fileURLToPath(context.config.root), fail);
      } else {
        context.store.clear();
        // Problems recorded while the folder still existed are gone with it.
        if (context.watcher) new ProblemLog(fileURLToPath(context.config.root), context.collection).reset();
      }
      noteSchedule(context, PAGES_SCHEDULE_FILE);
    },
  };
}
