/**
 * Line breaking for text set by the build (social cards), following the Chinese rules of clreq and CSS
 * `line-break: strict`: closing punctuation never starts a line, opening punctuation never ends one, and
 * Latin words stay whole. Pure: widths come from the `measure` the caller passes (the card's font).
 */

/** Width of a run of text, in the caller's units. */
export type Measure = (text: string) => number;

/** Characters that may not start a line: closing brackets and quotes, stops, commas, marks that follow. */
export const NO_LINE_START = new Set([
  ...'。．，、；：！？）」』】〉》〕〗〙〛｝］’”',
  ...'…‥—～・·‧％‰℃°',
  ...',.;:!?)]}%',
  ...'ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ々〻',
]);

/** Characters that may not end a line: opening brackets and quotes. */
export const NO_LINE_END = new Set([...'（「『【〈《〔〖〘〚｛［‘“', ...'([{']);

/** Left off a truncated line before its ellipsis: an ellipsis after a comma or a space reads as a typo. */
const BEFORE_ELLIPSIS_DROPPED = /[\s，、；：,;:]$/u;

export const ELLIPSIS = '…';

/** Letters and digits of scripts that separate words with spaces, and what joins them inside a word. */
const WORD = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}_'’&@#+\-./\\=~*^$]$/u;
const SPACE = /^\s$/u;

const graphemes = new Intl.Segmenter('zh-Hant-TW', { granularity: 'grapheme' });

/**
 * Splits text into the smallest pieces a line may break between: a Latin word (with what clings to it), a
 * single CJK character, a run of spaces. Closing punctuation joins the piece before it and opening
 * punctuation the piece after it, so no break can separate them.
 */
export function breakUnits(text: string): string[] {
  const chars = [...graphemes.segment(text.normalize('NFC'))].map((s) => s.segment);
  const units: string[] = [];
  let pendingOpen = '';
  const push = (unit: string) => {
    units.push(pendingOpen + unit);
    pendingOpen = '';
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (SPACE.test(ch)) {
      // Spaces are their own unit (a break opportunity); after an opening mark they wait with it.
      if (pendingOpen) {
        pendingOpen += ch;
        continue;
      }
      const last = units.at(-1);
      if (last !== undefined && SPACE.test(last.at(-1)!) && last.trim() === '') units[units.length - 1] = last + ch;
      else units.push(ch);
      continue;
    }
    if (NO_LINE_END.has(ch)) {
      pendingOpen += ch;
      continue;
    }
    if (NO_LINE_START.has(ch) && units.length > 0 && !pendingOpen) {
      // After a space the mark joins the piece before the space (`OpenAI ）`), keeping the space.
      if (units.at(-1)!.trim() === '' && units.length > 1) units[units.length - 2] += units.pop()!;
      if (units.at(-1)!.trim() !== '') {
        units[units.length - 1] += ch;
        continue;
      }
    }
    if (WORD.test(ch)) {
      let word = ch;
      while (i + 1 < chars.length && WORD.test(chars[i + 1]) && !NO_LINE_START.has(chars[i + 1])) word += chars[++i];
      // Trailing closing marks of a word (`AI,` `(GPT)`) come through the NO_LINE_START branch next round.
      push(word);
      continue;
    }
    push(ch);
  }
  if (pendingOpen) {
    if (units.length && units.at(-1)!.trim() !== '') units[units.length - 1] += pendingOpen;
    else units.push(pendingOpen);
  }
  return units;
}

export interface BrokenLines {
  lines: string[];
  /** True when the text did not fit in `maxLines` and the last line ends with an ellipsis. */
  truncated: boolean;
}

/**
 * Breaks `text` into at most `maxLines` lines no wider than `maxWidth`. Lines break between units (see
 * `breakUnits`); a unit wider than a whole line (a long URL) is cut between characters. Spaces at a break
 * are dropped. Text that needs more lines ends its last line with `…`.
 */
export function breakLines(text: string, measure: Measure, maxWidth: number, maxLines: number): BrokenLines {
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    lines.push(line.trimEnd());
    line = '';
  };
  for (const unit of breakUnits(text.replace(/\s+/gu, ' ').trim())) {
    if (line === '' && unit.trim() === '') continue;
    if (measure(line + unit) <= maxWidth || unit.trim() === '') {
      line += unit;
      continue;
    }
    if (line.trim() !== '') flush();
    if (measure(unit) <= maxWidth) {
      line = unit;
      continue;
    }
    // A unit longer than a line: as many characters per line as fit.
    for (const { segment } of graphemes.segment(unit)) {
      // A closing mark hangs past the edge rather than start a line, and an opening mark takes the next
      // character with it.
      if (line !== '' && measure(line + segment) > maxWidth && !NO_LINE_START.has(segment) && !NO_LINE_END.has(line.at(-1)!)) flush();
      line += segment;
    }
  }
  if (line.trim() !== '') flush();
  if (lines.length <= maxLines) return { lines, truncated: false };
  return { lines: [...lines.slice(0, maxLines - 1), ellipsize(lines[maxLines - 1], measure, maxWidth)], truncated: true };
}

/** `line` shortened until it and an ellipsis fit, never ending on an opening mark, comma or space. */
function ellipsize(line: string, measure: Measure, maxWidth: number): string {
  let chars = [...graphemes.segment(line)].map((s) => s.segment);
  const fits = () => measure(chars.join('') + ELLIPSIS) <= maxWidth;
  const badEnd = () => chars.length > 0 && (NO_LINE_END.has(chars.at(-1)!) || BEFORE_ELLIPSIS_DROPPED.test(chars.at(-1)!));
  while (chars.length > 0 && (!fits() || badEnd())) chars = chars.slice(0, -1);
  return chars.join('') + ELLIPSIS;
}
