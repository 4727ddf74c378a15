import { site } from '../site.config';

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LATIN_WORD = /[\p{Script=Latin}\p{N}][\p{Script=Latin}\p{N}'’.-]*/gu;

/** Strips what a reader does not read: code fences, shortcodes, MDX import/export, tags, link targets. */
export function readableText(markdown: string): string {
  return markdown
    .replace(/^(import|export)\s.*$/gm, ' ')
    .replace(/\{\{[<%][\s\S]*?[>%]\}\}/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, ' ');
}

/**
 * Key in a Markdown post's `rendered.metadata` where the posts loader keeps its reading time in minutes
 * (the loader drops the body to keep the data store small; see src/lib/loaders.ts).
 */
export const READING_MINUTES = 'readingMinutes';

/**
 * Key in a Markdown post's `rendered.metadata` saying whether its HTML has any text outside tags (a post
 * that is only an image has none; the article layout then gives the search index its title).
 */
export const BODY_HAS_TEXT = 'bodyHasText';

/** Whether rendered HTML has a letter or digit outside its tags (image alt text does not count). */
export function htmlHasText(html: string): boolean {
  return /[\p{L}\p{N}]/u.test(html.replace(/<[^>]*>/g, ' ').replace(/&#?\w+;/g, ' '));
}

/** The same for a Markdown or MDX source: images, tags, shortcodes and MDX imports do not count. */
export function markdownHasText(markdown: string): boolean {
  return /[\p{L}\p{N}]/u.test(readableText(markdown.replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')));
}

export interface ReadingTime {
  cjkChars: number;
  latinWords: number;
  minutes: number;
}

/**
 * Reading time for mixed Chinese and English: CJK characters at `cjkCharsPerMinute` plus Latin words at
 * `latinWordsPerMinute`, rounded up, at least one minute.
 */
export function readingTime(
  markdown: string,
  speeds = { cjk: site.cjkCharsPerMinute, latin: site.latinWordsPerMinute },
): ReadingTime {
  const text = readableText(markdown);
  const cjkChars = text.match(CJK_CHAR)?.length ?? 0;
  const latinWords = text.match(LATIN_WORD)?.length ?? 0;
  const minutes = Math.max(1, Math.ceil(cjkChars / speeds.cjk + latinWords / speeds.latin));
  return { cjkChars, latinWords, minutes };
}
