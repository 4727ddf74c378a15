import type { APIRoute } from 'astro';
import { site } from '../site.config';
import { getListedPosts } from '../lib/posts';
import { feedResponse } from '../lib/feed-render';
import { homeUrl, siteFeedUrl } from '../lib/urls';

/** The site feed, at Hugo's `/index.xml`. */
export const GET: APIRoute = async () =>
  feedResponse({
    title: site.title,
    description: site.description,
    feedPath: siteFeedUrl(),
    pagePath: homeUrl(),
    posts: await getListedPosts(),
  });
