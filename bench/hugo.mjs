/**
 * The Hugo baseline of `npm run bench`: builds the same corpus with Hugo (the site in bench/hugo/), so the
 * Astro figures can be read against the generator the site replaced, measured in the same run.
 *
 * Layout under the run folder (`.bench/run-N/hugo/`): `site/` (a copy of bench/hugo/ plus a generated
 * `config/_default/module.toml` mounting the corpus; Hugo keeps its processed images in `site/resources/_gen`),
 * `public/` (the output) and `cache/` (Hugo's --cacheDir).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const TEMPLATE = path.join(import.meta.dirname, 'hugo');
/** What bench/hugo/ holds; everything else in the site folder (resources/, the lock file) is Hugo's. */
const COPIED = ['hugo.toml', 'layouts', 'content', 'static'];

/** `hugo version` of the hugo on PATH, or undefined when there is none. */
export function hugoVersion() {
  const r = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  return r.stdout.trim();
}

/** Folders of the Hugo build for one run folder. */
export function hugoPaths(runDir) {
  const dir = path.join(runDir, 'hugo');
  return { dir, site: path.join(dir, 'site'), out: path.join(dir, 'public'), cache: path.join(dir, 'cache') };
}

const tomlString = (s) => JSON.stringify(s);

/**
 * Lays out the Hugo site for the corpus in `corpusDir` (content/posts, content/companies,
 * content/people, assets/): copies bench/hugo/ over `paths.site` (keeping Hugo's resources/) and
 * mounts the corpus. Hugo 0.111 flattens a mount whose target is below data/ (data/companies would
 * become data/), so content/ is mounted as data/ with only the two entity folders included.
 */
export function prepareHugoSite(paths, corpusDir) {
  mkdirSync(paths.site, { recursive: true });
  for (const entry of [...COPIED, 'config']) rmSync(path.join(paths.site, entry), { recursive: true, force: true });
  for (const entry of COPIED) cpSync(path.join(TEMPLATE, entry), path.join(paths.site, entry), { recursive: true });
  const mount = (source, target, includeFiles) =>
    [
      '[[mounts]]',
      `source = ${tomlString(source)}`,
      `target = ${tomlString(target)}`,
      ...(includeFiles ? [`includeFiles = [${includeFiles.map(tomlString).join(', ')}]`] : []),
      '',
    ].join('\n');
  const config = path.join(paths.site, 'config/_default');
  mkdirSync(config, { recursive: true });
  writeFileSync(
    path.join(config, 'module.toml'),
    [
      '# Written by bench/hugo.mjs: the benchmark corpus, mounted into this site.',
      mount('content', 'content'),
      mount('static', 'static'),
      mount(path.join(corpusDir, 'content/posts'), 'content/posts'),
      mount(path.join(corpusDir, 'content'), 'data', ['/companies/*.yaml', '/people/*.yaml']),
      mount(path.join(corpusDir, 'assets'), 'assets'),
    ].join('\n'),
  );
}

/** Empties Hugo's output, its image cache (resources/) and its cache dir: the cold state. */
export function cleanHugo(paths) {
  for (const d of [paths.out, paths.cache, path.join(paths.site, 'resources')]) rmSync(d, { recursive: true, force: true });
}

/** The Hugo command line for `paths`. Hugo prints its summary table (pages, processed images, total). */
export function hugoArgs(paths) {
  return ['--source', paths.site, '--destination', paths.out, '--cacheDir', paths.cache];
}

/** Hugo's own summary lines ("Pages | 416", "Processed images | 196", "Total in 18085 ms") from a stamped log. */
export function hugoSummary(lines) {
  const pick = (re) => lines.map((l) => l.slice(8).match(re)).find(Boolean)?.[1];
  const parts = [
    ['pages', pick(/^\s*Pages\s*\|\s*(\d+)/)],
    ['paginator pages', pick(/^\s*Paginator pages\s*\|\s*(\d+)/)],
    ['processed images', pick(/^\s*Processed images\s*\|\s*(\d+)/)],
    ['aliases', pick(/^\s*Aliases\s*\|\s*(\d+)/)],
  ].filter(([, v]) => v !== undefined);
  const total = pick(/^Total in (\d+) ms/);
  return `Hugo's count: ${parts.map(([k, v]) => `${v} ${k}`).join(', ')}${total ? `; total ${(Number(total) / 1000).toFixed(1)} s` : ''}`;
}

export const hugoInstallHint = 'install it with `apt-get install hugo` (Debian ships the extended build, which encodes WebP)';
