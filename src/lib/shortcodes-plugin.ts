/**
 * Sätteri mdast plugin for `.md` and `.mdx`: the placeholders left by expandShortcodes (src/lib/shortcodes.ts)
 * become HTML, and MDX embed components are validated. Apart from shortcodes.ts so the loaders can expand
 * shortcodes without loading Sätteri.
 */
import { fileURLToPath } from 'node:url';
import { defineMdastPlugin, type MdastContent } from 'satteri';
import { EmbedError } from './embeds';
import { scanShortcodes, type ShortcodeTag } from './shortcode-scan';
import {
  MDX_VALIDATORS,
  PLACEHOLDER,
  ShortcodeError,
  bodyFirstLine,
  containerOpen,
  renderShortcode,
  shortcodeContainers,
  shown,
  type ShortcodeCall,
  type ShortcodeOutput,
} from './shortcodes';

/* ------------------------------------------------------------------------------------------------
 * After Markdown: placeholders become HTML.
 * ---------------------------------------------------------------------------------------------- */

function decodeTag(hex: string): ShortcodeTag {
  const tag = scanShortcodes(Buffer.from(hex, 'hex').toString('utf8')).tags[0];
  if (!tag) throw new ShortcodeError('damaged shortcode placeholder');
  return tag;
}

/** The HTML (or mdast, for a figure) that replaces one placeholder. */
function outputFor(tag: ShortcodeTag, file: string | undefined): ShortcodeOutput {
  const call: ShortcodeCall = { name: tag.name, positional: tag.positional, named: tag.named };
  if (tag.closing) return shortcodeContainers[tag.name]?.close ?? '';
  if (tag.name in shortcodeContainers) return containerOpen(call);
  return renderShortcode(call, { file });
}

type NodeLike = { type: string; value?: string; children?: NodeLike[] };

function located<T>(file: string | undefined, line: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ShortcodeError && !err.message.includes(`:${line}: `)) throw new ShortcodeError(`${shown(file)}:${line}: ${err.message}`);
    throw err;
  }
}

const fileOf = (ctx: { fileURL: URL | undefined }) => (ctx.fileURL ? fileURLToPath(ctx.fileURL) : undefined);
const misplaced = (ctx: { fileURL: URL | undefined }, value: string, where: string) => {
  const m = new RegExp(PLACEHOLDER.source).exec(value);
  if (!m) return;
  const tag = decodeTag(m[2]);
  throw new ShortcodeError(`${shown(fileOf(ctx))}:${m[1]}: shortcode {{< ${tag.closing ? '/' : ''}${tag.name} >}} cannot be used ${where}; put it on a line of its own`);
};

/**
 * Sätteri mdast plugin: every placeholder left by expandShortcodes becomes its HTML. A paragraph holding
 * one is split around it (an embed, a callout's opening or closing tag is a block, never inside `<p>`);
 * raw HTML gets the HTML in place; anywhere else (a heading, a link, emphasis) is an error with file and
 * line. In MDX, the embed components get the same validation at compile time, so a bad id names the file.
 */
export const hugoShortcodes = defineMdastPlugin({
  name: 'hugo-shortcodes',
  options: { position: true },
  paragraph(node, ctx) {
    const children = node.children as unknown as NodeLike[];
    if (!children.some((c) => c.type === 'text' && c.value!.includes('HUGOSC'))) return;
    const file = fileOf(ctx);
    const out: MdastContent[] = [];
    let inline: NodeLike[] = [];
    const flush = () => {
      while (inline.length && (inline[0].type === 'break' || (inline[0].type === 'text' && !inline[0].value!.trim()))) inline.shift();
      while (inline.length && (inline.at(-1)!.type === 'break' || (inline.at(-1)!.type === 'text' && !inline.at(-1)!.value!.trim()))) inline.pop();
      if (inline.length) {
        if (inline[0].type === 'text') inline[0] = { type: 'text', value: inline[0].value!.replace(/^\s+/, '') };
        const last = inline.length - 1;
        if (inline[last].type === 'text') inline[last] = { type: 'text', value: inline[last].value!.replace(/\s+$/, '') };
        out.push({ type: 'paragraph', children: inline } as unknown as MdastContent);
      }
      inline = [];
    };
    for (const child of children) {
      if (child.type !== 'text' || !child.value!.includes('HUGOSC')) {
        inline.push(child);
        continue;
      }
      const value = child.value!;
      let last = 0;
      for (const m of value.matchAll(PLACEHOLDER)) {
        if (m.index > last) inline.push({ type: 'text', value: value.slice(last, m.index) });
        flush();
        const output = located(file, m[1], () => outputFor(decodeTag(m[2]), file));
        if (typeof output === 'string') {
          if (output) out.push({ type: 'html', value: output } as MdastContent);
        } else out.push(...output);
        last = m.index + m[0].length;
      }
      if (last < value.length) inline.push({ type: 'text', value: value.slice(last) });
    }
    flush();
    ctx.replaceNode(node, out);
  },
  text(node, ctx) {
    if (!node.value.includes('HUGOSC')) return;
    const parent = ctx.parent(node);
    if (parent?.type === 'paragraph') return;
    misplaced(ctx, node.value, parent?.type === 'heading' ? 'in a heading' : parent?.type === 'tableCell' ? 'in a table cell' : `inside ${parent?.type ?? 'this element'}`);
  },
  html(node, ctx) {
    if (!node.value.includes('HUGOSC')) return;
    const file = fileOf(ctx);
    const value = node.value.replace(PLACEHOLDER, (_, line: string, hex: string) =>
      located(file, line, () => {
        const output = outputFor(decodeTag(hex), file);
        if (typeof output !== 'string') throw new ShortcodeError('a figure cannot be used inside raw HTML; put it on a line of its own');
        return output;
      }),
    );
    ctx.replaceNode(node, { type: 'html', value } as MdastContent);
  },
  link(node, ctx) {
    misplaced(ctx, `${node.url} ${node.title ?? ''}`, 'as a link target');
  },
  image(node, ctx) {
    misplaced(ctx, `${node.url} ${node.title ?? ''} ${node.alt ?? ''}`, 'in an image');
  },
  definition(node, ctx) {
    misplaced(ctx, node.url, 'as a link target');
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

/**
 * `file:line` for a message about an MDX node. An MDX post is compiled without its front matter, so its
 * positions count from the body; they are shifted to lines of the file the author edits.
 */
export function where(ctx: { fileURL: URL | undefined; source: string }, line: number | undefined): string {
  const file = fileOf(ctx);
  if (!file) return line ? `(unknown file):${line}` : '(unknown file)';
  if (!line) return shown(file);
  return `${shown(file)}:${line + bodyFirstLine(file, ctx.source) - 1}`;
}
