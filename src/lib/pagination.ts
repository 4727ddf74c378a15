import { pageUrl } from './urls';

export interface PageInfo {
  /** 1-based page number. */
  current: number;
  last: number;
  total: number;
  prevUrl?: string;
  nextUrl?: string;
  /** URL of every page, index 0 is page 1, for numbered links. */
  urls: string[];
}

export interface Page<T> {
  items: T[];
  info: PageInfo;
}

/**
 * Splits `items` into pages with Hugo's URL scheme: page 1 at `baseUrl`, page N at `baseUrl/page/N/`.
 * An empty list still has one (empty) page.
 */
export function paginate<T>(items: T[], pageSize: number, baseUrl: string): Page<T>[] {
  const last = Math.max(1, Math.ceil(items.length / pageSize));
  const urls = Array.from({ length: last }, (_, i) => pageUrl(baseUrl, i + 1));
  return urls.map((_, i) => ({
    items: items.slice(i * pageSize, (i + 1) * pageSize),
    info: {
      current: i + 1,
      last,
      total: items.length,
      prevUrl: i > 0 ? urls[i - 1] : undefined,
      nextUrl: i < last - 1 ? urls[i + 1] : undefined,
      urls,
    },
  }));
}

/** Page numbers to show as links: first, last and two either side of the current one; `null` marks a gap. */
export function pageWindow(current: number, last: number, radius = 2): (number | null)[] {
  const shown = new Set([1, last]);
  for (let p = current - radius; p <= current + radius; p++) if (p >= 1 && p <= last) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  return sorted.flatMap((p, i) => (i > 0 && p - sorted[i - 1] > 1 ? [null, p] : [p]));
}
