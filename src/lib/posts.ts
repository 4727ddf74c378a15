import { getCollection, render, type CollectionEntry } from 'astro:content';
import { htmlFileOf, readStoredHtml } from './rendered-html';
import { isListed, isPublished, isRendered, publishAt, type BuildOptions, type Scheduled } from './schedule';

export { isListed, isPublished, isRendered };

export type Post = CollectionEntry<'posts'>;

export interface PublishOptions {
  /** The moment the build runs; posts due later are scheduled, and posts expired by then are gone. */
  now: Date;
  /** `npm run dev` shows drafts and scheduled posts (with a badge); builds never do. */
  includeUnpublished: boolean;
}


export type UnpublishedReason = 'draft' | 'scheduled' | 'expired';

/** Why a post would be hidden in production, for the dev-only badge; undefined when it is published. */
export function unpublishedReason(data: Scheduled, now: Date): UnpublishedReason | undefined {
  if (data.draft) return 'draft';
  if ((publishAt(data)?.getTime() ?? -Infinity) > now.getTime()) return 'scheduled';
  if (!isPublished(data, now)) return 'expired';
  return undefined;
}

/** Newest first; ties broken by id so every listing is stable. */
export function compareNewestFirst(a: Post, b: Post): number {
  return b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id);
}

export function defaultPublishOptions(): PublishOptions {
  return { now: new Date(), includeUnpublished: import.meta.env.DEV };
}

/**
 * Whether a post gets a page in this build: published (or shown anyway in dev) and not `headless` or
 * `build.render: never`, which no build renders.
 */
function visible(data: Scheduled & { build: BuildOptions }, options: PublishOptions): boolean {
  return options.includeUnpublished ? data.build.render : isRendered(data, options.now);
}

let cache: Promise<Post[]> | undefined;

/**
 * Every post that has a page in this build, newest first: the article pages and their redirects use this.
 * Lists, taxonomies, feeds, related posts and search use `getListedPosts`, which leaves out `build.list: never`.
 */
export function getPublishedPosts(options: PublishOptions = defaultPublishOptions()): Promise<Post[]> {
  const load = async () => {
    const posts = await getCollection('posts', ({ data }) => visible(data, options));
    return posts.sort(compareNewestFirst);
  };
  if (import.meta.env.DEV) return load();
  cache ??= load();
  return cache;
}

const listedCache = new WeakMap<Post[], Post[]>();

/** The published posts that appear in lists, feeds, related posts and search (not `build.list: never`), newest first. */
export async function getListedPosts(options: PublishOptions = defaultPublishOptions()): Promise<Post[]> {
  const posts = await getPublishedPosts(options);
  let listed = listedCache.get(posts);
  if (!listed) {
    listed = posts.filter((post) => post.data.build.list);
    listedCache.set(posts, listed);
  }
  return listed;
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
