import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureDirs, ROOT, runBuild } from '../support/build-fixture';
import { problemsByFile, runScript, type CliResult } from './cli';

const BROKEN = 'tests/fixtures/broken';
const P = `${BROKEN}/content/posts`;

/** Every problem planted in the broken fixture: file, then where and what, as check:content prints it. */
const PLANTED: [string, string][] = [
  [`${BROKEN}/assets/images/posts/unused.webp`, 'image is not used by any post'],
  [`${BROKEN}/content/companies/bad-company.yaml`, '欄位 field name  expected a display name'],
  [`${BROKEN}/content/companies/bad-company.yaml`, '欄位 field website  expected an absolute http(s) URL'],
  [`${BROKEN}/content/people/someone.yaml`, '欄位 field company  unknown company "no-such-company"'],
  [`${P}/alias-clash.md`, `欄位 field aliases.0  alias "/posts/ok/" is the URL of ${P}/ok.md`],
  [`${P}/bundle-missing/index.md`, `欄位 field image  image "./cover.webp" not found; expected file at ${P}/bundle-missing/cover.webp`],
  [`${P}/components.mdx`, '第 6 行 line 6  <YouTube>: invalid YouTube id "bad"'],
  [`${P}/components.mdx`, '第 8 行 line 8  Hugo shortcode {{< youtube >}} does not work in MDX'],
  [`${P}/components.mdx`, '第 10 行 line 10  unknown component <Chart>'],
  [`${P}/dup-a.md`, `欄位 field slug  duplicate post id "same-id" (URL /posts/same-id/); also used by ${P}/dup-b.md`],
  [`${P}/dup-b.md`, `欄位 field slug  duplicate post id "same-id" (URL /posts/same-id/); also used by ${P}/dup-a.md`],
  [`${P}/links.md`, '第 6 行 line 6  internal link "/posts/does-not-exist/" points nowhere'],
  [`${P}/links.md`, `第 8 行 line 8  link "/posts/a-draft/" points to a draft (${P}/a-draft.md), which is not published`],
  [`${P}/links.md`, '第 10 行 line 10  internal link "/tags/沒有這個標籤/" points nowhere'],
  [`${P}/links.md`, `第 12 行 line 12  image "./nope.webp" not found; expected file at ${P}/nope.webp`],
  [`${P}/missing-hero.md`, `欄位 field image  image "/images/posts/missing.webp" not found; expected file at ${BROKEN}/assets/images/posts/missing.webp`],
  [`${P}/schema-errors.md`, '欄位 field title  expected a non-empty title'],
  [`${P}/schema-errors.md`, '欄位 field date  expected a date such as 2026-03-01 or 2026-03-01T07:00:00+08:00, got "2026-02-30"'],
  [`${P}/schema-errors.md`, '欄位 field source_url  expected an absolute http(s) URL'],
  [`${P}/shortcodes.md`, '第 6 行 line 6  unknown shortcode "gallery"'],
  [`${P}/shortcodes.md`, '第 8 行 line 8  {{< youtube >}}: invalid YouTube id "tooShort"'],
  [`${P}/shortcodes.md`, '第 10 行 line 10  closing tag {{< /admonition >}} closes nothing'],
  [`${P}/shortcodes.md`, `第 12 行 line 12  {{< figure >}}: image "/images/posts/nope.webp" not found; expected file at ${BROKEN}/assets/images/posts/nope.webp`],
  [`${P}/unknown-entities.md`, '欄位 field related_companies.1  unknown company "no-such-co"'],
  [`${P}/unknown-entities.md`, '欄位 field related_people.0  unknown person "nobody"'],
];


describe('npm run check:content', () => {
  let broken: CliResult;
  let clean: CliResult;
  const { base } = fixtureDirs('check-content');

  beforeAll(() => {
    broken = runScript('check:content', [], BROKEN);
    // Positive control: the fixture's one good post, with what it references, is clean.
    rmSync(base, { recursive: true, force: true });
    const root = path.join(base, 'clean');
    for (const dir of ['content/posts', 'content/companies', 'content/people', 'assets/images/posts']) mkdirSync(path.join(root, dir), { recursive: true });
    for (const f of ['content/posts/ok.md', 'content/companies/openai.yaml', 'assets/images/posts/used.webp']) {
      cpSync(path.join(ROOT, BROKEN, f), path.join(root, f));
    }
    clean = runScript('check:content', [], root);
  });

  it('exits 0 and says so when the content is clean', () => {
    expect(clean.stdout).toContain('content is clean');
    expect(clean.status).toBe(0);
  });

  it('lists every planted problem under its file, and nothing else', () => {
    const found = problemsByFile(broken.stdout);
    for (const [file, problem] of PLANTED) {
      expect(found.get(file) ?? [], `${file}: ${problem}`).toContainEqual(expect.stringContaining(problem));
    }
    expect([...found.values()].flat()).toHaveLength(PLANTED.length);
  });

  it('ends with the count and exits 1', () => {
    expect(broken.stdout).toMatch(/共 25 個問題，分布在 13 個檔案 \/ 25 problem\(s\) in 13 file\(s\)/);
    expect(broken.status).toBe(1);
  });

  it('leaves the code block and the published post alone', () => {
    expect(broken.stdout).not.toContain('notChecked');
    expect(broken.stdout).toContain('{{< /admonition >}} closes nothing');
    expect(problemsByFile(broken.stdout).has(`${P}/ok.md`)).toBe(false);
    expect(problemsByFile(broken.stdout).has(`${P}/links.md`)).toBe(true);
  });
});

describe('npm run build stops on the same problems', () => {
  const { base, dist, cache } = fixtureDirs('check-content-build');

  /** Builds the good post plus the named broken files; returns the build's output. */
  function buildWith(files: string[], extra: Record<string, string> = {}): { status?: number; output: string } {
    const root = path.join(base, [...files, ...Object.keys(extra)].join('+').replace(/[/.]/g, '_'));
    rmSync(root, { recursive: true, force: true });
    for (const f of ['content/posts/ok.md', 'content/companies/openai.yaml', 'assets/images/posts/used.webp', ...files]) {
      cpSync(path.join(ROOT, BROKEN, f), path.join(root, f), { recursive: true });
    }
    for (const [f, text] of Object.entries(extra)) writeFileSync(path.join(root, f), text);
    mkdirSync(path.join(root, 'content/people'), { recursive: true });
    try {
      return { output: runBuild('check-content-build', { CONTENT_ROOT: root, ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache }) };
    } catch (err) {
      return err as { status?: number; output: string };
    }
  }

  it('builds the good post alone (positive control)', () => {
    const result = buildWith([]);
    expect(result.status).toBeUndefined();
    expect(result.output).toContain('[body-links] checked 2 internal links in article bodies');
  }, 120_000);

  it('stops on body links to a missing page and to a draft, after building', () => {
    const result = buildWith(['content/posts/a-draft.md'], {
      'content/posts/dead-links.md': '---\ntitle: 連結\ndate: 2026-01-09\n---\n\n[不存在](/posts/does-not-exist/)、[草稿](/posts/a-draft/)、[正常](/posts/ok/)\n',
    });
    expect(result.status).toBe(1);
    expect(result.output).toContain('/posts/dead-links/: "/posts/does-not-exist/" points nowhere');
    expect(result.output).toContain('/posts/dead-links/: "/posts/a-draft/" points nowhere');
    expect(result.output).not.toContain('"/posts/ok/" points nowhere');
  }, 120_000);

  it('stops on two posts with one id, naming both files', () => {
    const result = buildWith(['content/posts/dup-a.md', 'content/posts/dup-b.md']);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/duplicate post id "same-id": \S+\/content\/posts\/dup-a\.md and \S+\/content\/posts\/dup-b\.md both map to \/posts\/same-id\//);
  }, 120_000);

  it('stops on an alias that is another post\'s URL', () => {
    const result = buildWith(['content/posts/alias-clash.md']);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/alias-clash\.md: alias "\/posts\/ok\/" is already taken by \S+ok\.md \(its URL\)/);
  }, 120_000);

  it('stops on a broken shortcode, with file and line', () => {
    const result = buildWith(['content/posts/shortcodes.md']);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/shortcodes\.md:6: unknown shortcode "gallery"/);
  }, 120_000);
});
