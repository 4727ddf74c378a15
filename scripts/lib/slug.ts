import { zonedParts } from '../../src/lib/dates.ts';

/**
 * A URL slug from a title: ASCII words are kept (lower-cased, hyphenated); a title with no ASCII
 * letters or digits (most Chinese titles) gets a dated slug with a short hash of the title, because
 * Chinese in URLs is hard to share. Authors can always pass --slug.
 */
export function slugFromTitle(title: string, now = new Date()): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const { year, month, day } = zonedParts(now);
  const date = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  if (ascii.length >= 3) return `${date}-${ascii.slice(0, 60).replace(/-+$/, '')}`;
  // Two Chinese titles on the same day still get different slugs.
  let h = 2166136261;
  for (const ch of title) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return `${date}-post-${h.toString(16).padStart(8, '0').slice(0, 6)}`;
}
