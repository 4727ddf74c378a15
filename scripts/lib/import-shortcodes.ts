/**
 * The importer's shortcode pass: reads a Hugo body with the build's own scanner (src/lib/shortcode-scan.ts),
 * so what it keeps is exactly what the build renders. Known shortcodes are validated and kept (Markdown)
 * or become components (MDX); `ref`/`relref` become the new URLs; anything the site cannot render is
 * replaced by something visible that always builds, and counted per shortcode name for one report line.
 */
import { applyChanges, formatTag, pairShortcodes, scanShortcodes, type ShortcodeTag } from '../../src/lib/shortcode-scan.ts';
import {
  CALLOUT_LABELS,
  CODE_SHORTCODES,
  KNOWN_SHORTCODES,
  ShortcodeError,
  renderShortcode,
  shortcodeContainers,
  shortcodeRenderers,
  type CalloutType,
  type ShortcodeCall,
} from '../../src/lib/shortcodes.ts';
import { EmbedError } from '../../src/lib/embeds.ts';
import { urlize } from '../../src/lib/urls.ts';

/** Characters that fence off text the MDX escaper must leave alone (components written by this pass). */
export const KEEP_START = '\u0001';
export const KEEP_END = '\u0002';

export interface ShortcodeIssue {
  line: number;
  message: string;
}

/** Uses of shortcodes the site cannot render, per name: how many and in which files. */
export type UnknownTally = Map<string, { count: number; files: Set<string> }>;

export interface ShortcodePassContext {
  /** The post's path as shown in reports. */
  file: string;
  toMdx: boolean;
  /** `ref`/`relref` target → new URL, or undefined when it points to no imported post. */
  resolveRef: (target: string) => string | undefined;
  /** A figure: copies its image and returns the src the build resolves, or undefined (reported) when it is missing. */
  figureSource: (src: string, line: number) => { src: string; importPath?: string } | undefined;
  /**
   * An audio or video file the old site served (`/video/a.mp4` from static/, or a bundle file): copies it
   * to public/ and returns the site path it is served at, or undefined when the old site had no such file.
   */
  mediaSource?: (src: string, line: number) => string | undefined;
  /** MDX imports the body needs (figure images). */
  imports: string[];
  unknown: UnknownTally;
  warnings: ShortcodeIssue[];
}

const EMBED_COMPONENT: Record<string, string> = { youtube: 'YouTube', spotify: 'Spotify', vimeo: 'Vimeo', x: 'XPost', tweet: 'XPost', gist: 'Gist' };
const KIND_OF: Record<string, CalloutType> = Object.fromEntries(Object.keys(CALLOUT_LABELS).map((k) => [k, k as CalloutType]));

/** A JSX attribute value: a plain string when safe, else a JavaScript string expression. */
export function jsxString(value: string): string {
  return /["{}<>\\\n]/.test(value) ? `{${JSON.stringify(value)}}` : `"${value}"`;
}

/** Text shown as code: a code span whose backtick run is longer than any inside it. */
export function asCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${/^`|`$/.test(text) ? ` ${text} ` : text}${fence}`;
}

/** Theme shortcodes that show one image from `src`, imported as `figure`, and the figure parameters they keep. */
const FIGURE_LIKE = new Set(['image', 'img', 'imgcap', 'photo', 'fig', 'picture']);
const FIGURE_PARAMS = new Set(['src', 'alt', 'caption', 'title', 'link']);

const callOf = (tag: ShortcodeTag): ShortcodeCall => ({ name: tag.name, positional: [...tag.positional], named: { ...tag.named } });

/**
 * A shortcode written escaped in running text so Hugo shows it instead of running it (`{{\\< highlight >}}`,
 * `\\{\\{\\< x \\>\\}\\}`): at least one backslash in its opening braces, on one line.
 */
const ESCAPED_MENTION = /(?=[^\n]*?\\)\\?\{\\?\{\\?[<%](?:(?!\\?\{\\?\{)[^\n])*?\\?[>%]\\?\}\\?\}/g;

/**
 * Shortcodes mentioned in text (escaped, so Hugo showed their syntax) become code spans: they are syntax,
 * and a code span shows them the same without leaving raw shortcode text on the page. Returns the new
 * text and how many it changed. Code spans are left alone by the caller.
 */
export function mentionsAsCode(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(ESCAPED_MENTION, (m: string, offset: number) => {
    const opening = /^\\?\{\\?\{\\?[<%]/.exec(m)![0];
    if (!opening.includes('\\')) return m;
    count++;
    // Two code spans side by side would read as one run of backticks: a space keeps them apart.
    const next = text.slice(offset + m.length);
    return `${text[offset - 1] === '`' ? ' ' : ''}${asCode(m.replace(/\\([{}<>%/*])/g, '$1'))}${/^(\\?\{|`)/.test(next) ? ' ' : ''}`;
  });
  return { text: out, count };
}

/** Rewrites a Hugo body's shortcodes for the site. Line numbers count from `firstLine`. */
export function convertShortcodes(body: string, firstLine: number, ctx: ShortcodePassContext): string {
  const scan = scanShortcodes(body, firstLine);
  if (!scan.tags.length && !scan.problems.length) return body;
  const changes: { start: number; end: number; text: string }[] = [];
  const keep = (text: string) => (ctx.toMdx ? `${KEEP_START}${text}${KEEP_END}` : text);
  const blockKeep = (text: string) => keep(`\n\n${text}\n\n`);

  // Text that is not a valid shortcode: its braces escaped so the build reads it as text.
  for (const problem of scan.problems) {
    ctx.warnings.push({ line: problem.line, message: `${problem.message}; kept as text` });
  }
  if (scan.problems.length) {
    // The scanner skipped these `{{<`; find them again by line and escape them.
    const starts = [0];
    for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) starts.push(i + 1);
    for (const problem of scan.problems) {
      const from = starts[problem.line - firstLine] ?? 0;
      const at = body.slice(from).search(/\{\{[<%]/);
      if (at >= 0) changes.push({ start: from + at + 2, end: from + at + 2, text: '\\' });
    }
  }

  const { uses, strayClosers } = pairShortcodes(scan.tags, body);
  const fallback = (tag: ShortcodeTag, reason: string) => {
    ctx.warnings.push({ line: tag.line, message: `${reason}; shown as code` });
    changes.push({ start: tag.start, end: tag.end, text: asCode(tag.text.replace(/\s*\n\s*/g, ' ')) });
  };
  for (const tag of strayClosers) {
    ctx.warnings.push({ line: tag.line, message: `closing tag {{< /${tag.name} >}} closes nothing; removed` });
    changes.push({ start: tag.start, end: tag.end, text: '' });
  }

  for (const use of uses) {
    const { close } = use;
    let open = use.open;
    // A theme's image shortcode (LoveIt's `image`, `img`, …) with a src is Hugo's figure by another name.
    if (FIGURE_LIKE.has(open.name) && !KNOWN_SHORTCODES.includes(open.name) && open.named.src && !(use.inner ?? '').trim()) {
      const named = Object.fromEntries(Object.entries(open.named).filter(([k]) => FIGURE_PARAMS.has(k)));
      ctx.warnings.push({ line: open.line, message: `{{< ${open.name} >}} with src="${open.named.src}" imported as {{< figure >}} (src, alt, caption, title, link kept)` });
      open = { ...open, name: 'figure', positional: [], named };
    }
    const call = callOf(open);
    const name = open.name;
    if (name === 'ref' || name === 'relref') {
      const target = open.named.path ?? open.positional[0] ?? '';
      const url = ctx.resolveRef(target);
      // An absolute target that is no post may be a term or section page (`/categories/git`): kept as that
      // site path, which the link pass keeps when the site has it and turns into text when it does not.
      // Urlized (lower case, spaces as hyphens), as Hugo's term and section paths are; its refs match them
      // whatever the case, and a space would break the Markdown link.
      const sitePath = `/${target.split(/[?#]/)[0].split('/').filter(Boolean).map((seg) => urlize(seg).toLowerCase()).join('/')}/`.replace(/^\/\/$/, '/');
      const fallback = target.startsWith('/') && !/\.(md|markdown)$/.test(target) ? sitePath : `/posts/${target.replace(/^\/+/, '').replace(/\.(md|markdown)$/, '')}/`;
      if (!url) ctx.warnings.push({ line: open.line, message: `{{< ${name} "${target}" >}} points to no imported post; linked to ${fallback} (made text if the site has no such page)` });
      changes.push({ start: open.start, end: open.end, text: url ?? fallback });
      continue;
    }
    if (!KNOWN_SHORTCODES.includes(name)) {
      const tally = ctx.unknown.get(name) ?? { count: 0, files: new Set<string>() };
      tally.count++;
      tally.files.add(ctx.file);
      ctx.unknown.set(name, tally);
      if (close) {
        // Its content stays, as Markdown; the tags go.
        changes.push({ start: open.start, end: open.end, text: '' }, { start: close.start, end: close.end, text: '' });
      } else {
        changes.push({ start: open.start, end: open.end, text: asCode(open.text.replace(/\s*\n\s*/g, ' ')) });
      }
      continue;
    }
    try {
      if (CODE_SHORTCODES.has(name)) {
        if (!close) throw new ShortcodeError(`{{< ${name} >}} is never closed`);
        if (ctx.toMdx) {
          const lang = (open.named.lang ?? open.positional[0] ?? '').trim();
          const code = (use.inner ?? '').replace(/^[ \t]*\r?\n/, '').replace(/\r?\n[ \t]*$/, '');
          changes.push({ start: open.start, end: close.end, text: keep(`\`\`\`${/^[\w+#.-]*$/.test(lang) ? lang : ''}\n${code}\n\`\`\``) });
        }
        continue;
      }
      if (name in shortcodeContainers) {
        if (!close) throw new ShortcodeError(`{{< ${name} >}} is never closed; expected {{< /${name} >}}`);
        const openHtml = shortcodeContainers[name].open(call);
        if (ctx.toMdx) {
          const [opening, closing] = mdxContainer(openHtml);
          changes.push({ start: open.start, end: open.end, text: blockKeep(opening) }, { start: close.start, end: close.end, text: blockKeep(closing) });
        }
        continue;
      }
      if (name === 'param') {
        if (ctx.toMdx) throw new ShortcodeError('{{< param >}} has no MDX form');
        continue;
      }
      if (close && (use.inner ?? '').trim()) throw new ShortcodeError(`{{< ${name} >}} takes no content`);
      let importPath: string | undefined;
      if (name === 'figure' && call.named.src) {
        const figure = ctx.figureSource(call.named.src, open.line);
        if (!figure) {
          // Reported by figureSource: the caption or alt text stays.
          const text = call.named.caption ?? call.named.alt ?? call.named.title ?? '';
          changes.push({ start: open.start, end: (close ?? open).end, text: text ? `*${text.replace(/[*_\\]/g, '\\$&')}*` : '' });
          continue;
        }
        call.named.src = figure.src;
        importPath = figure.importPath;
      }
      const served = new Set<string>();
      if ((name === 'audio' || name === 'video') && ctx.mediaSource) {
        // The file is copied to public/ with the import; the tag points at where it is served.
        for (const key of ['src', 'url', 'poster']) {
          const value = call.named[key]?.trim();
          if (!value || /^(https?:)?\/\//.test(value)) continue;
          const at = ctx.mediaSource(value, open.line);
          if (at) served.add((call.named[key] = at));
        }
        const first = call.positional[0]?.trim();
        if (first && !call.named.src && !call.named.url && !/^(https?:)?\/\//.test(first)) {
          const at = ctx.mediaSource(first, open.line);
          if (at) served.add((call.positional[0] = at));
        }
      }
      const html = renderShortcode(call, { willServe: (p) => served.has(p) });
      const text = ctx.toMdx ? mdxComponent(call, html, importPath, ctx.imports) : formatTag({ ...open, positional: call.positional, named: call.named, closing: false });
      changes.push({ start: open.start, end: (close ?? open).end, text: ctx.toMdx ? keep(text) : text });
    } catch (err) {
      if (!(err instanceof ShortcodeError) && !(err instanceof EmbedError)) throw err;
      fallback(open, err.message);
      if (close) changes.push({ start: close.start, end: close.end, text: '' });
    }
  }
  return applyChanges(body, changes);
}

/** A container's opening HTML as MDX: a `<Callout>` or a `<details>` around the Markdown content. */
function mdxContainer(openHtml: string): [string, string] {
  const callout = /^<aside class="callout callout--(\w+)"[^>]*><p class="callout__title">([^<]*)<\/p>/.exec(openHtml);
  if (callout) {
    const type = KIND_OF[callout[1]] ?? 'note';
    const title = decodeEntities(callout[2]);
    return [`<Callout type="${type}"${title !== CALLOUT_LABELS[type] ? ` title=${jsxString(title)}` : ''}>`, '</Callout>'];
  }
  const details = /^<details class="details"( open)?><summary>([^<]*)<\/summary>/.exec(openHtml);
  const summary = decodeEntities(details?.[2] ?? '詳細內容');
  return [`<details${details?.[1] ? ' open' : ''}>\n<summary>${summary.replace(/[{}<>]/g, (c) => `{${JSON.stringify(c)}}`)}</summary>`, '</details>'];
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

/** A block shortcode as MDX: the site's component when there is one, else its HTML (valid JSX). */
function mdxComponent(call: ShortcodeCall, html: unknown, importPath: string | undefined, imports: string[]): string {
  if (call.name === 'figure') {
    if (!importPath) return typeof html === 'string' ? html : `<img src=${jsxString(call.named.src!)} alt=${jsxString(call.named.alt ?? '')} />`;
    const name = `figure${imports.length + 1}`;
    imports.push(`import ${name} from '${importPath}';`);
    const caption = call.named.caption ?? call.named.title;
    return `<Figure src={${name}} alt=${jsxString(call.named.alt ?? '')}${caption ? ` caption=${jsxString(caption)}` : ''} />`;
  }
  const component = EMBED_COMPONENT[call.name];
  if (!component) {
    if (typeof html !== 'string') throw new ShortcodeError(`{{< ${call.name} >}} has no MDX form`);
    return html.replace(/\{/g, '&#123;').replace(/\}/g, '&#125;');
  }
  const props: Record<string, string | undefined> =
    call.name === 'gist'
      ? { user: call.named.user ?? call.positional[0], id: call.named.id ?? call.positional[1], file: call.named.file ?? call.positional[2] }
      : call.name === 'x' || call.name === 'tweet'
        ? { user: call.named.user ?? (call.positional.length > 1 ? call.positional[0] : undefined), id: call.named.id ?? call.positional.at(-1) }
        : { id: call.named.id ?? call.positional[0], title: call.named.title };
  const attrs = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${jsxString(v!)}`)
    .join(' ');
  return `<${component} ${attrs} />`;
}

/** One report line per shortcode name the site cannot render. */
export function unknownReport(tally: UnknownTally): string[] {
  return [...tally]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, { count, files }]) => {
      const list = [...files].sort();
      const shown = list.slice(0, 3).join(', ') + (list.length > 3 ? ` …and ${list.length - 3} more` : '');
      return `shortcode {{< ${name} >}} is not one the site renders: ${count} use(s) in ${list.length} file(s) (${shown}); paired uses keep their content, single tags are shown as code — replace them by hand if they matter. Known: ${KNOWN_SHORTCODES.join(', ')}`;
    });
}

export { shortcodeRenderers };
