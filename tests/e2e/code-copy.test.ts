import { describe, expect, it } from 'vitest';
import { useBuiltSite } from '../support/browser';
import { builtPage } from '../support/fixture';
import { readFeed } from '../support/feed';

/** Four fences: plain JS, Go with line numbers and highlighted lines, C++ numbered from 99, an unknown language. */
const ARTICLE = '/posts/feed-edge-cases/';

const GO = [
  'package main',
  '',
  'import (',
  '\t"fmt"',
  '\t"strings"',
  ')',
  '',
  '// line 8 is highlighted',
  'func main() {',
  '\twords := []string{"small", "open"}',
  '\tfor _, w := range words {',
  '\t\tfmt.Println(w)',
  '\t}',
  '',
  '\t/* lines 15 to 17:',
  '\t   one comment token',
  '\t   over three lines */',
  '\tfmt.Println(strings.Join(words, ", "))',
  '}',
].join('\n');

const site = useBuiltSite();

describe('code block copy buttons', () => {
  it('put exactly the code on the clipboard, without line numbers, from the mouse and the keyboard', async () => {
    const context = await site.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    const page = await context.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    const buttons = page.locator('.prose .code-copy > button.code-copy__button');
    expect(await buttons.count()).toBe(4);
    expect(await buttons.first().getAttribute('aria-label')).toBe('複製程式碼');

    const copied: string[] = [];
    for (let i = 0; i < 4; i++) {
      if (i % 2) {
        await buttons.nth(i).focus();
        await page.keyboard.press('Enter');
      } else {
        await buttons.nth(i).click();
      }
      await expect.poll(() => buttons.nth(i).textContent()).toBe('已複製');
      copied.push((await page.evaluate('navigator.clipboard.readText()')) as string);
    }
    expect(copied).toEqual([
      '// 計算推論成本\nconst cost = tokens * 0.002;',
      GO,
      '#include <vector>\nint main() {\n  std::vector<int> v;\n  return 0;\n}',
      '<b>not bold</b> & not highlighted',
    ]);
    // The numbered blocks do show their numbers: what was left out was really on the page.
    expect(await page.evaluate(`getComputedStyle(document.querySelectorAll('pre.code-block--numbered .line')[0], '::before').content`)).toBe('"1"');
    expect(await page.locator('[role=status]', { hasText: '已複製程式碼' }).count()).toBe(1);
    await context.close();
  });

  it('are made in the browser: neither the built article nor the feed item carries one', async () => {
    const html = builtPage(ARTICLE);
    expect(html.match(/<pre class="language-go code-block/g)).toHaveLength(1);
    expect(html).not.toMatch(/<button[^>]*code-copy/);
    const feed = await readFeed('/index.xml');
    const item = feed.items.find((i) => i.link === `https://ai-notes.example.tw${ARTICLE}`);
    // The feed keeps the block (its classes are stripped) and nothing else.
    expect(item?.content).toContain('<pre><code><span><span>package</span> main</span>');
    expect(item?.content).not.toMatch(/code-copy|<button/);
  });
});
