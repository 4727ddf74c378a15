import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import satori from 'satori';
import sharp from 'sharp';
import { site } from '../site.config';
import { formatDate } from './dates';
import { fontMetrics, type FontMetrics } from './font-metrics';
import { breakLines } from './line-break';
import { CARD_HEIGHT, CARD_WIDTH, type SocialCard } from './social-card';

/**
 * How a social card looks: the site's light colours (src/styles/global.css), Noto Sans TC, the title
 * broken by src/lib/line-break.ts. Satori lays the card out as SVG with the glyphs as paths, and sharp
 * (librsvg) rasterises it, so no system font is needed.
 *
 * Bump TEMPLATE_VERSION with any change to how a card looks: drawn cards are kept under it (see
 * src/build/card-cache.ts), and tests/unit/social-cards.test.ts pins the SVG of a reference card.
 */
export const TEMPLATE_VERSION = 1;

/** Noto Sans TC, SIL Open Font License 1.1, from Google Fonts' static TrueType files as Expo packages them. */
export const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf',
} as const;

const FAMILY = 'Noto Sans TC';

const COLOR = {
  background: '#fcfcfa',
  text: '#1d1d1f',
  muted: '#55565c',
  border: '#dcdad2',
  accent: '#0b5cad',
  accentStrong: '#084885',
  accentSoft: '#e3eefa',
  onAccent: '#ffffff',
};

const PAD_X = 72;
const PAD_Y = 60;
const TEXT_WIDTH = CARD_WIDTH - 2 * PAD_X;
/** Title sizes tried in turn, each with the lines it may take; the last one truncates. */
const TITLE_STEPS = [
  { size: 76, lines: 2 },
  { size: 64, lines: 3 },
  { size: 56, lines: 3 },
];
const TITLE_LEADING = 1.32;
const NOTE_SIZE = 28;
const DATE_GAP = 40;

export interface CardFont {
  /** The file's bytes, handed to satori. */
  data: Buffer;
  metrics: FontMetrics;
}

export interface CardFonts {
  regular: CardFont;
  bold: CardFont;
}

/** Reads the card fonts from the package, resolved from the project at `root`. */
export function loadCardFonts(root: string): CardFonts {
  const require = createRequire(path.join(root, 'package.json'));
  const load = (spec: string): CardFont => {
    const data = readFileSync(require.resolve(spec));
    return { data, metrics: fontMetrics(data) };
  };
  return { regular: load(FONT_FILES.regular), bold: load(FONT_FILES.bold) };
}

/** Satori's font list, one per set of fonts: satori keeps its parsed fonts per list (0.4 s CPU to parse). */
const satoriFonts = new WeakMap<CardFonts, Parameters<typeof satori>[1]['fonts']>();

function fontList(fonts: CardFonts) {
  let list = satoriFonts.get(fonts);
  if (!list) {
    list = [
      { name: FAMILY, data: fonts.regular.data, weight: 400, style: 'normal' },
      { name: FAMILY, data: fonts.bold.data, weight: 700, style: 'normal' },
    ];
    satoriFonts.set(fonts, list);
  }
  return list;
}

/** The title's size and lines: the largest size at which it fits untruncated, else the smallest, cut with `…`. */
export function titleLayout(title: string, bold: FontMetrics): { size: number; lines: string[] } {
  for (const [i, step] of TITLE_STEPS.entries()) {
    const { lines, truncated } = breakLines(title, (t) => bold.width(t, step.size), TEXT_WIDTH, step.lines);
    if (!truncated || i === TITLE_STEPS.length - 1) return { size: step.size, lines };
  }
  throw new Error('unreachable');
}

type Style = Record<string, string | number>;
interface Element {
  type: string;
  props: { style: Style; children?: Element | string | (Element | string)[] };
}
const el = (type: string, style: Style, children?: Element['props']['children']): Element => ({ type, props: { style, children } });

function template(card: SocialCard, fonts: CardFonts): Element {
  const title = titleLayout(card.title, fonts.bold.metrics);
  const date = card.date ? formatDate(card.date) : '';
  const dateWidth = date ? fonts.regular.metrics.width(date, NOTE_SIZE) + DATE_GAP : 0;
  const note = breakLines(card.note, (t) => fonts.regular.metrics.width(t, NOTE_SIZE), TEXT_WIDTH - dateWidth, 1).lines[0] ?? '';
  const line = (text: string, style: Style) => el('div', { display: 'flex', whiteSpace: 'pre', ...style }, text);
  return el(
    'div',
    {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      boxSizing: 'border-box',
      display: 'flex',
      flexDirection: 'column',
      padding: `${PAD_Y}px ${PAD_X}px ${PAD_Y - 8}px`,
      background: COLOR.background,
      borderBottom: `12px solid ${COLOR.accent}`,
      color: COLOR.text,
      fontFamily: FAMILY,
    },
    [
      el('div', { display: 'flex', alignItems: 'center', justifyContent: 'space-between' }, [
        el('div', { display: 'flex', alignItems: 'center' }, [
          el(
            'div',
            { display: 'flex', alignItems: 'center', justifyContent: 'center', width: 52, height: 52, borderRadius: 12, background: COLOR.accent, color: COLOR.onAccent, fontSize: 24, fontWeight: 700 },
            'AI',
          ),
          line(site.title, { marginLeft: 18, fontSize: 30, fontWeight: 700 }),
        ]),
        line(card.kicker, { padding: '6px 20px', borderRadius: 999, background: COLOR.accentSoft, color: COLOR.accentStrong, fontSize: 24, fontWeight: 700 }),
      ]),
      el(
        'div',
        { display: 'flex', flexDirection: 'column', justifyContent: 'center', flexGrow: 1 },
        title.lines.map((text) => line(text, { fontSize: title.size, fontWeight: 700, lineHeight: TITLE_LEADING })),
      ),
      el('div', { display: 'flex', justifyContent: 'space-between', paddingTop: 24, borderTop: `2px solid ${COLOR.border}`, color: COLOR.muted, fontSize: NOTE_SIZE }, [
        line(note, {}),
        ...(date ? [line(date, {})] : []),
      ]),
    ],
  );
}

/** The card as SVG, every glyph a path. */
export function cardSvg(card: SocialCard, fonts: CardFonts): Promise<string> {
  // Satori's element type is React's; the plain objects above are what it reads.
  return satori(template(card, fonts) as unknown as Parameters<typeof satori>[0], { width: CARD_WIDTH, height: CARD_HEIGHT, fonts: fontList(fonts) });
}

/**
 * zlib level 6: 74 KB a card against 85 KB at level 3, for 10 ms more CPU (on sharp's threads, not the
 * thread that renders pages). Part of the card cache's key, like everything that changes the bytes.
 */
export const PNG_OPTIONS = { compressionLevel: 6 } as const;

/** The card as a 1200×630 PNG. */
export async function drawCard(card: SocialCard, fonts: CardFonts): Promise<Buffer> {
  const svg = await cardSvg(card, fonts);
  return sharp(Buffer.from(svg)).png(PNG_OPTIONS).toBuffer();
}
