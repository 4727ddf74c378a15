import path from 'node:path';
import { z } from 'zod';
import { parseFrontMatterDate } from '../lib/dates';
import { entrySlugs, hugoImageToProjectPath, projectFileExists } from '../lib/paths';
import { isRemoteImage, remoteImageUrl } from '../lib/remote-images';

/** A lower-case, hyphenated identifier used for companies and people (`together-ai`). */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'expected a slug of lower-case letters, digits and single hyphens' });

/**
 * A Hugo date: a YAML timestamp, an ISO string with offset, or a date / date-time without offset,
 * which is read as Taipei local time (a date-only value is that calendar day in Taipei).
 */
export const DateSchema = z.unknown().transform((value, ctx) => {
  const date = parseFrontMatterDate(value);
  if (!date) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a date such as 2026-03-01 or 2026-03-01T07:00:00+08:00, got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return date;
});

/** A Hugo list field: missing or null means empty, a single string means a one-item list. Items are trimmed. */
export function listOf<T extends z.ZodType<string, string>>(item: T) {
  return z.preprocess(
    (v) => (v == null ? [] : typeof v === 'string' ? [v] : v),
    z.array(z.string().trim().min(1, { error: 'expected a non-empty string' }).pipe(item)),
  );
}

export const TermListSchema = listOf(z.string());

/** Slugs that must name an entry in `content/<collection>/`. */
export function referenceList(collection: 'companies' | 'people') {
  return listOf(SlugSchema).superRefine((slugs, ctx) => {
    const known = entrySlugs(collection);
    slugs.forEach((slug, i) => {
      if (SlugSchema.safeParse(slug).success && !known.has(slug)) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `unknown ${collection === 'companies' ? 'company' : 'person'} "${slug}"; expected a file content/${collection}/${slug}.yaml`,
        });
      }
    });
  });
}

/**
 * Turns a front-matter image path into one `image()` can resolve: Hugo's `/images/…` becomes the
 * matching file under `assets/images/`; a relative path (page bundle) is left to resolve next to the post.
 */
export function normaliseImagePath(value: unknown, ctx: { addIssue: (issue: z.core.$ZodRawIssue) => void }) {
  if (typeof value !== 'string') return value;
  const raw = value.trim();
  if (/^https?:\/\//.test(raw)) {
    ctx.addIssue({ code: 'custom', input: value, message: `remote image "${raw}" is not supported; expected a local file under /images/ or next to the post` });
    return z.NEVER;
  }
  if (raw.startsWith('/images/')) {
    const file = hugoImageToProjectPath(raw);
    if (!projectFileExists(file)) {
      ctx.addIssue({ code: 'custom', input: value, message: `image "${raw}" not found; expected file at ${file}` });
      return z.NEVER;
    }
    // Vite reads a leading "/" as the project root and also accepts an absolute path (a CONTENT_ROOT outside the project).
    return path.isAbsolute(file) ? file : `/${file}`;
  }
  if (raw.startsWith('/')) {
    ctx.addIssue({ code: 'custom', input: value, message: `image "${raw}" must start with /images/ or be relative to the post (./cover.webp)` });
    return z.NEVER;
  }
  return raw.startsWith('.') ? raw : `./${raw}`;
}

/** Wraps Astro's `image()` so Hugo paths resolve and a missing file names the expected path. */
export function imageField<T extends z.ZodType>(image: () => T) {
  return z.preprocess(normaliseImagePath, image());
}

/**
 * A hero image: a local file, as `imageField` resolves it, or an image on another site (`https://…`),
 * kept as its URL (an `http://` one upgraded to https) and shown without optimisation.
 */
export function heroImageField<T extends z.ZodType>(image: () => T) {
  return z.preprocess(
    (value, ctx) => {
      if (!isRemoteImage(value)) return normaliseImagePath(value, ctx);
      const url = remoteImageUrl(value);
      if (url) return { remote: url };
      ctx.addIssue({ code: 'custom', input: value, message: `remote image "${value.trim()}" is not a valid URL; expected https://host/path` });
      return z.NEVER;
    },
    // The preprocess step has already told remote URLs from local paths, and refused bad ones with its own message.
    z.union([z.object({ remote: z.string() }).transform(({ remote }) => remote), image()]),
  );
}

/** An https URL (http is accepted for old sources). */
export const UrlSchema = z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' });

/** Hugo's names for the publish date, the canonical one first (Hugo reads each as `publishDate`). */
export const PUBLISH_DATE_KEYS = ['publishDate', 'publishdate', 'pubdate', 'published'] as const;
/** Hugo's names for the expiry date, the canonical one first. */
export const EXPIRY_DATE_KEYS = ['expiryDate', 'expirydate', 'unpublishdate'] as const;
/** Every front-matter field read as a date (the loaders re-read these from the source text). */
export const DATE_FIELD_NAMES = ['date', 'lastmod', ...PUBLISH_DATE_KEYS, ...EXPIRY_DATE_KEYS] as const;

/** Hugo `build.render`: `always` (or true) builds the page; `never`, `link` (or false) do not. */
const RenderOption = z
  .union([z.boolean(), z.enum(['always', 'never', 'link'])], { error: 'expected "always", "never" or "link"' })
  .transform((v) => v === true || v === 'always');
/** Hugo `build.list`: `always` (or true) lists the page; `never`, `local` (or false) do not, since every list here is site-wide. */
const ListOption = z
  .union([z.boolean(), z.enum(['always', 'never', 'local'])], { error: 'expected "always", "never" or "local"' })
  .transform((v) => v === true || v === 'always');
const HugoBuildSchema = z.object({
  render: RenderOption.default(true),
  list: ListOption.default(true),
});

/**
 * Front-matter fields of Hugo's publishing rules, shared by posts and pages. `resolvePublishing` folds
 * the aliases into `publishDate`, `expiryDate` and `build` afterwards.
 */
export const publishingFields = {
  /** Publication time; date-only values are that day in Taipei. */
  date: DateSchema,
  /** Last substantial update, shown as 更新於. */
  lastmod: DateSchema.optional(),
  /** Published from this moment instead of `date` (Hugo also reads `publishdate`, `pubdate`, `published`). */
  publishDate: DateSchema.optional(),
  publishdate: DateSchema.optional(),
  pubdate: DateSchema.optional(),
  published: DateSchema.optional(),
  /** No longer published from this moment (Hugo also reads `expirydate`, `unpublishdate`). */
  expiryDate: DateSchema.optional(),
  expirydate: DateSchema.optional(),
  unpublishdate: DateSchema.optional(),
  /** Drafts show only in `npm run dev`. */
  draft: z.boolean().default(false),
  /** Hugo `headless: true`: never built, never listed. */
  headless: z.boolean().default(false),
  /** Hugo build options: `render: never` builds no page; `list: never` keeps it out of lists, feeds and related posts. */
  build: HugoBuildSchema.optional(),
  /** Hugo's older name for `build`. */
  _build: HugoBuildSchema.optional(),
};

type PublishingInput = {
  [K in (typeof PUBLISH_DATE_KEYS)[number] | (typeof EXPIRY_DATE_KEYS)[number]]?: Date;
} & {
  headless: boolean;
  build?: { render: boolean; list: boolean };
  _build?: { render: boolean; list: boolean };
};

type AliasKey = (typeof PUBLISH_DATE_KEYS)[number] | (typeof EXPIRY_DATE_KEYS)[number] | 'headless' | '_build' | 'build';

export type Published<T> = Omit<T, AliasKey> & { publishDate?: Date; expiryDate?: Date; build: { render: boolean; list: boolean } };

/**
 * Folds Hugo's alternative names into one field each: `publishDate`, `expiryDate` and `build` (with
 * `headless` applied). Two names for one field is an error naming both, since Hugo would silently pick one.
 */
export function resolvePublishing<T extends PublishingInput>(data: T, ctx: z.RefinementCtx<T>): Published<T> {
  const pick = (keys: readonly (keyof PublishingInput)[], what: string) => {
    const given = keys.filter((k) => data[k] !== undefined);
    if (given.length > 1) {
      ctx.addIssue({ code: 'custom', path: [given[1]], message: `${given.join(' and ')} both set the ${what}; expected only one of ${keys.join(', ')}` });
    }
    return given.length ? data[given[0]] : undefined;
  };
  const publishDate = pick(PUBLISH_DATE_KEYS, 'publish date') as Date | undefined;
  const expiryDate = pick(EXPIRY_DATE_KEYS, 'expiry date') as Date | undefined;
  const options = pick(['build', '_build'], 'build options') as { render: boolean; list: boolean } | undefined;
  const build = data.headless ? { render: false, list: false } : (options ?? { render: true, list: true });
  const out: Record<string, unknown> = { ...data };
  for (const key of [...PUBLISH_DATE_KEYS, ...EXPIRY_DATE_KEYS, 'headless', '_build']) delete out[key];
  return { ...(out as Omit<T, AliasKey>), ...(publishDate ? { publishDate } : {}), ...(expiryDate ? { expiryDate } : {}), build };
}
