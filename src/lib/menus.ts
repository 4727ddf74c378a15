import { getCollection } from 'astro:content';
import { site, type NavLink } from '../site.config';
import type { MenuEntry, MenuName } from '../schemas/page';
import { getPublishedPages } from './pages';
import { standalonePageUrl } from './urls';

/** A link as the header and footer draw it. */
export interface MenuLink {
  label: string;
  href: string;
}

/** The header (`main`) and footer links of every page. */
export type SiteMenus = Record<MenuName, MenuLink[]>;

/** What the menus need to know of a standalone page. */
export interface MenuPage {
  id: string;
  title: string;
  href: string;
  file: string;
  /** Whether the page is built (published, or shown in dev). */
  built: boolean;
  menu: Partial<Record<MenuName, MenuEntry>>;
}

const CONFIG_FIELD: Record<MenuName, 'nav' | 'footer'> = { main: 'nav', footer: 'footer' };

/**
 * The header and footer links: the site config's `nav` and `footer` in order, each `{ page }` resolved
 * to the page's URL and title, then the built pages whose Hugo `menu` names that menu and that the config
 * does not link already, by `weight` (none last), then title. A config link to a page that does not
 * exist or is not built fails, naming the config field.
 */
export function resolveMenus(config: Record<'nav' | 'footer', NavLink[]>, pages: readonly MenuPage[]): SiteMenus {
  const byId = new Map(pages.map((p) => [p.id, p]));
  const problems: string[] = [];
  const resolve = (menu: MenuName): MenuLink[] => {
    const field = CONFIG_FIELD[menu];
    const linked = new Set<string>();
    const links = config[field].flatMap((link, i): MenuLink[] => {
      if (!('page' in link)) return [{ label: link.label, href: link.href }];
      const page = byId.get(link.page);
      if (!page) {
        const known = pages.map((p) => p.id).sort();
        problems.push(`${field}.${i}.page: no page "${link.page}"; expected the id of a file in content/pages/ (${known.length ? known.join(', ') : 'there are none'})`);
        return [];
      }
      if (!page.built) {
        problems.push(`${field}.${i}.page: page "${link.page}" (${page.file}) is not published (a draft, scheduled, expired or never built); expected a published page`);
        return [];
      }
      linked.add(page.id);
      return [{ label: link.label ?? page.title, href: page.href }];
    });
    const auto = pages
      .filter((p) => p.built && p.menu[menu] && !linked.has(p.id))
      .sort((a, b) => (a.menu[menu]!.weight ?? Infinity) - (b.menu[menu]!.weight ?? Infinity) || a.title.localeCompare(b.title, 'zh-Hant-TW'))
      .map((p) => ({ label: p.menu[menu]!.name ?? p.title, href: p.href }));
    return [...links, ...auto];
  };
  const menus = { main: resolve('main'), footer: resolve('footer') };
  if (problems.length) throw new Error(`Invalid site config (src/site.config.ts):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return menus;
}

let cache: Promise<SiteMenus> | undefined;

/** The menus of this build; every page's header and footer, and so every page's incremental-build key. */
export function getSiteMenus(): Promise<SiteMenus> {
  const load = async () => {
    const [all, built] = await Promise.all([getCollection('pages'), getPublishedPages()]);
    const builtIds = new Set(built.map((p) => p.id));
    const pages = all.map((p) => ({
      id: p.id,
      title: p.data.title,
      href: standalonePageUrl(p.id, p.data.redirect ?? p.data.url),
      file: p.filePath ?? `pages/${p.id}`,
      built: builtIds.has(p.id),
      menu: p.data.menu,
    }));
    return resolveMenus(site, pages);
  };
  if (import.meta.env.DEV) return load();
  cache ??= load();
  return cache;
}
