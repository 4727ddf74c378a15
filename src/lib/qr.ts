import { createRequire } from 'node:module';

/** Loaded on first use, at content sync: never bundled into the pages. */
let qrcode: typeof import('qrcode') | undefined;

/** A QR code as a standalone SVG: one path of dark modules on a white square with a quiet zone. */
export function qrSvg(text: string, level: 'L' | 'M' | 'Q' | 'H'): string {
  qrcode ??= createRequire(import.meta.url)('qrcode') as typeof import('qrcode');
  const { modules } = qrcode.create(text, { errorCorrectionLevel: level });
  const size = modules.size;
  const margin = 4;
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (modules.get(y, x)) d += `M${x + margin} ${y + margin}h1v1h-1z`;
    }
  }
  const total = size + margin * 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" shape-rendering="crispEdges"><rect width="${total}" height="${total}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}
