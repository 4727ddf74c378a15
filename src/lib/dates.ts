import { site } from '../site.config';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * One wall-clock formatter per time zone: creating an `Intl.DateTimeFormat` costs far more than using one,
 * and every date on every page goes through here (with a formatter per call, about 5 % of the busy
 * main-thread time of a 200-article build in a CPU profile).
 */
const wallClocks = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClocks.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of `timeZone` from UTC at `instant`, in minutes. */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = wallClock(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant.getTime()) / 60000);
}

/** The instant at which a wall-clock time in `timeZone` occurs. */
export function zonedTimeToInstant(
  [year, month, day, hour = 0, minute = 0, second = 0]: number[],
  timeZone: string = site.timezone,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const offset = zoneOffsetMinutes(new Date(guess), timeZone);
  return new Date(guess - offset * 60000);
}

/**
 * Reads a front-matter date the way Hugo does. YAML already turns unquoted timestamps into `Date`s;
 * a date-only YAML value arrives as UTC midnight and is re-read as that calendar day in the site's zone.
 * Returns `undefined` when the value is not a date.
 */
export function parseFrontMatterDate(value: unknown, timeZone: string = site.timezone): Date | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const isUtcMidnight = value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0 && value.getUTCMilliseconds() === 0;
    return isUtcMidnight
      ? zonedTimeToInstant([value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()], timeZone)
      : value;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (WITH_OFFSET.test(text)) {
    const date = new Date(text.replace(' ', 'T'));
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const m = LOCAL_DATE.exec(text);
  if (!m) return undefined;
  const fields = m.slice(1).filter((x) => x !== undefined).map(Number);
  const [y, mo, d] = fields;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return undefined;
  return zonedTimeToInstant(fields, timeZone);
}

const dateFormatter = new Intl.DateTimeFormat(site.locale, {
  timeZone: site.timezone,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

/** "2026年3月1日" in the site's locale and zone. */
export function formatDate(date: Date): string {
  return dateFormatter.format(date);
}

/** Calendar parts of a date in the site's zone, for grouping (archive) and paths. */
export function zonedParts(date: Date): { year: number; month: number; day: number } {
  const parts = wallClock(site.timezone).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** ISO 8601 with the site's offset (`2026-03-01T07:00:00+08:00`), for `<time datetime>` and JSON-LD. */
export function toZonedIso(date: Date): string {
  const offset = zoneOffsetMinutes(date, site.timezone);
  const local = new Date(date.getTime() + offset * 60000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}
