import { defineMdastPlugin } from 'satteri';

/** Han, kana, Hangul, and CJK / full-width punctuation: scripts written without spaces between words. */
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3000-\\u303f\\uff00-\\uffef';
const SOFT_BREAK_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\t]*\\n[ \\t]*(?=[${CJK}])`, 'gu');

/** Joins lines broken between two CJK characters, where a browser would otherwise show a space. */
export function joinCjkLines(text: string): string {
  return text.replace(SOFT_BREAK_BETWEEN_CJK, '');
}

/**
 * Sätteri mdast plugin: a soft line break between two CJK characters is removed, as Hugo's
 * East Asian line-break option does, so wrapped source lines never add stray spaces in Chinese text.
 */
export const cjkLineBreaks = defineMdastPlugin({
  name: 'cjk-line-breaks',
  text(node, ctx) {
    if (!node.value.includes('\n')) return;
    const joined = joinCjkLines(node.value);
    if (joined !== node.value) ctx.setProperty(node, 'value', joined);
  },
});
