import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineMdastPlugin, type MdastContent } from 'satteri';
import { EmbedError, embedHtml, escapeHtml, gistHtml, parseGist, parseSpotify, parseVimeo, parseXPost, parseYouTube, xPostHtml } from './embeds';
import { hugoImageToProjectPath } from './paths';

/** A parsed Hugo shortcode call: `{{< name arg "quoted arg" key="value" >}}`. */
export interface ShortcodeCall {
  name: string;
  positional: string[];
  named: Record<string, string>;
}

// Curly quotes appear because smart punctuation runs before plugins see the text.
const QUOTES = '"\u201c\u201d\u201e\u2033';
const ARG = new RegExp(`(?:([A-Za-z_][\\w-]*)=)?(?:[${QUOTES}]([^${QUOTES}]*)[${QUOTES}]|([^\\s${QUOTES}]+))`, 'g');
const WHOLE = /^\{\{([<%])\s*([A-Za-z][\w-]*)\s*(.*?)\s*([>%])\}\}$/s;

/** Parses a whole shortcode; returns undefined when `text` is not exactly one shortcode call. */
export function parseShortcode(text: string): ShortcodeCall | undefined {
  const m = WHOLE.exec(text.trim());
  if (!m || (m[1] === '<') !== (m[4] === '>')) return undefined;
  const call: ShortcodeCall = { name: m[2], positional: [], named: {} };
  for (const a of m[3].matchAll(ARG)) {
    const value = a[2] ?? a[3];
    if (a[1]) call.named[a[1]] = value;
    else call.positional.push(value);
  }
  return call;
}

export class ShortcodeError extends Error {}

/** Where a shortcode is used: the absolute path of the Markdown file, when known. */
export interface ShortcodeContext {
  file?: string;
}

/** HTML, or mdast nodes when the output must go through Astro's own handling (local images). */
export type ShortcodeOutput = string | MdastContent[];
type Renderer = (call: ShortcodeCall, context: ShortcodeContext) => ShortcodeOutput;

const arg = (c: ShortcodeCall, name: string, position: number) => c.named[name] ?? c.positional[position];

/** Shortcodes the site renders, by name. Each validates its arguments and returns HTML. */
export const shortcodeRenderers: Record<string, Renderer> = {
  youtube: (c) => embedHtml(parseYouTube(arg(c, 'id', 0), c.named.title)),
  spotify: (c) => embedHtml(parseSpotify(arg(c, 'id', 0), c.named.title)),
  vimeo: (c) => embedHtml(parseVimeo(arg(c, 'id', 0), c.named.title)),
  // Hugo's `x` takes user= and id=; the older `tweet` also accepted a bare id.
  x: (c) => xPostHtml(parseXPost(arg(c, 'id', 0), c.named.user)),
  tweet: (c) => xPostHtml(parseXPost(c.named.id ?? c.positional.at(-1), c.named.user ?? (c.positional.length > 1 ? c.positional[0] : undefined))),
  gist: (c) => gistHtml(parseGist(arg(c, 'user', 0), arg(c, 'id', 1), arg(c, 'file', 2))),
  figure: (c, context) => figureNodes(c, context),
};

/**
 * Where a figure's image lives, as a path Astro resolves relative to the post: Hugo's `/images/…`
 * maps to the assets folder, anything else is next to the post (a page bundle). Remote images are
 * refused: they would be fetched from a third party and never optimized.
 */
export function figureImagePath(src: string, postFile: string | undefined): { url: string; file?: string } {
  const raw = src.trim();
  if (/^(https?:)?\/\//.test(raw)) {
    throw new ShortcodeError(`{{< figure >}}: remote image "${raw}" is not supported; expected a local file under /images/ or next to the post`);
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

/**
 * Hugo's figure as an optimized image: a Markdown image node (so Astro runs it through sharp)
 * between the `<figure>` tags, with the caption escaped.
 */
function figureNodes(c: ShortcodeCall, context: ShortcodeContext): MdastContent[] {
  const src = c.named.src;
  if (!src) throw new ShortcodeError('{{< figure >}}: missing src="…"; expected src="/images/posts/NAME.webp" alt="…"');
  const { url, file } = figureImagePath(src, context.file);
  if (file && !existsSync(file)) {
    throw new ShortcodeError(`{{< figure >}}: image "${src}" not found; expected file at ${path.relative(process.cwd(), file)}`);
  }
  const caption = c.named.caption ?? c.named.title;
  const image = { type: 'image', url: encodeURI(url), alt: c.named.alt ?? '', title: c.named.title ?? null } as const;
  return [
    { raw: '<figure class="figure">', mdxExpressions: false },
    { type: 'paragraph', children: [image] },
    { raw: `${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`, mdxExpressions: false },
  ];
}

/** Renders a shortcode call or throws a ShortcodeError that says what was expected. */
export function renderShortcode(call: ShortcodeCall, context: ShortcodeContext = {}): ShortcodeOutput {
  const render = shortcodeRenderers[call.name];
  if (!render) {
    throw new ShortcodeError(
      `unknown shortcode "${call.name}"; expected one of: ${Object.keys(shortcodeRenderers).join(', ')}`,
    );
  }
  try {
    return render(call, context);
  } catch (err) {
    if (err instanceof EmbedError) throw new ShortcodeError(`{{< ${call.name} >}}: ${err.message}`);
    throw err;
  }
}

const SHORTCODE_START = /\{\{[<%]/;

type Attr = (name: string) => unknown;
/** The embed components' props, checked when the MDX compiles so a bad id names the file and line. */
export const MDX_VALIDATORS: Record<string, (attr: Attr) => unknown> = {
  YouTube: (a) => parseYouTube(a('id'), a('title')),
  Spotify: (a) => parseSpotify(a('id'), a('title')),
  Vimeo: (a) => parseVimeo(a('id'), a('title')),
  XPost: (a) => parseXPost(a('id'), a('user')),
  Gist: (a) => parseGist(a('user'), a('id'), a('file')),
};

/**
 * `file:line` for a message. A post rendered by the content layer is compiled without its front matter
 * (and leading blank lines), so its positions count from the body; they are shifted to lines of the file
 * the author edits.
 */
export function where(ctx: { fileURL: URL | undefined; source: string }, line: number | undefined): string {
  if (!ctx.fileURL) return line ? `(unknown file):${line}` : '(unknown file)';
  const filePath = fileURLToPath(ctx.fileURL);
  const file = path.relative(process.cwd(), filePath);
  if (!line) return file;
  let offset = 0;
  try {
    const text = readFileSync(filePath, 'utf8');
    // Astro hands the compiler the trimmed body; find it after the front matter, if there is one.
    const frontMatterEnd = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/.exec(text)?.[0].length ?? 0;
    const at = ctx.source ? text.indexOf(ctx.source, frontMatterEnd) : -1;
    if (frontMatterEnd > 0 && at >= 0) offset = text.slice(0, at).split('\n').length - 1;
  } catch {
    // The file is gone or unreadable: report the line as the compiler counted it.
  }
  return `${file}:${line + offset}`;
}

/** The shortcode as the author typed it: smart punctuation has already turned `--` into `–` in the text nodes. */
function paragraphSource(node: { position?: { start: { offset?: number }; end: { offset?: number } } }, ctx: { source: string; textContent: (n: never) => string }): string {
  const { start, end } = node.position ?? { start: {}, end: {} };
  if (start.offset === undefined || end.offset === undefined) return ctx.textContent(node as never);
  return ctx.source.slice(start.offset, end.offset);
}

/**
 * Sätteri mdast plugin: a paragraph that is exactly one Hugo shortcode becomes its HTML. A shortcode
 * anywhere else in running text, an unknown one, or one with bad arguments stops the build with the
 * file and line. Code blocks and inline code are never touched. In MDX, the YouTube and Spotify
 * components get the same validation at compile time, so a bad id names the file.
 */
export const hugoShortcodes = defineMdastPlugin({
  name: 'hugo-shortcodes',
  options: { position: true },
  paragraph(node, ctx) {
    const text = ctx.textContent(node);
    if (!SHORTCODE_START.test(text)) return;
    const line = node.position?.start.line;
    const call = node.children.every((c) => c.type === 'text') ? parseShortcode(paragraphSource(node, ctx)) : undefined;
    if (!call) {
      throw new ShortcodeError(
        `${where(ctx, line)}: shortcode inside running text; expected a shortcode alone on its own line, e.g. {{< youtube VIDEO_ID >}}`,
      );
    }
    try {
      const output = renderShortcode(call, { file: ctx.fileURL && fileURLToPath(ctx.fileURL) });
      ctx.replaceNode(node, typeof output === 'string' ? { raw: output, mdxExpressions: false } : output);
    } catch (err) {
      if (err instanceof ShortcodeError) throw new ShortcodeError(`${where(ctx, line)}: ${err.message}`);
      throw err;
    }
  },
  mdxJsxFlowElement(node, ctx) {
    const validate = node.name ? MDX_VALIDATORS[node.name] : undefined;
    if (!validate) return;
    const attr = (name: string) => {
      const a = node.attributes.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
      return a && 'value' in a ? a.value : undefined;
    };
    try {
      validate(attr);
    } catch (err) {
      if (err instanceof EmbedError) {
        throw new ShortcodeError(`${where(ctx, node.position?.start.line)}: <${node.name}>: ${err.message}`);
      }
      throw err;
    }
  },
});
