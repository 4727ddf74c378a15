import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import service, { scratchFiles } from '../../src/lib/image-service';
import { DECODE_STATS, IMAGE_KERNEL, WEBP_EFFORT, type DecodeStats } from '../../src/lib/images';

/**
 * The build's image service (src/lib/image-service.ts): every output of a source is resized from one
 * decode kept in a scratch file. Sources are told apart by colour, so an output made from the wrong
 * source's pixels shows.
 */
const imageConfig = { service: { entrypoint: './src/lib/image-service.ts', config: { webp: { effort: WEBP_EFFORT }, kernel: IMAGE_KERNEL } } } as Parameters<
  typeof service.transform
>[2];
const logger = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Parameters<typeof service.transform>[3];

type Rgb = [number, number, number];
const solid = (rgb: Rgb, width = 160, height = 90) =>
  sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } });

async function transform(input: Uint8Array, options: Record<string, unknown>) {
  const { data, format } = await service.transform(input, { src: '/x.webp', ...options }, imageConfig, logger);
  return inspect(data, format);
}

async function inspect(data: Uint8Array, format: string) {
  const meta = await sharp(data).metadata();
  const { data: pixel } = await sharp(data).extract({ left: 0, top: 0, width: 1, height: 1 }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { format, width: meta.width, height: meta.height, pixel: [...pixel] as Rgb };
}

const near = (actual: Rgb, expected: Rgb) => actual.every((v, i) => Math.abs(v - expected[i]) <= 8);

// Left by a process that was killed (no such pid): the first decode of this one removes it.
const staleScratch = path.join(tmpdir(), 'astro-images-4194399-test');
mkdirSync(staleScratch, { recursive: true });

describe('image service', () => {
  it('resizes and encodes each output from its own source, across more sources than it keeps decoded', async () => {
    const colours: Rgb[] = Array.from({ length: 12 }, (_, i) => [i * 20, 255 - i * 20, (i * 53) % 256]);
    const sources = await Promise.all(colours.map((c) => solid(c).webp({ lossless: true }).toBuffer()));
    for (const [i, source] of sources.entries()) {
      const wide = await transform(source, { width: 120, format: 'webp' });
      const narrow = await transform(source, { width: 48, format: 'webp' });
      expect([wide.format, wide.width, wide.height]).toEqual(['webp', 120, 68]);
      expect([narrow.width, narrow.height]).toEqual([48, 27]);
      expect(near(wide.pixel, colours[i]), `source ${i}: ${wide.pixel} vs ${colours[i]}`).toBe(true);
      expect(near(narrow.pixel, colours[i])).toBe(true);
    }
    expect(existsSync(staleScratch)).toBe(false);
    // Only the most recent sources stay decoded on disk (positive control: some are).
    expect(scratchFiles().length).toBeGreaterThan(0);
    expect(scratchFiles().length).toBeLessThanOrEqual(8);
    // The first source was evicted long ago: it is decoded again, and still comes out as itself.
    const again = await transform(sources[0], { width: 64, height: 64, fit: 'cover', format: 'jpeg' });
    expect([again.format, again.width, again.height]).toEqual(['jpeg', 64, 64]);
    expect(near(again.pixel, colours[0])).toBe(true);
  });

  it('turns a photo by its EXIF orientation before resizing', async () => {
    // 160×90 stored, orientation 6 (shown turned 90° clockwise): displayed 90 wide and 160 tall.
    const rotated = await solid([200, 30, 30]).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const out = await transform(rotated, { width: 45, format: 'webp' });
    expect([out.width, out.height]).toEqual([45, 80]);
  });

  it('converts a CMYK JPEG to sRGB colours', async () => {
    const cmyk = await solid([220, 40, 40]).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const out = await transform(cmyk, { width: 80, format: 'webp' });
    expect(out.pixel[0]).toBeGreaterThan(180);
    expect(out.pixel[1]).toBeLessThan(90);
  });

  it('decodes the next sources of Astro’s list ahead, and uses such a decode only for the same bytes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'image-service-test-'));
    const colours: Rgb[] = [[250, 0, 0], [0, 250, 0], [0, 0, 250], [250, 250, 0]];
    const sources = await Promise.all(colours.map((c) => solid(c).webp({ lossless: true }).toBuffer()));
    // Astro's record of the images to generate, in the order its image step takes them, with each file.
    const staticImages = new Map<string, { originalSrcPath: string }>();
    sources.forEach((bytes, i) => {
      const file = path.join(dir, `source-${i}.webp`);
      writeFileSync(file, bytes);
      staticImages.set(`/_astro/source-${i}.webp`, { originalSrcPath: file });
    });
    // Source 2's file changed after Astro read it: its decode ahead must not be used.
    const stale = await solid([9, 9, 9]).webp({ lossless: true }).toBuffer();
    writeFileSync(staticImages.get('/_astro/source-2.webp')!.originalSrcPath, stale);
    const holder = globalThis as { astroAsset?: { staticImages?: unknown }; [DECODE_STATS]?: DecodeStats };
    const saved = holder.astroAsset;
    holder.astroAsset = { staticImages };
    const before = holder[DECODE_STATS]?.ahead ?? 0;
    const encodedBefore = holder[DECODE_STATS]?.encoded ?? 0;
    try {
      const outputs = [];
      for (const [i, bytes] of sources.entries()) {
        const { data, format } = await service.transform(bytes, { src: `/_astro/source-${i}.webp`, width: 80, format: 'webp' }, imageConfig, logger);
        outputs.push(await inspect(data, format));
      }
      outputs.forEach((out, i) => expect(near(out.pixel, colours[i]), `source ${i}: ${out.pixel}`).toBe(true));
      // Sources 1 and 3 came from decodes ahead; 2 was decoded again from Astro's bytes.
      expect((holder[DECODE_STATS]?.ahead ?? 0) - before).toBe(2);
      // One variant asked for per source, each encoded (the count image-stats reports).
      expect((holder[DECODE_STATS]?.encoded ?? 0) - encodedBefore).toBe(sources.length);
    } finally {
      holder.astroAsset = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
