import { z } from 'zod';

/**
 * A header or footer link: a standalone page by id (`{ page: 'about' }`, labelled with its title unless
 * `label` is given), or any link (`{ label: '標籤', href: '/tags/' }`). Page ids are checked against the
 * pages when the site builds.
 */
export const NavLinkSchema = z.union(
  [
    z.strictObject({ page: z.string().trim().min(1), label: z.string().trim().min(1).optional() }),
    z.strictObject({
      label: z.string().trim().min(1),
      href: z.string().regex(/^(?:\/(?!\/)|https?:\/\/)\S*$/, { error: 'expected a site path such as /tags/ or an http(s) URL' }),
    }),
  ],
  { error: 'expected { page: "<page id>" } or { label: "…", href: "/path/" }' },
);
export type NavLink = z.infer<typeof NavLinkSchema>;

/** The one site configuration. Every value is validated at build start; a bad value stops the build. */
export const SiteConfigSchema = z.object({
  /** Publication name, shown in the header, titles and feeds. */
  title: z.string().min(1),
  /** One-sentence description for the home page, feeds and social cards. */
  description: z.string().min(1),
  /** Absolute production URL, without a trailing path. Used for canonical links, feeds and the sitemap. */
  url: z.url({ protocol: /^https?$/ }),
  /** Default author of every article. */
  author: z.object({ name: z.string().min(1), url: z.url().optional() }),
  /** BCP 47 language tag written to `<html lang>`; Pagefind's Chinese segmentation keys off it. */
  locale: z.literal('zh-Hant-TW'),
  /** IANA time zone in which dates are shown and date-only front matter is read. */
  timezone: z.string().refine(isValidTimeZone, { error: 'expected an IANA time zone such as "Asia/Taipei"' }),
  /** Articles per listing page (home, term pages). */
  pageSize: z.number().int().min(1).max(100),
  /** Items in each RSS feed. */
  feedSize: z.number().int().min(1).max(1000),
  /** Reading speed for Chinese text, CJK characters per minute. */
  cjkCharsPerMinute: z.number().int().min(100).max(2000),
  /** Reading speed for Latin-script words, words per minute. */
  latinWordsPerMinute: z.number().int().min(50).max(1000),
  /** Header links, in order. Pages with Hugo `menu: main` follow them, by `weight`, then title. */
  nav: z.array(NavLinkSchema),
  /** Footer links, in order. Pages with Hugo `menu: footer` follow them, by `weight`, then title. */
  footer: z.array(NavLinkSchema).default([]),
  /**
   * Front-matter fields of your own that posts and pages may carry at the top level, such as
   * `['series']`. The site ignores them; any other field it does not read is reported as a build
   * warning and by `npm run check:content`, with the nearest known field (`desciption` → `description`).
   * Hugo's `params:` map is always accepted. Default: none.
   */
  extraFrontMatter: z.array(z.string().trim().min(1)).default([]),
});

export type SiteConfig = z.infer<typeof SiteConfigSchema>;

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Validates a raw config object; throws one readable message listing every bad field. */
export function parseSiteConfig(raw: unknown): SiteConfig {
  const result = SiteConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid site config (src/site.config.ts):\n${lines.join('\n')}`);
  }
  return result.data;
}

export const site: SiteConfig = parseSiteConfig({
  title: 'AI 產業筆記',
  description: '深入整理 AI 產業的 Podcast、演講與論文：長篇摘要、脈絡與觀察。',
  url: process.env.SITE_URL ?? 'https://ai-notes.example.tw',
  author: { name: 'AI 產業筆記編輯部' },
  locale: 'zh-Hant-TW',
  timezone: 'Asia/Taipei',
  pageSize: 10,
  feedSize: 20,
  cjkCharsPerMinute: 450,
  latinWordsPerMinute: 220,
  nav: [
    { label: '首頁', href: '/' },
    { label: '分類', href: '/categories/' },
    { label: '標籤', href: '/tags/' },
    { label: '公司', href: '/companies/' },
    { label: '人物', href: '/people/' },
    { label: '文章列表', href: '/archive/' },
    { label: '搜尋', href: '/search/' },
  ],
  // The footer always starts with 訂閱 (the subscribe page); pages with `menu: footer` (such as 關於本站)
  // are added after these.
  footer: [],
});
