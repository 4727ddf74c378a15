/**
 * Deterministic Hugo-format corpus for the build benchmark: N articles with front matter, body text,
 * shortcodes and a hero image each, plus the company and person YAML files they reference. The same N
 * always gives the same bytes. Heroes are expensive to paint, so they are cached by seed in
 * `.bench/images/` and hard-linked into the corpus.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync, linkSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Random, hash32 } from './prng.mjs';
import * as V from './vocabulary.mjs';

/** Bump when the hero painter changes, so cached images are not reused across versions. */
const HERO_VERSION = 1;
const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2026, 9, 31);
const YT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Zipf-like weights: a few tags are on most posts, most tags on few. */
const TAG_WEIGHTS = V.TAGS.map((_, i) => 1 / (i + 1));

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** ISO date-time in Taipei (+08:00) for a UTC timestamp. */
function taipeiIso(ms) {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+08:00`;
}

const yamlString = (s) => JSON.stringify(s);
const yamlList = (items) => `[${items.map(yamlString).join(', ')}]`;

function sentence(r) {
  const lead = r.chance(0.4) ? r.pick(V.CONNECTIVES) : '';
  const aside = r.chance(0.15) ? `（${r.pick(['LLM', 'GPU', 'API', 'SaaS', 'token', 'benchmark'])}）` : '';
  return `${lead}${r.pick(V.SUBJECTS)}${aside}${r.pick(V.VERBS)}${r.pick(V.OBJECTS)}，${r.pick(V.CLAUSES)}。`;
}

function paragraph(r, sentences) {
  // Hugo sources wrap long Chinese lines; keep a soft break in some paragraphs.
  const parts = Array.from({ length: sentences }, () => sentence(r));
  if (parts.length > 3 && r.chance(0.5)) parts.splice(2, 0, '\n');
  return parts.join('').replace(/\n/g, '\n');
}

function section(r, index, heading, extras) {
  const out = [`## ${heading}`, ''];
  const paragraphs = r.int(4, 6);
  for (let p = 0; p < paragraphs; p++) {
    out.push(paragraph(r, r.int(5, 7)), '');
    if (p === 1) {
      out.push(...Array.from({ length: r.int(3, 5) }, () => `- ${sentence(r)}`), '');
    }
    if (p === 2) out.push(`> ${r.pick(V.QUOTES)}`, '');
    if (p === 3) {
      out.push(
        `延伸閱讀：[${r.pick(V.OBJECTS)}的分析](https://example.com/notes/${index}-${r.int(1, 999)})，以及[原始資料](https://example.org/data/${r.chars(B62, 8)})。`,
        '',
      );
    }
  }
  if (extras.code) {
    out.push(
      '```python',
      `# 估算每月推論成本（${heading}）`,
      `tokens_per_day = ${r.int(1, 90)}_000_000`,
      `price_per_million = ${r.int(1, 30) / 10}`,
      'print(tokens_per_day * 30 / 1_000_000 * price_per_million)',
      '```',
      '',
    );
  }
  if (extras.numbered) {
    out.push(...Array.from({ length: 3 }, (_, i) => `${i + 1}. ${sentence(r)}`), '');
  }
  return out.join('\n');
}

/** The Markdown source of post `i` (0-based) of `total`; its hero is painted from seed `i % heroPool`. */
export function postSource(i, total, heroPool = total) {
  const r = new Random(hash32(`post-${i}`));
  const id = `bench-${pad(i + 1, 5)}`;
  const ms = START + Math.floor(((END - START) * (i + 0.5)) / total) + r.int(0, 20 * 3600) * 1000;
  const date = taipeiIso(ms);
  const tags = r.sample(V.TAGS, r.int(3, 8), TAG_WEIGHTS);
  const categories = r.sample(V.CATEGORIES, r.int(1, 2));
  const companies = r.sample(V.COMPANIES, r.int(0, 3)).map((c) => c.slug);
  const people = r.sample(V.PEOPLE, r.int(0, 2)).map((p) => p.slug);
  const draft = r.chance(0.03);
  const source = r.pick(V.SOURCES);
  const title = `${r.pick(V.SUBJECTS)}${r.pick(V.VERBS)}${r.pick(V.OBJECTS)}：${source}第 ${i + 1} 集筆記`;
  // Real ids may contain "--", which smart punctuation would turn into an en dash (fixed in shortcodes.ts).
  const youtube = r.chars(YT, 11);
  const spotify = r.chars(B62, 22);
  const headings = r.sample(V.HEADINGS, r.int(6, 7));
  const codeAt = new Set([r.int(0, 2), r.int(3, 5)]);

  const frontMatter = [
    '---',
    `title: ${yamlString(title)}`,
    `date: ${date}`,
    `description: ${yamlString(sentence(r))}`,
    `tags: ${yamlList(tags)}`,
    `categories: ${yamlList(categories)}`,
    `image: "/images/posts/${id}.webp"`,
    `source_url: "https://www.youtube.com/watch?v=${youtube}"`,
    `source_name: ${yamlString(source)}`,
    `related_companies: ${yamlList(companies)}`,
    `related_people: ${yamlList(people)}`,
    `draft: ${draft}`,
    '---',
  ];
  const body = [
    `> 本文整理自《${source}》的單集內容，重點摘要與個人觀察。`,
    '',
    `{{< youtube ${youtube} >}}`,
    '',
    `{{< spotify "episode/${spotify}" >}}`,
    '',
    ...headings.map((h, s) => section(r, i, h, { code: codeAt.has(s), numbered: s % 3 === 1 })),
  ];
  const fileDate = date.slice(0, 10).replace(/-/g, '');
  return { id, file: `${fileDate}-${id}.md`, draft, heroSeed: hash32(`hero-${HERO_VERSION}-${i % heroPool}`), text: `${frontMatter.join('\n')}\n\n${body.join('\n')}` };
}

function companyYaml(c, r) {
  return [
    `name: ${yamlString(c.name)}`,
    `name_zh: ${yamlString(c.nameZh)}`,
    `name_en: ${yamlString(c.name)}`,
    `website: "https://${c.slug}.example.com"`,
    `description: ${yamlString(sentence(r))}`,
    '',
  ].join('\n');
}

function personYaml(p, r) {
  return [
    `name: ${yamlString(p.name)}`,
    `name_zh: ${yamlString(p.nameZh)}`,
    `role: ${yamlString(r.pick(V.ROLES))}`,
    `company: ${r.pick(V.COMPANIES).slug}`,
    `description: ${yamlString(sentence(r))}`,
    '',
  ].join('\n');
}

/** Appends a RIFF chunk naming the post to a WebP file: same pixels, distinct bytes (decoders skip it). */
function withIdChunk(webp, id) {
  const payload = Buffer.from(id);
  const chunk = Buffer.alloc(8 + payload.length + (payload.length % 2));
  chunk.write('BNCH', 0, 'ascii');
  chunk.writeUInt32LE(payload.length, 4);
  payload.copy(chunk, 8);
  const out = Buffer.concat([webp, chunk]);
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}

/** Paints missing heroes with one worker per core. */
async function paintHeroes(jobs, log) {
  const todo = [...new Map(jobs.filter((j) => !existsSync(j.file)).map((j) => [j.file, j])).values()];
  if (todo.length === 0) return;
  const workers = Math.min(availableParallelism(), todo.length);
  log(`painting ${todo.length} hero images on ${workers} workers (cached in ${path.dirname(todo[0].file)})…`);
  const started = Date.now();
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, () => {
      const worker = new Worker(new URL('./hero-worker.mjs', import.meta.url));
      return new Promise((resolve, reject) => {
        const feed = () => {
          if (next >= todo.length) return void worker.terminate().then(resolve);
          worker.postMessage(todo[next++]);
        };
        worker.on('message', (m) => {
          if (m.error) return reject(new Error(`hero ${m.file}: ${m.error}`));
          done++;
          if (done % 250 === 0) log(`  ${done}/${todo.length} heroes (${((Date.now() - started) / 1000).toFixed(0)} s)`);
          feed();
        });
        worker.on('error', reject);
        feed();
      });
    }),
  );
  log(`  painted ${todo.length} heroes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Writes the corpus for `posts` articles into `dir` (content/ and assets/, the layout CONTENT_ROOT
 * expects), replacing whatever was there; heroes come from `<benchDir>/images/`. With `heroPool` < N,
 * post i reuses the pixels of hero i % heroPool; each file gets an extra RIFF chunk with the post id so
 * the bytes differ and the build still processes every hero (only painting is saved). Returns the folder and the post list.
 */
export async function generateCorpus({ posts, benchDir, dir = path.join(benchDir, `corpus-${posts}`), heroPool = posts, log = console.log }) {
  const imageCache = path.join(benchDir, 'images');
  rmSync(dir, { recursive: true, force: true });
  const postsDir = path.join(dir, 'content/posts');
  const heroDir = path.join(dir, 'assets/images/posts');
  for (const d of [postsDir, heroDir, path.join(dir, 'content/companies'), path.join(dir, 'content/people')]) {
    mkdirSync(d, { recursive: true });
  }
  const r = new Random(hash32('entities'));
  for (const c of V.COMPANIES) writeFileSync(path.join(dir, 'content/companies', `${c.slug}.yaml`), companyYaml(c, r));
  for (const p of V.PEOPLE) writeFileSync(path.join(dir, 'content/people', `${p.slug}.yaml`), personYaml(p, r));

  const list = Array.from({ length: posts }, (_, i) => postSource(i, posts, heroPool));
  for (const p of list) writeFileSync(path.join(postsDir, p.file), p.text);

  const jobs = list.map((p) => ({ seed: p.heroSeed, file: path.join(imageCache, `hero-v${HERO_VERSION}-${p.heroSeed.toString(16)}.webp`), id: p.id }));
  await paintHeroes(jobs, log);
  let heroBytes = 0;
  for (const j of jobs) {
    const target = path.join(heroDir, `${j.id}.webp`);
    if (heroPool < posts) {
      // Vite names imported assets by content hash, so identical files would be processed once.
      writeFileSync(target, withIdChunk(readFileSync(j.file), j.id));
    } else {
      try {
        linkSync(j.file, target);
      } catch {
        copyFileSync(j.file, target);
      }
    }
    heroBytes += statSync(target).size;
  }
  return { dir, posts: list, drafts: list.filter((p) => p.draft).length, heroBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv.indexOf('--posts');
  const posts = arg > 0 ? Number(process.argv[arg + 1]) : 1000;
  const pool = process.argv.indexOf('--hero-pool');
  const benchDir = path.resolve(import.meta.dirname, '../.bench');
  const out = await generateCorpus({ posts, benchDir, heroPool: pool > 0 ? Number(process.argv[pool + 1]) : posts });
  console.log(`${out.dir}: ${posts} posts (${out.drafts} drafts), heroes ${(out.heroBytes / 1e6).toFixed(1)} MB`);
}
