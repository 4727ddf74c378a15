import { existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProcesses, groupMembers, sleep, waitUntil } from '../support/processes';
import {
  Random,
  RebuildWorkspace,
  differentWebp,
  listFiles,
  setFrontMatterLine,
  setTimesNs,
  splitPost,
  tail,
  taipeiTimestamp,
  type BuildResult,
  type Comparison,
} from '../support/rebuilds';

/**
 * Named cases of `npm run build` after something went wrong or happened at a bad moment. Each ends with an
 * incremental build compared file by file with a clean build of the same sources (tests/support/rebuilds.ts).
 * One working copy, out dir and cache dir serve every case: each case starts from the fixture's content and
 * a build of it that equals the clean build (from nothing again if the case before left it otherwise).
 */
const ws = new RebuildWorkspace('rebuilds-cases');
const POST = 'content/posts/hugo-typical.md';
const PAGE = 'posts/hugo-typical/index.html';
const CASE_TIMEOUT = 600_000;

/** Each difference of a comparison as one line, or the failing build: [] when the outputs are equal. */
function differences(c: Comparison): string[] {
  const failed = [c.incremental, c.clean.result]
    .map((r, i) => (r.code === 0 ? '' : `${i ? 'clean' : 'incremental'} build exited ${r.code ?? r.signal} (${r.logFile}):\n${tail(r.output, 12)}`))
    .filter(Boolean);
  return [...failed, ...c.differences.map((d) => `${d.file}: ${d.kind} — ${d.detail}`)];
}

/** Asserts (softly: the rest of the case still runs) that the incremental build equals the clean one. */
function expectEqualsClean(c: Comparison, what: string) {
  expect.soft(differences(c), `${what}: incremental output equals clean output (log ${c.incremental.logFile})`).toEqual([]);
}

const outFile = (rel: string) => path.join(ws.out, rel);
const contains = (file: string, text: string) => existsSync(file) && readFileSync(file, 'utf8').includes(text);

/** Content back to the fixture, built; rebuilt from nothing when that build does not equal the clean one. */
async function baseline(label: string) {
  ws.resetContent();
  const first = await ws.check(`${label}-baseline`);
  if (differences(first).length === 0) return;
  rmSync(ws.out, { recursive: true, force: true });
  rmSync(ws.cache, { recursive: true, force: true });
  const fresh = await ws.check(`${label}-baseline-from-nothing`);
  if (differences(fresh).length) throw new Error(`${label}: a build from nothing does not equal the clean build:\n${differences(fresh).join('\n')}`);
}

/** Rewrites a post in place with a new title; returns the title. */
function editTitle(rel: string, title: string) {
  ws.write(rel, setFrontMatterLine(ws.read(rel), 'title', `"${title}"`));
}

beforeAll(async () => {
  ws.reset();
  const first = await ws.build('initial');
  if (first.code !== 0) throw new Error(`the first build of the fixture failed:\n${tail(first.output)}`);
}, CASE_TIMEOUT);

describe('rebuild cases: incremental output equals clean output', () => {
  for (const signal of ['SIGKILL', 'SIGINT'] as const) {
    it(
      `a. build ${signal === 'SIGKILL' ? 'killed (SIGKILL of its process group)' : 'interrupted (SIGINT of its process group, as Ctrl-C)'} right after it wrote the edited page, edit undone, rebuilt twice: incremental output equals clean output`,
      async () => {
        await baseline(`a-${signal}`);
        const before = ws.state(POST);
        const title = `中斷測試：改過的標題 ${signal}`;
        editTitle(POST, title);
        const build = ws.start(`a-${signal}-killed`);
        const seen = await waitUntil(() => contains(outFile(PAGE), title) || build.hasExited(), 300_000, 10);
        const wrote = contains(outFile(PAGE), title);
        const stillRunning = !build.hasExited();
        await build.kill(signal);
        // Preconditions: the build wrote the edited page and was still running when it was signalled.
        expect(seen && wrote && stillRunning, `edited page seen: ${wrote}, build still running: ${stillRunning}`).toBe(true);
        ws.restore(before);
        const rebuilt = await ws.check(`a-${signal}-rebuilt`);
        expect.soft(readFileSync(outFile(PAGE), 'utf8')).not.toContain(title);
        expectEqualsClean(rebuilt, 'rebuild after the undo');
        const again = await ws.check(`a-${signal}-again`);
        expectEqualsClean(again, 'second npm run build, nothing changed');
      },
      CASE_TIMEOUT,
    );
  }

  it(
    'b. edit saved while a build runs, undone (old mtime put back) after it: incremental output equals clean output',
    async () => {
      await baseline('b');
      const rel = 'content/posts/taipei-morning.md';
      const page = 'posts/taipei-morning/index.html';
      const before = ws.state(rel);
      const marker = '建置進行中存檔的段落。';
      // Another post edited first, so that the build has something to do.
      const other = 'content/posts/date-only.md';
      ws.write(other, `${ws.read(other)}\n建置前改過的另一篇。\n`);
      const build = ws.start('b-edited-during');
      // Saved once the build has looked at its inputs, before Astro reads the content.
      const started = await build.waitForOutput(/\[build\] .*building \(\d+ input files checked/);
      ws.write(rel, `${before.bytes!.toString('utf8')}\n${marker}\n`);
      const during = await build.done;
      expect(started, tail(during.output)).toBe(true);
      // It may finish, or stop and say what to do (run the build again).
      if (during.code !== 0) expect(during.output).toMatch(/npm run build/);
      // Positive control: the build read the saved text.
      expect(readFileSync(outFile(page), 'utf8')).toContain(marker);
      ws.restore(before);
      const next = await ws.check('b-after-undo');
      expect.soft(readFileSync(outFile(page), 'utf8'), next.incremental.output.match(/\[build\].*/g)?.join('\n')).not.toContain(marker);
      expectEqualsClean(next, 'build after the undo');
    },
    CASE_TIMEOUT,
  );

  /** The largest file of the post HTML cache (the longest article's body). */
  function largestPostHtml(): string {
    const dir = path.join(ws.cache, 'post-html');
    const files = readdirSync(dir).sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size);
    expect(files.length).toBeGreaterThan(0);
    return path.join(dir, files[0]);
  }

  it(
    'c. a file of <cache>/post-html/ truncated, then npm run build -- --force: incremental output equals clean output',
    async () => {
      await baseline('c-force');
      const file = largestPostHtml();
      const size = statSync(file).size;
      truncateSync(file, Math.floor(size / 2));
      expect(statSync(file).size).toBe(Math.floor(size / 2));
      expectEqualsClean(await ws.check('c-force', { args: ['--force'] }), `npm run build -- --force after ${path.basename(file)} was cut to half`);
    },
    CASE_TIMEOUT,
  );

  it(
    'c. a file of <cache>/post-html/ truncated, then npm run build, then an edit of another post: incremental output equals clean output',
    async () => {
      await baseline('c-plain');
      const file = largestPostHtml();
      truncateSync(file, Math.floor(statSync(file).size / 2));
      expectEqualsClean(await ws.check('c-plain'), 'npm run build after a post-html file was cut to half');
      const other = 'content/posts/date-only.md';
      ws.write(other, `${ws.read(other)}\n另一篇文章的新段落。\n`);
      expectEqualsClean(await ws.check('c-plain-other-edit'), 'npm run build after another post was edited');
    },
    CASE_TIMEOUT,
  );

  it(
    'd. half the files of a Pagefind cache entry deleted, then npm run build -- --force: incremental output equals clean output',
    async () => {
      await baseline('d');
      const root = path.join(ws.cache, 'pagefind');
      const entries = readdirSync(root)
        .filter((name) => existsSync(path.join(root, name, 'bundle')))
        .sort((a, b) => statSync(path.join(root, b, 'bundle')).mtimeMs - statSync(path.join(root, a, 'bundle')).mtimeMs);
      expect(entries.length).toBeGreaterThan(0);
      const bundle = path.join(root, entries[0], 'bundle');
      const files = listFiles(bundle);
      const removed = files.filter((_, i) => i % 2 === 0);
      for (const rel of removed) rmSync(path.join(bundle, rel));
      expect(removed.length).toBeGreaterThan(1);
      expect(listFiles(bundle).length).toBe(files.length - removed.length);
      expectEqualsClean(await ws.check('d-force', { args: ['--force'] }), `npm run build -- --force after ${removed.length} of ${files.length} files of pagefind/${entries[0]}/bundle were deleted`);
    },
    CASE_TIMEOUT,
  );

  it(
    'e. the MDX-imported image (chart.webp) replaced, term feeds on the new variant: incremental output equals clean output',
    async () => {
      await baseline('e');
      const chartVariants = () => listFiles(path.join(ws.out, '_astro')).filter((f) => f.startsWith('chart.'));
      const oldVariants = chartVariants();
      expect(oldVariants.length).toBeGreaterThan(0);
      const rel = 'assets/images/posts/chart.webp';
      ws.write(rel, await differentWebp(ws.state(rel).bytes!, new Random(20261201)));
      const c = await ws.check('e-replaced');
      expectEqualsClean(c, 'build after chart.webp was replaced');
      const newVariants = chartVariants();
      expect.soft(newVariants.filter((f) => oldVariants.includes(f)), 'variants of the old chart.webp still in the out dir').toEqual([]);
      const feeds = listFiles(ws.out).filter((f) => /^(tags|categories|companies|people|sources)\/[^/]+\/index\.xml$/.test(f));
      const withChart = feeds.filter((f) => readFileSync(outFile(f), 'utf8').includes('/_astro/chart.'));
      // Positive control: the MDX post's terms' feeds show the chart.
      expect(withChart).toContain('tags/mdx/index.xml');
      for (const feed of withChart) {
        const refs = [...readFileSync(outFile(feed), 'utf8').matchAll(/\/_astro\/(chart\.[\w-]+\.webp)/g)].map((m) => m[1]);
        expect.soft(refs.filter((f) => !newVariants.includes(f)), `${feed}: chart variants it points at that are not in the out dir`).toEqual([]);
        expect.soft(refs.filter((f) => oldVariants.includes(f)), `${feed}: old chart variants`).toEqual([]);
      }
    },
    CASE_TIMEOUT,
  );

  it(
    'f. a scheduled post whose date line ends in a YAML comment, built before and after its time: incremental output equals clean output',
    async () => {
      await baseline('f');
      const rel = 'content/posts/scheduled-comment.md';
      const page = 'posts/scheduled-comment/index.html';
      const title = '排程測試：註解結尾的日期';
      const due = Date.now() + 15_000;
      ws.write(rel, `---\ntitle: "${title}"\ndate: ${taipeiTimestamp(due)} # scheduled\ntags: ["排程"]\n---\n\n這篇文章排定在十五秒後發佈。\n`);
      const before = await ws.build('f-before-due');
      expect(before.code, tail(before.output)).toBe(0);
      expect(before.endedAt, 'the first build must end before the post is due').toBeLessThan(due);
      expect(existsSync(outFile(page))).toBe(false);
      expect(readFileSync(outFile('index.html'), 'utf8')).not.toContain(title);
      await sleep(due + 2500 - Date.now());
      const after = await ws.check('f-after-due');
      // Positive control: once due, a clean build shows it.
      expect(existsSync(path.join(after.clean.dir, page))).toBe(true);
      expect(readFileSync(path.join(after.clean.dir, 'index.html'), 'utf8')).toContain(title);
      expect.soft(existsSync(outFile(page)), after.incremental.output.match(/\[build\].*/g)?.join('\n')).toBe(true);
      expectEqualsClean(after, 'npm run build after the post came due');
    },
    CASE_TIMEOUT,
  );

  const RECORDS: [string, string | Buffer][] = [
    ['null', 'null'],
    ['a partial object {"version":1}', '{"version":1}'],
    ['garbage bytes', Buffer.from([0x7b, 0x22, 0xff, 0x00, 0x13, 0x8a, 0x5d, 0x2c, 0xc3, 0x28, 0x7d])],
  ];
  const COMMANDS: [string, Partial<{ args: string[]; env: Record<string, string> }>][] = [
    ['npm run build', {}],
    ['npm run build -- --force', { args: ['--force'] }],
    ['BUILD_CACHE=off npm run build', { env: { BUILD_CACHE: 'off' } }],
  ];
  for (const [name, content] of RECORDS) {
    it(
      `g. <cache>/build-record.json holding ${name}, for npm run build, --force and BUILD_CACHE=off: each exits 0 and incremental output equals clean output`,
      async () => {
        await baseline(`g-${name}`);
        for (const [command, extra] of COMMANDS) {
          writeFileSync(path.join(ws.cache, 'build-record.json'), content);
          const c = await ws.check(`g-${command}`, extra);
          expect.soft(c.incremental.code, `${command} with a record holding ${name}:\n${tail(c.incremental.output, 12)}`).toBe(0);
          expectEqualsClean(c, `${command} with a record holding ${name}`);
        }
      },
      CASE_TIMEOUT,
    );
  }

  it(
    'h. same-size edit with the old mtime put back: incremental output equals clean output',
    async () => {
      await baseline('h');
      const before = ws.state(POST);
      const text = before.bytes!.toString('utf8');
      const { body } = splitPost(text);
      const at = text.length - body.length + body.indexOf('小模型在推論成本');
      expect(at).toBeGreaterThan(text.length - body.length);
      const edited = `${text.slice(0, at)}大${text.slice(at + 1)}`;
      expect(Buffer.byteLength(edited)).toBe(before.bytes!.length);
      ws.write(POST, edited);
      setTimesNs(path.join(ws.content, POST), before.atimeNs!, before.mtimeNs!);
      const now = ws.state(POST);
      expect([now.bytes!.length, now.mtimeNs]).toEqual([before.bytes!.length, before.mtimeNs]);
      const c = await ws.check('h-same-size');
      // Positive control: the clean build shows the edit.
      expect(readFileSync(path.join(c.clean.dir, PAGE), 'utf8')).toContain('大模型在推論成本');
      expectEqualsClean(c, 'build after a same-size edit with the old mtime');
    },
    CASE_TIMEOUT,
  );

  it(
    'i. a second build started in the same checkout while one runs stops at once, naming the first: incremental output equals clean output',
    async () => {
      await baseline('i');
      const rel = 'content/posts/taipei-morning.md';
      ws.write(rel, `${ws.read(rel)}\n同時建置測試的段落。\n`);
      const first = ws.start('i-first');
      const running = await first.waitForOutput(/generating static routes/);
      expect(running, tail(first.output())).toBe(true);
      const firstPids = groupMembers(first.pid).map((p) => p.pid);
      expect(firstPids).toContain(first.pid);
      const second = await ws.start('i-second').done;
      const firstStillRunning = !first.hasExited();
      const firstResult: BuildResult = await first.done;
      expect.soft(second.code, `the second build exited ${second.code} instead of refusing to run; its output ends:\n${tail(second.output, 8)}`).not.toBe(0);
      expect.soft(second.output).toContain('another build is running');
      expect.soft(firstPids.some((pid) => new RegExp(`\\b${pid}\\b`).test(second.output)), `the second build's output names none of the first build's pids ${firstPids.join(', ')}`).toBe(true);
      expect.soft(firstStillRunning, 'the second build must stop while the first is still running').toBe(true);
      expect(firstResult.code, tail(firstResult.output)).toBe(0);
      const clean = await ws.clean('i-first');
      const c: Comparison = { incremental: firstResult, clean, ...ws.compare(firstResult, clean) };
      expectEqualsClean(c, 'the first build');
    },
    CASE_TIMEOUT,
  );

  it(
    'j. a build killed with SIGKILL of its process group leaves no process running, and the next build runs: incremental output equals clean output',
    async () => {
      await baseline('j');
      const rel = 'content/posts/taipei-morning.md';
      ws.write(rel, `${ws.read(rel)}\n中止後殘留程序測試的段落。\n`);
      const build = ws.start('j-killed');
      // Killed as the search index step (the indexer and its Pagefind) starts, after Astro's steps.
      const searching = await build.waitForOutput(/scripts\/search-index\.ts/);
      const alive = buildProcesses(ws.out, ws.cache);
      await build.kill('SIGKILL');
      const atOnce = buildProcesses(ws.out, ws.cache).map((p) => `${p.pid} (group ${p.pgid}): ${p.cmdline}`);
      expect(searching, tail(build.output())).toBe(true);
      // Positive control: the check sees the build's processes while it runs.
      expect(alive.length).toBeGreaterThan(1);
      await sleep(500);
      const left = buildProcesses(ws.out, ws.cache);
      const quietFrom = build.output().length;
      expect.soft(left.map((p) => `${p.pid} (group ${p.pgid}): ${p.cmdline}`), 'processes of the killed build still running 0.5 s after its group was gone').toEqual([]);
      // Nothing of the build may keep working after the kill: no more output, and no process holding its pipes.
      const result = await build.done;
      expect
        .soft(result.output.slice(quietFrom).trim(), `output of the killed build after its group was gone (running then: ${atOnce.join('; ') || 'none'})`)
        .toBe('');
      await waitUntil(() => buildProcesses(ws.out, ws.cache).length === 0, 60_000);
      const next = await ws.check('j-next');
      expect.soft(next.incremental.code, tail(next.incremental.output)).toBe(0);
      expect.soft(next.incremental.output).not.toContain('another build is running');
      // Positive control for the check on the killed build's output: a build that runs to its end writes
      // the search step's summary.
      expect.soft(next.incremental.output).toMatch(/\[search\] \d+ article\(s\) in \d+ shard/);
      expect.soft(result.output).not.toMatch(/\[search\] \d+ article\(s\) in \d+ shard/);
      expectEqualsClean(next, 'the next build');
    },
    CASE_TIMEOUT,
  );
});
