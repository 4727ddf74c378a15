import { describe, expect, it } from 'vitest';
import { buildWithPost } from '../support/build-fixture';

// Each case builds a one-post site whose post has one planted problem, and expects the production
// build to exit non-zero with a message naming the file and what was expected.
const post = (frontMatter: string, body = '內文。') => `---\n${frontMatter}\n---\n\n${body}\n`;

describe('bad input fails the build with the file and what was expected', () => {
  it('builds a clean post (positive control)', () => {
    const result = buildWithPost('bad-input-clean', 'clean.md', post('title: 正常\ndate: 2026-01-01\nrelated_companies: ["openai"]'));
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
      'missing-body-image',
      'missing-body-image.md',
      post('title: t\ndate: 2026-01-01', '第一段。\n\n![圖](images/cquery.png)'),
      [/missing-body-image\.md:8: image "images\/cquery\.png" not found; expected file at .*content\/posts\/images\/cquery\.png/],
    ],
    [
      'shortcode-in-table',
      'shortcode-in-table.md',
      post('title: t\ndate: 2026-01-01', '| 欄 | 影片 |\n| --- | --- |\n| 一 | {{< youtube XCCkgRzth6Q >}} |'),
      [/shortcode-in-table\.md:8: shortcode \{\{< youtube >\}\} cannot be used in a table cell; put it on a line of its own/],
    ],
  ])('%s', (name, file, source, patterns) => {
    const result = buildWithPost(`bad-input-${name}`, file, source);
    expect(result.status).not.toBe(0);
    for (const pattern of patterns) expect(result.output).toMatch(pattern);
  });
});
