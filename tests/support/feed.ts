import Parser from 'rss-parser';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SITE_DIST } from './fixture';

export interface FeedItem {
  title: string;
  link: string;
  guid: string;
  pubDate: string;
  content: string;
  description?: string;
  categories: string[];
  media?: { url: string; width: string; height: string; type: string };
}

export interface Feed {
  title: string;
  link: string;
  language: string;
  items: FeedItem[];
  xml: string;
}

type Media = { $: { url: string; width: string; height: string; type: string } };
const parser = new Parser<{ language: string }, { 'media:content'?: Media; 'content:encoded'?: string; description?: string }>({
  customFields: { feed: ['language'], item: ['media:content', 'description'] },
});

/** Parses a built feed of the site fixture with rss-parser (xml2js/sax in strict mode). */
export async function readFeed(urlPath: string): Promise<Feed> {
  const xml = readFileSync(path.join(SITE_DIST, decodeURIComponent(urlPath)), 'utf8');
  const feed = await parser.parseString(xml);
  return {
    title: feed.title ?? '',
    link: feed.link ?? '',
    language: feed.language,
    xml,
    items: feed.items.map((item) => ({
      title: item.title ?? '',
      link: item.link ?? '',
      guid: item.guid ?? '',
      pubDate: item.pubDate ?? '',
      content: item['content:encoded'] ?? '',
      description: item.description,
      categories: item.categories ?? [],
      media: item['media:content']?.$,
    })),
  };
}
