import type { APIRoute } from 'astro';
import { site } from '../site.config';
import { getFeedGroups } from '../lib/feed-list';
import { feedsOpml } from '../lib/opml';
import { absoluteUrl } from '../lib/urls';

/** Every feed of the site as one OPML file, for readers that import a whole list. */
export const GET: APIRoute = async () =>
  new Response(feedsOpml(await getFeedGroups(), { title: `${site.title}的所有 RSS 訂閱來源`, absolute: absoluteUrl }), {
    headers: { 'Content-Type': 'text/x-opml; charset=utf-8' },
  });
