import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { FitEnum, FormatEnum } from 'sharp';
import type { ImageOutputFormat, LocalImageService } from 'astro';
import sharpService, { resolveSharpEncoderOptions, type SharpImageServiceConfig } from 'astro/assets/services/sharp';

type LocalImageTransform = Parameters<LocalImageService['transform']>[1];

/**
 * Astro's sharp service, with one change: each source image is decoded once instead of once per
 * output. Astro reads a source file once and hands the same buffer to every transform of it (three
 * hero widths, the card, the OG JPEG), and the stock service decodes the full image for each. Measured
 * on 1600×900 WebP heroes, decoding was about a third of the image CPU time (`npm run bench`).
 * Anything unusual (SVG, GIF, animated images, a background colour, no output format) goes to the stock
 * service unchanged.
 *
 * Tried and dropped (measured at 1,000 articles, when decoded pixels were still held in Buffers):
 * encoding in the background while pages render (saved about 4 s of the image step and cost as much in
 * rendering), and encoding a source's outputs side by side (oversubscribed the two cores: +40 s CPU).
 */

interface Decoded {
  /** The decoded, rotated pixels in libvips' own format, which sharp memory-maps instead of copying. */
  file: string;
  format: string;
  /** Transforms reading the file right now; it is deleted once evicted and no longer read. */
  readers: number;
  evicted: boolean;
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
function scratchFile(): string {
  if (!scratchDir) {
    scratchDir = mkdtempSync(path.join(tmpdir(), 'astro-images-'));
    const dir = scratchDir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return path.join(scratchDir, `${++scratchCount}.v`);
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

async function decode(input: Uint8Array, config: SharpImageServiceConfig): Promise<Decoded | undefined> {
  const image = sharp(input, { failOn: 'none', limitInputPixels: config.limitInputPixels });
  const meta = await image.metadata();
  if (!meta.format || !RASTER.has(meta.format) || (meta.pages ?? 1) > 1) return undefined;
  const file = scratchFile();
  await image.rotate().toFile(file);
  const entry: Decoded = { file, format: meta.format, readers: 0, evicted: false };
  kept.push(entry);
  while (kept.length > KEPT_SOURCES) {
    const old = kept.shift()!;
    old.evicted = true;
    remove(old);
  }
  return entry;
}

/** The decoded source, with a reader registered: call `release` when done with its file. */
async function acquire(input: Uint8Array, config: SharpImageServiceConfig): Promise<Decoded | undefined> {
  for (;;) {
    let pending = decodedSources.get(input);
    if (!pending) {
      // A source sharp cannot decode here is left to the stock service, which reports it its own way.
      pending = decode(input, config).catch(() => undefined);
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

const service: LocalImageService<SharpImageServiceConfig> = {
  ...sharpService,
  async transform(input, transform, imageConfig, logger) {
    const config = imageConfig.service.config;
    const format = transform.format;
    if (!format || format === 'svg' || transform.background) return sharpService.transform(input, transform, imageConfig, logger);
    const source = await acquire(input, config);
    if (!source) return sharpService.transform(input, transform, imageConfig, logger);
    try {
      return await encode(source, transform, format, config);
    } finally {
      release(source);
    }
  },
};

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
