import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Key in a Markdown post's `rendered.metadata` naming the file that holds its rendered HTML.
 *
 * Astro keeps every rendered entry in its data store and Vite bundles that store into the build's server
 * code whole: at 5,000 articles that is about 150 MB of HTML held as JavaScript strings, and bundling it
 * was the build's memory peak. The posts loader (src/lib/loaders.ts) therefore writes each post's HTML to
 * a file of its own, named by the hash of its contents, and `renderPost` (src/lib/posts.ts) reads it back
 * when the page is rendered.
 */
export const HTML_FILE = 'htmlFile';

/** The HTML file a stored post points to, if it has one (Markdown posts; MDX posts render from their module). */
export function htmlFileOf(entry: { rendered?: { metadata?: Record<string, unknown> } }): string | undefined {
  const file = entry.rendered?.metadata?.[HTML_FILE];
  return typeof file === 'string' ? file : undefined;
}

/** The folder for one data store's HTML files: beside Astro's dev store in `astro dev`, else in the cache dir. */
export function htmlDir(config: { root: URL; cacheDir: URL }, dev: boolean): string {
  return path.join(fileURLToPath(dev ? new URL('./.astro/', config.root) : config.cacheDir), 'post-html');
}

const nameOf = (html: string | Buffer) => `${createHash('sha256').update(html).digest('hex').slice(0, 32)}.html`;

/** True when `file` exists and holds the HTML its name is the hash of (not truncated or damaged since). */
export function storedHtmlIntact(file: string): boolean {
  try {
    return nameOf(readFileSync(file)) === path.basename(file);
  } catch {
    return false;
  }
}

/** The HTML stored in `file`; throws when it is not what the file's name says (damaged since it was written). */
export async function readStoredHtml(file: string): Promise<string> {
  const bytes = await readFile(file);
  if (nameOf(bytes) !== path.basename(file)) throw new Error(`${file} does not hold the HTML it was written with (damaged)`);
  return bytes.toString('utf8');
}

/**
 * Writes `html` to `dir` under the hash of its contents and returns the file's path. The name changes
 * whenever the HTML does, so a data store entry can never point at another render's output. The file is
 * written under a temporary name first: a build killed midway leaves no truncated HTML behind.
 */
export function storeHtml(dir: string, html: string): string {
  const file = path.join(dir, nameOf(html));
  if (storedHtmlIntact(file)) return file;
  mkdirSync(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, html);
  renameSync(temporary, file);
  return file;
}

/** Removes the HTML files of `dir` that no entry refers to any more (edited or deleted posts). Returns how many. */
export function pruneHtml(dir: string, referenced: Set<string>): number {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (referenced.has(file)) continue;
    rmSync(file, { force: true });
    removed++;
  }
  return removed;
}
