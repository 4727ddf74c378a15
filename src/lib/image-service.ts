import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { FitEnum, FormatEnum } from 'sharp';
import type { ImageOutputFormat, ImageTransform, LocalImageService } from 'astro';
import sharpService, { resolveSharpEncoderOptions, type SharpImageServiceConfig } from 'astro/assets/services/sharp';
import { hashTransform, propsToFilename } from 'astro/assets/utils/node';

/**
 * Astro's sharp service, with two changes that matter for a large archive:
 *
 * - Each source image is decoded once for all its outputs instead of once per output. Astro hands the
 *   same buffer to every transform of a source (three hero widths, the card, the OG JPEG), and the stock
 *   service decodes the full image for each; decoding was about a third of the image CPU time.
 * - Outputs are encoded while the pages render. Astro renders every page first (one core, JavaScript)
 *   and only then encodes images; when a page asks for an image URL that is not in Astro's image cache
 *   yet, this service starts encoding it in the background (sharp runs off the main thread) and writes
 *   it into that cache, where Astro's image step then finds it. On a cold build this moves a good part
 *   of the image work onto the otherwise idle second core.
 *
 * Anything unusual (SVG, GIF, animated images, a background colour, no output format) goes to the stock
 * service unchanged.
 */

export interface ServiceConfig extends SharpImageServiceConfig {
  /** Absolute build output folder, where Vite has written the source images when pages render. */
  outDir?: string;
  /** Absolute Astro cache folder (`cacheDir`); its `assets/` holds encoded images between builds. */
  cacheDir?: string;
  /** `image.service.entrypoint` as configured: Astro hashes it into output names. */
  entrypoint?: string;
}

interface Decoded {
  data: Buffer;
  raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
  format: string;
}

const RASTER = new Set(['jpeg', 'png', 'webp', 'avif', 'tiff', 'heif']);

/**
 * The transform properties Astro hashes into an output's file name (its default list, stated here so the
 * names this service predicts for background encodes are by construction the names Astro uses).
 */
const PROPERTIES_TO_HASH = ['src', 'width', 'height', 'format', 'quality', 'fit', 'position', 'background'];

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
// One libvips thread per image: Astro already encodes one image per core at a time, and on a cold build
// a background encode runs beside page rendering; more threads per image only contend for the same cores.
sharp.concurrency(1);

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

/** Resizes and encodes decoded pixels as `transform` asks; the one encoder both paths use. */
async function encode(source: Decoded, transform: ImageTransform, config: SharpImageServiceConfig) {
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
  // A page's request carries the quality as written (number or preset name); Astro's resolver reads both.
  const quality = transform.quality as Parameters<typeof resolveSharpEncoderOptions>[0]['quality'];
  const options = resolveSharpEncoderOptions({ format, quality }, source.format, config);
  if (format === 'webp') result.webp(options);
  else if (format === 'avif') result.avif(options);
  else if (format === 'png') result.png(options);
  else if (format === 'jpeg' || format === 'jpg') result.jpeg(options);
  else result.toFormat(format as keyof FormatEnum, options);
  const { data, info } = await result.toBuffer({ resolveWithObject: true });
  return { data, format: info.format as ImageOutputFormat };
}

/** Transforms that can be encoded ahead: a local raster source, a raster output, no background. */
function speculable(transform: ImageTransform): transform is ImageTransform & { src: { src: string }; format: string } {
  const src = transform.src as unknown;
  return (
    typeof src === 'object' &&
    src !== null &&
    typeof (src as { src?: unknown }).src === 'string' &&
    typeof transform.format === 'string' &&
    transform.format !== 'svg' &&
    !transform.background
  );
}

/** Identifies one output by what changes its bytes; the same for a page's request and Astro's later call. */
function outputKey(src: string, t: ImageTransform): string {
  return JSON.stringify([src, t.width, t.height, t.format, t.quality, t.fit, t.position]);
}

type Encoded = { data: Buffer; format: ImageOutputFormat };

/** A background encode: queued, then running; Astro's image step takes over queued ones itself. */
interface AheadJob {
  started: boolean;
  cancelled: boolean;
  result: Promise<Encoded | undefined>;
}

/** Background encodes not finished yet, by output. */
const ahead = new Map<string, AheadJob>();
/** Sources decoded for background encodes; a page asks for all outputs of its images together. */
const recentSources = new Map<string, Promise<Decoded | undefined>>();
const RECENT_SOURCES = 4;
let chain: Promise<unknown> = Promise.resolve();

function decodeFile(file: string, config: SharpImageServiceConfig): Promise<Decoded | undefined> {
  let pending = recentSources.get(file);
  if (!pending) {
    pending = readFile(file).then((bytes) => decode(bytes, config)).catch(() => undefined);
    recentSources.set(file, pending);
    if (recentSources.size > RECENT_SOURCES) recentSources.delete(recentSources.keys().next().value!);
  }
  return pending;
}

/**
 * Starts encoding `transform` in the background when a static build renders a page that uses it and
 * Astro's image cache does not have it yet. One encode runs at a time, so rendering keeps a core.
 */
function encodeAhead(transform: ImageTransform, config: ServiceConfig) {
  // Only during a static build's page rendering: Astro sets this hook for it and removes it afterwards.
  const astroAsset = (globalThis as { astroAsset?: { addStaticImage?: unknown } }).astroAsset;
  if (!astroAsset?.addStaticImage || !config.outDir || !config.cacheDir || !config.entrypoint) return;
  if (!speculable(transform)) return;
  const src = transform.src.src;
  const key = outputKey(src, transform);
  if (ahead.has(key)) return;
  const hash = hashTransform(transform, config.entrypoint, PROPERTIES_TO_HASH);
  const cached = path.join(config.cacheDir, 'assets', path.posix.basename(propsToFilename(src, transform, hash)));
  if (existsSync(cached)) return;
  const source = path.join(config.outDir, src);
  const job: AheadJob = { started: false, cancelled: false, result: Promise.resolve(undefined) };
  job.result = chain
    .then(async () => {
      if (job.cancelled) return undefined;
      job.started = true;
      const decoded = await decodeFile(source, config);
      if (!decoded) return undefined;
      const output = await encode(decoded, transform, config);
      // Written under a temporary name and renamed, so Astro never copies half a file.
      await mkdir(path.dirname(cached), { recursive: true });
      const temporary = `${cached}.${process.pid}.tmp`;
      await writeFile(temporary, output.data);
      await rename(temporary, cached);
      return output;
    })
    // A failed background encode is not an error: Astro's own image step encodes it and reports problems.
    .catch(() => undefined);
  chain = job.result;
  ahead.set(key, job);
  // Once written, the bytes live in Astro's cache; holding them here too would grow with the archive.
  void job.result.then(() => ahead.delete(key));
}

/**
 * The bytes of a background encode of this output, when one is running; a queued one is cancelled, since
 * Astro's image step (which runs two at a time) is about to encode it anyway.
 */
async function takeOver(key: string): Promise<Encoded | undefined> {
  const job = ahead.get(key);
  if (!job) return undefined;
  if (!job.started) {
    job.cancelled = true;
    return undefined;
  }
  return job.result;
}

const service: LocalImageService<ServiceConfig> = {
  ...sharpService,
  propertiesToHash: PROPERTIES_TO_HASH,
  getURL(options, imageConfig, logger) {
    encodeAhead(options, imageConfig.service.config);
    return sharpService.getURL(options, imageConfig, logger);
  },
  async transform(input, transform, imageConfig, logger) {
    const config = imageConfig.service.config;
    const format = transform.format;
    if (!format || format === 'svg' || transform.background) return sharpService.transform(input, transform, imageConfig, logger);
    if (typeof transform.src === 'string') {
      const early = await takeOver(outputKey(transform.src, transform));
      if (early) return early;
    }
    const source = await decodeOnce(input, config);
    if (!source) return sharpService.transform(input, transform, imageConfig, logger);
    return encode(source, transform, config);
  },
};

export default service;
