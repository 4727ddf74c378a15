import { site } from '../site.config';
import { escapeHtml } from './embeds';
import { formatDate, toZonedIso } from './dates';
import { absoluteUrl, feedStylesheetCssUrl, feedStylesheetUrl, homeUrl, subscribeUrl } from './urls';

/**
 * What a browser shows for a feed. Every feed names `/feed.xsl` in an `<?xml-stylesheet?>` instruction;
 * browsers that still run XSLT turn the feed into a zh-TW page (what this is, how to subscribe, the latest
 * items), while feed readers ignore the instruction. The page gets the feed's own response headers: the
 * CSP for feeds in public/_headers allows the XSL (script-src 'self'), one stylesheet file (style-src
 * 'self') and nothing inline, so the output carries no style attributes and no scripts.
 */

/** Namespace of the item elements only the stylesheet reads. */
export const FEED_DISPLAY_NAMESPACE = absoluteUrl(feedStylesheetUrl());
export const FEED_DISPLAY_PREFIX = 'site';

/**
 * An item's date as the site shows it (2026年3月1日, in the site's zone), for the stylesheet: XSLT 1.0
 * cannot move `pubDate` (GMT) into Taipei time, and a 07:00 post would show the day before.
 */
export function itemDisplayDateXml(date: Date): string {
  return `<${FEED_DISPLAY_PREFIX}:date datetime="${escapeHtml(toZonedIso(date))}">${escapeHtml(formatDate(date))}</${FEED_DISPLAY_PREFIX}:date>`;
}

/** The XSLT 1.0 stylesheet at `/feed.xsl`. Text from feeds goes through `xsl:value-of`, so it is never markup. */
export function feedStylesheet(): string {
  const text = (value: string) => escapeHtml(value);
  return `<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:${FEED_DISPLAY_PREFIX}="${text(FEED_DISPLAY_NAMESPACE)}"
  exclude-result-prefixes="atom ${FEED_DISPLAY_PREFIX}">
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="no"/>
  <xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href"/>
  <xsl:template match="/">
    <html lang="${text(site.locale)}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="/rss/channel/title"/>（RSS 訂閱來源）</title>
        <link rel="stylesheet" href="${text(feedStylesheetCssUrl())}"/>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
      </head>
      <body>
        <header class="feed-site">
          <div class="container"><a class="feed-site__title" href="${text(homeUrl())}">${text(site.title)}</a></div>
        </header>
        <main id="main" class="container feed">
          <p class="feed__kicker">RSS 訂閱來源</p>
          <h1 class="feed__title"><xsl:value-of select="/rss/channel/title"/></h1>
          <p class="feed__lede"><xsl:value-of select="/rss/channel/description"/></p>
          <section class="feed__about" aria-labelledby="feed-about">
            <h2 id="feed-about">這是給 RSS 閱讀器的網址</h2>
            <p>RSS 讓你在閱讀器裡收到新文章：不必註冊帳號，也不必留下 email。把這個網址貼到 RSS 閱讀器（例如 Feedly、Inoreader、NetNewsWire）的「新增訂閱」，有新文章時就會出現在閱讀器裡。</p>
            <p class="feed__url"><code><xsl:value-of select="$self"/></code></p>
            <p class="feed__links">
              <a href="${text(subscribeUrl())}">所有訂閱來源</a>
              <a href="{/rss/channel/link}">在網站上瀏覽</a>
            </p>
          </section>
          <section aria-labelledby="feed-latest">
            <h2 id="feed-latest" class="feed__latest">最新文章</h2>
            <xsl:if test="not(/rss/channel/item)"><p>目前還沒有文章。</p></xsl:if>
            <ol class="feed__items">
              <xsl:for-each select="/rss/channel/item">
                <li class="feed__item">
                  <h3 class="feed__item-title"><a href="{link}"><xsl:value-of select="title"/></a></h3>
                  <xsl:if test="${FEED_DISPLAY_PREFIX}:date">
                    <p class="feed__item-date"><time datetime="{${FEED_DISPLAY_PREFIX}:date/@datetime}"><xsl:value-of select="${FEED_DISPLAY_PREFIX}:date"/></time></p>
                  </xsl:if>
                  <xsl:if test="description"><p class="feed__item-summary"><xsl:value-of select="description"/></p></xsl:if>
                </li>
              </xsl:for-each>
            </ol>
          </section>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
`;
}
