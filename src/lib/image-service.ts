import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { FitEnum, FormatEnum } from 'sharp';
import type { ImageOutputFormat, LocalImageService } from 'astro';
import sharpService, { resolveSharpEncoderOptions, type SharpImageServiceConfig } from 'astro/assets/services/sharp';

/**
 * Astro's sharp service, with two changes for a large archive (measured with `npm run bench`):
 *
 * - Each source image is decoded once per build instead of once per output. Astro reads a source file
 *   once and hands the same buffer to every transform of it (three hero widths, the card, the OG JPEG),
 *   and the stock service decodes the full image for each. On 1600×900 WebP heroes, decoding was about a
 *   third of the image CPU time.
 * - A source's outputs are encoded side by side (see `startSiblings`) instead of one after another.
 *
 * Anything unusual (SVG, GIF, animated images, a background colour, no output format) goes to the stock
 * service unchanged.
 */

interface Decoded {
  data: Buffer;
  raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
  format: string;
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

// Keyed by the buffer Astro passes in, so the pixels are dropped once Astro moves to the next source.
const decodedSources = new WeakMap<Uint8Array, Promise<Decoded | undefined>>();

sharp.cache(false);

async function decode(input: Uint8Array, config: SharpImageServiceConfig): Promise<Decoded | undefined> {
  const image = sharp(input, { failOn: 'none', limitInputPixels: config.limitInputPixels });
  const meta = await image.metadata();
  if (!meta.format || !RASTER.has(meta.format) || (meta.pages ?? 1) > 1) return undefined;
  const { data, info } = await image.rotate().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { data, raw: { width: info.width, height: info.height, channels: info.channels }, format: meta.format };
}

function decodeOnce(input: Uint8Array, config: SharpImageServiceConfig): Promise<Decoded | undefined> {
  let pending = decodedSources.get(input);
  if (!pending) {
    // A source sharp cannot decode here is left to the stock service, which reports it its own way.
    pending = decode(input, config).catch(() => undefined);
    decodedSources.set(input, pending);
  }
  return pending;
}

type Transform = Parameters<LocalImageService['transform']>[1];
type Encoded = Awaited<ReturnType<LocalImageService['transform']>>;

export interface ServiceConfig extends SharpImageServiceConfig {
  /** Absolute Astro cache folder (`cacheDir`): outputs already in its `assets/` are copied, not encoded. */
  cacheDir?: string;
}

/** Resizes and encodes decoded pixels as `transform` asks. */
async function encode(source: Decoded, transform: Transform, config: SharpImageServiceConfig): Promise<Encoded> {
  const format = transform.format;
  const result = sharp(source.data, { raw: source.raw });
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

/** Identifies one output by what changes its bytes. */
const outputKey = (t: Transform) => JSON.stringify([t.src, t.width, t.height, t.format, t.quality, t.fit, t.position]);

/** Encodes started for outputs Astro will ask for next, by output; each is handed over once. */
const started = new Map<string, Promise<Encoded>>();

interface StaticImageEntry {
  transforms: Map<string, { finalPath: string; transform: Record<string, unknown> }>;
}

/** The outputs the build needs of a source, as Astro listed them while rendering pages. */
function outputsOf(src: string): { finalPath: string; transform: Record<string, unknown> }[] {
  const staticImages = (globalThis as { astroAsset?: { staticImages?: Map<string, StaticImageEntry> } }).astroAsset?.staticImages;
  const entry = staticImages?.get(src);
  return entry ? [...entry.transforms.values()] : [];
}

/**
 * Astro encodes one source per core, and that source's outputs one after another, waiting on file writes
 * in between. On the first output of a source, the other outputs it still needs (those not in Astro's
 * image cache) start encoding too, from the same decoded pixels, so both cores stay busy.
 */
function startSiblings(source: Decoded, transform: Transform, config: ServiceConfig) {
  if (typeof transform.src !== 'string' || !config.cacheDir) return;
  const own = outputKey(transform);
  for (const { finalPath, transform: other } of outputsOf(transform.src)) {
    const sibling = { ...other, src: transform.src } as Transform;
    const key = outputKey(sibling);
    if (key === own || started.has(key) || !sibling.format || sibling.format === 'svg' || sibling.background) continue;
    if (existsSync(path.join(config.cacheDir, 'assets', path.posix.basename(finalPath)))) continue;
    const encoding = encode(source, sibling, config);
    // Astro awaits it (and reports a failure) when it asks for this output.
    encoding.catch(() => undefined);
    started.set(key, encoding);
  }
}

const service: LocalImageService<ServiceConfig> = {
  ...sharpService,
  async transform(input, transform, imageConfig, logger) {
    const config = imageConfig.service.config;
    const format = transform.format;
    if (!format || format === 'svg' || transform.background) return sharpService.transform(input, transform, imageConfig, logger);
    const key = outputKey(transform);
    const early = started.get(key);
    if (early) {
      started.delete(key);
      return early;
    }
    const source = await decodeOnce(input, config);
    if (!source) return sharpService.transform(input, transform, imageConfig, logger);
    startSiblings(source, transform, config);
    return encode(source, transform, config);
  },
};

export default service;
