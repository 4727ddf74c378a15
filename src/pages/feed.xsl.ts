import type { APIRoute } from 'astro';
import { feedStylesheet } from '../lib/feed-stylesheet';

/** The XSL stylesheet that shows a feed opened in a browser as a readable page. */
export const GET: APIRoute = () => new Response(feedStylesheet(), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
