/**
 * The one rule for when a post or page is published, shared by the pages (src/lib/posts.ts,
 * src/lib/pages.ts), by `check:content`, and by the content loaders, which record for `npm run build`
 * when the published set next changes. All of them read the dates the schemas parsed, so the build never
 * parses front matter on its own.
 */

/** File in the cache dir where the posts loader records the next moment the published posts change. */
export const SCHEDULE_FILE = 'schedule.json';
/** The same for the pages loader (a separate file: the two collections load at the same time). */
export const PAGES_SCHEDULE_FILE = 'schedule-pages.json';

/** What those files hold: the next change (ISO 8601), or null when none is scheduled. */
export interface ScheduleNote {
  next: string | null;
  change?: 'publish' | 'expire';
  /** The entry's file, relative to the project root. */
  file?: string;
}

/** Hugo's build options, as the schemas normalise them (`headless: true` means neither). */
export interface BuildOptions {
  /** Whether the entry gets a page of its own (Hugo `build.render` is not `never`). */
  render: boolean;
  /** Whether the entry appears in lists, feeds and related posts (Hugo `build.list` is not `never`). */
  list: boolean;
}

export interface Scheduled {
  draft: boolean;
  /** Required for posts; a standalone page may have none. */
  date?: Date;
  /** Hugo `publishDate`: when set, the entry is published from then instead of from `date`. */
  publishDate?: Date;
  /** Hugo `expiryDate`: from then on the entry is no longer published. */
  expiryDate?: Date;
}

/** The moment an entry becomes published: its `publishDate`, else its `date`; undefined for an undated page. */
export const publishAt = (data: Scheduled): Date | undefined => data.publishDate ?? data.date;

/**
 * The one published rule: not a draft, its publish moment (`publishDate`, else `date`) has come, and it
 * has no `expiryDate` or that moment is still to come.
 */
export function isPublished(data: Scheduled, now: Date): boolean {
  const t = now.getTime();
  const start = publishAt(data);
  return !data.draft && (start === undefined || start.getTime() <= t) && (data.expiryDate === undefined || data.expiryDate.getTime() > t);
}

/** Published and given a page of its own (not `headless`, not `build.render: never`). */
export function isRendered(data: Scheduled & { build?: BuildOptions }, now: Date): boolean {
  return isPublished(data, now) && data.build?.render !== false;
}

/** Rendered and shown in lists, feeds and related posts (not `build.list: never`). */
export function isListed(data: Scheduled & { build?: BuildOptions }, now: Date): boolean {
  return isRendered(data, now) && data.build?.list !== false;
}

/** A moment at which an entry's published state changes: it goes live, or it expires. */
export interface ScheduledChange<T> {
  at: Date;
  change: 'publish' | 'expire';
  entry: T;
}

/**
 * The earliest moment after `now` at which `isPublished` changes for one of the entries, and which entry
 * and change it is: a future publish moment, or a future `expiryDate` of an entry that is (or will be)
 * published before it. Drafts never change, and neither do entries that are never built. `npm run build`
 * treats its output as stale from then on, and names the entry.
 */
export function nextChange<T extends Scheduled & { build?: BuildOptions }>(entries: Iterable<T>, now: Date): ScheduledChange<T> | undefined {
  let next: ScheduledChange<T> | undefined;
  const consider = (at: Date, change: ScheduledChange<T>['change'], entry: T) => {
    if (at.getTime() > now.getTime() && (!next || at < next.at)) next = { at, change, entry };
  };
  for (const data of entries) {
    if (data.draft || data.build?.render === false) continue;
    const start = publishAt(data);
    const end = data.expiryDate;
    // Expired no later than it was due: never published, so neither moment changes anything.
    if (end !== undefined && start !== undefined && end.getTime() <= start.getTime()) continue;
    if (start !== undefined) consider(start, 'publish', data);
    if (end !== undefined) consider(end, 'expire', data);
  }
  return next;
}

/** The moment of `nextChange`, or undefined when nothing is scheduled. */
export function nextScheduled(entries: Iterable<Scheduled & { build?: BuildOptions }>, now: Date): Date | undefined {
  return nextChange(entries, now)?.at;
}
