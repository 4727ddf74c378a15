/**
 * The one rule for when a post is published, shared by the pages (src/lib/posts.ts) and by the posts
 * loader, which records for `npm run build` when the next scheduled post comes due. Both read the dates
 * the post schema parsed, so the build never parses front matter on its own.
 */

/** File in the cache dir where the posts loader records the next scheduled post's date. */
export const SCHEDULE_FILE = 'schedule.json';

interface Dated {
  draft: boolean;
  date: Date;
}

/** The one published rule: not a draft, and dated no later than now. */
export function isPublished(data: Dated, now: Date): boolean {
  return !data.draft && data.date.getTime() <= now.getTime();
}

/** The earliest date of a post that is not a draft and not yet published at `now`. */
export function nextScheduled(posts: Iterable<Dated>, now: Date): Date | undefined {
  let next: Date | undefined;
  for (const data of posts) {
    if (data.draft || isPublished(data, now)) continue;
    if (!next || data.date < next) next = data.date;
  }
  return next;
}
