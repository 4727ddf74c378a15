// Generates the sample images, deterministic per name: hero images are soft gradients with light grain
// (1600×900 WebP, about 80–100 KB: the grain is kept low so WebP stays small); names starting with
// `chart-` become a simple bar chart without text (captions carry the words).
// Usage: node scripts/sample-images.mjs <out-dir> <name> [<name> …]
import sharp from 'sharp';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

function hash(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return h;
}

export async function heroImage(file, seed, { width = 1600, height = 900, quality = 76 } = {}) {
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
      const grain = (rand() - 0.5) * 16;
      const i = (y * width + x) * 3;
      pixels[i] = Math.max(0, Math.min(255, r * 255 + grain));
      pixels[i + 1] = Math.max(0, Math.min(255, g * 255 + grain));
      pixels[i + 2] = Math.max(0, Math.min(255, b * 255 + grain));
    }
  }
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp(pixels, { raw: { width, height, channels: 3 } }).webp({ quality }).toFile(file);
}

export async function chartImage(file, seed, { width = 1600, height = 900, bars = 7 } = {}) {
  let state = seed || 1;
  const rand = () => ((state = Math.imul(state ^ (state >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32;
  const pad = 120;
  const slot = (width - pad * 2) / bars;
  const falling = rand() < 0.5;
  let rects = '';
  for (let i = 0; i < bars; i++) {
    const trend = falling ? 1 - i / (bars + 1) : (i + 1) / (bars + 1);
    const h = (height - pad * 2) * Math.min(1, Math.max(0.08, trend * (0.85 + rand() * 0.3)));
    const x = pad + i * slot + slot * 0.18;
    rects += `<rect x="${x.toFixed(1)}" y="${(height - pad - h).toFixed(1)}" width="${(slot * 0.64).toFixed(1)}" height="${h.toFixed(1)}" rx="10" fill="${i === bars - 1 ? '#d9480f' : '#3b6fb6'}"/>`;
  }
  let grid = '';
  for (let i = 0; i <= 4; i++) {
    const y = pad + ((height - pad * 2) * i) / 4;
    grid += `<line x1="${pad}" x2="${width - pad}" y1="${y}" y2="${y}" stroke="#d0d7e2" stroke-width="2"/>`;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f7f8fa"/>${grid}${rects}<line x1="${pad}" x2="${width - pad}" y1="${height - pad}" y2="${height - pad}" stroke="#44506a" stroke-width="4"/></svg>`;
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(svg)).webp({ quality: 82 }).toFile(file);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir, ...names] = process.argv.slice(2);
  for (const name of names) {
    const draw = name.startsWith('chart-') ? chartImage : heroImage;
    await draw(path.join(outDir, `${name}.webp`), hash(name));
  }
}
