import { postUrl } from './urls';

/** One old URL kept alive by a static redirect page. */
export interface Redirect {
  /** Old site path, as in the front matter (`/2025/12/old-post/`). */
  from: string;
  /** Site path of the article it now lives at. */
  to: string;
  /** Title of the article or page, for the visible link. */
  title: string;
  /** A standalone page's old URL; an article's otherwise. */
  kind?: 'page';
}

interface AliasSource {
  id: string;
  data: { title: string; aliases: string[] };
}

/** Path of a built folder for an alias: `/2025/12/old/` → `2025/12/old`. */
export const aliasParam = (from: string) => decodeURI(from).replace(/^\/+|\/+$/g, '');

/**
 * Every alias of the given (published) posts. Fails naming the posts when two claim the same old path or
 * an alias is the URL of an article, since either would silently send readers to the wrong page.
 */
export function collectRedirects(posts: readonly AliasSource[]): Redirect[] {
  const articlePaths = new Map(posts.map((p) => [aliasParam(postUrl(p.id)), p.id]));
  const claimed = new Map<string, string>();
  const redirects: Redirect[] = [];
  for (const post of posts) {
    for (const from of post.data.aliases) {
      const key = aliasParam(from);
      const article = articlePaths.get(key);
      if (article !== undefined) {
        throw new Error(`posts/${post.id}: aliases "${from}" is the URL of the article "${article}"; expected an old path no page uses`);
      }
      const other = claimed.get(key);
      if (other !== undefined) {
        if (other === post.id) continue;
        throw new Error(`posts/${post.id}: aliases "${from}" is also an alias of "${other}"; expected each old path to redirect to one article`);
      }
      claimed.set(key, post.id);
      redirects.push({ from, to: postUrl(post.id), title: post.data.title });
    }
  }
  return redirects;
}
