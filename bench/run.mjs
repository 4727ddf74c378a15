/**
 * `npm run bench -- --posts N`: generates the corpus, then builds it with `npm run build` (Astro + the
 * search index) — cold (empty cache), warm (cache kept, nothing changed), rebuild (nothing changed, but
 * forced through Astro with BUILD_CACHE=off) and after editing one article — and prints wall time, CPU
 * time, peak memory, pages and output size for each.
 *
 * The same corpus is also built with Hugo (bench/hugo/, see bench/hugo.mjs) in the cold, warm and edit
 * phases, right after Astro's, and the acceptance ratios are printed: Astro edit ÷ Hugo warm (≤ 3) and
 * Astro cold ÷ Hugo cold (≤ 0.67). Without `hugo` on PATH the Hugo builds are skipped.
 *
 * Options: --posts N (default 1000), --phases cold,warm,rebuild,edit (default all four),
 * --hugo-only (only the Hugo builds of those phases), --no-hugo (only Astro's),
 * --hero-pool K (paint only K distinct heroes and reuse them, e.g. 1000 for a quick N = 5000 run),
 * --reuse (keep the existing corpus and cache instead of regenerating, and build the current sources;
 * for warm/rebuild/edit only runs),
 * --src DIR / --config FILE (build with a modified copy of src/ or astro.config.ts, to try a change
 * without touching the shared tree), --name NAME (results folder suffix for such experiments).
 */
import { existsSync, readdirSync, readFileSync, rmSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateCorpus } from './corpus.mjs';
import { measure } from './measure.mjs';
import { privateRoot, refreshRoot } from './root.mjs';
import { cleanHugo, hugoArgs, hugoInstallHint, hugoPaths, hugoSummary, hugoVersion, prepareHugoSite } from './hugo.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BENCH_DIR = path.join(ROOT, '.bench');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = process.argv[i + 1];
  return value && !value.startsWith('--') ? value : true;
}

const posts = Number(option('posts', 1000));
if (!Number.isInteger(posts) || posts < 1) {
  console.error(`bench: --posts must be a positive integer, got ${option('posts')}`);
  process.exit(2);
}
const phases = String(option('phases', 'cold,warm,rebuild,edit')).split(',');
const reuse = option('reuse', false) === true;
const overrides = Object.fromEntries(
  [['src', option('src')], ['astro.config.ts', option('config')]].filter(([, v]) => typeof v === 'string'),
);
const runName = option('name', undefined);
const heroPool = Number(option('hero-pool', posts));
const hugoOnly = option('hugo-only', false) === true;
const noHugo = option('no-hugo', false) === true;
/** The phases Hugo also builds: it has no cache to bypass, so no `rebuild`. */
const HUGO_PHASES = ['cold', 'warm', 'edit'];
if (hugoOnly && noHugo) {
  console.error('bench: --hugo-only and --no-hugo exclude each other');
  process.exit(2);
}
/** The issue's acceptance: [Astro phase, Hugo phase, highest ratio of wall times]. */
const TARGETS = [
  ['edit', 'warm', 3],
  ['cold', 'cold', 0.67],
];

/**
 * Files and bytes under `dir`, split into pages, redirect stubs, images (those under `imageDir`), search
 * index and the rest. Redirect stubs are the small pages that only hold a meta refresh (Hugo writes one at
 * every `…/page/1/`).
 */
function outputStats(dir, imageDir = '_astro/') {
  const stats = { pages: 0, redirects: 0, files: 0, bytes: 0, imageBytes: 0, images: 0, pagefindBytes: 0, htmlBytes: 0 };
  const walk = (d, rel) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        walk(p, r);
        continue;
      }
      const size = statSync(p).size;
      stats.files++;
      stats.bytes += size;
      if (r.startsWith('pagefind/')) stats.pagefindBytes += size;
      else if (e.name.endsWith('.html')) {
        if (size < 2048 && /http-equiv="?refresh/i.test(readFileSync(p, 'utf8'))) stats.redirects++;
        else stats.pages++;
        stats.htmlBytes += size;
      } else if (/\.(webp|avif|jpe?g|png)$/.test(e.name) && r.startsWith(imageDir)) {
        stats.images++;
        stats.imageBytes += size;
      }
    }
  };
  walk(dir, '');
  return stats;
}

/**
 * Wall seconds (and CPU seconds of the live process tree) between the stamped log lines that open each
 * build stage. CPU comes from the /proc samples; it misses short-lived children, so it is a lower bound.
 */
function stages(lines, samples = []) {
  const cpuAt = (t) => {
    let last = 0;
    for (const [s, c] of samples) {
      if (s > t) break;
      last = c;
    }
    return last;
  };
  // 'startup' is npm and scripts/build.ts: reading the inputs and checking the cache against the record.
  const marks = [
    ['astro startup', /^\s*[\d.]+ > astro build\s*$/],
    ['content sync', /\[content\] Syncing content/],
    ['vite bundle', /Building static entrypoints/],
    ['render pages', /generating static routes/],
    ['images', /generating optimized images/],
    // Astro's last "Completed" line closes the image step; the integrations' build:done hooks follow.
    ['build:done hooks', /\[build\] ✓ Completed in/, 'last'],
    ['astro exit', /\[build\] Complete!/],
    // The search index: `npm run search:index` (scripts/search-index.ts) after Astro.
    ['search index', /> node .*scripts\/search-index\.ts\s*$/],
    // scripts/build.ts reads the inputs again, links the kept output and writes the record.
    ['check and record', /\[search\] done in/],
  ];
  const found = [{ name: 'startup', at: 0 }];
  for (const [name, re, which] of marks) {
    const line = which === 'last' ? lines.findLast((l) => re.test(l)) : lines.find((l) => re.test(l));
    if (line) found.push({ name, at: Number(line.slice(0, 7)) });
  }
  found.sort((a, b) => a.at - b.at);
  const end = Number(lines.at(-1)?.slice(0, 7) ?? 0);
  const listed = found.map((s, i) => {
    const next = found[i + 1]?.at ?? end;
    // The search index runs in a new process after astro exits, so its CPU is not comparable with the samples.
    const cpu = s.name === 'search index' || s.name === 'check and record' || !samples.length ? '' : ` (${(cpuAt(next) - cpuAt(s.at)).toFixed(0)} s CPU)`;
    return `${s.name} ${(next - s.at).toFixed(1)}s${cpu}`;
  });
  return listed.join(', ');
}

const mb = (bytes) => (bytes / 1e6).toFixed(1);

async function main() {
  const runDir = path.join(BENCH_DIR, `run-${posts}${typeof runName === 'string' ? `-${runName}` : ''}`);
  const dist = path.join(runDir, 'dist');
  const cache = path.join(runDir, 'cache');
  mkdirSync(runDir, { recursive: true });

  // The corpus lives inside the private root, so every module Vite sees is under the project root.
  const corpusDir = path.join(BENCH_DIR, `root-${path.basename(runDir)}`, 'corpus');
  const reused = reuse && existsSync(corpusDir);
  const root = reused ? path.dirname(corpusDir) : privateRoot(ROOT, BENCH_DIR, path.basename(runDir), overrides);
  // A reused root builds the current sources: only the corpus and the cache are kept.
  if (reused && !Object.keys(overrides).length) refreshRoot(ROOT, root);
  if (!reuse || !existsSync(corpusDir)) {
    const started = performance.now();
    const corpus = await generateCorpus({ posts, benchDir: BENCH_DIR, dir: corpusDir, heroPool, log: (m) => console.log(`bench: ${m}`) });
    console.log(
      `bench: corpus ${path.relative(ROOT, corpus.dir)}: ${posts} posts, ${corpus.drafts} drafts, heroes ${mb(corpus.heroBytes)} MB ` +
        `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    CONTENT_ROOT: 'corpus',
    ASTRO_OUT_DIR: dist,
    ASTRO_CACHE_DIR: cache,
    ASTRO_TELEMETRY_DISABLED: '1',
  };

  // Hugo builds the same corpus in its own folder, right after each Astro build of the same phase.
  const version = noHugo ? undefined : hugoVersion();
  const hugo = version ? hugoPaths(runDir) : undefined;
  if (hugo) {
    prepareHugoSite(hugo, corpusDir);
    console.log(`bench: Hugo baseline: ${version}`);
  } else if (!noHugo) {
    console.log(`bench: Hugo baseline skipped: no \`hugo\` on PATH; ${hugoInstallHint}`);
  }
  if (hugoOnly && !hugo) process.exit(1);

  const results = [];
  const report = (row) => {
    results.push(row);
    const label = `${row.tool} ${row.phase}`;
    console.log(
      `bench: ${label}: ${row.wallS.toFixed(1)} s wall, ${row.cpuS.toFixed(1)} s CPU, peak RSS ${(row.peakTreeMb / 1024).toFixed(2)} GB tree ` +
        `at ${row.peakAtS.toFixed(0)} s (largest process ${(row.maxProcessMb / 1024).toFixed(2)} GB), ${row.pages} pages` +
        `${row.redirects ? ` (+${row.redirects} redirect stubs)` : ''}, ${mb(row.bytes)} MB out ` +
        `(${row.images} images ${mb(row.imageBytes)} MB${row.tool === 'astro' ? `, pagefind ${mb(row.pagefindBytes)} MB` : ''}), load ${row.loadBefore.toFixed(2)} before`,
    );
    console.log(`bench:   ${row.stages}`);
  };
  for (const phase of phases) {
    if (phase === 'edit') editOneArticle(corpusDir);
    if (!hugoOnly) {
      if (phase === 'cold') rmSync(cache, { recursive: true, force: true });
      // Only the cold build starts from nothing; the others find the out dir as the previous build left it,
      // as on an author's machine.
      if (phase === 'cold') rmSync(dist, { recursive: true, force: true });
      console.log(`bench: astro ${phase} build…`);
      // rebuild: nothing changed either, but through Astro (its incremental cache) instead of the whole-build
      // shortcut of `npm run build`, to show what an unchanged rebuild costs when the shortcut cannot apply.
      const phaseEnv = phase === 'rebuild' ? { ...env, BUILD_CACHE: 'off' } : env;
      const m = await measure('npm', ['run', 'build'], { env: phaseEnv, cwd: root, logFile: path.join(runDir, `${phase}.log`) });
      report({ tool: 'astro', phase, posts, ...m, lines: undefined, samples: undefined, ...outputStats(dist), stages: stages(m.lines, m.samples), overrides });
    }
    if (hugo && HUGO_PHASES.includes(phase)) {
      // cold: no output, no processed images, no cache dir; warm and edit keep all three.
      if (phase === 'cold') cleanHugo(hugo);
      console.log(`bench: hugo ${phase} build…`);
      const m = await measure('hugo', hugoArgs(hugo), { env: process.env, cwd: hugo.site, logFile: path.join(runDir, `hugo-${phase}.log`) });
      report({ tool: 'hugo', phase, posts, ...m, lines: undefined, samples: undefined, ...outputStats(hugo.out, 'images/'), stages: hugoSummary(m.lines) });
    }
  }

  writeFileSync(path.join(runDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('');
  console.log(`| build | wall | CPU | peak RSS (tree) | largest process | pages | output | images | load before |`);
  console.log(`|---|---|---|---|---|---|---|---|---|`);
  for (const r of results) {
    console.log(
      `| ${r.tool} ${r.phase} | ${r.wallS.toFixed(1)} s | ${r.cpuS.toFixed(1)} s | ${(r.peakTreeMb / 1024).toFixed(2)} GB | ${(r.maxProcessMb / 1024).toFixed(2)} GB | ` +
        `${r.pages} | ${mb(r.bytes)} MB | ${r.images} (${mb(r.imageBytes)} MB) | ${r.loadBefore.toFixed(2)} |`,
    );
  }
  const find = (tool, phase) => results.find((r) => r.tool === tool && r.phase === phase);
  const ratios = TARGETS.map(([astroPhase, hugoPhase, max]) => [find('astro', astroPhase), find('hugo', hugoPhase), astroPhase, hugoPhase, max]).filter(
    ([a, h]) => a && h,
  );
  if (ratios.length) {
    console.log('');
    for (const [a, h, astroPhase, hugoPhase, max] of ratios) {
      const ratio = a.wallS / h.wallS;
      console.log(
        `bench: Astro ${astroPhase} ÷ Hugo ${hugoPhase}: ${ratio.toFixed(2)}× wall (${a.wallS.toFixed(1)} s ÷ ${h.wallS.toFixed(1)} s; target ≤ ${max}: ` +
          `${ratio <= max ? 'met' : 'missed'}), ${(a.cpuS / h.cpuS).toFixed(2)}× CPU`,
      );
    }
  }
  console.log(`\nbench: logs and results.json in ${path.relative(ROOT, runDir)}/`);
}
/** Appends a paragraph to one published article, like an author fixing a post. */
function editOneArticle(corpusDir) {
  const dir = path.join(corpusDir, 'content/posts');
  const files = readdirSync(dir).sort();
  const candidates = files.filter((f) => !/^draft: true$/m.test(readFileSync(path.join(dir, f), 'utf8')));
  const file = path.join(dir, candidates[Math.floor(candidates.length / 2)]);
  const stamp = new Date().toISOString();
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n## 補充\n\n作者在 ${stamp} 補充了一段說明，修正前文的一個數字。\n`);
  console.log(`bench: edited ${path.relative(ROOT, file)}`);
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exit(1);
});
