import { getCollection, render, type CollectionEntry } from 'astro:content';
import { htmlFileOf, readStoredHtml } from './rendered-html';
import { isPublished } from './schedule';

export { isPublished };

export type Post = CollectionEntry<'posts'>;

export interface PublishOptions {
  /** The moment the build runs; posts dated later are scheduled, not published. */
  now: Date;
  /** `npm run dev` shows drafts and scheduled posts (with a badge); builds never do. */
  includeUnpublished: boolean;
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

/**
 * Renders a post's body: Astro's `render()`, with the HTML that the posts loader keeps outside the data
 * store (see src/lib/rendered-html.ts) put back first. Pages and feeds render posts only through this;
 * `render()` on a stored Markdown entry alone would give an empty body.
 */
export async function renderPost(post: Post): ReturnType<typeof render> {
  const file = htmlFileOf(post);
  if (file === undefined) return render(post);
  const html = await readStoredHtml(file).catch((error: Error) => {
    throw new Error(`${post.filePath}: its rendered HTML (${file}) is gone from the cache or damaged; build again to render it anew (${error.message})`);
  });
  return render({ ...post, rendered: { ...post.rendered!, html } });
}
