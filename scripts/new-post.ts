/**
 * Scaffolds a draft post with complete front matter.
 * Usage: npm run new -- "<標題>" [--slug <slug>] [--mdx]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentDir } from '../src/lib/paths.ts';
import { postIdFromEntry, postUrl } from '../src/lib/urls.ts';
import { bold, fail, green, parseCli } from './lib/cli.ts';
import { postFiles } from './lib/content.ts';
import { toZonedIso } from '../src/lib/dates.ts';

import { slugFromTitle } from './lib/slug.ts';

const USAGE = `
新增一篇草稿文章 / Create a draft post.

用法 Usage:
  npm run new -- "<標題>" [--slug <slug>] [--mdx]

  --slug <slug>   網址用的代稱（小寫英數與連字號）；預設由標題產生
                  URL slug (lower-case letters, digits, hyphens); derived from the title by default
  --mdx           建立 .mdx（可使用 <YouTube> 等元件）/ create an .mdx file for components
  -h, --help      顯示說明 / show this help

文章會建立在 src/content/posts/<slug>.md，draft: true；既有檔案不會被覆寫。
`;

const { values, positionals } = parseCli(USAGE, { slug: { type: 'string' }, mdx: { type: 'boolean' } });
const title = positionals.join(' ').trim();
if (!title) fail(`請提供標題 / a title is required\n${USAGE}`);

const slug = values.slug?.trim() || slugFromTitle(title);
if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
  fail(`slug "${slug}" 不合格式；expected lower-case letters, digits and single hyphens, e.g. --slug openai-devday-2026`);
}

const dir = contentDir('posts');
const file = path.join(dir, `${slug}.${values.mdx ? 'mdx' : 'md'}`);
if (existsSync(file)) fail(`${file} 已存在，不會覆寫 / already exists; choose another --slug`);
const clash = postFiles().find((f) => postIdFromEntry(f.entry, f.slug) === slug);
if (clash) fail(`已有文章使用 id "${slug}"：${clash.file} / another post already has this id; choose another --slug`);

// Optional fields that must be absent rather than empty (a URL or an image) are written as comments.
const frontMatter = [
  `title: ${JSON.stringify(title)}`,
  `date: ${toZonedIso(new Date())}`,
  'description: ""',
  'tags: []',
  'categories: []',
  `# image: /images/posts/${slug}.webp`,
  'image_alt: ""',
  '# source_url: https://',
  '# source_name: ""',
  'related_companies: []',
  'related_people: []',
  'aliases: []',
  'draft: true',
].join('\n');
const body = values.mdx
  ? '在這裡開始寫作。MDX 可直接使用 <YouTube id="…" />、<Spotify id="episode/…" />、<Callout> 等元件。\n'
  : '在這裡開始寫作。\n';

mkdirSync(dir, { recursive: true });
writeFileSync(file, `---\n${frontMatter}\n---\n\n${body}`, { flag: 'wx' });
process.stdout.write(
  `${green('已建立 created')} ${bold(file)}\n` +
    `  網址 URL: ${postUrl(slug)}（草稿：只在 npm run dev 顯示 / draft: shown only in npm run dev）\n` +
    `  發佈時把 draft 改成 false / set draft: false to publish\n`,
);
