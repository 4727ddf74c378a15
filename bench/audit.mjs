/**
 * `npm run audit`: builds the real site into .bench/audit/, serves it locally the way a static host
 * does (gzip for text), and runs Lighthouse 12 with mobile settings in Debian's Chromium on the home
 * page, an article and a tag page. Prints the four category scores per page, plus the article's LCP
 * and total bytes. Not part of `npm test`: it is slow and its numbers vary with machine load.
 *
 * Options: --dist DIR (audit an existing build instead of building), --chromium PATH (default
 * $CHROMIUM_PATH or /usr/bin/chromium), --json FILE (write the figures as JSON).
 */
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import lighthouse from 'lighthouse';
import { privateRoot } from './root.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** Full Lighthouse reports (JSON, viewable at googlechrome.github.io/lighthouse/viewer). */
const REPORTS = path.join(ROOT, '.bench/audit/reports');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.json', '.xml', '.txt', '.svg']);

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function build() {
  const base = path.join(ROOT, '.bench/audit');
  const dist = path.join(base, 'dist');
  console.log(`audit: building the site into ${path.relative(ROOT, dist)}/ …`);
  rmSync(dist, { recursive: true, force: true });
  const root = privateRoot(ROOT, path.join(ROOT, '.bench'), 'audit');
  execFileSync('npm', ['run', 'build', '--silent'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: path.join(base, 'cache') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return dist;
}

/** A static host: percent-decoded paths, index.html for folders, 404.html, gzip for text, long cache for hashed assets. */
function serve(root) {
  const server = createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return void res.writeHead(400).end();
    }
    let file = path.join(root, pathname);
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!existsSync(file)) {
      file = path.join(root, '404.html');
      status = 404;
    }
    const ext = path.extname(file);
    const headers = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=600',
    };
    const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    if (gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(status, headers);
    const stream = createReadStream(file);
    (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Starts headless Chromium with a DevTools port; resolves with the port and a stop function. */
function launchChromium(executable) {
  const profile = mkdtempSync(path.join(tmpdir(), 'audit-chromium-'));
  const child = spawn(
    executable,
    ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
    rmSync(profile, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(log);
      if (m) resolve({ port: Number(m[1]), stop });
    });
    child.on('exit', (code) => reject(new Error(`Chromium (${executable}) exited ${code} before DevTools was ready:\n${log}`)));
  });
}

/** The first href in `html` matching `pattern`, e.g. the newest article on the home page. */
function firstLink(dist, page, pattern) {
  const html = readFileSync(path.join(dist, page, 'index.html'), 'utf8');
  for (const m of html.matchAll(/href="([^"]+)"/g)) if (pattern.test(m[1])) return m[1];
  throw new Error(`audit: no link matching ${pattern} in ${page}index.html`);
}

const score = (lhr, id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);

async function main() {
  const chromium = option('chromium', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  if (!existsSync(chromium)) throw new Error(`audit: Chromium not found at ${chromium}; install it (apt-get install chromium) or pass --chromium PATH`);
  const distOption = option('dist');
  const dist = path.resolve(distOption ?? build());
  const article = firstLink(dist, '/', /^\/posts\/[^/]+\/$/);
  const tag = firstLink(dist, decodeURI(article), /^\/tags\/[^/]+\/$/);
  const pages = [
    ['home', '/'],
    ['article', article],
    ['tag', tag],
  ];

  const server = await serve(dist);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium(chromium);
  const results = [];
  try {
    for (const [name, url] of pages) {
      console.log(`audit: Lighthouse (mobile) ${name} ${decodeURI(url)} …`);
      const { lhr } = await lighthouse(`${base}${url}`, { port: browser.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
      mkdirSync(REPORTS, { recursive: true });
      writeFileSync(path.join(REPORTS, `${name}.json`), JSON.stringify(lhr));
      if (lhr.runtimeError) throw new Error(`audit: Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual')
        .map((a) => `${a.id} (${Math.round(a.score * 100)})`);
      results.push({
        name,
        url: decodeURI(url),
        lighthouse: lhr.lighthouseVersion,
        scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(lhr, c)])),
        lcpMs: lhr.audits['largest-contentful-paint'].numericValue,
        lcpElement: lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet,
        totalBytes: lhr.audits['total-byte-weight'].numericValue,
        failing,
      });
    }
  } finally {
    await browser.stop();
    server.close();
  }

  console.log('');
  console.log('| page | URL | performance | accessibility | best practices | SEO | LCP | total bytes |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const s = r.scores;
    console.log(
      `| ${r.name} | ${r.url} | ${s.performance} | ${s.accessibility} | ${s['best-practices']} | ${s.seo} | ${(r.lcpMs / 1000).toFixed(2)} s | ${(r.totalBytes / 1024).toFixed(0)} KiB |`,
    );
  }
  const a = results.find((r) => r.name === 'article');
  console.log(`\naudit: full reports in ${path.relative(ROOT, REPORTS)}/`);
  console.log(`audit: article LCP ${(a.lcpMs / 1000).toFixed(2)} s (element: ${a.lcpElement ?? 'n/a'}), total ${(a.totalBytes / 1024).toFixed(0)} KiB transferred`);
  for (const r of results) if (r.failing.length) console.log(`audit: ${r.name}: audits below 100: ${r.failing.join(', ')}`);
  const json = option('json');
  if (json) writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
