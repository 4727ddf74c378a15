import type { Post } from './posts';
import { zonedParts } from './dates';

export interface ArchiveMonth {
  month: number;
  /** Element id, `y2026-m03`, for in-page links. */
  id: string;
  posts: Post[];
}

export interface ArchiveYear {
  year: number;
  count: number;
  months: ArchiveMonth[];
}

/**
 * Groups posts by year and month of their date in the site's time zone (a post at 07:00 on 1 March in
 * Taipei is a March post). `posts` must be newest first; years, months and posts keep that order.
 */
export function archiveGroups(posts: Post[]): ArchiveYear[] {
  const years: ArchiveYear[] = [];
  for (const post of posts) {
    const { year, month } = zonedParts(post.data.date);
    let y = years.at(-1);
    if (y?.year !== year) years.push((y = { year, count: 0, months: [] }));
    let m = y.months.at(-1);
    if (m?.month !== month) y.months.push((m = { month, id: `y${year}-m${String(month).padStart(2, '0')}`, posts: [] }));
    m.posts.push(post);
    y.count++;
  }
  return years;
}
