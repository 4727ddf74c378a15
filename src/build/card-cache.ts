import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { drawCard, loadCardFonts, PNG_OPTIONS, TEMPLATE_VERSION, type CardFonts } from '../lib/card-drawing';
import type { SocialCard } from '../lib/social-card';

/**
 * The social cards already drawn, kept in the build cache dir under `social-cards/`, one file per card named
 * by the hash of everything its pixels come from: the card's words and date, the template version, the
 * bytes of both fonts, the PNG settings, and the versions of satori, sharp and libvips. A card whose inputs are unchanged is
 * never drawn again, even when Astro renders its route anew (any change to the route's code does that).
 *
 * Each file holds a header and the SHA-256 of the PNG after it, checked on every read: a file that is
 * short, damaged or not ours is a miss, is deleted and the card is drawn again. Files are written under a
 * temporary name and renamed, so a killed build leaves whole entries or none.
 *
 * Drawing a card costs about 50 ms of CPU (20 ms satori, 30 ms sharp) once the fonts are parsed (0.4 s per
 * font, once per build); reading one back costs well under a millisecond.
 */

export const CARD_CACHE_DIR = 'social-cards';
const MAGIC = Buffer.from('og-card-v1\n');
const DIGEST_BYTES = 32;

/** Counts of this build, logged by the social-cards integration (one object for every copy of this module). */
export interface CardStats {
  drawn: number;
  reused: number;
  /** Milliseconds spent drawing, fonts included. */
  drawMs: number;
}
export const CARD_STATS = Symbol.for('ai-industry-notes.social-cards');
export function cardStats(): CardStats {
  const holder = globalThis as { [CARD_STATS]?: CardStats };
  return (holder[CARD_STATS] ??= { drawn: 0, reused: 0, drawMs: 0 });
}

interface Renderer {
  fonts: CardFonts;
  /** Hash of what every card's pixels depend on besides its own words. */
  fingerprint: string;
}

const renderers = new Map<string, Renderer>();

function renderer(root: string): Renderer {
  let found = renderers.get(root);
  if (!found) {
    const fonts = loadCardFonts(root);
    const require = createRequire(path.join(root, 'package.json'));
    const satoriVersion = (JSON.parse(readFileSync(require.resolve('satori/package.json'), 'utf8')) as { version: string }).version;
    const hash = createHash('sha256');
    hash.update(JSON.stringify({ template: TEMPLATE_VERSION, png: PNG_OPTIONS, satori: satoriVersion, sharp: sharp.versions }));
    hash.update(fonts.regular.data).update(fonts.bold.data);
    found = { fonts, fingerprint: hash.digest('base64url') };
    renderers.set(root, found);
  }
  return found;
}

/** The cache entry's name for `card`. */
export function cardKey(card: SocialCard, fingerprint: string): string {
  const words = JSON.stringify([card.kicker, card.title, card.note, card.date?.toISOString() ?? null]);
  return createHash('sha256').update(fingerprint).update('\0').update(words).digest('base64url');
}

const digest = (png: Uint8Array) => createHash('sha256').update(png).digest();

/** The PNG kept in `file`, or undefined when there is none or it fails its check (the file is then removed). */
export function readEntry(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const head = MAGIC.length + DIGEST_BYTES;
  const png = bytes.subarray(head);
  if (bytes.length > head && bytes.subarray(0, MAGIC.length).equals(MAGIC) && bytes.subarray(MAGIC.length, head).equals(digest(png))) return png;
  rmSync(file, { force: true });
  return undefined;
}

function writeEntry(file: string, png: Buffer) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.concat([MAGIC, digest(png), png]));
  renameSync(temporary, file);
}

export interface CardCacheOptions {
  /** The build cache dir (Astro's `cacheDir`). */
  cacheDir: string;
  /** Project root, where the font and renderer packages are resolved. */
  root: string;
  /** Draws a card on a miss; the site's template unless a test passes its own. */
  draw?: (card: SocialCard, fonts: CardFonts) => Promise<Buffer>;
}

/** The card as a PNG: from the cache when an entry for exactly these inputs is there and whole, else drawn and kept. */
export async function socialCardPng(card: SocialCard, { cacheDir, root, draw = drawCard }: CardCacheOptions): Promise<Buffer> {
  const { fonts, fingerprint } = renderer(root);
  const file = path.join(cacheDir, CARD_CACHE_DIR, `${cardKey(card, fingerprint)}.png`);
  const stats = cardStats();
  const kept = readEntry(file);
  if (kept) {
    stats.reused++;
    return kept;
  }
  const started = performance.now();
  const png = await draw(card, fonts);
  stats.drawMs += performance.now() - started;
  stats.drawn++;
  writeEntry(file, png);
  return png;
}
