import { getCollection, type CollectionEntry } from 'astro:content';

export type Post = CollectionEntry<'posts'>;

export interface PublishOptions {
  /** The moment the build runs; posts dated later are scheduled, not published. */
  now: Date;
  /** `npm run dev` shows drafts and scheduled posts (with a badge); builds never do. */
  includeUnpublished: boolean;
}

/** The one published rule: not a draft, and dated no later than now. */
export function isPublished(data: { draft: boolean; date: Date }, now: Date): boolean {
  return !data.draft && data.date.getTime() <= now.getTime();
}

/** Why a post would be hidden in production, for the dev-only badge; undefined when it is published. */
export function unpublishedReason(data: { draft: boolean; date: Date }, now: Date): 'draft' | 'scheduled' | undefined {
  if (data.draft) return 'draft';
  if (data.date.getTime() > now.getTime()) return 'scheduled';
  return undefined;
}

/** Newest first; ties broken by id so every listing is stable. */
export function compareNewestFirst(a: Post, b: Post): number {
  return b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id);
}

export function defaultPublishOptions(): PublishOptions {
  return { now: new Date(), includeUnpublished: import.meta.env.DEV };
}

let cache: Promise<Post[]> | undefined;

/** Every post a reader may see in this build, newest first. Pages, lists, taxonomies and feeds use only this. */
export function getPublishedPosts(options: PublishOptions = defaultPublishOptions()): Promise<Post[]> {
  const load = async () => {
    const posts = await getCollection('posts', ({ data }) => options.includeUnpublished || isPublished(data, options.now));
    return posts.sort(compareNewestFirst);
  };
  if (import.meta.env.DEV) return load();
  cache ??= load();
  return cache;
}
