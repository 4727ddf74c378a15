/** Line-by-line views of a Markdown body that skip fenced code and inline code spans. */

export interface BodyLine {
  /** 1-based line number in the whole file. */
  line: number;
  text: string;
  /** The text with inline code spans blanked out, for searching. */
  prose: string;
  inFence: boolean;
  /** On a fence's opening line: its info string (`c++ {linenos=table}`), else undefined. */
  fenceInfo?: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function bodyLines(body: string, firstLine: number): BodyLine[] {
  const out: BodyLine[] = [];
  let fence: string | undefined;
  body.split(/\r?\n/).forEach((text, i) => {
    const m = FENCE.exec(text);
    let inFence = fence !== undefined;
    let fenceInfo: string | undefined;
    if (m) {
      if (!fence) {
        fence = m[1];
        inFence = true;
        fenceInfo = text.slice(text.indexOf(m[1]) + m[1].length).trim();
      } else if (m[1][0] === fence[0] && m[1].length >= fence.length && text.trim() === m[1]) {
        fence = undefined;
        inFence = true;
      }
    }
    const prose = inFence ? '' : text.replace(/(`+)[^`]*?\1/g, (s) => ' '.repeat(s.length));
    out.push({ line: firstLine + i, text, prose, inFence, ...(fenceInfo === undefined ? {} : { fenceInfo }) });
  });
  return out;
}

/**
 * Link and image targets: `[t](url "title")`, `![a](url)`, `[ref]: url`, `href="…"`, `src="…"`. `html`
 * marks those written as HTML tags, which Markdown leaves alone (an `<img>` is served as it is).
 */
export function linkTargets(prose: string): { url: string; image: boolean; html: boolean }[] {
  const out: { url: string; image: boolean; html: boolean }[] = [];
  for (const m of prose.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^\s)>]+)>?(?:\s+["'(][^)]*)?\)/g)) out.push({ url: m[2], image: m[1] === '!', html: false });
  for (const m of prose.matchAll(/^\s{0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g)) out.push({ url: m[1], image: false, html: false });
  for (const m of prose.matchAll(/<(a|img)\b[^>]*?\s(href|src)=["']([^"']+)["']/gi)) out.push({ url: m[3], image: m[1].toLowerCase() === 'img', html: true });
  return out;
}
