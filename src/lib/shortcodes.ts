import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { MdastContent } from 'satteri';
import {
  EmbedError,
  embedHtml,
  escapeHtml,
  gistHtml,
  instagramHtml,
  parseBilibili,
  parseGist,
  parseInstagram,
  parseSpotify,
  parseVimeo,
  parseXPost,
  parseYouTube,
  xPostHtml,
} from './embeds';
import { PUBLIC_DIR, contentDir, hugoImageToProjectPath } from './paths';
import { postIdFromEntry, postUrl } from './urls';
import { site } from '../site.config';
import { applyChanges, pairShortcodes, scanShortcodes, type ShortcodeTag } from './shortcode-scan';
import { qrSvg } from './qr';

/** A parsed Hugo shortcode call: `{{< name arg "quoted arg" key="value" >}}`. */
export interface ShortcodeCall {
  name: string;
  positional: string[];
  named: Record<string, string>;
}

/** Parses a whole shortcode; returns undefined when `text` is not exactly one opening or self-closing tag. */
export function parseShortcode(text: string): ShortcodeCall | undefined {
  const trimmed = text.trim();
  const scan = scanShortcodes(trimmed);
  const tag = scan.tags[0];
  if (scan.tags.length !== 1 || scan.problems.length || tag.closing || tag.start !== 0 || tag.end !== trimmed.length) return undefined;
  return { name: tag.name, positional: tag.positional, named: tag.named };
}

export class ShortcodeError extends Error {}

/** Where a shortcode is used: the absolute path of the Markdown file, when known. */
export interface ShortcodeContext {
  file?: string;
  /** A site path that will be served though public/ does not hold it yet (the importer copies it there). */
  willServe?: (sitePath: string) => boolean;
}

/** HTML, or mdast nodes when the output must go through Astro's own handling (local images). */
export type ShortcodeOutput = string | MdastContent[];
type Renderer = (call: ShortcodeCall, context: ShortcodeContext) => ShortcodeOutput;

const arg = (c: ShortcodeCall, name: string, position: number) => c.named[name] ?? c.positional[position];
const flag = (value: string | undefined) => value !== undefined && !/^(false|0|no|off)$/i.test(value.trim());

export { CALLOUT_CLOSE, CALLOUT_LABELS, calloutOpen, type CalloutType } from './callout';
import { CALLOUT_CLOSE, calloutOpen, type CalloutType } from './callout';

/** Theme admonition kinds (LoveIt, DoIt, FixIt, Book, Docsy, notice, Blowfish…) mapped to the site's four. */
const CALLOUT_KIND: Record<string, CalloutType> = {
  note: 'note', info: 'note', abstract: 'note', summary: 'note', tldr: 'note', question: 'note', help: 'note', faq: 'note',
  example: 'note', quote: 'note', cite: 'note', success: 'tip', check: 'tip', done: 'tip', tip: 'tip', hint: 'tip',
  important: 'tip', primary: 'note', secondary: 'note', warning: 'warning', warn: 'warning', caution: 'warning',
  attention: 'warning', bug: 'warning', danger: 'danger', error: 'danger', failure: 'danger', fail: 'danger',
  missing: 'danger', alert: 'warning',
};


function calloutKind(call: ShortcodeCall, fallback: CalloutType): CalloutType {
  const raw = (call.named.type ?? call.named.theme ?? call.named.kind ?? call.named.style ?? call.named.context ?? call.positional[0] ?? '').trim().toLowerCase();
  if (!raw) return fallback;
  const kind = CALLOUT_KIND[raw];
  if (!kind) {
    throw new ShortcodeError(`{{< ${call.name} >}}: unknown kind "${raw}"; expected one of: ${Object.keys(CALLOUT_KIND).join(', ')}`);
  }
  return kind;
}

/** A shortcode whose content (between its tags) is Markdown, wrapped in HTML. */
interface Container {
  open: (call: ShortcodeCall) => string;
  close: string;
}

const calloutContainer = (fallback: CalloutType, titleAt: number): Container => ({
  open: (c) => calloutOpen(calloutKind(c, fallback), c.named.title ?? c.named.summary ?? c.positional[titleAt]),
  close: CALLOUT_CLOSE,
});

const detailsContainer: Container = {
  open: (c) => {
    const summary = (c.named.summary ?? c.named.title ?? c.positional[0] ?? '').trim() || '詳細內容';
    return `<details class="details"${flag(c.named.open ?? c.positional[1]) ? ' open' : ''}><summary>${escapeHtml(summary)}</summary><div class="details__body">`;
  },
  close: '</div></details>',
};

/** Shortcodes with Markdown content, by name: Hugo's `details` and the common themes' boxes. */
export const shortcodeContainers: Record<string, Container> = {
  // LoveIt/DoIt/FixIt: {{< admonition type title open >}}; type defaults to note.
  admonition: calloutContainer('note', 1),
  // hugo-notice: {{< notice warning "title" >}}.
  notice: calloutContainer('note', 1),
  // Book: {{< hint info >}}; Blowfish/Congo: {{< alert >}} (an alert is a warning unless told).
  hint: calloutContainer('tip', 1),
  alert: calloutContainer('warning', 1),
  callout: calloutContainer('note', 1),
  tip: calloutContainer('tip', 0),
  note: calloutContainer('note', 0),
  warning: calloutContainer('warning', 0),
  details: detailsContainer,
  collapse: detailsContainer,
  expand: detailsContainer,
  spoiler: detailsContainer,
};

/** Shortcodes whose content is code: turned into a fenced block before Markdown. */
export const CODE_SHORTCODES = new Set(['highlight']);
/** Shortcodes replaced by text before Markdown (link targets, values). */
export const TEXT_SHORTCODES = new Set(['ref', 'relref', 'param']);

/** Shortcodes the site renders as one block, by name. Each validates its arguments and returns HTML. */
export const shortcodeRenderers: Record<string, Renderer> = {
  youtube: (c) => embedHtml(parseYouTube(arg(c, 'id', 0), c.named.title)),
  spotify: (c) => embedHtml(parseSpotify(arg(c, 'id', 0), c.named.title)),
  vimeo: (c) => embedHtml(parseVimeo(arg(c, 'id', 0), c.named.title)),
  bilibili: (c) => embedHtml(parseBilibili(c.named.id ?? c.named.bvid ?? c.named.aid ?? c.positional[0], c.named.page ?? c.named.p ?? c.positional[1], c.named.title)),
  // Hugo's `x` takes user= and id=; the older `tweet` also accepted a bare id.
  x: (c) => xPostHtml(parseXPost(arg(c, 'id', 0), c.named.user)),
  tweet: (c) => xPostHtml(parseXPost(c.named.id ?? c.positional.at(-1), c.named.user ?? (c.positional.length > 1 ? c.positional[0] : undefined))),
  instagram: (c) => instagramHtml(parseInstagram(arg(c, 'id', 0))),
  gist: (c) => gistHtml(parseGist(arg(c, 'user', 0), arg(c, 'id', 1), arg(c, 'file', 2))),
  figure: (c, context) => figureNodes(c, context),
  audio: (c, context) => mediaHtml('audio', c, context),
  video: (c, context) => mediaHtml('video', c, context),
  qr: (c) => qrHtml(c),
};

/** Every shortcode name the build knows. */
export const KNOWN_SHORTCODES = [...Object.keys(shortcodeRenderers), ...Object.keys(shortcodeContainers), ...CODE_SHORTCODES, ...TEXT_SHORTCODES].sort();

/**
 * Where a figure's image lives, as a path Astro resolves relative to the post: Hugo's `/images/…`
 * maps to the assets folder, anything else is next to the post (a page bundle). A remote `https://`
 * image is kept as it is (the article's CSP allows its origin).
 */
export function figureImagePath(src: string, postFile: string | undefined): { url: string; file?: string } {
  const raw = src.trim();
  if (/^https:\/\//.test(raw) && URL.canParse(raw)) return { url: raw };
  if (/^(https?:)?\/\//.test(raw)) {
    throw new ShortcodeError(`{{< figure >}}: remote image "${raw}" must use https://; expected an https URL, a file under /images/ or next to the post`);
  }
  if (raw.startsWith('/') && !raw.startsWith('/images/')) {
    throw new ShortcodeError(`{{< figure >}}: image "${raw}" must start with /images/ or be relative to the post`);
  }
  if (!postFile) return { url: raw };
  const file = raw.startsWith('/images/')
    ? path.resolve(process.cwd(), hugoImageToProjectPath(raw))
    : path.resolve(path.dirname(postFile), raw);
  let url = path.relative(path.dirname(postFile), file).split(path.sep).join('/');
  if (!url.startsWith('.')) url = `./${url}`;
  return { url, file };
}

/** A link target for a shortcode's `link=`: a site path or an http(s) URL, else an error. */
function safeHref(value: string, name: string): string {
  const v = value.trim();
  if ((v.startsWith('/') && !v.startsWith('//')) || (/^https?:\/\//.test(v) && URL.canParse(v)) || v.startsWith('#')) return v;
  throw new ShortcodeError(`{{< ${name} >}}: link "${value}" is not a site path or an http(s) URL`);
}

/**
 * Hugo's figure as an optimized image: a Markdown image node (so Astro runs it through sharp)
 * between the `<figure>` tags, with the caption and attribution escaped.
 */
function figureNodes(c: ShortcodeCall, context: ShortcodeContext): MdastContent[] {
  const src = c.named.src;
  if (!src) throw new ShortcodeError('{{< figure >}}: missing src="…"; expected src="/images/posts/NAME.webp" alt="…"');
  const { url, file } = figureImagePath(src, context.file);
  if (file && !existsSync(file)) {
    throw new ShortcodeError(`{{< figure >}}: image "${src}" not found; expected file at ${path.relative(process.cwd(), file)}`);
  }
  const caption = c.named.caption ?? c.named.title;
  const attribution = c.named.attr;
  const image = { type: 'image', url: file ? encodeURI(url) : url, alt: c.named.alt ?? caption ?? '', title: c.named.title ?? null } as const;
  const link = c.named.link ? safeHref(c.named.link, 'figure') : undefined;
  const attrLink = c.named.attrlink ? safeHref(c.named.attrlink, 'figure') : undefined;
  const credit = attribution ? (attrLink ? `<a href="${escapeHtml(attrLink)}">${escapeHtml(attribution)}</a>` : escapeHtml(attribution)) : '';
  const figcaption = caption || credit ? `<figcaption>${caption ? escapeHtml(caption) : ''}${caption && credit ? ' ' : ''}${credit ? `<span class="figure__credit">${credit}</span>` : ''}</figcaption>` : '';
  return [
    { raw: '<figure class="figure">', mdxExpressions: false },
    { type: 'paragraph', children: [link ? { type: 'link', url: link, title: null, children: [image] } : image] },
    { raw: `${figcaption}</figure>`, mdxExpressions: false },
  ];
}

/**
 * Hugo themes' audio and video: native players. The file is a site path served from `public/` (it must
 * exist there) or an https URL; nothing plays until the reader presses play.
 */
function mediaHtml(kind: 'audio' | 'video', c: ShortcodeCall, context: ShortcodeContext): string {
  const src = (c.named.src ?? c.named.url ?? c.positional[0] ?? '').trim();
  if (!src) throw new ShortcodeError(`{{< ${kind} >}}: missing src="…"; expected a file under public/ such as src="/media/episode.mp3", or an https URL`);
  const checkSource = (value: string, field: string) => {
    if (/^https:\/\//.test(value) && URL.canParse(value)) return value;
    if (value.startsWith('/') && !value.startsWith('//')) {
      const file = path.resolve(process.cwd(), PUBLIC_DIR, `.${decodeURI(value.split(/[?#]/)[0])}`);
      if (!existsSync(file) && !context.willServe?.(value)) throw new ShortcodeError(`{{< ${kind} >}}: ${field} "${value}" not found; expected file at ${path.relative(process.cwd(), file)}`);
      return value;
    }
    throw new ShortcodeError(`{{< ${kind} >}}: ${field} "${value}" must be a site path (/…) served from public/ or an https URL`);
  };
  checkSource(src, 'src');
  const poster = c.named.poster ? checkSource(c.named.poster.trim(), 'poster') : undefined;
  const caption = c.named.caption ?? c.named.title;
  const label = caption ?? (kind === 'audio' ? '音訊' : '影片');
  const attrs = `controls preload="${kind === 'audio' ? 'none' : 'metadata'}" src="${escapeHtml(src)}"${poster ? ` poster="${escapeHtml(poster)}"` : ''} aria-label="${escapeHtml(label)}"`;
  const fallback = `<a href="${escapeHtml(src)}">下載${kind === 'audio' ? '音訊' : '影片'}檔案</a>`;
  return `<figure class="media media--${kind}"><${kind} ${attrs}>${fallback}</${kind}>${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`;
}

/** Hugo's qr: a QR code drawn as an inline SVG image (no request to any service). */
function qrHtml(c: ShortcodeCall): string {
  const text = (c.named.text ?? c.positional[0] ?? '').trim();
  if (!text) throw new ShortcodeError('{{< qr >}}: missing text="…"; expected the text or URL to encode');
  const level = (c.named.level ?? 'medium').toLowerCase();
  const levels: Record<string, 'L' | 'M' | 'Q' | 'H'> = { low: 'L', medium: 'M', quartile: 'Q', high: 'H' };
  if (!levels[level]) throw new ShortcodeError(`{{< qr >}}: level "${level}" is not one of low, medium, quartile, high`);
  const svg = qrSvg(text, levels[level]);
  const alt = c.named.alt ?? `QR 碼：${text}`;
  return `<figure class="qr"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" alt="${escapeHtml(alt)}" width="200" height="200" /></figure>`;
}

/** Renders a block shortcode call or throws a ShortcodeError that says what was expected. */
export function renderShortcode(call: ShortcodeCall, context: ShortcodeContext = {}): ShortcodeOutput {
  const render = shortcodeRenderers[call.name];
  if (!render) {
    throw new ShortcodeError(`unknown shortcode "${call.name}"; expected one of: ${KNOWN_SHORTCODES.join(', ')}`);
  }
  try {
    return render(call, context);
  } catch (err) {
    if (err instanceof EmbedError) throw new ShortcodeError(`{{< ${call.name} >}}: ${err.message}`);
    throw err;
  }
}

export function containerOpen(call: ShortcodeCall): string {
  try {
    return shortcodeContainers[call.name].open(call);
  } catch (err) {
    if (err instanceof EmbedError) throw new ShortcodeError(`{{< ${call.name} >}}: ${err.message}`);
    throw err;
  }
}

type Attr = (name: string) => unknown;
/** The embed components' props, checked when the MDX compiles so a bad id names the file and line. */
export const MDX_VALIDATORS: Record<string, (attr: Attr) => unknown> = {
  YouTube: (a) => parseYouTube(a('id'), a('title')),
  Spotify: (a) => parseSpotify(a('id'), a('title')),
  Vimeo: (a) => parseVimeo(a('id'), a('title')),
  Bilibili: (a) => parseBilibili(a('id'), a('page'), a('title')),
  XPost: (a) => parseXPost(a('id'), a('user')),
  Gist: (a) => parseGist(a('user'), a('id'), a('file')),
};

/* ------------------------------------------------------------------------------------------------
 * Expansion before Markdown. Like Hugo, shortcodes are found in the source text before Markdown
 * reads it, so `_` in an id or a tag over several lines cannot be mistaken for emphasis or split.
 * Each tag becomes a placeholder word that Markdown leaves alone and that names the tag and its line;
 * the mdast plugin (src/lib/shortcodes-plugin.ts) swaps each placeholder for the HTML. Containers (admonition, details…) keep
 * their Markdown content between an opening and a closing placeholder; `highlight` becomes a fenced
 * code block; ref, relref and param become their text.
 * ---------------------------------------------------------------------------------------------- */

/** A placeholder left by the expansion: the tag's line, then its text in hex. */
export const PLACEHOLDER = /HUGOSC(\d+)L([0-9a-f]*)E/g;
const placeholder = (tag: ShortcodeTag) => `HUGOSC${tag.line}L${Buffer.from(tag.text, 'utf8').toString('hex')}E`;

export interface ExpandOptions {
  /** Absolute path of the Markdown file: for messages, figure images and relative refs. */
  file?: string;
  /** Line of the file on which `body` starts (1 when the body is the whole file). */
  firstLine?: number;
  /** The post's front matter, for `param`. */
  data?: Record<string, unknown>;
}

export interface ShortcodeProblem {
  line: number;
  message: string;
}

/** Backslash-escapes text so Markdown shows it as written. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}\[\]()#+\-.!<>|~]/g, '\\$&');
}

/** The container prefix of the line holding `offset` (`> ` of quotes, spaces for list indents). */
function linePrefix(text: string, offset: number): { prefix: string; alone: boolean } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const prefix = /^(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?$/.test(before) ? before.replace(/[-*+]|\d{1,9}[.)]/g, (m) => ' '.repeat(m.length)) : '';
  return { prefix, alone: before.trim() === '' || /^(?:[ \t]*>)+[ \t]*$/.test(before) };
}

function restOfLine(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(offset, end < 0 ? text.length : end);
}

/** Hugo's `param`: the post's front matter, else the site config. */
function paramValue(key: string, data: Record<string, unknown> | undefined): string | undefined {
  const lookup = (root: unknown): unknown =>
    key.split('.').reduce<unknown>((value, part) => {
      if (!value || typeof value !== 'object') return undefined;
      const entry = Object.entries(value as Record<string, unknown>).find(([k]) => k.toLowerCase() === part.toLowerCase());
      return entry?.[1];
    }, root);
  const value = lookup(data) ?? lookup(site);
  if (value === undefined || value === null || typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value)) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(String).join('、');
  return String(value);
}

const POST_EXTENSIONS = ['.md', '.mdx', '.markdown'];

/** The front matter `slug` of a post file, if any. */
function slugOf(file: string): string | undefined {
  const text = readFileSync(file, 'utf8');
  const fm = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  const m = fm && /^slug[ \t]*:[ \t]*["']?([^"'\n#]*?)["']?[ \t]*(?:#.*)?$/m.exec(fm);
  return m && m[1].trim() ? m[1].trim() : undefined;
}

/** Hugo's ref and relref: the URL of another post, by its path in the posts folder or relative to this post. */
export function resolveRef(target: string, file: string | undefined): string {
  const hash = target.indexOf('#');
  const pathPart = hash < 0 ? target : target.slice(0, hash);
  const anchor = hash < 0 ? '' : target.slice(hash);
  if (!pathPart) return anchor || '#';
  const postsDir = path.resolve(process.cwd(), contentDir('posts'));
  const bases: string[] = [];
  if (/^\.\.?\//.test(pathPart) && file) bases.push(path.resolve(path.dirname(file), pathPart));
  const key = pathPart.replace(/^\/+/, '').replace(/^content\//, '');
  bases.push(path.join(postsDir, key), path.join(postsDir, key.replace(/^(posts|post|blog)\//, '')));
  if (file && !key.includes('/')) bases.push(path.join(path.dirname(file), key));
  for (const base of bases) {
    const stem = base.replace(/\/$/, '').replace(/\.(md|mdx|markdown)$/, '').replace(/\/_?index$/, '');
    const candidates = [...POST_EXTENSIONS.map((e) => `${stem}${e}`), ...POST_EXTENSIONS.map((e) => path.join(stem, `index${e}`))];
    const found = candidates.find((c) => c.startsWith(postsDir + path.sep) && existsSync(c));
    if (found) {
      const entry = path.relative(postsDir, found).split(path.sep).join('/');
      return `${postUrl(postIdFromEntry(entry.replace(/\.markdown$/, '.md'), slugOf(found)))}${anchor}`;
    }
  }
  throw new ShortcodeError(`{{< ref "${target}" >}}: no post at ${path.relative(process.cwd(), path.join(postsDir, key))}; expected a file in ${contentDir('posts')}/ (its path there, e.g. "my-post.md")`);
}

/** The URLs the refs of a body point to now: part of the post's digest, so a renamed target re-renders it. */
export function refTargets(body: string, file: string | undefined): string[] {
  if (!/\{\{[<%]\s*(?:rel)?ref\b/.test(body)) return [];
  return scanShortcodes(body).tags.filter((t) => t.name === 'ref' || t.name === 'relref').map((t) => {
    try {
      return resolveRef(t.named.path ?? t.positional[0] ?? '', file);
    } catch {
      return '(missing)';
    }
  });
}

/** The fenced code block for `{{< highlight lang "linenos=table,hl_lines=8 15-17" >}}…{{< /highlight >}}`. */
function highlightFence(open: ShortcodeTag, inner: string, prefix: string): string {
  const lang = (open.named.lang ?? open.positional[0] ?? '').trim();
  const options = (open.named.options ?? open.positional[1] ?? '').trim();
  const attrs: string[] = [];
  for (const part of options.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value = ''] = part.split('=').map((s) => s.trim());
    if (key === 'hl_lines') attrs.push(`hl_lines=[${value.split(/\s+/).filter(Boolean).map((v) => (/^\d+$/.test(v) ? v : JSON.stringify(v))).join(',')}]`);
    else if (/^[\w-]+$/.test(key) && /^[\w.-]*$/.test(value)) attrs.push(`${key}=${value || 'true'}`);
  }
  const code = inner.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n[ \t]*$/, '');
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const info = `${/^[\w+#.-]*$/.test(lang) ? lang : ''}${attrs.length ? ` {${attrs.join(' ')}}` : ''}`;
  return `${fence}${info}\n${code}\n${prefix}${fence}`;
}

interface Expansion {
  text: string;
  problems: ShortcodeProblem[];
}

/** Expands a Markdown body's shortcodes (see above); problems are collected, not thrown. */
export function planExpansion(body: string, options: ExpandOptions = {}): Expansion {
  const firstLine = options.firstLine ?? 1;
  const scan = scanShortcodes(body, firstLine);
  const problems: ShortcodeProblem[] = [...scan.problems];
  if (!scan.tags.length && !scan.escapes.length) return { text: body, problems };
  const { uses, strayClosers } = pairShortcodes(scan.tags, body);
  const changes: { start: number; end: number; text: string }[] = [];
  for (const e of scan.escapes) changes.push({ start: e.start, end: e.end, text: e.inCode ? e.literal : escapeMarkdown(e.literal) });
  for (const tag of strayClosers) {
    problems.push({ line: tag.line, message: `closing tag {{< /${tag.name} >}} closes nothing; expected an opening {{< ${tag.name} … >}} before it` });
  }
  const context: ShortcodeContext = { file: options.file };
  /** A placeholder standing on lines of its own, padded so later lines keep their numbers. */
  const isBlank = (line: string) => /^(?:[ \t]*>)*[ \t]*$/.test(line);
  const block = (tag: ShortcodeTag) => {
    const { prefix, alone } = linePrefix(body, tag.start);
    let text = placeholder(tag) + '\n'.repeat(tag.endLine - tag.line);
    // Blank lines around it where there are none, so a list or quote before it cannot swallow it.
    const lineStart = body.lastIndexOf('\n', tag.start - 1) + 1;
    const lineText = body.slice(lineStart, body.indexOf('\n', tag.end) < 0 ? body.length : body.indexOf('\n', tag.end));
    // In a table row it stays put (and is reported there): lifting it out would break the table.
    if (/^(?:[ \t]*>)*[ \t]*\|/.test(lineText)) {
      changes.push({ start: tag.start, end: tag.end, text: placeholder(tag) });
      return;
    }
    if (!alone) text = `\n\n${prefix}${text}`;
    else if (lineStart > 0 && !isBlank(body.slice(body.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1))) text = `\n${prefix}${text}`;
    if (restOfLine(body, tag.end).trim() !== '') text = `${text}\n\n${prefix}`;
    else if (body[tag.end] === '\n' && !isBlank(restOfLine(body, tag.end + 1))) text = `${text}\n${prefix.trimEnd()}`;
    changes.push({ start: tag.start, end: tag.end, text });
  };
  for (const use of uses) {
    const { open, close } = use;
    const call: ShortcodeCall = { name: open.name, positional: open.positional, named: open.named };
    try {
      if (CODE_SHORTCODES.has(open.name)) {
        if (!close) throw new ShortcodeError(`{{< ${open.name} >}} is never closed; expected {{< /${open.name} >}} after the code`);
        const { prefix, alone } = linePrefix(body, open.start);
        changes.push({ start: open.start, end: close.end, text: `${alone ? '' : `\n\n${prefix}`}${highlightFence(open, use.inner ?? '', prefix)}` });
      } else if (open.name in shortcodeContainers) {
        if (!close) throw new ShortcodeError(`{{< ${open.name} >}} is never closed; expected {{< /${open.name} >}} after its content`);
        containerOpen(call);
        block(open);
        block(close);
      } else if (open.name === 'ref' || open.name === 'relref') {
        const url = resolveRef(open.named.path ?? open.positional[0] ?? '', options.file);
        changes.push({ start: open.start, end: open.end, text: url });
      } else if (open.name === 'param') {
        const key = open.named.key ?? open.positional[0] ?? '';
        const value = paramValue(key, options.data);
        if (value === undefined) throw new ShortcodeError(`{{< param "${key}" >}}: no such value in the front matter or the site config (src/site.config.ts)`);
        changes.push({ start: open.start, end: open.end, text: escapeMarkdown(value) });
      } else if (open.name in shortcodeRenderers) {
        if (close && (use.inner ?? '').trim() !== '') {
          throw new ShortcodeError(`{{< ${open.name} >}} takes no content; remove the text and {{< /${open.name} >}}`);
        }
        renderShortcode(call, context);
        block(open);
        if (close) changes.push({ start: close.start, end: close.end, text: '' });
      } else {
        throw new ShortcodeError(`unknown shortcode "${open.name}"; expected one of: ${KNOWN_SHORTCODES.join(', ')}`);
      }
    } catch (err) {
      if (!(err instanceof ShortcodeError)) throw err;
      problems.push({ line: open.line, message: err.message });
    }
  }
  return { text: applyChanges(body, changes), problems: problems.sort((a, b) => a.line - b.line) };
}

/** A path as shown in messages: relative to the project. */
export const shown = (file: string | undefined) => (file ? path.relative(process.cwd(), file) : '(unknown file)');

/** Expands a body's shortcodes for Markdown, or throws one error listing every problem with file:line. */
export function expandShortcodes(body: string, options: ExpandOptions = {}): string {
  const { text, problems } = planExpansion(body, options);
  if (problems.length) {
    throw new ShortcodeError(problems.map((p) => `${shown(options.file)}:${p.line}: ${p.message}`).join('\n'));
  }
  return text;
}

/** The line of `file` on which `body` (as Astro hands it to the renderer, front matter removed) starts. */
export function bodyFirstLine(file: string, body: string): number {
  try {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const frontMatterEnd = /^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/.exec(text)?.[0].length ?? 0;
    const at = body ? text.indexOf(body, frontMatterEnd) : -1;
    if (at >= 0) return text.slice(0, at).split('\n').length;
    // MDX is compiled with its front matter blanked out, so its positions are already the file's lines.
    if (file.endsWith('.mdx')) return 1;
    // The body was rewritten (shortcodes expanded): it starts after the front matter and any blank lines.
    const rest = text.slice(frontMatterEnd);
    const blank = body.startsWith('\n') ? '' : (/^(?:[ \t]*\r?\n)*/.exec(rest)?.[0] ?? '');
    return text.slice(0, frontMatterEnd + blank.length).split('\n').length;
  } catch {
    return 1;
  }
}

