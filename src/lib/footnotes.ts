/**
 * Footnotes as GFM writes them (`[^1]` and `[^1]: …`), labelled for zh-TW readers. Sätteri renders the
 * section as `<section class="footnotes"><h2 class="sr-only" id="footnote-label">…</h2><ol>…`: the
 * heading is for screen readers (`.sr-only` in src/styles/global.css), each reference links to its note
 * and each note links back with the label below.
 */

/** The section's heading, read out before the notes. */
export const FOOTNOTE_HEADING = '註腳';

/** The id Sätteri gives the heading; the table of contents leaves that heading out. */
export const FOOTNOTE_HEADING_ID = 'footnote-label';

/**
 * The back link's accessible name: `返回註腳 1 的引用處`, or for the second place the same note is cited,
 * `返回註腳 1 的第 2 處引用`.
 */
export function footnoteBackLabel(note: number, reference: number): string {
  return reference === 1 ? `返回註腳 ${note} 的引用處` : `返回註腳 ${note} 的第 ${reference} 處引用`;
}

/** Sätteri's footnote options (`features.gfm.footnotes`). */
export const FOOTNOTES = { label: FOOTNOTE_HEADING, backLabel: footnoteBackLabel };

/** Whether a collected heading is the footnotes section's own. */
export const isFootnoteHeading = (heading: { slug: string; text: string }) => heading.slug === FOOTNOTE_HEADING_ID && heading.text === FOOTNOTE_HEADING;
