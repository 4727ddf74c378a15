import { site } from '../site.config';
import type { OgImage } from './og';
import { toZonedIso } from './dates';

/** A feed a page advertises with `<link rel="alternate">`. */
export interface FeedLink {
  title: string;
  href: string;
}

/** Social and search metadata a page adds to the defaults every page gets. */
export interface Seo {
  /** `article` for posts; everything else is a `website` page. */
  type?: 'website' | 'article';
  /** Social-card image; BaseLayout gives pages without one the site's card. */
  image?: OgImage;
  /** Publication and update times of an article. */
  published?: Date;
  modified?: Date;
  /** Keywords of an article (`article:tag`). */
  tags?: string[];
  /** A term page's own feed, listed after the site feed. */
  feed?: FeedLink;
  /** Structured data, serialized with `jsonLdScript`. */
  jsonLd?: Record<string, unknown>;
}

/** A value for `<meta content>` made of article times: ISO 8601 in the site's zone. */
export const isoTime = (date: Date) => toZonedIso(date);

/**
 * JSON for an inline `<script type="application/ld+json">`. `<`, `>` and `&` are escaped as `\u003c` etc.
 * so no value can close the script element or open a comment; U+2028/2029 are escaped for old parsers.
 */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface ArticleLdInput {
  title: string;
  description: string;
  url: string;
  published: Date;
  modified?: Date;
  image?: OgImage;
  tags: string[];
  section?: string;
  /** Companies and people the article is about, with their profile page URLs. */
  companies: { name: string; url: string; sameAs?: string }[];
  people: { name: string; url: string; sameAs?: string }[];
  logoUrl: string;
}

/** schema.org `NewsArticle` for one article. */
export function articleJsonLd(input: ArticleLdInput): Record<string, unknown> {
  const thing = (type: 'Organization' | 'Person') => (e: { name: string; url: string; sameAs?: string }) => ({
    '@type': type,
    name: e.name,
    url: e.url,
    ...(e.sameAs ? { sameAs: e.sameAs } : {}),
  });
  const entities = [...input.companies.map(thing('Organization')), ...input.people.map(thing('Person'))];
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: input.title,
    ...(input.description ? { description: input.description } : {}),
    url: input.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    inLanguage: site.locale,
    datePublished: toZonedIso(input.published),
    dateModified: toZonedIso(input.modified ?? input.published),
    author: { '@type': 'Organization', name: site.author.name, url: site.author.url ?? site.url },
    publisher: { '@type': 'Organization', name: site.title, url: new URL('/', site.url).href, logo: { '@type': 'ImageObject', url: input.logoUrl } },
    ...(input.image ? { image: { '@type': 'ImageObject', url: input.image.url, ...(input.image.width ? { width: input.image.width, height: input.image.height } : {}) } } : {}),
    ...(input.tags.length ? { keywords: input.tags.join(', ') } : {}),
    ...(input.section ? { articleSection: input.section } : {}),
    // The companies and people in the front matter are what the article is about.
    ...(entities.length ? { about: entities } : {}),
  };
}
