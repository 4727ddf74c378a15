import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { PUBLIC_DIR, imagesDir } from './paths';

/**
 * Where an image in a Markdown body comes from. One resolver for the build (the Markdown plugin in
 * src/lib/body-images-plugin.ts and the loaders' check) and for `npm run check:content`, so the two
 * always agree on every image.
 *
 * - `/images/…`, Hugo's static path (which the README tells authors to keep): the file of that name
 *   under `<CONTENT_ROOT>/assets/images/` (optimised, with a srcset); failing that, the same path under
 *   `public/`, served as it is. The optimised copy wins when both exist.
 * - Any other `/path`: a file in `public/`, served as it is.
 * - A relative path (`../../assets/images/posts/x.webp`, `./chart.webp` in a bundle): the file next to
 *   the post, optimised.
 * - `https://…`, `data:`, `//host/…`: not a local file; nothing to resolve.
 */
export type BodyImage =
  | { kind: 'external' }
  /** A local file Astro optimises: `file` is absolute; `src` is the path to write in the post, relative to it. */
  | { kind: 'optimised'; file: string; src: string }
  /** A file served from `public/` as it is. */
  | { kind: 'public'; file: string }
  /** No such file: `expected` lists where it was looked for, relative to the project, first choice first. */
  | { kind: 'missing'; expected: string[] };

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

function decoded(url: string): string {
  const bare = url.split(/[?#]/)[0];
  try {
    return decodeURI(bare);
  } catch {
    return bare;
  }
}

/** Resolves `url`, written in the body of `postFile` (absolute), against the project at `root`. */
export function resolveBodyImage(url: string, postFile: string, root = process.cwd()): BodyImage {
  const raw = url.trim();
  if (!raw || /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(raw)) return { kind: 'external' };
  const target = decoded(raw);
  const shown = (file: string) => path.relative(root, file).split(path.sep).join('/');
  if (target.startsWith('/')) {
    const inPublic = path.resolve(root, PUBLIC_DIR, `.${target}`);
    if (target.startsWith('/images/')) {
      const asset = path.resolve(root, imagesDir, target.slice('/images/'.length));
      if (isFile(asset)) {
        const relative = path.relative(path.dirname(postFile), asset).split(path.sep).join('/');
        return { kind: 'optimised', file: asset, src: relative.startsWith('.') ? relative : `./${relative}` };
      }
      if (isFile(inPublic)) return { kind: 'public', file: inPublic };
      return { kind: 'missing', expected: [shown(asset), shown(inPublic)] };
    }
    return isFile(inPublic) ? { kind: 'public', file: inPublic } : { kind: 'missing', expected: [shown(inPublic)] };
  }
  const file = path.resolve(path.dirname(postFile), target);
  return isFile(file) ? { kind: 'optimised', file, src: raw } : { kind: 'missing', expected: [shown(file)] };
}

/** The message for an image that is not there, naming where it was looked for. */
export function missingImageMessage(url: string, expected: string[]): string {
  return `image "${url}" not found; expected file at ${expected.join(' (or, served as it is, ')}${expected.length > 1 ? ')' : ''}`;
}

/** Markdown images (`![alt](/images/x.webp "title")`) whose path starts with `/`, as written. */
export function siteImagePaths(body: string): string[] {
  return [...body.matchAll(/!\[[^\]\n]*\]\(\s*<?(\/(?!\/)[^\s)>]+)/g)].map((m) => m[1]);
}
