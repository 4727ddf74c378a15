/**
 * A private project root for benchmark and audit builds. Astro writes `.astro/content-modules.mjs`
 * (the import map that deferred rendering reads) into the project root, not the cache dir, so two
 * builds running at once in the same checkout can read each other's content. The private root is a
 * folder of symlinks to the real project files, so the build is the same code with its own `.astro/`.
 */
import { copyFileSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const LINKED = ['src', 'public', 'node_modules', 'astro.config.ts', 'tsconfig.json', 'package.json'];

/**
 * Creates `<benchDir>/root-<name>/` linking the project files and, when given, the corpus as
 * `corpus/`. `overrides` maps an entry (`src`, `astro.config.ts`) to another path, for experiments. Returns the root and the CONTENT_ROOT value to build with (relative to that root).
 */
export function privateRoot(projectRoot, benchDir, name, corpusDir, overrides = {}) {
  const root = path.join(benchDir, `root-${name}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const entry of LINKED) {
    // A replacement config is copied, not linked, so its `./src/…` imports resolve inside the root.
    if (entry === 'astro.config.ts' && overrides[entry]) copyFileSync(overrides[entry], path.join(root, entry));
    else symlinkSync(path.relative(root, overrides[entry] ? path.resolve(overrides[entry]) : path.join(projectRoot, entry)), path.join(root, entry));
  }
  if (!corpusDir) return { root, contentRoot: 'src' };
  symlinkSync(path.relative(root, corpusDir), path.join(root, 'corpus'));
  return { root, contentRoot: 'corpus' };
}
