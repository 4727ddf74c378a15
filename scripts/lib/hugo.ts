import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { zonedParts } from '../../src/lib/dates.ts';
import { urlize } from '../../src/lib/urls.ts';

export interface HugoConfig {
  /** The config file that was read, relative to the Hugo site. */
  file?: string;
  title?: string;
  baseURL?: string;
  /** Permalink pattern of the `posts` section, e.g. `/:year/:month/:slug/`. */
  postsPermalink?: string;
  /** Permalink patterns by section (lower-case keys), from `permalinks` and `permalinks.page`. */
  permalinks?: Record<string, string>;
  /** `defaultContentLanguage`, lower-case; Hugo's default is `en`. */
  defaultLanguage?: string;
  /** Keys of `languages`, lower-case; empty when the site declares none. */
  languages?: string[];
  /** Content folder of each language that sets its own `contentDir` (relative to the site). */
  languageDirs?: Record<string, string>;
  /** The site's `contentDir` (default `content`). */
  contentDir?: string;
  /** `params.mainSections`: the sections the theme lists as the blog (lower-case); empty when not set. */
  mainSections?: string[];
}

const CONFIG_NAMES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'];

export function readStructured(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.toml')) return parseToml(text);
  if (file.endsWith('.json')) return JSON.parse(text);
  return parseYaml(text, { schema: 'core' });
}

/** Reads the site config (`hugo.toml`, `config.yaml`, … or `config/_default/`); case-insensitive keys, as Hugo. */
export function readHugoConfig(siteDir: string): HugoConfig {
  for (const dir of ['', 'config/_default']) {
    for (const name of CONFIG_NAMES) {
      const file = path.join(siteDir, dir, name);
      if (!existsSync(file)) continue;
      const raw = lowerKeys(readStructured(file)) as Record<string, unknown>;
      // config/_default/ splits the config by key: languages.toml, permalinks.toml, …
      if (dir) {
        for (const other of readdirSync(path.join(siteDir, dir)).sort()) {
          const key = other.replace(/\.(toml|ya?ml|json)$/, '').toLowerCase();
          if (key === other.toLowerCase() || key === 'hugo' || key === 'config' || key in raw) continue;
          raw[key] = lowerKeys(readStructured(path.join(siteDir, dir, other)));
        }
      }
      const permalinks = (raw.permalinks ?? {}) as Record<string, unknown>;
      const page = (permalinks.page ?? {}) as Record<string, unknown>;
      const pattern = ['posts', 'post', 'blog'].flatMap((k) => [page[k], permalinks[k]]).find((p) => typeof p === 'string') as string | undefined;
      const bySection = Object.fromEntries(
        [...Object.entries(permalinks), ...Object.entries(page)].filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const languages = raw.languages && typeof raw.languages === 'object' ? (raw.languages as Record<string, Record<string, unknown>>) : {};
      const languageDirs = Object.fromEntries(
        Object.entries(languages)
          .filter(([, v]) => v && typeof v === 'object' && typeof v.contentdir === 'string')
          .map(([k, v]) => [k, String(v.contentdir).replace(/\/+$/, '')]),
      );
      return {
        file: path.join(dir, name),
        title: typeof raw.title === 'string' ? raw.title : undefined,
        baseURL: typeof raw.baseurl === 'string' ? raw.baseurl : undefined,
        postsPermalink: pattern,
        permalinks: bySection,
        defaultLanguage: typeof raw.defaultcontentlanguage === 'string' ? raw.defaultcontentlanguage.toLowerCase() : 'en',
        languages: Object.keys(languages),
        languageDirs,
        contentDir: typeof raw.contentdir === 'string' ? raw.contentdir.replace(/\/+$/, '') : 'content',
        mainSections: mainSectionsOf(raw.params),
      };
    }
  }
  return {};
}

function mainSectionsOf(params: unknown): string[] {
  const value = params && typeof params === 'object' ? (params as Record<string, unknown>).mainsections : undefined;
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return list.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim().replace(/^\/+|\/+$/g, '').toLowerCase());
}

function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
  }
  return value;
}

export interface PermalinkPage {
  title: string;
  date: Date;
  /** The `slug` front-matter field. */
  slug?: string;
  /** File name without extension, or the bundle's folder name. */
  filename: string;
  /** The Hugo section (`posts` unless given). */
  section?: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The URL Hugo gave a post under a permalink pattern (lower-cased, as Hugo does by default). */
export function expandPermalink(pattern: string, page: PermalinkPage): string {
  const { year, month, day } = zonedParts(page.date);
  const pad = (n: number) => String(n).padStart(2, '0');
  const slug = page.slug ?? urlize(page.title);
  const tokens: Record<string, string> = {
    year: String(year),
    month: pad(month),
    monthname: MONTHS[month - 1],
    day: pad(day),
    section: page.section ?? 'posts',
    sections: page.section ?? 'posts',
    title: urlize(page.title),
    slug,
    filename: page.filename,
    contentbasename: page.filename,
    slugorfilename: page.slug ?? page.filename,
    slugorcontentbasename: page.slug ?? page.filename,
  };
  let url = pattern.replace(/:([a-z]+)/g, (whole, name: string) => tokens[name] ?? whole);
  if (!url.startsWith('/')) url = `/${url}`;
  if (!/\.[a-z0-9]+$/i.test(url) && !url.endsWith('/')) url += '/';
  return url.replace(/\/{2,}/g, '/').toLowerCase();
}

/** Hugo's aliases: absolute paths stay; a relative one is relative to the section. */
export function normaliseAlias(alias: string, section = 'posts'): string {
  let url = alias.trim();
  if (/^https?:\/\//.test(url)) url = new URL(url).pathname;
  if (!url.startsWith('/')) url = `/${section}/${url}`;
  if (!/\.[a-z0-9]+$/i.test(url) && !url.endsWith('/')) url += '/';
  return url.replace(/\/{2,}/g, '/');
}

/** A display name for a stub entry: `together-ai` → `Together AI`. */
export function nameFromSlug(slug: string): string {
  const upper = new Set(['ai', 'ml', 'llm', 'gpu', 'ceo', 'cto', 'tsmc', 'ibm', 'aws', 'xai']);
  return slug
    .split('-')
    .map((w) => (upper.has(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** Entries from Hugo's `data/companies.yaml` (a map by slug) or `data/companies/<slug>.yaml`. */
export function hugoData(siteDir: string, collection: 'companies' | 'people'): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const ext of ['yaml', 'yml', 'json', 'toml']) {
    const file = path.join(siteDir, 'data', `${collection}.${ext}`);
    if (!existsSync(file)) continue;
    const raw = readStructured(file);
    if (raw && typeof raw === 'object') {
      for (const [slug, value] of Object.entries(raw)) if (value && typeof value === 'object') out.set(slug, value as Record<string, unknown>);
    }
  }
  return out;
}
