import { z } from 'zod';
import { DateSchema, listOf, publishingFields, resolvePublishing } from './fragments';
import { AliasSchema, SlugSegmentSchema } from './post';

/** The menus a page can join: Hugo's `main` is the header, `footer` the footer. */
export const MENU_NAMES = ['main', 'footer'] as const;
export type MenuName = (typeof MENU_NAMES)[number];

/** One menu entry of a page, as Hugo's map form writes it (`menu: { main: { weight: 10, name: 關於 } }`). */
const MenuEntrySchema = z.object({
  /** Order within the menu, lowest first; entries without one come after, by title. */
  weight: z.number({ error: 'expected a number' }).optional(),
  /** Link text; defaults to the page title. */
  name: z.string().trim().min(1, { error: 'expected a non-empty name' }).optional(),
});
export type MenuEntry = z.output<typeof MenuEntrySchema>;

const isMenuName = (name: string): name is MenuName => (MENU_NAMES as readonly string[]).includes(name);
const menuNameError = (name: string) => `unknown menu "${name}"; expected "main" (the header) or "footer"`;

/**
 * Hugo's `menu`: a name (`main`), a list of names, or a map of name to entry. Normalised to a map with
 * an entry for each menu the page joins; a menu this site does not have is an error.
 */
const MenuSchema = z
  .union(
    [
      z.string().trim().min(1).transform((name) => ({ [name]: {} as MenuEntry })),
      z.array(z.string().trim().min(1)).transform((names) => Object.fromEntries(names.map((n) => [n, {} as MenuEntry]))),
      z.record(z.string(), z.union([MenuEntrySchema, z.null().transform(() => ({}) as MenuEntry)])),
    ],
    { error: 'expected a menu name ("main" or "footer"), a list of them, or a map such as { main: { weight: 10 } }' },
  )
  .transform((menus, ctx) => {
    const out: Partial<Record<MenuName, MenuEntry>> = {};
    for (const [name, entry] of Object.entries(menus)) {
      if (isMenuName(name)) out[name] = entry;
      else ctx.addIssue({ code: 'custom', message: menuNameError(name) });
    }
    return out;
  });

/**
 * Hugo's `url`: the page's whole path, `/about/` or `about`. Normalised to a decoded path with a leading
 * and trailing slash; a path naming a file (`/about.html`), a query or a fragment is refused.
 */
const PageUrlSchema = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    let decoded = raw;
    try {
      decoded = decodeURI(raw);
    } catch {
      // Left as written; the checks below report what is wrong with it.
    }
    const path = `/${decoded.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
    const segments = path.split('/').slice(1, -1);
    if (path === '/' || /[\s?#\\]/.test(path) || segments.some((s) => s === '' || s === '.' || s === '..') || /\.[a-z0-9]+\/$/i.test(path)) {
      ctx.addIssue({ code: 'custom', message: `expected a folder path such as /about/ or about-us, got ${JSON.stringify(raw)}` });
      return z.NEVER;
    }
    return path;
  });

const pageFields = z.object({
  /** Heading and document title. */
  title: z.string().trim().min(1, { error: 'expected a non-empty title' }),
  /** One sentence for search results and social cards. */
  description: z.string().trim().default(''),
  ...publishingFields,
  /** Optional for a page: an undated page is published as soon as it is not a draft. */
  date: DateSchema.optional(),
  /** Hugo's slug: the page's id and, without `url`, its path `/<slug>/`. */
  slug: SlugSegmentSchema.optional(),
  /** Hugo's url: the page's whole path, overriding `/<id>/`. */
  url: PageUrlSchema.optional(),
  /** Old paths that redirect here. */
  aliases: listOf(AliasSchema).default([]),
  /**
   * A site path this page stands for: the page is not built, its URL (and aliases) redirect there. The
   * Hugo import writes one for a theme page (`layout: archives`) whose job a site route (`/archive/`) does.
   */
  redirect: PageUrlSchema.optional(),
  /** Hugo's menu: `main` links the page from the header, `footer` from the footer. */
  menu: MenuSchema.default({}),
});

/** The front-matter fields a page's schema reads; anything else is reported (src/lib/front-matter-fields.ts). */
export const PAGE_FIELD_NAMES: readonly string[] = Object.keys(pageFields.shape);

/**
 * Front matter of a standalone page (about, privacy, contact), in Hugo's terms and validated like a
 * post's. Unknown fields are dropped (and reported by the loader); Hugo's names for the publish and expiry dates and build options are
 * folded into `publishDate`, `expiryDate` and `build`.
 */
export const PageSchema = pageFields.transform(resolvePublishing);

export type PageData = z.output<typeof PageSchema>;
