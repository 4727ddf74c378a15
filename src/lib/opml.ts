import { escapeHtml } from './embeds';
import { xmlSafe } from './feed';
import type { FeedEntry, FeedGroup } from './feed-list';

/** An attribute value: forbidden characters dropped, then `& < > " '` escaped. */
const attr = (value: string) => escapeHtml(xmlSafe(value));

const feedOutline = (feed: FeedEntry, absolute: (path: string) => string, indent: string) =>
  `${indent}<outline type="rss" text="${attr(feed.title)}" title="${attr(feed.title)}" xmlUrl="${attr(absolute(feed.url))}" htmlUrl="${attr(absolute(feed.pageUrl))}"/>`;

/**
 * An OPML 2.0 subscription list (opml.org/spec2) of every feed: the site feed at the top level, each
 * taxonomy as a folder outline holding its term feeds, so a reader that imports it files them the same
 * way. `absolute` turns a site path into the URL a reader fetches. No `dateCreated`: the file changes
 * only when the feeds do.
 */
export function feedsOpml(groups: FeedGroup[], { title, absolute }: { title: string; absolute: (path: string) => string }): string {
  const body = groups.flatMap((group) =>
    group.key === 'site'
      ? group.feeds.map((feed) => feedOutline(feed, absolute, '    '))
      : [`    <outline text="${attr(group.label)}" title="${attr(group.label)}">`, ...group.feeds.map((feed) => feedOutline(feed, absolute, '      ')), '    </outline>'],
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${attr(title)}</title>`,
    '    <docs>http://opml.org/spec2.opml</docs>',
    '  </head>',
    '  <body>',
    ...body,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
