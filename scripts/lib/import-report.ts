import path from 'node:path';

/**
 * The import's report: what the import did about each thing the old site had that this site does
 * differently, grouped by kind. Printed (first few items of each group) and written in full to a file.
 */

export type ReportKind = 'images' | 'pages' | 'sections' | 'translations' | 'publishing' | 'frontmatter' | 'dates' | 'links' | 'warnings';

/** Heading of each kind, in the order they are shown. */
const KIND_TITLES: Record<ReportKind, string> = {
  images: '圖片 images',
  pages: '獨立頁面 pages',
  sections: '其他區段 other sections',
  translations: '翻譯 translations',
  publishing: '發布規則 publishing rules',
  frontmatter: '前置資料 front matter',
  dates: '日期 dates',
  links: '站內連結 internal links',
  warnings: '其他警告 other warnings',
};

export interface ReportItem {
  kind: ReportKind;
  /** A short label for counting within the kind (`copied`, `missing`, `draft`, …). */
  tag: string;
  /** Source file, as shown (relative to the project when inside it). */
  file: string;
  line?: number;
  /** What was found and what was done or what to do. */
  message: string;
}

/** How many items of each group the terminal shows before "…and N more". */
export const SHOWN_PER_GROUP = 5;

export class ImportReport {
  readonly items: ReportItem[] = [];
  /** Counters that are not one item per occurrence (images referenced, files copied). */
  readonly counts = new Map<string, number>();

  add(kind: ReportKind, tag: string, file: string, line: number | undefined, message: string) {
    this.items.push({ kind, tag, file, line, message });
  }

  count(key: string, by = 1) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }

  of(kind: ReportKind, tag?: string): ReportItem[] {
    return this.items.filter((i) => i.kind === kind && (tag === undefined || i.tag === tag));
  }

  /** One summary line per kind with its counts; `extra` adds counters first (e.g. images referenced). */
  private summary(kind: ReportKind): string {
    const tags = new Map<string, number>();
    for (const i of this.of(kind)) tags.set(i.tag, (tags.get(i.tag) ?? 0) + 1);
    const counters = [...this.counts].filter(([k]) => k.startsWith(`${kind}.`)).map(([k, n]) => `${n} ${k.slice(kind.length + 1)}`);
    return [...counters, ...[...tags].map(([t, n]) => `${n} ${t}`)].join(', ');
  }

  private kinds(): ReportKind[] {
    return (Object.keys(KIND_TITLES) as ReportKind[]).filter((k) => this.of(k).length || [...this.counts.keys()].some((c) => c.startsWith(`${k}.`)));
  }

  /** The terminal form: each kind's counts, then per group the first few items and how many more. */
  text(limit = SHOWN_PER_GROUP): string {
    const out: string[] = [];
    for (const kind of this.kinds()) {
      out.push(`${KIND_TITLES[kind]}: ${this.summary(kind)}`);
      const groups = Map.groupBy(this.of(kind), (i) => i.tag);
      for (const [tag, items] of groups) {
        out.push(`  ${tag} (${items.length}):`);
        for (const item of items.slice(0, limit)) out.push(`    ${where(item)}  ${item.message}`);
        if (items.length > limit) out.push(`    …還有 ${items.length - limit} 項 and ${items.length - limit} more（見報告檔 see the report file）`);
      }
    }
    return out.join('\n');
  }

  /** The file form: every item, as Markdown. Holds nothing that changes between two runs on one site. */
  markdown(site: string): string {
    const out = ['# Hugo 匯入報告 / Hugo import report', '', `來源 source: \`${site}\``, ''];
    if (!this.kinds().length) out.push('沒有需要注意的事項 / nothing to report', '');
    for (const kind of this.kinds()) {
      out.push(`## ${KIND_TITLES[kind]}`, '', this.summary(kind), '');
      for (const [tag, items] of Map.groupBy(this.of(kind), (i) => i.tag)) {
        out.push(`### ${tag} (${items.length})`, '');
        for (const item of items) out.push(`- \`${where(item)}\` ${item.message}`);
        out.push('');
      }
    }
    return `${out.join('\n').trimEnd()}\n`;
  }
}

/** A path as the report shows it: relative to the project when inside it, else absolute. */
export function shownPath(p: string): string {
  const r = path.relative(process.cwd(), path.resolve(p));
  return r.startsWith('..') ? path.resolve(p) : r;
}

const where = (item: ReportItem) => (item.line ? `${item.file}:${item.line}` : item.file);

/** "N translations skipped: fr (12), en (3)" style counts of a list of keys. */
export function countsByKey(keys: string[]): string {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} (${n})`)
    .join(', ');
}
