/**
 * Advance widths of a TrueType/OpenType font, read from its `cmap`, `hhea`, `hmtx` and `head` tables, so
 * the social cards can break their lines before the renderer draws them (src/lib/line-break.ts). Kerning
 * is left out: it moves a Latin pair by a few hundredths of an em, and the cards keep that much room.
 */
export interface FontMetrics {
  /** Width of `text` set at `size` pixels. */
  width(text: string, size: number): number;
}

interface Table {
  offset: number;
  length: number;
}

function tables(view: DataView): Map<string, Table> {
  const count = view.getUint16(4);
  const found = new Map<string, Table>();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
    found.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return found;
}

/** Glyph lookup from the best Unicode subtable: format 12 (full Unicode), else format 4 (the BMP). */
function glyphLookup(view: DataView, cmap: Table): (codePoint: number) => number {
  const count = view.getUint16(cmap.offset + 2);
  let format4: number | undefined;
  for (let i = 0; i < count; i++) {
    const at = cmap.offset + 4 + i * 8;
    const platform = view.getUint16(at);
    const encoding = view.getUint16(at + 2);
    const sub = cmap.offset + view.getUint32(at + 4);
    const format = view.getUint16(sub);
    if (format === 12 && (platform === 0 || (platform === 3 && encoding === 10))) {
      const groups = view.getUint32(sub + 12);
      return (cp) => {
        let lo = 0;
        let hi = groups - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const g = sub + 16 + mid * 12;
          const start = view.getUint32(g);
          const end = view.getUint32(g + 4);
          if (cp < start) hi = mid - 1;
          else if (cp > end) lo = mid + 1;
          else return view.getUint32(g + 8) + (cp - start);
        }
        return 0;
      };
    }
    if (format === 4 && (platform === 0 || (platform === 3 && encoding === 1))) format4 ??= sub;
  }
  if (format4 === undefined) throw new Error('font has no Unicode cmap subtable (format 12 or 4)');
  const sub = format4;
  const segments = view.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let i = 0; i < segments; i++) {
      if (cp > view.getUint16(ends + i * 2)) continue;
      const start = view.getUint16(starts + i * 2);
      if (cp < start) return 0;
      const delta = view.getInt16(deltas + i * 2);
      const rangeOffset = view.getUint16(rangeOffsets + i * 2);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = view.getUint16(rangeOffsets + i * 2 + rangeOffset + (cp - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

/** Reads the metrics of a TrueType/OpenType font file. Throws when a table it needs is missing. */
export function fontMetrics(data: Uint8Array): FontMetrics {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const found = tables(view);
  const need = (tag: string) => {
    const table = found.get(tag);
    if (!table) throw new Error(`font has no ${tag} table`);
    return table;
  };
  const unitsPerEm = view.getUint16(need('head').offset + 18);
  const metricsCount = view.getUint16(need('hhea').offset + 34);
  const hmtx = need('hmtx').offset;
  const glyph = glyphLookup(view, need('cmap'));
  const advances = new Map<number, number>();
  const advance = (cp: number) => {
    let units = advances.get(cp);
    if (units === undefined) {
      // Glyphs past the last long metric share its advance.
      units = view.getUint16(hmtx + Math.min(glyph(cp), metricsCount - 1) * 4);
      advances.set(cp, units);
    }
    return units;
  };
  return {
    width(text, size) {
      let units = 0;
      for (const ch of text) units += advance(ch.codePointAt(0)!);
      return (units * size) / unitsPerEm;
    },
  };
}
