import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_ROOT, ROOT, fixtureDirs, runBuild } from '../support/build-fixture';

/**
 * Each case builds a one-post site whose post has one planted problem, and expects the production
 * build to exit non-zero with a message naming the file and what was expected.
 */
function buildWithPost(name: string, file: string, source: string): { status: number; output: string } {
  const scenario = `bad-input-${name}`;
  // Content must sit inside the project: Astro cannot resolve deferred-render modules from far outside it.
  const contentBase = OUTPUT_ROOT.startsWith(ROOT) ? OUTPUT_ROOT : path.join(ROOT, 'tests/.output');
  const root = path.join(contentBase, 'content', scenario);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'content/posts'), { recursive: true });
  const site = path.join(ROOT, 'tests/fixtures/site');
  cpSync(path.join(site, 'content/companies'), path.join(root, 'content/companies'), { recursive: true });
  cpSync(path.join(site, 'content/people'), path.join(root, 'content/people'), { recursive: true });
  cpSync(path.join(site, 'assets'), path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'content/posts', file), source);
  const { dist, cache } = fixtureDirs(scenario);
  try {
    const output = runBuild(scenario, { CONTENT_ROOT: path.relative(ROOT, root), ASTRO_OUT_DIR: dist, ASTRO_CACHE_DIR: cache });
    return { status: 0, output };
  } catch (err) {
    const e = err as { status: number; output: string };
    return { status: e.status, output: e.output };
  }
}

const post = (frontMatter: string, body = '內文。') => `---\n${frontMatter}\n---\n\n${body}\n`;

describe('bad input fails the build with the file and what was expected', () => {
  it('builds a clean post (positive control)', () => {
    const result = buildWithPost('clean', 'clean.md', post('title: 正常\ndate: 2026-01-01\nrelated_companies: ["openai"]'));
    expect(result.status).toBe(0);
  });

  it.each([
    ['yaml', 'broken-yaml.md', post('title: "沒有結束的引號\ndate: 2026-01-01'), [/broken-yaml\.md/]],
    ['no-title', 'no-title.md', post('date: 2026-01-01'), [/posts → no-title/, /title\W+title: Required/, /no-title\.md/]],
    ['bad-date', 'bad-date.md', post('title: t\ndate: 2026-02-30'), [/date: expected a date such as 2026-03-01 or 2026-03-01T07:00:00\+08:00, got "2026-02-30"/, /bad-date\.md/]],
    [
      'missing-image',
      'missing-image.md',
      post('title: t\ndate: 2026-01-01\nimage: /images/posts/nowhere.webp'),
      [/image: image "\/images\/posts\/nowhere\.webp" not found; expected file at .*assets\/images\/posts\/nowhere\.webp/, /missing-image\.md/],
    ],
    [
      'unknown-company',
      'unknown-company.md',
      post('title: t\ndate: 2026-01-01\nrelated_companies: ["acme"]'),
      [/related_companies\.0: unknown company "acme"; expected a file content\/companies\/acme\.yaml/, /unknown-company\.md/],
    ],
    [
      'unknown-person',
      'unknown-person.md',
      post('title: t\ndate: 2026-01-01\nrelated_people: ["nobody"]'),
      [/related_people\.0: unknown person "nobody"; expected a file content\/people\/nobody\.yaml/, /unknown-person\.md/],
    ],
    [
      'unknown-shortcode',
      'unknown-shortcode.md',
      post('title: t\ndate: 2026-01-01', '第一段。\n\n{{< gallery dir="/images" >}}\n\n{{< admonition note >}}\n沒有結束'),
      [/unknown-shortcode\.md:8: unknown shortcode "gallery"; expected one of: /, /unknown-shortcode\.md:10: \{\{< admonition >\}\} is never closed; expected \{\{< \/admonition >\}\}/],
    ],
    [
      'bad-youtube',
      'bad-youtube.md',
      post('title: t\ndate: 2026-01-01', '{{< youtube "abc" >}}'),
      [/bad-youtube\.md:6: \{\{< youtube >\}\}: invalid YouTube id "abc"; expected 11 characters/],
    ],
    [
      'bad-spotify',
      'bad-spotify.md',
      post('title: t\ndate: 2026-01-01', '{{< spotify "podcast/5fdqgGAgTqchtz9mUYBbEr" >}}'),
      [/bad-spotify\.md:6: \{\{< spotify >\}\}: invalid Spotify path "podcast\/5fdqgGAgTqchtz9mUYBbEr"/],
    ],
    [
      'bad-mdx-embed',
      'bad-mdx-embed.mdx',
      post('title: t\ndate: 2026-01-01', '<YouTube id="x&quot;><script>" />'),
      [/bad-mdx-embed\.mdx:6: <YouTube>: invalid YouTube id/],
    ],
    [
      'shortcode-in-table',
      'shortcode-in-table.md',
      post('title: t\ndate: 2026-01-01', '| 欄 | 影片 |\n| --- | --- |\n| 一 | {{< youtube XCCkgRzth6Q >}} |'),
      [/shortcode-in-table\.md:8: shortcode \{\{< youtube >\}\} cannot be used in a table cell; put it on a line of its own/],
    ],
  ])('%s', (name, file, source, patterns) => {
    const result = buildWithPost(name, file, source);
    expect(result.status).not.toBe(0);
    for (const pattern of patterns) expect(result.output).toMatch(pattern);
  });
});
