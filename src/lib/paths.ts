import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Folder (relative to the project root) that holds `content/` and `assets/`. It is `src` for the site;
 * tests and the benchmark point it at a fixture or generated corpus with the CONTENT_ROOT variable.
 */
export const CONTENT_ROOT = (process.env.CONTENT_ROOT ?? 'src').replace(/\/+$/, '');

export const contentDir = (collection: 'posts' | 'pages' | 'companies' | 'people') => `${CONTENT_ROOT}/content/${collection}`;

/**
 * Folder (relative to the project root) whose files are served as they are: `public`, or where the
 * PUBLIC_DIR variable points (tests give an imported site its own).
 */
export const PUBLIC_DIR = (process.env.PUBLIC_DIR ?? 'public').replace(/\/+$/, '');

/** Where Hugo's `/images/…` paths live in this project. */
export const imagesDir = `${CONTENT_ROOT}/assets/images`;

/** Maps a Hugo static image path (`/images/posts/a.webp`) to the project file that holds it. */
export function hugoImageToProjectPath(hugoPath: string): string {
  return `${imagesDir}/${hugoPath.replace(/^\/images\//, '')}`;
}

export function projectFileExists(projectRelative: string): boolean {
  return existsSync(path.resolve(process.cwd(), projectRelative));
}

/** Slugs of the YAML entries in a data collection folder, read once per process. */
const slugCache = new Map<string, Set<string>>();
export function entrySlugs(collection: 'companies' | 'people'): Set<string> {
  const dir = path.resolve(process.cwd(), contentDir(collection));
  let slugs = slugCache.get(dir);
  if (!slugs) {
    slugs = new Set(
      existsSync(dir)
        ? readdirSync(dir)
            .filter((f) => /\.ya?ml$/.test(f))
            .map((f) => f.replace(/\.ya?ml$/, ''))
        : [],
    );
    slugCache.set(dir, slugs);
  }
  return slugs;
}
