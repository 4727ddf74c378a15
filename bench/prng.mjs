/** Small seeded PRNG (mulberry32) and helpers, so the same seed always gives the same corpus bytes. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string, for deriving per-item seeds from names. */
export function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Random {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p) {
    return this.next() < p;
  }
  /** `count` distinct items; `weights` (optional) skews which ones come up. */
  sample(items, count, weights) {
    const chosen = new Set();
    const total = weights ? weights.reduce((a, b) => a + b, 0) : items.length;
    while (chosen.size < Math.min(count, items.length)) {
      if (!weights) {
        chosen.add(Math.floor(this.next() * items.length));
        continue;
      }
      let r = this.next() * total;
      let i = 0;
      while (r >= weights[i]) r -= weights[i++];
      chosen.add(Math.min(i, items.length - 1));
    }
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  }
  chars(alphabet, length) {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}
