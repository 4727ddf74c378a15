import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { FitEnum, FormatEnum } from 'sharp';
import type { ImageOutputFormat, LocalImageService } from 'astro';
import sharpService, { resolveSharpEncoderOptions, type SharpImageServiceConfig } from 'astro/assets/services/sharp';
import { DECODE_STATS, type DecodeStats } from './images';
import { processAlive } from './process';

type LocalImageTransform = Parameters<LocalImageService['transform']>[1];

/**
 * Astro's sharp service, with two changes:
 * - Each source image is decoded once instead of once per output. Astro reads a source file once and
 *   hands the same buffer to every transform of it (three hero widths, the card, the OG JPEG), and the
 *   stock service decodes the full image for each. Measured on 1600×900 WebP heroes, decoding was about
 *   a third of the image CPU time (`npm run bench`).
 * - The next sources in Astro's list are decoded while Astro encodes the current ones (see decodeAhead).
 * Anything unusual (SVG, GIF, animated images, a background colour, no output format) goes to the stock
 * service unchanged. Outputs are the same bytes either way.
 *
 * Tried and dropped:
 * - Encoding in the background while pages render, into Astro's image cache. At 1,000 articles it saved
 *   about 4 s of the image step and cost as much in rendering. Tried again with scratch files (200
 *   articles, two runs each): rendering took 1.2–2 s longer and the image step no longer than without.
 *   A source's outputs are asked for on different pages, so most sources encoded early were decoded
 *   again later for the rest.
 * - Encoding a source's outputs side by side: +40 s CPU at 1,000 articles. A later microbenchmark put it
 *   below a third source in flight (1.78 against 1.86 cores), which decodeAhead does.
 */

interface Decoded {
  /** The decoded, rotated pixels in libvips' own format, which sharp memory-maps instead of copying. */
  file: string;
  format: string;
  /** Transforms reading the file right now; it is deleted once evicted and no longer read. */
  readers: number;
  evicted: boolean;
  /** Called when the file is evicted. */
  onEvict?: () => void;
}

const RASTER = new Set(['jpeg', 'png', 'webp', 'avif', 'tiff', 'heif']);

const FIT: Record<string, keyof FitEnum> = {
  fill: 'fill',
  contain: 'inside',
  cover: 'cover',
  none: 'outside',
  'scale-down': 'inside',
  outside: 'outside',
  inside: 'inside',
};

/**
 * Decoded pixels are kept in scratch files, not in Buffers: a 1600×900 source is 4.3 MB of pixels, and
 * V8 counts every Buffer sharp returns as external memory. Allocating one per source made V8 run a full
 * mark-compact of the build's heap every few hundred milliseconds while images were generated (33 in a
 * 200-article build, each 80–130 ms of marking on the two cores the encoders need), and freed nothing.
 */
let scratchDir: string | undefined;
let scratchCount = 0;
const SCRATCH_PREFIX = 'astro-images-';

function scratchFile(): string {
  if (!scratchDir) {
    // Removed on exit; a process killed by a signal leaves its folder, which the next one removes.
    for (const name of readdirSync(tmpdir())) {
      const pid = new RegExp(`^${SCRATCH_PREFIX}(\\d+)-`).exec(name)?.[1];
      if (pid && !processAlive(Number(pid))) rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
    }
    scratchDir = mkdtempSync(path.join(tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`));
    const dir = scratchDir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return path.join(scratchDir, `${++scratchCount}.v`);
}

/** This build's counters (see DECODE_STATS). */
function decodeStats(): DecodeStats {
  const holder = globalThis as { [DECODE_STATS]?: DecodeStats };
  return (holder[DECODE_STATS] ??= { encoded: 0, decoded: 0, ahead: 0 });
}

/** The decoded sources on disk right now (for tests). */
export function scratchFiles(): string[] {
  return scratchDir && existsSync(scratchDir) ? readdirSync(scratchDir) : [];
}

/**
 * Astro generates the outputs of one source one after another, a few sources at a time, so only the
 * most recent sources are kept; one asked for again after its eviction is decoded again.
 */
const KEPT_SOURCES = 8;
// Keyed by the buffer Astro passes in: the same buffer for every transform of one source.
const decodedSources = new WeakMap<Uint8Array, Promise<Decoded | undefined>>();
const kept: Decoded[] = [];

sharp.cache(false);

function remove(entry: Decoded) {
  if (entry.evicted && entry.readers === 0) rmSync(entry.file, { force: true });
}

async function decode(input: Uint8Array, config: SharpImageServiceConfig, onEvict?: () => void): Promise<Decoded | undefined> {
  const image = sharp(input, { failOn: 'none', limitInputPixels: config.limitInputPixels });
  const meta = await image.metadata();
  if (!meta.format || !RASTER.has(meta.format) || (meta.pages ?? 1) > 1) return undefined;
  const file = scratchFile();
  await image.rotate().toFile(file);
  decodeStats().decoded++;
  const entry: Decoded = { file, format: meta.format, readers: 0, evicted: false, onEvict };
  kept.push(entry);
  while (kept.length > KEPT_SOURCES) {
    const old = kept.shift()!;
    old.evicted = true;
    old.onEvict?.();
    remove(old);
  }
  return entry;
}

/** The decoded source, with a reader registered: call `release` when done with its file. */
async function acquire(input: Uint8Array, src: string | undefined, config: SharpImageServiceConfig): Promise<Decoded | undefined> {
  for (;;) {
    let pending = decodedSources.get(input);
    if (!pending) {
      const early = src === undefined ? undefined : await claimAhead(src, input);
      // A source sharp cannot decode here is left to the stock service, which reports it its own way.
      pending = decodedSources.get(input) ?? (early ? Promise.resolve(early) : decode(input, config).catch(() => undefined));
      decodedSources.set(input, pending);
    }
    const entry = await pending;
    if (!entry) return undefined;
    if (!entry.evicted) {
      entry.readers++;
      return entry;
    }
    if (decodedSources.get(input) === pending) decodedSources.delete(input);
  }
}

function release(entry: Decoded) {
  entry.readers--;
  remove(entry);
}

/**
 * Decoding ahead. Astro's image step works through its list of source images two at a time (one per
 * core), each source's outputs one after another. That left about a sixth of the two cores idle between
 * steps: a microbenchmark of the same work reached 1.7 cores with two sources in flight and 1.9 with
 * three or four. So while Astro encodes, the next sources in its list are read and decoded here, a third
 * pipeline beside its two. The list is Astro's own record of the images to generate
 * (`globalThis.astroAsset.staticImages`, astro/dist/assets/vite-plugin-assets.js), in the order its
 * image step goes through it, with each source's file. Without it (`astro dev`, another Astro version)
 * nothing is decoded ahead. A decode ahead is used only when Astro's bytes for the source are the same
 * as the file's; one whose outputs Astro finds in its cache is evicted unused.
 */
const AHEAD = 2;
interface Ahead {
  bytes: Promise<Buffer>;
  decoded: Promise<Decoded | undefined>;
  at: number;
}
const ahead = new Map<string, Ahead>();
type StaticImages = Map<string, { originalSrcPath?: unknown }>;
let order: { list: StaticImages; size: number; keys: string[]; index: Map<string, number> } | undefined;
let furthest = -1;

/** The decode made ahead for `src`, if there is one and it was made from the same bytes as `input`. */
async function claimAhead(src: string, input: Uint8Array): Promise<Decoded | undefined> {
  const early = ahead.get(src);
  if (!early) return undefined;
  ahead.delete(src);
  const bytes = await early.bytes.catch(() => undefined);
  if (bytes === undefined || !Buffer.from(input.buffer, input.byteOffset, input.byteLength).equals(bytes)) return undefined;
  const entry = await early.decoded;
  if (entry) decodeStats().ahead++;
  return entry;
}

function decodeAhead(src: string, config: SharpImageServiceConfig) {
  const list = (globalThis as { astroAsset?: { staticImages?: unknown } }).astroAsset?.staticImages;
  if (!(list instanceof Map)) return;
  if (!order || order.list !== list || order.size !== list.size) {
    const keys = [...(list as StaticImages).keys()];
    order = { list: list as StaticImages, size: list.size, keys, index: new Map(keys.map((key, i) => [key, i])) };
    furthest = -1;
  }
  const at = order.index.get(src);
  if (at === undefined) return;
  furthest = Math.max(furthest, at);
  // Decodes Astro went past without asking for them (its cache had the outputs).
  for (const [key, early] of ahead) if (early.at < furthest - KEPT_SOURCES) ahead.delete(key);
  for (let i = furthest + 1; i <= furthest + AHEAD && i < order.keys.length; i++) {
    const key = order.keys[i];
    const file = order.list.get(key)?.originalSrcPath;
    if (ahead.has(key) || typeof file !== 'string') continue;
    const bytes = readFile(file);
    const early: Ahead = { bytes, at: i, decoded: Promise.resolve(undefined) };
    early.decoded = bytes.then((data) => decode(data, config, () => ahead.get(key) === early && ahead.delete(key))).catch(() => undefined);
    ahead.set(key, early);
  }
}

const service: LocalImageService<SharpImageServiceConfig> = {
  ...sharpService,
  validateOptions(options, imageConfig, logger) {
    return sharpService.validateOptions!(withinWidths(options), imageConfig, logger);
  },
  async transform(input, transform, imageConfig, logger) {
    decodeStats().encoded++;
    const config = imageConfig.service.config;
    const format = transform.format;
    if (!format || format === 'svg' || transform.background) return sharpService.transform(input, transform, imageConfig, logger);
    const src = typeof transform.src === 'string' ? transform.src : undefined;
    const source = await acquire(input, src, config);
    if (src !== undefined) decodeAhead(src, config);
    if (!source) return sharpService.transform(input, transform, imageConfig, logger);
    try {
      return await encode(source, transform, format, config);
    } finally {
      release(source);
    }
  },
};

type ImageOptions = Parameters<NonNullable<LocalImageService['validateOptions']>>[0];

/**
 * `widths` as numbers, and an image asked for at `widths` never wider than the largest of them. A
 * Markdown image gets its options as HTML attributes (src/lib/body-images-plugin.ts), so its widths
 * arrive as a string (`.md`) or a list of strings (`.mdx`) and its width is the original's: a 3000-pixel screenshot would otherwise also be
 * encoded, and linked as `src`, at 3000 pixels. Components already pass `width` = the largest width.
 */
export function withinWidths(options: ImageOptions): ImageOptions {
  const given: unknown = options.widths;
  const list = typeof given === 'string' ? given.split(/[\s,]+/) : Array.isArray(given) ? given : [];
  if (!list.length) return options;
  const widths = list.map(Number).filter((w) => Number.isFinite(w) && w > 0);
  const largest = Math.max(...widths);
  const out = { ...options, widths } as ImageOptions;
  const width = Number(options.width);
  if (widths.length && width > largest) {
    out.width = largest;
    if (options.height) out.height = Math.round((Number(options.height) * largest) / width);
  }
  return out;
}

async function encode(source: Decoded, transform: LocalImageTransform, format: string, config: SharpImageServiceConfig) {
  const result = sharp(source.file);
  const { width, height, fit, position } = transform;
  if (width || height) {
    result.resize({
      width: width ? Math.round(width) : undefined,
      height: height ? Math.round(height) : undefined,
      fit: width && height && fit ? (FIT[fit] ?? 'inside') : undefined,
      position: width && height ? position : undefined,
      kernel: config.kernel,
      withoutEnlargement: true,
    });
  }
  const options = resolveSharpEncoderOptions({ format, quality: transform.quality }, source.format, config);
  if (format === 'webp') result.webp(options);
  else if (format === 'avif') result.avif(options);
  else if (format === 'png') result.png(options);
  else if (format === 'jpeg' || format === 'jpg') result.jpeg(options);
  else result.toFormat(format as keyof FormatEnum, options);
  const { data, info } = await result.toBuffer({ resolveWithObject: true });
  return { data, format: info.format as ImageOutputFormat };
}

export default service;
