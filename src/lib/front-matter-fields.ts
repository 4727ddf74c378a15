/**
 * Front-matter fields the site does not read. Zod drops them silently, so a misspelt `desciption:` used
 * to cost a post its lede without a word; the posts and pages loaders warn about them and
 * `npm run check:content` lists them, both through `unknownFieldProblems`.
 */

import { site } from '../site.config';

/**
 * Accepted in any post or page and never read by the site: Hugo's `params` (its map for custom values,
 * where the Hugo import moves fields this site has no use for) and `image_missing` (where the import
 * keeps a hero path it could not find).
 */
export const PASSTHROUGH_FIELDS = ['params', 'image_missing'] as const;

/**
 * Edit distance between two field names, ignoring case: insertions, deletions, substitutions and swaps
 * of two neighbouring letters each cost one (`desciption` → `description` is 1, `tilte` → `title` is 1).
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  // rows[i][j]: distance between the first i letters of s and the first j of t.
  const rows: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) rows[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[s.length][t.length];
}

/**
 * The known field `name` is most likely a typo of, or undefined when none is close: at most one edit
 * for names of up to four letters, two up to eight, three beyond (`tag` → `tags`, `desciption` →
 * `description`, but `forkme` → nothing). Ties go to the field listed first.
 */
export function nearestField(name: string, known: Iterable<string>): string | undefined {
  const allowed = name.length <= 4 ? 1 : name.length <= 8 ? 2 : 3;
  let best: { field: string; distance: number } | undefined;
  for (const field of known) {
    const distance = editDistance(name, field);
    if (distance <= allowed && (!best || distance < best.distance)) best = { field, distance };
  }
  return best?.field;
}

/** The fields a post or page may have: its schema's and the site's `extraFrontMatter`. */
export function knownFields(schemaFields: readonly string[], extra: readonly string[] = site.extraFrontMatter): ReadonlySet<string> {
  return new Set([...schemaFields, ...extra]);
}

/** Top-level keys of `data` that are neither in `known` nor passed through. */
export function unknownFields(data: Record<string, unknown>, known: ReadonlySet<string>): string[] {
  const passthrough: readonly string[] = PASSTHROUGH_FIELDS;
  return Object.keys(data).filter((key) => !known.has(key) && !passthrough.includes(key));
}

/** The 1-based line of a top-level `field:` in a file's front matter, if it is written on a line of its own. */
export function frontMatterLine(source: string, field: string): number | undefined {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return undefined;
  const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const key = new RegExp(`^(?:${escaped}|"${escaped}"|'${escaped}')[ \\t]*:`);
  for (let i = 1; i < lines.length && lines[i].trim() !== '---'; i++) if (key.test(lines[i])) return i + 1;
  return undefined;
}

export interface UnknownFieldProblem {
  field: string;
  line?: number;
  message: string;
}

/** What to say about each unknown field of a post or page, with the nearest known field when one is close. */
export function unknownFieldProblems(data: Record<string, unknown>, known: ReadonlySet<string>, source: string): UnknownFieldProblem[] {
  return unknownFields(data, known).map((field) => {
    const nearest = nearestField(field, known);
    const guess = nearest ? ` (did you mean "${nearest}"?)` : '';
    return {
      field,
      line: frontMatterLine(source, field),
      message: `unknown front-matter field "${field}"${guess}: the site ignores it; a field of your own goes under params: or in extraFrontMatter in src/site.config.ts`,
    };
  });
}
