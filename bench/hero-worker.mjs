/**
 * Worker: paints one photo-like 1600×900 hero per message (smooth colour fields, soft shapes and grain,
 * so WebP cannot squeeze it to nothing) and writes it as WebP. One libvips thread per worker; the pool
 * runs one worker per core.
 */
import { parentPort } from 'node:worker_threads';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { mulberry32 } from './prng.mjs';

sharp.concurrency(1);
sharp.cache(false);

const W = 1600;
const H = 900;
/** The scene is painted at a quarter of the size and upscaled; only the grain is per pixel. */
const SCALE = 4;
const GRID_X = 9;
const GRID_Y = 6;

function paintScene(rand, w, h) {
  // A coarse grid of colours interpolated smoothly, with a few soft blobs as "subjects".
  const base = [rand() * 255, rand() * 255, rand() * 255];
  const grid = new Float32Array(GRID_X * GRID_Y * 3);
  for (let i = 0; i < grid.length; i++) grid[i] = Math.max(0, Math.min(255, base[i % 3] + (rand() - 0.5) * 200));
  const blobs = Array.from({ length: 6 }, () => ({
    x: rand() * w,
    y: rand() * h,
    r2: ((80 + rand() * 260) / SCALE) ** 2,
    c: [rand() * 255, rand() * 255, rand() * 255],
  }));
  const px = Buffer.allocUnsafe(w * h * 3);
  let o = 0;
  for (let y = 0; y < h; y++) {
    const gy = (y / (h - 1)) * (GRID_Y - 1);
    const y0 = Math.min(GRID_Y - 2, Math.floor(gy));
    const fy = gy - y0;
    const sy = fy * fy * (3 - 2 * fy);
    for (let x = 0; x < w; x++) {
      const gx = (x / (w - 1)) * (GRID_X - 1);
      const x0 = Math.min(GRID_X - 2, Math.floor(gx));
      const fx = gx - x0;
      const sx = fx * fx * (3 - 2 * fx);
      const i00 = (y0 * GRID_X + x0) * 3;
      const i01 = i00 + GRID_X * 3;
      let weight = 0;
      const blob = [0, 0, 0];
      for (const b of blobs) {
        const d2 = (x - b.x) ** 2 + (y - b.y) ** 2;
        if (d2 < b.r2) {
          const w2 = (1 - d2 / b.r2) ** 2;
          weight += w2;
          for (let c = 0; c < 3; c++) blob[c] += b.c[c] * w2;
        }
      }
      for (let c = 0; c < 3; c++) {
        const top = grid[i00 + c] + (grid[i00 + 3 + c] - grid[i00 + c]) * sx;
        const bottom = grid[i01 + c] + (grid[i01 + 3 + c] - grid[i01 + c]) * sx;
        let v = top + (bottom - top) * sy;
        if (weight > 0) {
          const mix = Math.min(1, weight);
          v = v * (1 - mix) + (blob[c] / weight) * mix;
        }
        px[o++] = v;
      }
    }
  }
  return px;
}

async function paint(seed) {
  const rand = mulberry32(seed);
  const w = W / SCALE;
  const h = H / SCALE;
  const scene = await sharp(paintScene(rand, w, h), { raw: { width: w, height: h, channels: 3 } })
    .resize(W, H, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  // Film grain: shared luminance noise plus a little per channel.
  const grain = 11 + rand() * 3;
  for (let i = 0; i < scene.length; i += 3) {
    const n = (rand() - 0.5) * grain;
    for (let c = 0; c < 3; c++) {
      const v = scene[i + c] + n + (rand() - 0.5) * grain * 0.5;
      scene[i + c] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return scene;
}

parentPort.on('message', async ({ seed, file }) => {
  try {
    const webp = await sharp(await paint(seed), { raw: { width: W, height: H, channels: 3 } })
      .webp({ quality: 80, effort: 2 })
      .toBuffer();
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, webp);
    await rename(tmp, file);
    parentPort.postMessage({ file, bytes: webp.length });
  } catch (err) {
    parentPort.postMessage({ file, error: String(err?.stack ?? err) });
  }
});
