// Generates the sample hero images: soft gradients with grain, 1600×900 WebP, deterministic per name.
// Usage: node scripts/sample-images.mjs <out-dir> <name> [<name> …]
import sharp from 'sharp';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

function hash(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return h;
}

export async function heroImage(file, seed, { width = 1600, height = 900, quality = 80 } = {}) {
  let state = seed || 1;
  const rand = () => ((state = Math.imul(state ^ (state >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32;
  const hues = [rand() * 360, rand() * 360, rand() * 360];
  const cx = rand() * width, cy = rand() * height;
  const pixels = Buffer.alloc(width * height * 3);
  const hsl = (h, s, l) => {
    const a = s * Math.min(l, 1 - l);
    const f = (n) => {
      const k = (n + h / 30) % 12;
      return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    };
    return [f(0), f(8), f(4)];
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = x / width;
      const d = Math.hypot(x - cx, y - cy) / Math.hypot(width, height);
      const hue = hues[0] * (1 - t) + hues[1] * t + 40 * Math.sin(d * 9 + hues[2]);
      const [r, g, b] = hsl(((hue % 360) + 360) % 360, 0.55, 0.35 + 0.3 * (1 - d));
      const grain = (rand() - 0.5) * 28;
      const i = (y * width + x) * 3;
      pixels[i] = Math.max(0, Math.min(255, r * 255 + grain));
      pixels[i + 1] = Math.max(0, Math.min(255, g * 255 + grain));
      pixels[i + 2] = Math.max(0, Math.min(255, b * 255 + grain));
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp(pixels, { raw: { width, height, channels: 3 } }).webp({ quality }).toFile(file);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir, ...names] = process.argv.slice(2);
  for (const name of names) await heroImage(path.join(outDir, `${name}.webp`), hash(name));
}
