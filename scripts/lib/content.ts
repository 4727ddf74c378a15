import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { contentDir } from '../../src/lib/paths.ts';
import { createPostSchema } from '../../src/schemas/post.ts';
import { createCompanySchema } from '../../src/schemas/company.ts';
import { createPersonSchema } from '../../src/schemas/person.ts';
import { parseFrontMatter, splitDocument, type SplitDocument } from './frontmatter.ts';

/**
 * The site's own schemas with `image()` replaced by a plain string, as the scripts run outside Astro.
 * Hugo `/images/…` paths are still checked by the schema; callers check relative images themselves.
 */
export const PostSchema = createPostSchema(() => z.string());
export const CompanySchema = createCompanySchema(() => z.string());
export const PersonSchema = createPersonSchema(() => z.string());

export interface PostFile {
  /** Path relative to the project root, as printed in reports. */
  file: string;
  /** Path relative to the posts folder, as the glob loader sees it. */
  entry: string;
  /** The raw `slug` front-matter field, if any (it decides the id). */
  slug?: unknown;
  source: string;
  doc: SplitDocument;
  /** Parsed front matter, or the parse error. */
  data: Record<string, unknown> | Error;
}

function walk(dir: string, match: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name.startsWith('_')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full, match));
    else if (match.test(name)) out.push(full);
  }
  return out;
}

/** Paths of every Markdown and MDX post, as the posts loader would find them. */
export function postPaths(): string[] {
  return walk(contentDir('posts'), /\.mdx?$/);
}

/** Every Markdown and MDX post, as the posts loader would find them. */
export function postFiles(): PostFile[] {
  return markdownFiles('posts');
}

/** Every Markdown and MDX file of a collection, as its loader would find them. */
export function markdownFiles(collection: 'posts' | 'pages'): PostFile[] {
  const base = contentDir(collection);
  return walk(base, /\.mdx?$/).map((full) => {
    const source = readFileSync(full, 'utf8');
    const doc = splitDocument(source);
    let data: PostFile['data'];
    try {
      data = parseFrontMatter(doc);
    } catch (err) {
      data = err as Error;
    }
    return {
      file: path.relative(process.cwd(), full),
      entry: path.relative(base, full).split(path.sep).join('/'),
      slug: data instanceof Error ? undefined : data.slug,
      source,
      doc,
      data,
    };
  });
}

export interface YamlFile {
  file: string;
  slug: string;
  data: unknown;
}

export function yamlEntries(collection: 'companies' | 'people'): YamlFile[] {
  const dir = contentDir(collection);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const full = path.join(dir, f);
      let data: unknown;
      try {
        data = parseFrontMatter({ format: 'yaml', raw: readFileSync(full, 'utf8'), body: '', bodyLine: 1 });
      } catch (err) {
        data = err as Error;
      }
      return { file: path.relative(process.cwd(), full), slug: f.replace(/\.ya?ml$/, ''), data };
    });
}

/** Issues as `field: message`, the field path joined with dots (`related_companies.0`). */
export function formatIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(front matter)', message: i.message }));
}
