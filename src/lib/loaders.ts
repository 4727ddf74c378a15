import { readFile } from 'node:fs/promises';
import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { parse as parseYaml } from 'yaml';
import { postIdFromEntry } from './urls';

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/;
const DATE_FIELDS = ['date', 'lastmod'] as const;

/**
 * Re-reads date fields as the author wrote them. Astro's YAML parser turns `2026-02-30` into March 2
 * and a date-only value into UTC midnight; YAML 1.2's core schema keeps both as text, so the schema can
 * reject impossible dates and read date-only values as Taipei calendar days.
 */
export async function rawDateFields(filePath: string): Promise<Partial<Record<(typeof DATE_FIELDS)[number], unknown>>> {
  const source = await readFile(filePath, 'utf8');
  const match = FRONT_MATTER.exec(source);
  if (!match) return {};
  let raw: unknown;
  try {
    raw = parseYaml(match[1], { schema: 'core' });
  } catch {
    return {};
  }
  if (!raw || typeof raw !== 'object') return {};
  const out: Partial<Record<(typeof DATE_FIELDS)[number], unknown>> = {};
  for (const field of DATE_FIELDS) {
    const value = (raw as Record<string, unknown>)[field];
    if (typeof value === 'string') out[field] = value;
  }
  return out;
}

/**
 * The posts loader: Astro's glob loader over Markdown and MDX, with Hugo's ids (slug, else file name),
 * dates read from the source text, and rendering deferred to page build so a broken shortcode fails the
 * build instead of being logged.
 */
export function hugoPostsLoader(base: string): Loader {
  const inner = glob({
    base,
    pattern: '**/*.{md,mdx}',
    deferRender: true,
    generateId: ({ entry, data }) => postIdFromEntry(entry, data.slug),
  });
  return {
    name: 'hugo-posts-loader',
    load: (context) =>
      inner.load({
        ...context,
        parseData: async (props) => {
          const dates = props.filePath ? await rawDateFields(props.filePath) : {};
          return context.parseData({ ...props, data: { ...props.data, ...dates } });
        },
      }),
  };
}
