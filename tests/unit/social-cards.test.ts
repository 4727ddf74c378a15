import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { breakLines, breakUnits, ELLIPSIS, NO_LINE_END, NO_LINE_START } from '../../src/lib/line-break';
import { cardSvg, drawCard, loadCardFonts, TEMPLATE_VERSION, titleLayout } from '../../src/lib/card-drawing';
import { CARD_CACHE_DIR, socialCardPng } from '../../src/build/card-cache';
import { cardName, type SocialCard } from '../../src/lib/social-card';

/** Seeded PRNG (mulberry32): the same seed always gives the same titles. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const fonts = loadCardFonts(ROOT);

/** A stand-in font: CJK and full-width marks one em, everything else half an em. */
const fakeWidth = (text: string) => [...text].reduce((sum, ch) => sum + (/[\u2E80-\uFFEF]/u.test(ch) ? 1 : 0.5), 0);

const LONG_TITLE = '研究團隊悄悄影響商業模式設計：開源派對第 12 集筆記，OpenAI 與 Anthropic 的推論成本之爭，還有「小模型」能否取代 GPT-4o？以及 Mixture-of-Experts 在邊緣裝置上的真實成本（下）';

describe('line breaking', () => {
  it('keeps closing marks with the character before them and opening marks with the one after', () => {
    expect(breakUnits('設計：「開源」派對。')).toEqual(['設', '計：', '「開', '源」', '派', '對。']);
    expect(breakUnits('OpenAI 與 GPT-4o（下）')).toEqual(['OpenAI', ' ', '與', ' ', 'GPT-4o', '（下）']);
  });

  it('moves the character before a closing mark to the next line instead of starting a line with the mark', () => {
    // Six one-em characters fit, but 。 may not start the next line, so 計 moves down with it.
    expect(breakLines('商業模式設計。好', fakeWidth, 6, 3).lines).toEqual(['商業模式設', '計。好']);
  });

  it('never starts a line with closing punctuation nor ends one with opening punctuation (2,000 random titles)', () => {
    const random = mulberry32(14);
    const pieces = ['模', '型', '開', '源', '推', '論', 'OpenAI', 'GPT-4o', 'Mixture-of-Experts', ' ', ' ', ...NO_LINE_START, ...NO_LINE_END];
    let checked = 0;
    for (let n = 0; n < 2000; n++) {
      const length = 5 + Math.floor(random() * 60);
      const text = '開' + Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const width = 4 + Math.floor(random() * 16);
      const { lines } = breakLines(text, fakeWidth, width, 50);
      for (const [i, line] of lines.entries()) {
        if (i > 0) expect(NO_LINE_START.has([...line][0]), `${JSON.stringify(lines)} at width ${width}`).toBe(false);
        if (i < lines.length - 1) expect(NO_LINE_END.has([...line].at(-1)!), `${JSON.stringify(lines)} at width ${width}`).toBe(false);
        checked++;
      }
    }
    // Positive control: most titles needed several lines, so line starts were really checked.
    expect(checked).toBeGreaterThan(6000);
  });

  it('keeps a Latin word whole when it fits on a line', () => {
    const { lines } = breakLines('推論成本 Anthropic 與 OpenAI', fakeWidth, 5, 5);
    expect(lines).toEqual(['推論成本', 'Anthropic', '與 OpenAI']);
  });

  it('cuts a word longer than a line between characters', () => {
    const url = 'https://example.com/a-very-long-path/that-never-ends';
    const { lines } = breakLines(url, fakeWidth, 6, 10);
    expect(lines.join('')).toBe(url);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(fakeWidth(line)).toBeLessThanOrEqual(6);
  });

  it('truncates text that needs more lines with an ellipsis that fits, never after a comma or an opening mark', () => {
    // 開源模型，推 fills the line; with the ellipsis 推 no longer fits, and the comma before it goes too.
    expect(breakLines('開源模型，推論成本與更多', fakeWidth, 6, 1)).toEqual({ lines: [`開源模型${ELLIPSIS}`], truncated: true });
    expect(breakLines('開源模型「推論」成本', fakeWidth, 6, 1).lines).toEqual([`開源模型${ELLIPSIS}`]);
    const two = breakLines('第一行的文字第二行的文字第三行', fakeWidth, 6, 2);
    expect(two.lines).toEqual(['第一行的文字', `第二行的文${ELLIPSIS}`]);
    // Positive control: text that fits is left alone.
    expect(breakLines('開源模型', fakeWidth, 6, 1)).toEqual({ lines: ['開源模型'], truncated: false });
  });
});

describe('the card of a long mixed Chinese and English title', { timeout: 120_000 }, () => {
  const card: SocialCard = { kicker: '晶片與算力', title: LONG_TITLE, note: '整理自《開源派對》', date: new Date('2026-01-02T02:59:00Z'), alt: LONG_TITLE };

  it('sets the title in three lines at the smallest size, the last one cut with an ellipsis', () => {
    const { size, lines } = titleLayout(LONG_TITLE, fonts.bold.metrics);
    expect(size).toBe(56);
    expect(lines).toHaveLength(3);
    expect(lines[2].endsWith(ELLIPSIS)).toBe(true);
    for (const line of lines) expect(fonts.bold.metrics.width(line, size)).toBeLessThanOrEqual(1056);
    for (const line of lines.slice(1)) expect(NO_LINE_START.has(line[0])).toBe(false);
  });

  it('is a 1200×630 PNG with the site colours and text on it, not a blank image', async () => {
    const png = await drawCard(card, fonts);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const colours = new Map<string, number>();
    for (let i = 0; i < data.length; i += info.channels) {
      const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
      colours.set(key, (colours.get(key) ?? 0) + 1);
    }
    const pixels = info.width * info.height;
    // The background (#fcfcfa) covers most of the card, the title's ink (#1d1d1f) and the accent bar (#0b5cad) a fair part.
    expect(colours.get('252,252,250')! / pixels).toBeGreaterThan(0.5);
    expect(colours.get('29,29,31')! / pixels).toBeGreaterThan(0.04);
    expect(colours.get('11,92,173')! / pixels).toBeGreaterThan(0.01);
    expect(colours.size).toBeGreaterThan(50);
    const stats = await sharp(png).stats();
    expect(stats.channels[0].stdev).toBeGreaterThan(30);
  });

  it('draws the reference card exactly as pinned: a change to the template must bump TEMPLATE_VERSION', async () => {
    const svg = await cardSvg(card, fonts);
    const hash = createHash('sha256').update(svg).digest('hex').slice(0, 16);
    // When this fails after a deliberate change to how cards look: bump TEMPLATE_VERSION in
    // src/lib/card-drawing.ts (so no build reuses a card drawn by the old template), then update both values.
    expect({ version: TEMPLATE_VERSION, hash }).toEqual({ version: 1, hash: '9597cf5b62baeec5' });
  });
});

describe('the card cache', { timeout: 120_000 }, () => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'card-cache-'));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
  let draws = 0;
  const draw = async (card: SocialCard) => {
    draws++;
    // A plain image whose colour comes from the words, so two cards never share bytes.
    const colour = `#${createHash('sha256').update(JSON.stringify(card)).digest('hex').slice(0, 6)}`;
    return sharp({ create: { width: 1200, height: 630, channels: 3, background: colour } }).png().toBuffer();
  };
  const options = { cacheDir, root: ROOT, draw };
  const card: SocialCard = { kicker: '標籤', title: '#小模型', note: '標籤「小模型」的 3 篇文章。', alt: '標籤：小模型' };
  const entries = () => readdirSync(path.join(cacheDir, CARD_CACHE_DIR)).map((name) => path.join(cacheDir, CARD_CACHE_DIR, name));

  it('draws a card once and gives the same bytes back from the cache', async () => {
    const first = await socialCardPng(card, options);
    const second = await socialCardPng(card, options);
    expect(draws).toBe(1);
    expect(second.equals(first)).toBe(true);
    expect(entries()).toHaveLength(1);
  });

  it('draws again for other words', async () => {
    await socialCardPng({ ...card, note: '標籤「小模型」的 4 篇文章。' }, options);
    expect(draws).toBe(2);
    expect(entries()).toHaveLength(2);
  });

  it('treats a damaged, cut or foreign entry as a miss and draws the card again', async () => {
    const expected = await socialCardPng(card, options);
    expect(draws).toBe(2);
    const [file] = entries().filter((f) => readFileSync(f).subarray(-expected.length).equals(expected));
    const whole = readFileSync(file);
    const damaged = Buffer.from(whole);
    damaged[whole.length - 100] ^= 0xff;
    for (const [i, bytes] of [damaged, whole.subarray(0, 40), Buffer.from('not a card')].entries()) {
      writeFileSync(file, bytes);
      const png = await socialCardPng(card, options);
      expect(png.equals(expected)).toBe(true);
      expect(draws).toBe(3 + i);
      expect(readFileSync(file).equals(whole)).toBe(true);
    }
  });

  it('names each card file by the hash of its words, so a new title gets a new URL', () => {
    expect(cardName(card)).toMatch(/^[0-9a-f]{20}$/);
    expect(cardName({ ...card, title: '#開源' })).not.toBe(cardName(card));
    expect(cardName({ ...card })).toBe(cardName(card));
  });
});
