/**
 * A private project root for benchmark and audit builds. Astro writes `.astro/content-modules.mjs`
 * (the import map that deferred rendering reads) into the project root, not the cache dir, so two
 * builds running at once in the same checkout can read each other's content. The private root is a
 * copy of the project's sources (small) with `node_modules` linked. Sources are copied, not linked:
 * with a linked `src/`, Vite sees real paths outside the root and Astro drops the pages' CSS.
 */
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const COPIED = ['src', 'public', 'scripts', 'astro.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];

/**
 * Creates `<benchDir>/root-<name>/` from the project at `projectRoot`. `overrides` maps an entry
 * (`src`, `astro.config.ts`) to another path, to try a change without touching the shared tree.
 * Returns the root folder.
 */
export function privateRoot(projectRoot, benchDir, name, overrides = {}) {
  const root = path.join(benchDir, `root-${name}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const entry of COPIED) {
    cpSync(overrides[entry] ? path.resolve(overrides[entry]) : path.join(projectRoot, entry), path.join(root, entry), { recursive: true });
  }
  symlinkSync(path.relative(root, path.join(projectRoot, 'node_modules')), path.join(root, 'node_modules'));
  return root;
}

/** Copies the project's current sources over an existing private root, keeping its corpus. */
export function refreshRoot(projectRoot, root) {
  for (const entry of COPIED) {
    rmSync(path.join(root, entry), { recursive: true, force: true });
    cpSync(path.join(projectRoot, entry), path.join(root, entry), { recursive: true });
  }
}
