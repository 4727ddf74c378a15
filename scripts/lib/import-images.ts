/**
 * Every image the old site showed, found where Hugo would have found it and copied where this site's
 * build optimises it (`assets/images/`), or, for HTML the build cannot rewrite, to `public/` at a fixed
 * path. Remote images are kept, or downloaded with --download-images.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PUBLIC_DIR, hugoImageToProjectPath } from '../../src/lib/paths.ts';
import { shownPath, type ImportReport } from './import-report.ts';
import type { SourceEntry } from './import-sources.ts';

/** What `--download-images` fetched for one remote URL. */
export interface DownloadedImage {
  content?: Buffer;
  /** File extension from the response's content type (`png`). */
  ext?: string;
  /** Why the download failed. */
  error?: string;
}

/** A file the import writes outside the content collections. */
export interface AssetFile {
  path: string;
  content: Buffer;
  kind: 'image' | 'public';
}

const REMOTE = /^(https?:)?\/\//i;
const posix = (p: string) => p.split(path.sep).join('/');

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

export class ImportAssets {
  /** Project path under assets/images → the file or bytes it holds. */
  private images = new Map<string, { source?: string; content?: Buffer }>();
  /** Project path under public/ → source file. */
  private publicFiles = new Map<string, string>();
  /** Remote image URLs seen in bodies and heroes, for --download-images. */
  readonly remote = new Set<string>();

  private siteDir: string;
  /** The default language's content folder (absolute). */
  private contentDir: string;
  private report: ImportReport;
  readonly rel: (p: string) => string;
  private downloaded?: Map<string, DownloadedImage>;

  constructor(siteDir: string, contentDir: string, report: ImportReport, rel: (p: string) => string, downloaded?: Map<string, DownloadedImage>) {
    this.siteDir = siteDir;
    this.contentDir = contentDir;
    this.report = report;
    this.rel = rel;
    this.downloaded = downloaded;
  }

  /**
   * The files a reference may name, in Hugo's order. Site-absolute `/x.png`: static/, assets/, then
   * content/ (page resources). Relative: next to the file, in its bundle, then static/ and assets/ with
   * leading `../` and a `static/` prefix stripped.
   */
  candidates(ref: string, from: Pick<SourceEntry, 'file' | 'bundle'>): string[] {
    const clean = safeDecode(ref.split(/[?#]/)[0]);
    if (!clean) return [];
    const inSite = (p: string) => path.resolve(this.siteDir, p);
    if (clean.startsWith('/')) return [inSite(`static${clean}`), inSite(`assets${clean}`), path.join(this.contentDir, clean)];
    const stripped = clean.replace(/^(\.\.?\/)+/, '').replace(/^static\//, '');
    const list = [path.resolve(path.dirname(from.file), clean)];
    if (from.bundle) list.push(path.resolve(from.bundle, clean));
    list.push(inSite(`static/${stripped}`), inSite(`assets/${stripped}`));
    return [...new Set(list)];
  }

  find(ref: string, from: Pick<SourceEntry, 'file' | 'bundle'>): { file?: string; tried: string[] } {
    const tried = this.candidates(ref, from).filter((p) => p.startsWith(this.siteDir + path.sep));
    return { file: tried.find(isFile), tried };
  }

  /** Hugo-style `/images/…` path of a source file: static/ and assets/ files keep their path, others go under `/images/content/…`. */
  imagePathFor(source: string): string {
    for (const dir of ['static', 'assets']) {
      const base = path.join(this.siteDir, dir) + path.sep;
      if (source.startsWith(base)) {
        const clean = `/${posix(source.slice(base.length))}`;
        return clean.startsWith('/images/') ? clean : `/images${clean}`;
      }
    }
    return `/images/content/${posix(path.relative(this.contentDir, source)).replace(/^(\.\.\/)+/, '')}`;
  }

  /** Copies a source image into assets/images/ and returns its `/images/…` path. */
  useImage(source: string): string {
    const imagePath = this.imagePathFor(source);
    this.images.set(this.rel(hugoImageToProjectPath(imagePath)), { source });
    return imagePath;
  }

  /** Copies a source file to public/ and returns the site path it is served at. */
  usePublic(source: string): string {
    const staticDir = path.join(this.siteDir, 'static') + path.sep;
    const sitePath = source.startsWith(staticDir) ? `/${posix(source.slice(staticDir.length))}` : this.imagePathFor(source);
    this.publicFiles.set(this.rel(path.join(PUBLIC_DIR, sitePath)), source);
    return sitePath;
  }

  /** A static/ file for a site path (`/files/a.pdf`), if the old site had one. */
  staticFile(sitePath: string): string | undefined {
    const file = path.join(this.siteDir, 'static', safeDecode(sitePath.split(/[?#]/)[0]));
    return file.startsWith(path.join(this.siteDir, 'static') + path.sep) && isFile(file) ? file : undefined;
  }

  /**
   * A remote image: its local `/images/remote/…` path when --download-images fetched it, else undefined
   * (the URL stays). Failures are reported once per URL.
   */
  remoteImage(url: string, file: string, line?: number): string | undefined {
    this.remote.add(url);
    const got = this.downloaded?.get(url);
    if (!got) {
      this.report.add('images', 'remote (kept)', file, line, `remote image ${url} kept; it is loaded from its host (--download-images copies it here)`);
      return undefined;
    }
    if (!got.content) {
      this.report.add('images', 'download failed (remote URL kept)', file, line, `could not download ${url}: ${got.error}; the remote URL is kept`);
      return undefined;
    }
    const imagePath = remoteImagePath(url, got.ext ?? 'img');
    this.images.set(this.rel(hugoImageToProjectPath(imagePath)), { content: got.content });
    this.report.add('images', 'downloaded', file, line, `downloaded ${url} to ${this.rel(hugoImageToProjectPath(imagePath))}`);
    return imagePath;
  }

  files(): AssetFile[] {
    const images = [...this.images].map(([p, v]) => ({ path: p, content: v.content ?? readFileSync(v.source!), kind: 'image' as const }));
    const pub = [...this.publicFiles].map(([p, source]) => ({ path: p, content: readFileSync(source), kind: 'public' as const }));
    this.report.counts.set('images.copied to assets', this.images.size);
    if (pub.length) this.report.counts.set('images.files copied to public/', pub.length);
    return [...images, ...pub];
  }
}

/** `/images/remote/<host>/<name>-<hash>.<ext>`: readable, and one file per URL. */
export function remoteImagePath(url: string, ext: string): string {
  const u = new URL(url.startsWith('//') ? `https:${url}` : url);
  const base = (path.posix.basename(u.pathname).replace(/\.[a-z0-9]+$/i, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'image').slice(0, 40);
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 8);
  return `/images/remote/${u.hostname.toLowerCase()}/${base}-${hash}.${ext}`;
}

/** Hugo themes' hero fields, in the order one is picked. */
export const HERO_FIELDS = ['image', 'featuredImage', 'featured_image', 'featureImage', 'cover', 'images', 'banner', 'thumbnail', 'featuredImagePreview'] as const;

function heroValue(data: Record<string, unknown>): { field: string; value: string } | undefined {
  for (const field of HERO_FIELDS) {
    const v = data[field];
    if (typeof v === 'string' && v.trim()) return { field, value: v.trim() };
    if (Array.isArray(v) && typeof v[0] === 'string' && v[0].trim()) return { field, value: v[0].trim() };
    if (Array.isArray(v) && v[0] && typeof v[0] === 'object' && typeof (v[0] as { src?: unknown }).src === 'string') return { field, value: (v[0] as { src: string }).src };
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const inner = [o.image, o.src, o.url].find((x) => typeof x === 'string' && x.trim());
      if (inner) return { field: `${field}.image`, value: (inner as string).trim() };
    }
  }
  return undefined;
}

/**
 * A bundle's hero by convention (LoveIt, DoIt, FixIt): the page resource named `featured-image` in
 * `resources: [{ name: featured-image, src: … }]`, else a bundle file `featured-image.<ext>`.
 */
function bundleHero(data: Record<string, unknown>, entry: SourceEntry): { field: string; value: string } | undefined {
  if (!entry.bundle) return undefined;
  const resources = Array.isArray(data.resources) ? data.resources : [];
  for (const r of resources) {
    if (!r || typeof r !== 'object') continue;
    const { name, src } = r as { name?: unknown; src?: unknown };
    if (typeof name === 'string' && /^featured-?image$/i.test(name.trim()) && typeof src === 'string' && src.trim()) return { field: 'resources.featured-image', value: src.trim() };
  }
  const file = readdirSync(entry.bundle).find((f) => /^featured-image\.(jpe?g|png|webp|gif|avif)$/i.test(f));
  return file ? { field: 'featured-image (bundle file)', value: file } : undefined;
}

/**
 * The hero image under `image`: a bundle file stays relative, a local file is copied to assets/images/
 * (`/images/…`), a remote one is kept (or downloaded). A missing one is dropped (kept as `image_missing`).
 */
export function applyHero(data: Record<string, unknown>, entry: SourceEntry, file: string, assets: ImportAssets, report: ImportReport) {
  const hero = heroValue(data) ?? bundleHero(data, entry);
  if (!hero) return;
  report.count('images.referenced');
  const { field, value } = hero;
  // PaperMod-style `cover: { image, alt }` carries the hero's description.
  const cover = data.cover as Record<string, unknown> | undefined;
  if (!data.image_alt && cover && typeof cover === 'object' && typeof cover.alt === 'string' && cover.alt.trim()) data.image_alt = cover.alt.trim();
  if (REMOTE.test(value)) {
    const local = assets.remoteImage(value, file);
    data.image = local ?? value;
    if (!local && value.startsWith('http://')) {
      report.add('images', 'insecure hero (kept)', file, undefined, `hero ${field} "${value}" is plain http://; kept, but browsers may block it on an https site: use https:// or --download-images`);
    }
    return;
  }
  if (entry.bundle && isFile(path.resolve(entry.bundle, safeDecode(value))) && path.resolve(entry.bundle, value).startsWith(entry.bundle + path.sep)) {
    data.image = value;
    return;
  }
  const { file: source, tried } = assets.find(value, entry);
  if (source) {
    data.image = assets.useImage(source);
    return;
  }
  delete data.image;
  data.image_missing = value;
  report.add('images', 'missing', file, undefined, `hero ${field} "${value}" not found (tried ${tried.map((t) => assets.rel(t)).join(', ')}); imported without a hero (kept as image_missing)`);
}

export interface ImageContext {
  entry: SourceEntry;
  /** The source file as shown. */
  file: string;
  /** The file the import writes (images are linked relative to it). */
  outFile: string;
  /** Whether the bundle's files are copied beside `outFile` (posts), so bundle-relative paths stay. */
  bundleBeside: boolean;
  assets: ImportAssets;
  report: ImportReport;
}

const MD_IMAGE = /!\[((?:[^[\]\\]|\\.)*)\]\(\s*<?([^\s)>]+)>?((?:\s+(?:"[^"]*"|'[^']*'))?)\s*\)/g;
const HTML_IMG = /<img\b((?:[^>"']|"[^"]*"|'[^']*')*?)\s*\/?>/gi;
const ATTR = /([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
/** CommonMark's HTML block start tags: Markdown inside such a block is not parsed. */
const HTML_BLOCK = /^ {0,3}<\/?(address|article|aside|blockquote|center|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]|header|li|main|nav|ol|p|picture|section|summary|table|tbody|td|th|thead|tr|ul)\b/i;
const SIMPLE_IMG_ATTRS = new Set(['src', 'alt', 'title', 'width', 'height']);
/** A Markdown link whose text has no brackets (an image in it is already an <img> placeholder). */
const MD_LINK_IN_HTML = /(?<!!)\[([^[\]\n]*)\]\(\s*<?([^\s)>]+)>?(?:\s+"([^"]*)")?\s*\)/g;
/**
 * CommonMark's HTML block type 7: a line holding only one complete open or closing tag (after a blank
 * line). A lone `<img>` is left out: a simple one becomes a Markdown image, which ends the block.
 */
const HTML_LINE_TAG = /^ {0,3}(?:<(?!img\b)[A-Za-z][\w-]*(?:\s+(?:[^>"']|"[^"]*"|'[^']*')*)?\/?>|<\/[A-Za-z][\w-]*\s*>)\s*$/;
const escapeAttr = (v: string) => v.replace(/&(?!#?\w+;)/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A per-body rewriter of image references, line by line: Markdown images and simple `<img>` tags become
 * optimised Markdown images, other `<img>` tags keep their HTML with the file copied to public/, remote
 * images stay (or are downloaded), and a missing image becomes its alt text.
 */
export function bodyImageRewriter(ctx: ImageContext): (text: string, line: number) => string {
  let inHtmlBlock = false;
  const relFromOut = (projectPath: string) => {
    let r = posix(path.relative(path.dirname(ctx.outFile), projectPath));
    if (!r.startsWith('.')) r = `./${r}`;
    return r;
  };
  const { assets, report, file } = ctx;
  /** The new reference for a local image, or undefined when it is missing (reported). */
  const local = (ref: string, line: number, how: 'markdown' | 'public'): string | undefined => {
    const { file: source, tried } = assets.find(ref, ctx.entry);
    if (!source) {
      report.add('images', 'missing', file, line, `image "${ref}" not found (tried ${tried.map((t) => assets.rel(t)).join(', ')}); replaced by its alt text`);
      return undefined;
    }
    if (how === 'public') return assets.usePublic(source);
    // A query or fragment (`a.png?raw=true`, GitHub's) names the same file; Astro cannot resolve it with one.
    if (ctx.bundleBeside && ctx.entry.bundle && source.startsWith(ctx.entry.bundle + path.sep) && !ref.startsWith('/')) return ref.split(/[?#]/)[0];
    return encodeURI(relFromOut(hugoImageToProjectPath(assets.useImage(source))));
  };
  const fallback = (alt: string, ref: string) => alt.trim() || path.posix.basename(safeDecode(ref.split(/[?#]/)[0]));

  let prevBlank = true;
  return (text, line) => {
    if (!text.trim()) inHtmlBlock = false;
    else if (HTML_BLOCK.test(text) || (prevBlank && HTML_LINE_TAG.test(text))) inHtmlBlock = true;
    prevBlank = !text.trim();
    const made: string[] = [];
    return outsideCodeSpans(text, (part) =>
      part
        .replace(MD_IMAGE, (whole, alt: string, ref: string, title: string) => {
          report.count('images.referenced');
          if (ref.startsWith('data:')) return whole;
          if (inHtmlBlock) {
            // Markdown is not read inside an HTML block (Hugo showed the text, or nothing): the image the
            // author meant is written as an <img>, its file copied to public/.
            const unescape = (v: string) => v.replace(/\\([[\]\\])/g, '$1');
            const served = REMOTE.test(ref) ? (assets.remoteImage(ref, file, line), ref) : local(ref, line, 'public');
            if (!served) return escapeAttr(fallback(unescape(alt), ref));
            const t = title.trim().slice(1, -1);
            report.add('images', 'Markdown image inside HTML (written as <img>)', file, line, `![…](${ref}) inside an HTML block, where Markdown is not read; written as <img src="${served}">`);
            // Held back until the <img> pass below is done, so it is not read again.
            made.push(`<img src="${escapeAttr(served)}" alt="${escapeAttr(unescape(alt))}"${t ? ` title="${escapeAttr(t)}"` : ''}>`);
            return `\u0003${made.length - 1}\u0003`;
          }
          if (REMOTE.test(ref)) {
            const got = assets.remoteImage(ref, file, line);
            return got ? `![${alt}](${encodeURI(relFromOut(hugoImageToProjectPath(got)))}${title})` : whole;
          }
          const target = local(ref, line, 'markdown');
          return target ? `![${alt}](${target}${title})` : fallback(alt, ref);
        })
        .replace(HTML_IMG, (whole, attrText: string) => {
          const attrs = new Map<string, string>();
          for (const m of attrText.matchAll(ATTR)) attrs.set(m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
          const src = attrs.get('src');
          if (!src || src.startsWith('data:')) return whole;
          report.count('images.referenced');
          const simple = !inHtmlBlock && [...attrs.keys()].every((k) => SIMPLE_IMG_ATTRS.has(k));
          const alt = attrs.get('alt') ?? '';
          const title = attrs.get('title');
          const markdown = (ref: string) => `![${alt.replace(/([[\]\\])/g, '\\$1')}](${ref}${title ? ` "${title.replace(/"/g, '\\"')}"` : ''})`;
          if (REMOTE.test(src)) {
            const got = assets.remoteImage(src, file, line);
            if (!got) return whole;
            return simple ? markdown(encodeURI(relFromOut(hugoImageToProjectPath(got)))) : whole;
          }
          if (simple) {
            const target = local(src, line, 'markdown');
            return target ? markdown(target) : fallback(alt, src);
          }
          const served = local(src, line, 'public');
          if (!served) return fallback(alt, src);
          report.add('images', 'kept as HTML (copied to public/, not optimised)', file, line, `<img> with ${[...attrs.keys()].filter((k) => !SIMPLE_IMG_ATTRS.has(k)).join(', ') || 'an HTML block around it'} kept as HTML; ${src} copied to ${shownPath(path.join(PUBLIC_DIR, served))} and served as it is`);
          return whole.replace(/(\ssrc\s*=\s*)(["']?)[^"'\s>]+\2/i, `$1$2${served}$2`);
        })
        // Markdown links inside an HTML block are not read either: written as <a>, which the link pass
        // then moves or un-links like any other.
        .replace(MD_LINK_IN_HTML, (whole, label: string, href: string, title: string | undefined) => {
          if (!inHtmlBlock) return whole;
          report.add('links', 'Markdown link inside HTML (written as <a>)', file, line, `[…](${href}) inside an HTML block, where Markdown is not read; written as <a href>`);
          return `<a href="${escapeAttr(href)}"${title ? ` title="${escapeAttr(title)}"` : ''}>${label}</a>`;
        })
        .replace(/\u0003(\d+)\u0003/g, (_, i: string) => made[Number(i)]),
    );
  };
}

export function outsideCodeSpans(text: string, fn: (part: string) => string): string {
  return text
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => (i % 2 === 1 ? part : fn(part)))
    .join('');
}

const IMAGE_TYPES: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
  'image/tiff': 'tiff',
};

/**
 * Fetches remote images for --download-images, `concurrency` at a time, each within `timeoutMs`. Never
 * throws: a failure (network, HTTP status, not an image) is recorded for that URL, and the import keeps it.
 */
export async function downloadImages(urls: string[], { concurrency = 4, timeoutMs = 15_000 } = {}): Promise<Map<string, DownloadedImage>> {
  const out = new Map<string, DownloadedImage>();
  const queue = [...urls];
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      try {
        const res = await fetch(url.startsWith('//') ? `https:${url}` : url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const type = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
        const ext = IMAGE_TYPES[type];
        if (!ext) throw new Error(`not an image (content-type "${type || 'none'}")`);
        out.set(url, { content: Buffer.from(await res.arrayBuffer()), ext });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        const reason = e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
        out.set(url, { error: reason });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
  return out;
}
