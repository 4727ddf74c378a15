import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zonedParts } from './dates';

/**
 * Keys for Astro's incremental build (`experimental.incrementalBuild`): a page whose key, template code
 * and rendered content entries are unchanged since the last build is copied from the cache instead of
 * being rendered again. A key must therefore cover every piece of data the page shows.
 *
 * `cacheKey(value)` hashes the props (or whatever data) a page is built from. Content entries inside it
 * stand for themselves by collection, id, digest (Astro's hash of the front matter and body) and the
 * identity of their image, so a page listing a post is rebuilt when that post changes in any way, and
 * never because unrelated posts changed. Astro adds the page's own template code on top. A post also
 * stands for the bytes of the local files its body pulls in (images and components an MDX post imports,
 * images a Markdown post shows): replacing one changes what the post renders to, in its page and in every
 * feed it appears in, though the post's own text and digest stay the same.
 */

/** Bump when the meaning of keys changes, to rebuild every page once. */
const KEY_VERSION = 1;
/** Every page's footer shows the year (in Taipei), so a new year rebuilds every page once. */
const BUILD_YEAR = zonedParts(new Date()).year;

interface EntryLike {
  id: string;
  collection: string;
  digest?: string | number;
  data?: { image?: unknown };
  filePath?: string;
  body?: string;
  rendered?: { metadata?: { imagePaths?: unknown } };
}

/** `import … from '…'` statements of an MDX body. */
const MDX_IMPORT = /^import\s[^;]*?\bfrom\s*(['"])([^'"]+)\1/gm;

/** SHA-256 of a file's bytes by absolute path, once per build. */
const fileHashes = new Map<string, string>();

function fileHash(file: string): string {
  let hash = fileHashes.get(file);
  if (hash === undefined) {
    try {
      hash = createHash('sha256').update(readFileSync(file)).digest('base64url');
    } catch {
      hash = 'missing';
    }
    fileHashes.set(file, hash);
  }
  return hash;
}

/**
 * The local files an entry's body pulls in, each with the hash of its bytes: relative imports of an MDX
 * body, and the images Astro found in a Markdown body (`rendered.metadata.imagePaths`). Paths are
 * resolved against the entry's file; a bare package import is left to the lockfile.
 */
export function localDependencies(entry: Pick<EntryLike, 'filePath' | 'body' | 'rendered'>): string[] {
  if (!entry.filePath) return [];
  const specifiers = new Set<string>();
  if (typeof entry.body === 'string' && entry.filePath.endsWith('.mdx')) {
    for (const match of entry.body.matchAll(MDX_IMPORT)) specifiers.add(match[2]);
  }
  const images = entry.rendered?.metadata?.imagePaths;
  if (Array.isArray(images)) for (const image of images) if (typeof image === 'string') specifiers.add(image);
  const dir = path.dirname(path.resolve(entry.filePath));
  return [...specifiers]
    .filter((spec) => spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/'))
    .sort()
    .map((spec) => {
      const file = spec.startsWith('/') ? path.join(process.cwd(), spec) : path.resolve(dir, spec);
      return `${spec}=${fileHash(file.split(/[?#]/)[0])}`;
    });
}

function isEntry(value: object): value is EntryLike {
  const v = value as Partial<EntryLike>;
  return typeof v.id === 'string' && typeof v.collection === 'string' && typeof v.data === 'object';
}

/**
 * The identity of an imported image without touching its metadata: in a build, Astro wraps each image in
 * a proxy that marks the original file as used (and ships it) as soon as a property is read. `fsPath` and
 * `clone` are the two reads that do not. The built `src` carries a hash of the file's bytes, so a replaced
 * file with the same name gets a new key.
 */
export function imageIdentity(image: unknown): string | undefined {
  if (typeof image !== 'object' || image === null) return undefined;
  const proxied = image as { fsPath?: unknown; clone?: { src?: unknown } };
  if (typeof proxied.fsPath !== 'string') return undefined;
  const src = proxied.clone?.src;
  return `${proxied.fsPath}|${typeof src === 'string' ? src : ''}`;
}

class MissingDigest extends Error {}

/** What an entry stands for in keys, computed once per entry object (term pages list the same posts). */
const entryTokens = new WeakMap<object, string>();

function entryToken(entry: EntryLike): string {
  let token = entryTokens.get(entry);
  if (token === undefined) {
    // No digest means Astro cannot tell whether the entry changed: such a page is always rendered.
    if (entry.digest === undefined) throw new MissingDigest();
    token = `entry:${entry.collection}/${entry.id}@${entry.digest}#${imageIdentity(entry.data?.image) ?? ''}|${localDependencies(entry).join('|')}`;
    entryTokens.set(entry, token);
  }
  return token;
}

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const image = imageIdentity(value);
  if (image !== undefined) return `image:${image}`;
  if (value instanceof Map) return [...value];
  if (value instanceof Set) return [...value];
  if (!Array.isArray(value) && isEntry(value)) return entryToken(value);
  return value;
}

/**
 * A stable key for the data a page is rendered from, or `undefined` (always render) when some content
 * entry in it carries no digest.
 */
export function cacheKey(...parts: unknown[]): string | undefined {
  try {
    const json = JSON.stringify([KEY_VERSION, BUILD_YEAR, ...parts], replacer);
    return createHash('sha256').update(json).digest('base64url');
  } catch (error) {
    if (error instanceof MissingDigest) return undefined;
    throw error;
  }
}
