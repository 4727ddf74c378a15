import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fixtureDirs, ROOT, runBuild } from '../support/build-fixture';
import { parseHtml } from '../support/html';
import { runScript, type CliResult } from './cli';

const { base, dist, cache } = fixtureDirs('new-post');
const root = path.join(base, 'content-root');
const file = path.join(root, 'content/posts/tools-new-draft.md');
const TITLE = '新的草稿：AI 晶片的下一步';

describe('npm run new', () => {
  let created: CliResult;
  let again: CliResult;

  beforeAll(() => {
    rmSync(base, { recursive: true, force: true });
    for (const dir of ['posts', 'companies', 'people']) mkdirSync(path.join(root, 'content', dir), { recursive: true });
    writeFileSync(path.join(root, 'content/posts/published.md'), '---\ntitle: 已發佈的文章\ndate: 2026-01-01T10:00:00+08:00\n---\n\n內文。\n');
    created = runScript('new', [TITLE, '--slug', 'tools-new-draft'], root);
    again = runScript('new', [TITLE, '--slug', 'tools-new-draft'], root);
  });

  it('creates a draft with complete front matter dated now in +08:00', () => {
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('/posts/tools-new-draft/');
    const data = parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))![1], { schema: 'core' });
    expect(data).toMatchObject({ title: TITLE, draft: true, description: '', tags: [], categories: [], related_companies: [], related_people: [], aliases: [] });
    expect(data.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(Math.abs(new Date(data.date).getTime() - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('refuses to overwrite an existing post', () => {
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('已存在，不會覆寫 / already exists');
  });

  it('passes check:content', () => {
    const check = runScript('check:content', [], root);
    expect(check.stdout).toContain('content is clean');
    expect(check.status).toBe(0);
  });

  it('derives a dated slug from the title when none is given', () => {
    const derived = runScript('new', ['Hello Agents 2026', '--mdx'], root);
    const slug = /\/posts\/(\d{8}-hello-agents-2026)\//.exec(derived.stdout)?.[1];
    expect(slug).toBeDefined();
    expect(existsSync(path.join(root, `content/posts/${slug}.mdx`))).toBe(true);
    rmSync(path.join(root, `content/posts/${slug}.mdx`));
  });

  it('builds as a draft in development and is absent from the production build', () => {
    runBuild('new-post', { CONTENT_ROOT: root, ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache });
    expect(existsSync(path.join(dist, 'posts/published/index.html'))).toBe(true);
    expect(existsSync(path.join(dist, 'posts/tools-new-draft/index.html'))).toBe(false);
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).not.toContain(TITLE);

    // A development-mode build renders drafts, as `npm run dev` does: the same file builds, with its badge.
    const devDist = `${dist}-dev`;
    runBuild('new-post', { CONTENT_ROOT: root, ASTRO_OUT_DIR: devDist, ASTRO_CACHE_DIR: `${cache}-dev`, NODE_ENV: 'development' });
    const doc = parseHtml(readFileSync(path.join(devDist, 'posts/tools-new-draft/index.html'), 'utf8'));
    expect(doc.querySelector('h1')?.textContent).toBe(TITLE);
    expect(doc.querySelector('.article-meta .badge')?.textContent).toBe('草稿');
  }, 120_000);

  it('leaves the JSON schema the editor reads for front matter, generated from the Zod schema', () => {
    // Written by every sync (contentIntellisense); the build above ran one.
    const schema = JSON.parse(readFileSync(path.join(ROOT, '.astro/collections/posts.schema.json'), 'utf8'));
    expect(schema.required).toEqual(['title', 'date']);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['title', 'date', 'draft', 'related_companies', 'related_people', 'aliases', 'image']));
    expect(schema.properties.draft).toEqual({ default: false, type: 'boolean' });
  });
});
