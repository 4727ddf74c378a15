import type { APIRoute } from 'astro';
import { getListedPosts } from '../lib/posts';
import { feedResponse } from '../lib/feed-render';
import { siteFeedSpec } from '../lib/feed-list';

/** The site feed, at Hugo's `/index.xml`. */
export const GET: APIRoute = async () => feedResponse(siteFeedSpec(await getListedPosts()));
