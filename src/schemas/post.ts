import { z } from 'zod';
import { TermListSchema, UrlSchema, heroImageField, listOf, publishingFields, referenceList, resolvePublishing } from './fragments';

/** An old site path kept alive by a redirect page: absolute, no scheme or host. */
export const AliasSchema = z
  .string()
  .regex(/^\/[^\s?#]*$/, { error: 'expected a site path starting with "/", such as /2025/01/old-post/' });

/** Hugo's `slug`: one URL segment. */
export const SlugSegmentSchema = z.string().regex(/^[^\s/?#]+$/, { error: 'expected a URL segment without spaces or slashes' });

/** Every field but the hero image, built once: Astro asks for the schema again for each post. */
const postFields = z.object({
  /** Headline. */
  title: z.string().trim().min(1, { error: 'expected a non-empty title' }),
  /** `date`, `lastmod`, `draft` and Hugo's publishing rules (`publishDate`, `expiryDate`, `headless`, `build`). */
  ...publishingFields,
  /** One-sentence summary for lists, feeds and social cards. */
  description: z.string().trim().default(''),
  tags: TermListSchema.default([]),
  categories: TermListSchema.default([]),
  /** Hero image: Hugo's `/images/posts/NAME.webp`, a file next to the post (`./cover.webp`) or an `https://` URL. Set per post below. */
  image: z.never().optional(),
  /** Alternative text for the hero; empty means decorative. */
  image_alt: z.string().trim().default(''),
  /** Where the summarised podcast, talk or paper lives. */
  source_url: UrlSchema.optional(),
  /** Name of the show, conference or journal. */
  source_name: z.string().trim().min(1).optional(),
  related_companies: referenceList('companies').default([]),
  related_people: referenceList('people').default([]),
  /** Old paths that redirect here. */
  aliases: listOf(AliasSchema).default([]),
  /** Hugo's slug: overrides the file name in the URL. */
  slug: SlugSegmentSchema.optional(),
});

/** The front-matter fields a post's schema reads; anything else is reported (src/lib/front-matter-fields.ts). */
export const POST_FIELD_NAMES: readonly string[] = Object.keys(postFields.shape);

/**
 * Front matter of an article, as Hugo wrote it. `image` is Astro's `image()` helper, passed in by the
 * content config for each post (it resolves paths next to that post); scripts outside Astro pass a plain
 * string schema. Only the image field is made per post: building the whole object for each of 1,000
 * posts cost about half a second of content sync. Unknown fields are dropped (and reported by the loader
 * and check:content); Hugo's alternative names
 * for the publish and expiry dates and build options are folded into `publishDate`, `expiryDate` and `build`.
 */
export function createPostSchema<I extends z.ZodType>(image: () => I) {
  return postFields.extend({ image: heroImageField(image).optional() }).transform(resolvePublishing);
}

export type PostData = z.output<ReturnType<typeof createPostSchema<z.ZodType<unknown>>>>;
