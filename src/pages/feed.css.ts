import type { APIRoute } from 'astro';
import globalCss from '../styles/global.css?raw';
import feedCss from '../styles/feed.css?raw';

/**
 * The styles of a feed shown through `/feed.xsl`, at a fixed URL the stylesheet can name: the site's
 * tokens and base typography (light and dark), then the feed page's own rules.
 */
export const GET: APIRoute = () => new Response(`${globalCss}\n${feedCss}`, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
