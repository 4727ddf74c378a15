import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineMdastPlugin } from 'satteri';
import { EmbedError, embedHtml, parseSpotify, parseYouTube } from './embeds';

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

type Renderer = (call: ShortcodeCall) => string;

/** Shortcodes the site renders, by name. Each validates its arguments and returns HTML. */
export const shortcodeRenderers: Record<string, Renderer> = {
  youtube: (c) => embedHtml(parseYouTube(c.named.id ?? c.positional[0], c.named.title)),
  spotify: (c) => embedHtml(parseSpotify(c.named.id ?? c.positional[0], c.named.title)),
};

/** Renders a shortcode call or throws a ShortcodeError that says what was expected. */
export function renderShortcode(call: ShortcodeCall): string {
  const render = shortcodeRenderers[call.name];
  if (!render) {
    throw new ShortcodeError(
      `unknown shortcode "${call.name}"; expected one of: ${Object.keys(shortcodeRenderers).join(', ')}`,
    );
  }
  try {
    return render(call);
  } catch (err) {
    if (err instanceof EmbedError) throw new ShortcodeError(`{{< ${call.name} >}}: ${err.message}`);
    throw err;
  }
}

const SHORTCODE_START = /\{\{[<%]/;

function where(fileURL: URL | undefined, line: number | undefined): string {
  const file = fileURL ? path.relative(process.cwd(), fileURLToPath(fileURL)) : '(unknown file)';
  return line ? `${file}:${line}` : file;
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
    const call = node.children.every((c) => c.type === 'text') ? parseShortcode(text) : undefined;
    if (!call) {
      throw new ShortcodeError(
        `${where(ctx.fileURL, line)}: shortcode inside running text; expected a shortcode alone on its own line, e.g. {{< youtube VIDEO_ID >}}`,
      );
    }
    try {
      ctx.replaceNode(node, { raw: renderShortcode(call), mdxExpressions: false });
    } catch (err) {
      if (err instanceof ShortcodeError) throw new ShortcodeError(`${where(ctx.fileURL, line)}: ${err.message}`);
      throw err;
    }
  },
  mdxJsxFlowElement(node, ctx) {
    const validate = node.name === 'YouTube' ? parseYouTube : node.name === 'Spotify' ? parseSpotify : undefined;
    if (!validate) return;
    const attr = (name: string) => {
      const a = node.attributes.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
      return a && 'value' in a ? a.value : undefined;
    };
    try {
      validate(attr('id'), attr('title'));
    } catch (err) {
      if (err instanceof EmbedError) {
        throw new ShortcodeError(`${where(ctx.fileURL, node.position?.start.line)}: <${node.name}>: ${err.message}`);
      }
      throw err;
    }
  },
});
