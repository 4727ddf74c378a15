/**
 * `npm run migrate:eval -- <hugo-site-dir> [--keep] [--out DIR] [--json FILE] [--allow-unknown] [--import-args="…"] [--now ISO]`
 *
 * Measures how well a real Hugo site migrates with no hand edits. It reports; it doesn't judge: the exit
 * code is 0 whenever the measurement itself ran, whatever the figures.
 *
 * 1. Ground truth from the Hugo sources, without running Hugo (bench/hugo-truth.mjs): the posts Hugo
 *    would publish with their old URLs and aliases, the standalone pages and their URLs, and the images
 *    each post references.
 * 2. A private copy of the project (`git ls-files`, plus a `node_modules` link) whose CONTENT_ROOT is an
 *    empty `migrate-content/`; runs `npm run import:hugo -- <site>` then `npm run build` there, each
 *    measured (wall time, peak memory of the process tree: bench/measure.mjs) with its log kept. The build
 *    runs only when the import succeeded.
 * 3. Measures the output: each expected post imported (matched by old URL in the imported aliases, else by
 *    title, else by file name) and built (a page, not a redirect, at its new URL or its old one); every
 *    old URL and alias answers (a redirect to a built page, or the page itself); every standalone page
 *    answers at its old URL; the referenced images shown on each built post (matched by file name through
 *    Astro's `name.hash.ext`, or by URL when remote) and every `<img>` of the built posts resolving to a
 *    file in the output (or remote); raw shortcode text (`{{<`, `{{%`) in the text of any built page
 *    outside `<code>`/`<pre>`; pages, redirects and bytes of the output.
 *
 * Options: --keep (keep the temporary folder), --out DIR (work in DIR instead of a temporary folder;
 * kept), --json FILE (write every figure and failure as JSON), --allow-unknown (pass it to the importer),
 * --import-args="--to-mdx …" (other importer arguments; note the `=`), --now ISO (the publish cutoff;
 * default now).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseHtml } from 'node-html-parser';
import { parse as parseYaml } from 'yaml';
import { normaliseUrl, readSite, splitFrontMatter } from './hugo-truth.mjs';
import { measure } from './measure.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONTENT_ROOT = 'migrate-content';
const TARGETS = { posts: 0.97, images: 0.9 };

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
    json: { type: 'string' },
    'import-args': { type: 'string', default: '' },
    'allow-unknown': { type: 'boolean', default: false },
    now: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help || positionals.length !== 1) {
  console.log('usage: npm run migrate:eval -- <hugo-site-dir> [--keep] [--out DIR] [--json FILE] [--allow-unknown] [--import-args="…"] [--now ISO]');
  process.exit(opts.help ? 0 : 2);
}
const siteDir = path.resolve(positionals[0]);
if (!existsSync(path.join(siteDir, 'content'))) {
  console.error(`migrate:eval: ${positionals[0]} has no content/ folder; expected a Hugo site`);
  process.exit(2);
}
const now = opts.now ? new Date(opts.now) : new Date();

// ---------------------------------------------------------------------------------------------------
// 1. Ground truth

const truth = readSite(siteDir, { now });
log(`ground truth: ${truth.posts.length} posts in ${truth.postSections.join(', ') || '(no section)'}, ${truth.standalone.length} standalone pages, ${truth.excluded.length} pages not published`);

// ---------------------------------------------------------------------------------------------------
// 2. Import and build in a private copy of the project

const workDir = opts.out ? path.resolve(opts.out) : mkdtempSync(path.join(tmpdir(), 'migrate-eval-'));
const keep = opts.keep || !!opts.out;
const project = path.join(workDir, 'project');
const distDir = path.join(workDir, 'dist');
const logsDir = path.join(workDir, 'logs');
rmSync(project, { recursive: true, force: true });
rmSync(distDir, { recursive: true, force: true });
rmSync(path.join(workDir, 'cache'), { recursive: true, force: true });
mkdirSync(logsDir, { recursive: true });
for (const file of execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean)) {
  const from = path.join(ROOT, file);
  if (!existsSync(from)) continue; // deleted in the work tree
  mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  cpSync(from, path.join(project, file));
}
symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
for (const d of ['content/posts', 'content/companies', 'content/people', 'assets/images']) mkdirSync(path.join(project, CONTENT_ROOT, d), { recursive: true });

const env = {
  ...process.env,
  CONTENT_ROOT,
  ASTRO_CACHE_DIR: path.join(workDir, 'cache'),
  ASTRO_OUT_DIR: distDir,
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

/**
 * Runs `npm <args>` measured. With `toFile`, the command writes straight into `<name>.out` instead of a
 * pipe: the importer ends with process.exit(1) on errors, which cuts a piped report at the pipe's
 * 64 KB, so its whole report is only seen this way.
 */
async function step(name, args, { toFile = false } = {}) {
  const logFile = path.join(logsDir, `${name}.log`);
  const outFile = path.join(logsDir, `${name}.out`);
  const [command, commandArgs] = toFile ? ['sh', ['-c', 'exec npm "$@" > "$MIGRATE_EVAL_OUT" 2>&1', 'sh', ...args]] : ['npm', args];
  const stepEnv = { ...env, MIGRATE_EVAL_OUT: outFile };
  const started = performance.now();
  const read = () => (toFile && existsSync(outFile) ? readFileSync(outFile, 'utf8').split('\n') : existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').map(unstamp) : []);
  try {
    const r = await measure(command, commandArgs, { env: stepEnv, cwd: project, logFile });
    return { ok: true, wallS: r.wallS, peakTreeMb: r.peakTreeMb, lines: toFile ? read() : r.lines.map(unstamp), logFile: toFile ? outFile : logFile };
  } catch (err) {
    const wallS = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 300)); // let the log stream flush
    const lines = read();
    return { ok: false, wallS, peakTreeMb: undefined, lines: lines.length ? lines : String(err.message).split('\n'), logFile: toFile ? outFile : logFile };
  }
}
function unstamp(l) {
  return l.replace(/^\s*\d+\.\d+ /, '').replace(/\x1b\[[0-9;]*m/g, '');
}

log(`importing into ${path.join(project, CONTENT_ROOT)} …`);
const importArgs = [...opts['import-args'].split(/\s+/).filter(Boolean), ...(opts['allow-unknown'] ? ['--allow-unknown'] : [])];
const imp = await step('import', ['run', 'import:hugo', '--', siteDir, ...importArgs], { toFile: true });
const importReport = parseImportLog(imp.lines);
log(`import ${imp.ok ? 'ok' : 'FAILED'} in ${imp.wallS.toFixed(1)} s (${importReport.errors.length} errors, ${importReport.warnings.length} warnings)`);

let build = { ok: false, skipped: true, wallS: 0, lines: [] };
if (imp.ok) {
  log('building …');
  build = await step('build', ['run', 'build', '--', '--force']);
  log(`build ${build.ok ? 'ok' : 'FAILED'} in ${build.wallS.toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------------
// 3. Measure

const result = evaluate();
printReport(result);
if (opts.json) {
  mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
  writeFileSync(path.resolve(opts.json), `${JSON.stringify(result, null, 2)}\n`);
  log(`JSON: ${opts.json}`);
}
if (keep) log(`kept: ${workDir} (project/, dist/, logs/)`);
else rmSync(workDir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------------

function log(msg) {
  process.stderr.write(`migrate:eval ${msg}\n`);
}

/**
 * The importer's summary figures (from its output), its errors (printed per file, `✗` lines: nothing is
 * written when there are any) and its report items (from the report file it writes beside the content,
 * `## kind`, `### tag (N)`, then `- \`file:line\` message`), counted as warnings.
 */
function parseImportLog(lines) {
  const num = (re) => Number(lines.map((l) => re.exec(l)?.[1]).find((x) => x !== undefined) ?? NaN);
  const errors = [];
  let file;
  for (const l of lines) {
    if (/^\S/.test(l) && !/^(>|npm |計畫|摘要|報告|匯入失敗|完整報告|✓)/.test(l)) file = l.trim();
    const m = /^\s+✗\s+(?:第 \d+ 行 line (\d+))?(?:・)?(?:欄位 field (\S+))?\s*(.*)$/.exec(l);
    if (m && file) errors.push({ file, line: m[1] ? Number(m[1]) : undefined, field: m[2], message: m[3].trim() });
  }
  const warnings = [];
  const reportFile = path.join(project, CONTENT_ROOT, '.hugo-import-report.md');
  if (existsSync(reportFile)) {
    let kind;
    let tag;
    for (const l of readFileSync(reportFile, 'utf8').split('\n')) {
      if (l.startsWith('## ')) kind = l.slice(3).trim();
      else if (l.startsWith('### ')) tag = l.slice(4).replace(/ \(\d+\)$/, '').trim();
      const m = /^- `(.+?)(?::(\d+))?` (.*)$/.exec(l);
      if (m && kind) warnings.push({ file: m[1], line: m[2] ? Number(m[2]) : undefined, kind, tag, message: m[3] });
    }
  }
  return {
    articles: num(/文章 articles\s+(\d+)/),
    pages: num(/頁面 pages\s+(\d+)/),
    images: num(/圖片 images\s+(\d+)/),
    redirects: num(/轉址 redirects\s+(\d+)/),
    reportFile: existsSync(reportFile) ? reportFile : undefined,
    errors,
    warnings,
    errorCategories: categorize(errors),
    warningCategories: categorize(warnings),
    reportGroups: countBy(warnings, (w) => `${w.kind} / ${w.tag}`),
  };
}

/** Messages grouped by their shape (quoted values and numbers blanked, shortcode names kept). */
function categorize(messages) {
  const groups = new Map();
  for (const m of messages) {
    const shape = m.message
      .replace(/\{\{< ([\w./-]+)[^}]*\}\}/g, '{{< $1 >}}')
      .replace(/"[^"]*"/g, '"…"')
      .replace(/\d+/g, 'N')
      .replace(/; expected one of: .*$/, '')
      .slice(0, 160);
    const key = m.kind ? `${m.kind} / ${m.tag}: ${shape}` : shape;
    const g = groups.get(key) ?? { category: key, count: 0, files: new Set(), example: `${m.file}${m.line ? `:${m.line}` : ''}` };
    g.count++;
    g.files.add(m.file);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count).map((g) => ({ ...g, files: g.files.size }));
}

function walkFiles(dir, filter, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walkFiles(p, filter, out);
    else if (!filter || filter(p)) out.push(p);
  }
  return out;
}

/** Posts the import wrote: id, new URL, aliases, title, name. */
function importedPosts() {
  const dir = path.join(project, CONTENT_ROOT, 'content/posts');
  return walkFiles(dir, (f) => /\.mdx?$/.test(f)).map((file) => {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    let data = {};
    try {
      const doc = splitFrontMatter(readFileSync(file, 'utf8'));
      data = (doc.format === 'yaml' ? parseYaml(doc.raw) : {}) ?? {};
    } catch {
      /* counted as imported but unmatched */
    }
    const name = rel.replace(/\.mdx?$/i, '').replace(/\/index$/i, '');
    const id = typeof data.slug === 'string' && data.slug.trim() ? data.slug.trim().toLowerCase() : name.toLowerCase();
    const aliases = (Array.isArray(data.aliases) ? data.aliases : []).filter((a) => typeof a === 'string').map(normaliseUrl);
    return { file: path.relative(project, file), rel, id, url: `/posts/${id}/`, aliases, title: data.title, draft: data.draft === true };
  });
}

/** The built file for a site path, and where it redirects to (meta refresh), if anywhere. */
function pageAt(url) {
  const clean = normaliseUrl(url);
  const candidates = clean.endsWith('/') ? [path.join(distDir, clean, 'index.html')] : [path.join(distDir, clean), path.join(distDir, clean, 'index.html')];
  const file = candidates.find((f) => existsSync(f) && statSync(f).isFile());
  if (!file) return undefined;
  const html = file.endsWith('.html') ? readFileSync(file, 'utf8') : '';
  const m = /<meta[^>]+http-equiv=["']?refresh["']?[^>]*content=["']?\s*\d+\s*;\s*url=([^"'>]+)/i.exec(html);
  return { file, html, redirect: m ? new URL(m[1].trim(), `https://x${clean}`).pathname : undefined };
}

/** Whether a site path answers: a page, or a redirect (one hop) to a page. */
function answers(url) {
  const p = pageAt(url);
  if (!p) return { ok: false, why: 'no page' };
  if (!p.redirect) return { ok: true, how: 'page' };
  const target = pageAt(p.redirect);
  return target && !target.redirect ? { ok: true, how: 'redirect', to: p.redirect } : { ok: false, why: `redirects to ${p.redirect}, which is not built` };
}

function stemOf(s) {
  return s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}
/** Names an output image file can stand for: `a.png`, Astro's `a.HASH.webp` and `a.HASH_variant.webp`. */
function namesOfSrc(src) {
  let base = src.split(/[?#]/)[0].split('/').pop() ?? '';
  try {
    base = decodeURIComponent(base);
  } catch {
    /* keep */
  }
  const parts = base.split('.');
  // `a.jpg.jpg` comes out as `a_HASH.webp`: the name before `_HASH` counts too.
  return new Set([parts.slice(0, -1).join('.'), parts.slice(0, -2).join('.'), parts[0], parts.length === 2 ? parts[0].replace(/_[A-Za-z0-9-]{4,}$/, '') : ''].filter(Boolean).map(stemOf));
}

/**
 * A remote image URL as compared: the site writes http:// images as https:// (and `//host` as https), and
 * HTML may hold `&amp;` or percent-encoding where the Markdown did not.
 */
function remoteKey(url) {
  let u = url.replace(/&amp;/g, '&');
  try {
    u = decodeURI(u);
  } catch {
    /* keep */
  }
  return u.replace(/^http:\/\//i, 'https://').replace(/^\/\//, 'https://');
}

function imgSources(root) {
  const out = [];
  for (const img of root.querySelectorAll('img, source')) {
    const src = img.getAttribute('src');
    if (src) out.push(src);
    const srcset = img.getAttribute('srcset');
    if (srcset) for (const part of srcset.split(',')) if (part.trim()) out.push(part.trim().split(/\s+/)[0]);
  }
  return out;
}

function evaluate() {
  const imported = imp.ok ? importedPosts() : [];
  const byAlias = new Map();
  const byTitle = new Map();
  const byName = new Map();
  for (const p of imported) {
    for (const a of p.aliases) byAlias.set(a, p);
    if (typeof p.title === 'string') byTitle.set(p.title, byTitle.has(p.title) ? null : p);
    byName.set(p.rel.replace(/\.mdx?$/i, '').replace(/\/index$/i, '').toLowerCase(), p);
  }
  const built = build.ok;
  const posts = truth.posts.map((p) => {
    const nameInSection = p.rel.split('/').slice(1).join('/').replace(/\.[a-z]+$/i, '').replace(/\.[a-z-]+$/i, '').replace(/\/index$/i, '').toLowerCase();
    const match = byAlias.get(p.url) ?? p.aliases.map((a) => byAlias.get(a)).find(Boolean) ?? (p.title ? byTitle.get(p.title) : undefined) ?? byName.get(nameInSection);
    let page;
    if (built && match) {
      const at = pageAt(match.url);
      if (at && !at.redirect) page = { url: match.url, file: at.file, html: at.html };
    }
    if (built && !page) {
      const at = pageAt(p.url);
      if (at && !at.redirect) page = { url: p.url, file: at.file, html: at.html };
    }
    return { truth: p, imported: match, page };
  });

  // Old URLs and aliases.
  const oldUrls = [];
  for (const { truth: p, page } of posts) {
    const list = [{ url: p.url, kind: 'old URL' }, ...p.aliases.map((a) => ({ url: a, kind: 'alias' }))];
    for (const { url, kind } of list) {
      if (page && normaliseUrl(page.url) === url) {
        oldUrls.push({ url, kind, file: p.file, ok: true, how: 'page' });
        continue;
      }
      const a = built ? answers(url) : { ok: false, why: 'not built' };
      oldUrls.push({ url, kind, file: p.file, ...a });
    }
  }

  // Standalone pages.
  const standalone = truth.standalone.map((s) => ({ url: s.url, file: s.file, layout: s.layout, ...(built ? answers(s.url) : { ok: false, why: 'not built' }) }));

  // Images on built posts.
  const images = { referenced: 0, shown: 0, remote: 0, sourceMissing: 0, notShown: [], broken: [], imgTags: 0 };
  for (const { truth: p, page } of posts) {
    const root = page ? parseHtml(page.html) : undefined;
    const srcs = root ? imgSources(root) : [];
    const names = new Set(srcs.flatMap((s) => [...namesOfSrc(s)]));
    const urls = new Set(srcs.map(remoteKey));
    for (const img of p.images) {
      if (img.kind === 'missing') {
        images.sourceMissing++;
        continue;
      }
      images.referenced++;
      if (img.kind === 'remote') images.remote++;
      const shown = root && (img.kind === 'remote' ? urls.has(remoteKey(img.url)) || names.has(stemOf(img.url.split('/').pop().replace(/\.[^.]*$/, ''))) : (names.has(stemOf(path.basename(img.file).replace(/\.[^.]*$/, ''))) || names.has(stemOf(path.basename(img.file).split('.')[0]))));
      if (shown) images.shown++;
      else images.notShown.push({ post: p.file, line: img.line, src: img.src, how: img.how, kind: img.kind, why: page ? 'not on the built page' : 'post not built' });
    }
    if (!root) continue;
    // An image Astro could not resolve stays a placeholder without src (`<img __ASTRO_IMAGE_="…">`).
    for (const img of root.querySelectorAll('img')) {
      if (img.getAttribute('src') || !img.hasAttribute('__astro_image_')) continue;
      images.imgTags++;
      images.broken.push({ page: page.url, post: p.file, src: `unresolved ${img.getAttribute('__astro_image_')}` });
    }
    for (const src of srcs) {
      images.imgTags++;
      if (/^(https?:)?\/\//i.test(src) || src.startsWith('data:')) continue;
      let target;
      try {
        target = decodeURI(new URL(src, `https://x${page.url}`).pathname);
      } catch {
        target = src;
      }
      const file = path.join(distDir, target);
      if (!existsSync(file) || !statSync(file).isFile()) images.broken.push({ page: page.url, post: p.file, src });
    }
  }

  // Raw shortcodes in the text of every built page.
  const raw = { pages: 0, occurrences: 0, examples: [] };
  const sourceOfPage = new Map(posts.filter((x) => x.page).map((x) => [x.page.file, x.truth]));
  const htmlFiles = built ? walkFiles(distDir, (f) => f.endsWith('.html') && !f.includes(`${path.sep}pagefind${path.sep}`)) : [];
  for (const file of htmlFiles) {
    const html = readFileSync(file, 'utf8');
    if (!/\{\{(?:[<%]|&lt;|&#x3C;|&#60;)/i.test(html)) continue;
    const root = parseHtml(html);
    for (const el of root.querySelectorAll('code, pre, script, style, textarea, template')) el.remove();
    const text = root.text;
    const hits = [...text.matchAll(/\{\{[<%][^\n]{0,60}/g)];
    if (!hits.length) continue;
    raw.pages++;
    raw.occurrences += hits.length;
    const src = sourceOfPage.get(file);
    for (const h of hits.slice(0, 3)) {
      if (raw.examples.length >= 40) break;
      const name = /\{\{[<%]\s*\/?\s*([\w./-]+)/.exec(h[0])?.[1];
      raw.examples.push({ page: `/${path.relative(distDir, file).split(path.sep).join('/')}`, text: h[0].trim(), source: src ? `${src.file}${lineOf(src.file, name)}` : undefined });
    }
  }

  // Output size.
  const output = { files: 0, bytes: 0, htmlPages: 0, redirects: 0 };
  if (built) {
    for (const f of walkFiles(distDir)) {
      output.files++;
      output.bytes += statSync(f).size;
      if (f.endsWith('.html') && !f.includes(`${path.sep}pagefind${path.sep}`)) {
        const small = statSync(f).size < 4096 && /http-equiv=["']?refresh/i.test(readFileSync(f, 'utf8'));
        if (small) output.redirects++;
        else output.htmlPages++;
      }
    }
  }

  const postsBuilt = posts.filter((p) => p.page).length;
  const oldOk = oldUrls.filter((u) => u.ok).length;
  const standaloneOk = standalone.filter((s) => s.ok).length;
  const ratio = (a, b) => (b ? a / b : 1);
  const targets = [
    { name: `posts built ≥ ${TARGETS.posts * 100}%`, value: ratio(postsBuilt, truth.posts.length), pass: truth.posts.length > 0 && ratio(postsBuilt, truth.posts.length) >= TARGETS.posts },
    { name: `images shown ≥ ${TARGETS.images * 100}%`, value: ratio(images.shown, images.referenced), pass: built && ratio(images.shown, images.referenced) >= TARGETS.images },
    { name: 'broken images = 0', value: images.broken.length, pass: built && images.broken.length === 0 },
    { name: 'raw shortcodes = 0', value: raw.occurrences, pass: built && raw.occurrences === 0 },
    { name: 'every old URL and alias answers', value: ratio(oldOk, oldUrls.length), pass: built && oldOk === oldUrls.length },
    { name: 'every standalone page at its old URL', value: ratio(standaloneOk, standalone.length), pass: built && standaloneOk === standalone.length },
  ];

  return {
    site: siteDir,
    now: now.toISOString(),
    truth: {
      configFiles: truth.configFiles,
      defaultLanguage: truth.defaultLang,
      languages: truth.languages,
      contentDir: truth.contentDir,
      postSections: truth.postSections,
      sections: truth.sectionCounts,
      posts: truth.posts.length,
      bundles: truth.posts.filter((p) => p.bundle).length,
      notPublished: countBy(truth.excluded, (x) => `${x.reason}${x.post ? '' : ' (not a post)'}`),
      skipped: truth.skipped,
      aliases: truth.posts.reduce((n, p) => n + p.aliases.length, 0),
      standalone: truth.standalone.length,
      images: countBy(truth.posts.flatMap((p) => p.images), (i) => i.kind),
      shortcodes: truth.shortcodes,
    },
    import: {
      ok: imp.ok,
      seconds: round(imp.wallS),
      peakMb: imp.peakTreeMb && Math.round(imp.peakTreeMb),
      args: importArgs,
      articles: importReport.articles,
      pages: importReport.pages,
      images: importReport.images,
      redirects: importReport.redirects,
      errors: importReport.errors.length,
      warnings: importReport.warnings.length,
      errorCategories: importReport.errorCategories,
      warningCategories: importReport.warningCategories,
      reportGroups: importReport.reportGroups,
      reportFile: keep ? importReport.reportFile : undefined,
      errorSamples: importReport.errors.slice(0, 20),
      tail: imp.ok ? undefined : imp.lines.filter((l) => l.trim()).slice(-15),
      log: keep ? imp.logFile : undefined,
    },
    build: {
      ran: !build.skipped,
      ok: build.ok,
      seconds: round(build.wallS),
      peakMb: build.peakTreeMb && Math.round(build.peakTreeMb),
      error: build.skipped || build.ok ? undefined : buildError(build.lines),
      log: keep && !build.skipped ? build.logFile : undefined,
    },
    posts: {
      expected: truth.posts.length,
      imported: posts.filter((p) => p.imported).length,
      importedFiles: imported.length,
      built: postsBuilt,
      missing: posts.filter((p) => !p.page).map((p) => ({ file: p.truth.file, url: p.truth.url, imported: p.imported?.file })).slice(0, 200),
    },
    oldUrls: { total: oldUrls.length, ok: oldOk, aliasesTotal: oldUrls.filter((u) => u.kind === 'alias').length, aliasesOk: oldUrls.filter((u) => u.kind === 'alias' && u.ok).length, failing: oldUrls.filter((u) => !u.ok).slice(0, 200) },
    standalone: { total: standalone.length, ok: standaloneOk, pages: standalone },
    images: { ...images, notShown: images.notShown.slice(0, 200), broken: images.broken.slice(0, 200), brokenCount: images.broken.length, notShownCount: images.notShown.length },
    rawShortcodes: raw,
    output,
    targets,
  };
}

function lineOf(file, name) {
  if (!name) return '';
  const text = readFileSync(path.join(siteDir, file), 'utf8').split('\n');
  const i = text.findIndex((l) => new RegExp(`\\{\\{[<%]\\s*/?\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(l));
  return i >= 0 ? `:${i + 1}` : '';
}

/** The lines of a failed build that say what went wrong. */
function buildError(lines) {
  const useful = lines.filter((l) => l.trim() && !/^\s*at /.test(l));
  const idx = useful.findIndex((l) => /error|✗|expected|failed|cannot|invalid/i.test(l));
  return useful.slice(idx >= 0 ? idx : Math.max(0, useful.length - 15), (idx >= 0 ? idx : useful.length - 15) + 15);
}

function countBy(list, key) {
  const out = {};
  for (const x of list) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}
function round(n) {
  return Math.round(n * 10) / 10;
}
function pct(v) {
  return `${(v * 100).toFixed(1)}%`;
}

function printReport(r) {
  const rows = [
    ['site', r.site],
    ['posts Hugo publishes', `${r.truth.posts} (sections ${r.truth.postSections.join(', ')}; ${r.truth.bundles} bundles; not published: ${JSON.stringify(r.truth.notPublished)})`],
    ['import', `${r.import.ok ? 'ok' : 'FAILED'} in ${r.import.seconds} s${r.import.peakMb ? `, peak ${r.import.peakMb} MB` : ''}: ${r.import.articles} articles, ${r.import.pages} pages, ${r.import.images} images, ${r.import.redirects} redirects, ${r.import.errors} errors, ${r.import.warnings} report items`],
    ['build', r.build.ran ? `${r.build.ok ? 'ok' : 'FAILED'} in ${r.build.seconds} s${r.build.peakMb ? `, peak ${r.build.peakMb} MB` : ''}` : 'not run (import failed)'],
    ['posts found / imported / built', `${r.posts.expected} / ${r.posts.imported} / ${r.posts.built}`],
    ['old URLs + aliases answering', `${r.oldUrls.ok} / ${r.oldUrls.total} (aliases ${r.oldUrls.aliasesOk} / ${r.oldUrls.aliasesTotal})`],
    ['standalone pages at old URL', `${r.standalone.ok} / ${r.standalone.total}`],
    ['images shown / referenced', `${r.images.shown} / ${r.images.referenced} (remote ${r.images.remote}; ${r.images.sourceMissing} missing from the sources)`],
    ['broken <img> on built posts', `${r.images.brokenCount} of ${r.images.imgTags}`],
    ['raw shortcode text', `${r.rawShortcodes.occurrences} in ${r.rawShortcodes.pages} pages`],
    ['output', `${r.output.htmlPages} pages, ${r.output.redirects} redirects, ${r.output.files} files, ${(r.output.bytes / 1e6).toFixed(1)} MB`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log('');
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
  if (r.import.errorCategories.length) {
    console.log('\nimport errors by kind:');
    for (const c of r.import.errorCategories.slice(0, 12)) console.log(`  ${String(c.count).padStart(5)} × ${c.category}  (${c.files} files; e.g. ${c.example})`);
  }
  const groups = Object.entries(r.import.reportGroups ?? {}).sort((a, b) => b[1] - a[1]);
  if (groups.length) {
    console.log('\nimport report (kind / group):');
    for (const [g, n] of groups.slice(0, 15)) console.log(`  ${String(n).padStart(5)} × ${g}`);
  }
  if (r.import.tail && !r.import.errors) console.log(`\nimport output:\n  ${r.import.tail.join('\n  ')}`);
  if (r.build.error) console.log(`\nbuild error:\n  ${r.build.error.join('\n  ')}`);
  console.log('\ntargets:');
  for (const t of r.targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name.padEnd(38)} ${typeof t.value === 'number' && t.value <= 1 && !/= 0/.test(t.name) ? pct(t.value) : t.value}`);
  console.log('');
}
