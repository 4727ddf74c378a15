import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PUBLIC_DIR, hugoImageToProjectPath, imagesDir } from '../../src/lib/paths.ts';
import { postIdFromEntry, postUrl, termUrl, urlize } from '../../src/lib/urls.ts';
import { MDX_VALIDATORS, figureImagePath, planExpansion } from '../../src/lib/shortcodes.ts';
import { scanShortcodes } from '../../src/lib/shortcode-scan.ts';
import { EmbedError } from '../../src/lib/embeds.ts';
import { isRendered, publishAt } from '../../src/lib/schedule.ts';
import { CompanySchema, PersonSchema, PostSchema, formatIssues, markdownFiles, postFiles, yamlEntries, type PostFile } from './content.ts';
import { knownFields, unknownFieldProblems } from '../../src/lib/front-matter-fields.ts';
import { POST_FIELD_NAMES } from '../../src/schemas/post.ts';
import { PAGE_FIELD_NAMES } from '../../src/schemas/page.ts';
import { bodyLines, linkTargets } from './body-scan.ts';
import { missingImageMessage, resolveBodyImage } from '../../src/lib/body-images.ts';
import { resolveLanguage } from '../../src/lib/code-languages.ts';

export interface Problem {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

const abs = (p: string) => path.resolve(process.cwd(), p);
const rel = (p: string) => path.relative(process.cwd(), p);

const POST_FIELDS = knownFields(POST_FIELD_NAMES);
const PAGE_FIELDS = knownFields(PAGE_FIELD_NAMES);

/** MDX components the article page provides; anything else must be imported by the file. */
const MDX_COMPONENTS = new Set(['YouTube', 'Spotify', 'Vimeo', 'XPost', 'Gist', 'Figure', 'Callout']);

/** Validates all content in one pass and returns every problem found. */
export function checkContent(now = new Date()): Problem[] {
  const problems: Problem[] = [];
  const report = (p: Problem) => problems.push(p);
  const posts = postFiles();
  const companies = yamlEntries('companies');
  const people = yamlEntries('people');
  const companySlugs = new Set(companies.map((c) => c.slug));

  /** Files under assets/images/posts that something references. */
  const usedImages = new Set<string>();
  const useImage = (file: string) => usedImages.add(abs(file));

  // Front matter against the site's schema.
  const invalidUrls = new Set<string>();
  const valid: { post: PostFile; id: string; data: ReturnType<typeof PostSchema.parse> }[] = [];
  for (const post of posts) {
    if (post.data instanceof Error) {
      report({ file: post.file, line: 1, message: `front matter is not valid ${post.doc.format.toUpperCase()}: ${post.data.message.split('\n')[0]}` });
      continue;
    }
    if (post.doc.format !== 'yaml') {
      report({ file: post.file, line: 1, message: `front matter must be YAML between --- lines (found ${post.doc.format}); the importer converts Hugo's TOML` });
      continue;
    }
    for (const p of unknownFieldProblems(post.data, POST_FIELDS, post.source)) report({ file: post.file, ...p });
    const image = post.data.image;
    if (typeof image === 'string' && image.startsWith('/images/')) useImage(hugoImageToProjectPath(image));
    if (typeof image === 'string' && image.trim() && !/^(\/|https?:)/.test(image.trim())) {
      const file = path.resolve(path.dirname(abs(post.file)), image.trim());
      if (!existsSync(file)) report({ file: post.file, field: 'image', message: `image "${image}" not found; expected file at ${rel(file)}` });
    }
    const result = PostSchema.safeParse(post.data);
    if (!result.success) {
      for (const issue of formatIssues(result.error)) report({ file: post.file, ...issue });
      // Its page is reported already; links to it should not be reported a second time.
      invalidUrls.add(decodeURI(postUrl(postIdFromEntry(post.entry, post.slug))));
      continue;
    }
    valid.push({ post, id: postIdFromEntry(post.entry, post.slug), data: result.data });
  }

  // Pages: only their fields here; the build validates the rest.
  for (const page of markdownFiles('pages')) {
    if (page.data instanceof Error || page.doc.format !== 'yaml') continue;
    for (const p of unknownFieldProblems(page.data, PAGE_FIELDS, page.source)) report({ file: page.file, ...p });
  }

  // Companies and people.
  for (const [entries, schema, kind] of [[companies, CompanySchema, 'company'], [people, PersonSchema, 'person']] as const) {
    for (const entry of entries) {
      if (entry.data instanceof Error) {
        report({ file: entry.file, message: `not valid YAML: ${entry.data.message.split('\n')[0]}` });
        continue;
      }
      const result = schema.safeParse(entry.data);
      if (!result.success) for (const issue of formatIssues(result.error)) report({ file: entry.file, ...issue });
      const data = entry.data as Record<string, unknown>;
      if (typeof data.image === 'string' && !existsSync(path.resolve(path.dirname(abs(entry.file)), data.image))) {
        report({ file: entry.file, field: 'image', message: `${kind} image "${data.image}" not found next to the YAML file` });
      }
      if (kind === 'person' && typeof data.company === 'string' && !companySlugs.has(data.company)) {
        report({ file: entry.file, field: 'company', message: `unknown company "${data.company}"; expected a file content/companies/${data.company}.yaml` });
      }
    }
  }

  // Ids and URLs: one file per id, one owner per URL (post URLs and redirect aliases).
  const byId = new Map<string, string[]>();
  for (const post of posts) {
    const id = postIdFromEntry(post.entry, post.slug);
    byId.set(id, [...(byId.get(id) ?? []), post.file]);
  }
  for (const [id, files] of byId) {
    if (files.length < 2) continue;
    for (const file of files) {
      report({ file, field: files.some((f) => f !== file) ? 'slug' : undefined, message: `duplicate post id "${id}" (URL ${postUrl(id)}); also used by ${files.filter((f) => f !== file).join(', ')}` });
    }
  }
  const urlOwner = new Map<string, string>();
  for (const { post, id } of valid) urlOwner.set(decodeURI(postUrl(id)), post.file);
  const aliasOwner = new Map<string, string>();
  for (const { post, data } of valid) {
    data.aliases.forEach((alias, i) => {
      const key = normaliseUrl(alias);
      const owner = urlOwner.get(key);
      if (owner) {
        report({ file: post.file, field: `aliases.${i}`, message: `alias "${alias}" is the URL of ${owner === post.file ? 'this post itself' : owner}; a redirect there would replace the page` });
      } else if (aliasOwner.has(key) && aliasOwner.get(key) !== post.file) {
        report({ file: post.file, field: `aliases.${i}`, message: `alias "${alias}" is also an alias of ${aliasOwner.get(key)}; an old URL can redirect to one post only` });
      } else aliasOwner.set(key, post.file);
    });
  }

  // Where internal links may point.
  // The site's own rule: the posts that get a page in a build at `now`.
  const published = valid.filter(({ data }) => isRendered(data, now));
  const known = knownUrls(published.map((p) => ({ id: p.id, data: p.data })), companySlugs, new Set(people.map((p) => p.slug)));
  for (const key of [...aliasOwner.keys(), ...invalidUrls]) known.add(normaliseUrl(key));
  const unpublished = new Map(valid.filter((v) => !published.includes(v)).map((v) => [decodeURI(postUrl(v.id)), v]));

  // Bodies: shortcodes, MDX components, links and images.
  for (const post of posts) {
    const isMdx = post.file.endsWith('.mdx');
    const postAbs = abs(post.file);
    const imports = new Set<string>();
    // Shortcodes: the build's own scanner and expansion, so check:content and the build agree.
    const scan = scanShortcodes(post.doc.body, post.doc.bodyLine);
    if (isMdx) {
      for (const tag of scan.tags) {
        if (!tag.closing) report({ file: post.file, line: tag.line, message: `Hugo shortcode {{< ${tag.name} >}} does not work in MDX; use a component such as <YouTube id="…" />` });
      }
    } else if (scan.tags.length || scan.problems.length) {
      const data = post.data instanceof Error ? undefined : post.data;
      for (const problem of planExpansion(post.doc.body, { file: postAbs, firstLine: post.doc.bodyLine, data }).problems) {
        report({ file: post.file, line: problem.line, message: problem.message });
      }
      for (const tag of scan.tags) {
        if (tag.name !== 'figure' || tag.closing || !tag.named.src) continue;
        try {
          useImage(figureImagePath(tag.named.src, postAbs).file ?? '');
        } catch {
          // Reported above.
        }
      }
    }
    const lines = bodyLines(post.doc.body, post.doc.bodyLine);
    lines.forEach((l) => {
      // The language as the highlighter reads it: the info string's first word (` ```c++ {linenos=table}`).
      const lang = l.fenceInfo?.split(/[\s{]/)[0];
      if (lang && !resolveLanguage(lang).known) {
        report({ file: post.file, line: l.line, message: `code language "${lang}" is not known to the highlighter; shown as plain text (a name from the README's list, or text)` });
      }
      if (l.inFence) return;
      const importMatch = isMdx ? /^import\s+(\w+)\s+from\s+['"]([^'"]+)['"]/.exec(l.text) : null;
      if (importMatch) {
        imports.add(importMatch[1]);
        if (importMatch[2].startsWith('.')) {
          const file = path.resolve(path.dirname(postAbs), importMatch[2]);
          if (!existsSync(file)) report({ file: post.file, line: l.line, message: `import "${importMatch[2]}" not found; expected file at ${rel(file)}` });
          else useImage(file);
        }
        return;
      }
      if (isMdx) {
        for (const m of l.prose.matchAll(/<([A-Z][A-Za-z0-9]*)\b([^>]*?)\/?>/g)) {
          const [, name, attrs] = m;
          if (!MDX_COMPONENTS.has(name) && !imports.has(name)) {
            report({ file: post.file, line: l.line, message: `unknown component <${name}>; expected one of ${[...MDX_COMPONENTS].join(', ')} or an import` });
            continue;
          }
          const validate = MDX_VALIDATORS[name];
          if (!validate) continue;
          const values = Object.fromEntries([...attrs.matchAll(/(\w+)=(?:"([^"]*)"|'([^']*)')/g)].map((a) => [a[1], a[2] ?? a[3]]));
          try {
            validate((key) => values[key]);
          } catch (err) {
            if (!(err instanceof EmbedError)) throw err;
            report({ file: post.file, line: l.line, message: `<${name}>: ${err.message}` });
          }
        }
      }
      for (const { url, image, html } of linkTargets(l.prose)) {
        if (/^(?:[a-z][a-z0-9+.-]*:|#|\/\/|\{\{)/i.test(url)) continue;
        const clean = url.split(/[?#]/)[0];
        if (image && !html && clean) {
          // The build's own resolver (src/lib/body-images.ts), so both agree on every image.
          const resolved = resolveBodyImage(url, postAbs);
          if (resolved.kind === 'missing') report({ file: post.file, line: l.line, message: missingImageMessage(url, resolved.expected) });
          if (resolved.kind === 'optimised' || resolved.kind === 'public') useImage(resolved.file);
          if (resolved.kind === 'public') {
            const move = clean.startsWith('/images/') ? `${imagesDir}/${clean.slice('/images/'.length)}` : `${imagesDir}/ (and link it as /images/…)`;
            report({ file: post.file, line: l.line, message: `image "${url}" is served from ${rel(resolved.file)} as it is, without a srcset; move it to ${move} to optimise it` });
          }
          continue;
        }
        if (image || !clean.startsWith('/')) {
          if (!clean) continue;
          const file = clean.startsWith('/') ? path.resolve(process.cwd(), PUBLIC_DIR, `.${safeDecode(clean)}`) : path.resolve(path.dirname(postAbs), safeDecode(clean));
          if (!existsSync(file)) {
            report({ file: post.file, line: l.line, message: `${image ? 'image' : 'link'} "${url}" not found; expected file at ${rel(file)}` });
          } else if (image) {
            useImage(file);
            if (clean.startsWith('/')) {
              report({ file: post.file, line: l.line, message: `image "${url}" is served from public/ without optimization; put it in ${imagesDir}/ and link it relatively` });
            }
          }
          continue;
        }
        const key = normaliseUrl(clean);
        if (known.has(key) || existsSync(path.resolve(process.cwd(), PUBLIC_DIR, `.${safeDecode(clean)}`))) continue;
        const target = unpublished.get(key);
        report({
          file: post.file,
          line: l.line,
          message: target
            ? `link "${url}" points to ${unpublishedKind(target.data, now)} (${target.post.file}), which is not published`
            : `internal link "${url}" points nowhere; no page has that URL`,
        });
      }
    });
  }

  // Hero images nobody uses.
  for (const file of listFiles(path.join(imagesDir, 'posts'))) {
    if (!usedImages.has(abs(file))) {
      report({ file: rel(abs(file)), message: 'image is not used by any post; delete it or reference it' });
    }
  }
  return problems;
}

/** What kind of unpublished post a link points to, for the message. */
function unpublishedKind(data: ReturnType<typeof PostSchema.parse>, now: Date): string {
  if (data.draft) return 'a draft';
  if (!data.build.render) return 'a post that is never built (headless or build.render: never)';
  if ((publishAt(data)?.getTime() ?? -Infinity) > now.getTime()) return 'a scheduled post';
  return 'an expired post';
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/** Decoded, with a trailing slash unless it names a file (`/index.xml`). */
function normaliseUrl(url: string): string {
  const decoded = safeDecode(url.split(/[?#]/)[0]);
  return /\/[^/]+\.[a-z0-9]+$/i.test(decoded) || decoded.endsWith('/') ? decoded : `${decoded}/`;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : name.startsWith('.') ? [] : [full];
  });
}

/** URLs the site builds: posts, listings, taxonomy terms and their feeds, and static pages. */
function knownUrls(
  posts: { id: string; data: ReturnType<typeof PostSchema.parse> }[],
  companies: Set<string>,
  people: Set<string>,
): Set<string> {
  const urls = new Set<string>(['/', '/index.xml', '/posts/']);
  const term = (taxonomy: Parameters<typeof termUrl>[0], slug: string) => {
    const url = decodeURI(termUrl(taxonomy, slug));
    urls.add(url);
    urls.add(`${url}index.xml`);
  };
  for (const { id, data } of posts) {
    urls.add(decodeURI(postUrl(id)));
    data.tags.forEach((t) => term('tags', urlize(t)));
    data.categories.forEach((t) => term('categories', urlize(t)));
    if (data.source_name) term('sources', urlize(data.source_name));
  }
  companies.forEach((c) => term('companies', c));
  people.forEach((p) => term('people', p));
  for (const taxonomy of ['tags', 'categories', 'companies', 'people', 'sources']) urls.add(`/${taxonomy}/`);
  for (const page of staticPages(path.join(process.cwd(), 'src/pages'), '')) urls.add(page);
  return new Set([...urls].map(normaliseUrl));
}

/** Routes from page files without parameters: `archive.astro` → `/archive/`, `index.xml.ts` → `/index.xml`. */
export function staticPages(dir: string, prefix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name.includes('[') || name.startsWith('_')) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return staticPages(full, `${prefix}/${name}`);
    const m = /^(.*?)\.(astro|md|mdx|ts|js)$/.exec(name);
    if (!m) return [];
    if (m[2] === 'ts' || m[2] === 'js') return m[1].includes('.') ? [`${prefix}/${m[1]}`] : [];
    return [m[1] === 'index' ? `${prefix}/` : `${prefix}/${m[1]}/`];
  });
}

