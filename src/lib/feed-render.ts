import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import rss from '@astrojs/rss';
import { site } from '../site.config';
import { renderPost, type Post } from './posts';
import { absoluteUrl, feedStylesheetUrl, postUrl } from './urls';
import { FEED_DISPLAY_NAMESPACE, FEED_DISPLAY_PREFIX, itemDisplayDateXml } from './feed-stylesheet';
import { feedHtml, heroHtml, MEDIA_RSS_NAMESPACE, mediaContentXml, newest, xmlSafe } from './feed';
import { ogImage } from './og';
import { escapeHtml } from './embeds';
import { ARTICLE_COMPONENTS } from '../components/mdx/article-components';

/** What one feed is about; the site feed and every term feed differ only in these. */
export interface FeedSpec {
  /** Channel title, e.g. the site title, or 標籤：開源 AI｜site title. */
  title: string;
  description: string;
  /** Site path of the feed itself (`/index.xml`), for `atom:link rel="self"`. */
  feedPath: string;
  /** Site path of the page the feed mirrors (`/`, `/tags/x/`). */
  pagePath: string;
  /** Published posts, newest first; the newest `site.feedSize` become items. */
  posts: Post[];
}

let container: Promise<AstroContainer> | undefined;
const getContainer = () =>
  (container ??= (async () => AstroContainer.create({ renderers: await loadRenderers([getContainerRenderer()]) }))());

/** Rendered item bodies by post id: a post appears in the site feed and in each of its terms' feeds. */
const bodies = new Map<string, Promise<string>>();

/** The full article as feed HTML: the hero first, then the body rendered from `.md` or `.mdx`. */
export function feedItemContent(post: Post): Promise<string> {
  let body = bodies.get(post.id);
  if (!body) {
    body = (async () => {
      const [renderer, { Content }] = await Promise.all([getContainer(), renderPost(post)]);
      const html = await renderer.renderToString(Content, { props: { components: ARTICLE_COMPONENTS } });
      const hero = post.data.image ? heroHtml(await ogImage(post.data.image, post.data.image_alt)) : '';
      return hero + feedHtml(html, absoluteUrl(postUrl(post.id)));
    })();
    bodies.set(post.id, body);
  }
  return body;
}

async function itemCustomData(post: Post): Promise<string> {
  const common = `<dc:creator>${escapeHtml(xmlSafe(site.author.name))}</dc:creator>${itemDisplayDateXml(post.data.date)}`;
  if (!post.data.image) return common;
  return common + mediaContentXml(await ogImage(post.data.image, post.data.image_alt));
}

/** An RSS 2.0 response with the full text of the newest posts, styled for browsers by `/feed.xsl`. */
export async function feedResponse(spec: FeedSpec): Promise<Response> {
  const posts = newest(spec.posts, site.feedSize);
  const items = await Promise.all(
    posts.map(async (post) => ({
      title: xmlSafe(post.data.title),
      link: absoluteUrl(postUrl(post.id)),
      pubDate: post.data.date,
      description: xmlSafe(post.data.description) || undefined,
      categories: [...post.data.categories, ...post.data.tags].map(xmlSafe),
      content: await feedItemContent(post),
      customData: await itemCustomData(post),
    })),
  );
  return rss({
    title: xmlSafe(spec.title),
    description: xmlSafe(spec.description),
    site: absoluteUrl(spec.pagePath),
    xmlns: { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/', media: MEDIA_RSS_NAMESPACE, [FEED_DISPLAY_PREFIX]: FEED_DISPLAY_NAMESPACE },
    stylesheet: feedStylesheetUrl(),
    customData:
      `<language>${site.locale}</language>` +
      `<atom:link href="${escapeHtml(absoluteUrl(spec.feedPath))}" rel="self" type="application/rss+xml" />`,
    items,
  });
}
