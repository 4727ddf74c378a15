import { describe, expect, it } from 'vitest';
import { useBuiltSite } from '../support/browser';

/** Its title has `&`, `<`, `]]>` and an emoji: every one must be encoded in X's text parameter. */
const ARTICLE = '/posts/feed-edge-cases/';
const CANONICAL = 'https://ai-notes.example.tw/posts/feed-edge-cases/';
const ENCODED = 'https%3A%2F%2Fai-notes.example.tw%2Fposts%2Ffeed-edge-cases%2F';

const site = useBuiltSite();

describe('share buttons', () => {
  it('link to LINE, Facebook and X with the encoded canonical URL and title, opening a new tab', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    const links = await page.locator('.share a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]));
    expect(links).toEqual([
      ['LINE（另開分頁）', `https://social-plugins.line.me/lineit/share?url=${ENCODED}`, '_blank', 'noopener noreferrer'],
      ['Facebook（另開分頁）', `https://www.facebook.com/sharer/sharer.php?u=${ENCODED}`, '_blank', 'noopener noreferrer'],
      [
        'X（另開分頁）',
        `https://x.com/intent/post?url=${ENCODED}&text=%E7%89%B9%E6%AE%8A%E5%AD%97%E5%85%83%20%26%20%3C%E6%A8%99%E8%A8%98%3E%20%5D%5D%3E%20%E6%B8%AC%E8%A9%A6%20%F0%9F%9A%80`,
        '_blank',
        'noopener noreferrer',
      ],
    ]);
    expect(new URL(links[2][1]!).searchParams.get('text')).toBe('特殊字元 & <標記> ]]> 測試 🚀');
    await page.close();
  });

  it('make no request to another host while the article loads, and one only after a click', async () => {
    const context = await site.browser.newContext();
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    // Nothing leaves the machine: the share page is answered locally after the click.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>LINE</title>' }));
    const page = await context.newPage();
    await page.goto(`${site.url}${ARTICLE}`, { waitUntil: 'networkidle' });
    // The recording works: it holds the page and its stylesheets.
    expect(requests).toContain(`${site.url}${ARTICLE}`);
    expect(requests.filter((u) => /\/_astro\/[^/]+\.css$/.test(u)).length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(`${site.url}/`))).toEqual([]);

    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator('.share a', { hasText: 'LINE' }).click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(`https://social-plugins.line.me/lineit/share?url=${ENCODED}`);
    expect(requests.filter((u) => !u.startsWith(`${site.url}/`))).toEqual([`https://social-plugins.line.me/lineit/share?url=${ENCODED}`]);
    await context.close();
  });

  it('copy the canonical link and say so in a polite live region', async () => {
    const context = await site.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    const page = await context.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    const status = page.locator('[data-share-status]');
    expect([await status.getAttribute('role'), await status.getAttribute('aria-live'), await status.textContent()]).toEqual(['status', 'polite', '']);
    await page.locator('button[data-share-copy]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toBe('已複製連結');
    expect(await status.isVisible()).toBe(true);
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(CANONICAL);
    await context.close();
  });

  it('offer the system share sheet only where the browser has navigator.share', async () => {
    const plain = await site.browser.newPage();
    await plain.goto(`${site.url}${ARTICLE}`);
    expect(await plain.evaluate('typeof navigator.share')).toBe('undefined');
    expect(await plain.locator('button[data-share-native]').isVisible()).toBe(false);
    expect(await plain.locator('button[data-share-copy]').isVisible()).toBe(true);
    await plain.close();

    // Positive control: a browser with the Web Share API (stubbed) shows the button and shares the article.
    const context = await site.browser.newContext();
    await context.addInitScript(`window.__shared = []; navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };`);
    const page = await context.newPage();
    await page.goto(`${site.url}${ARTICLE}`);
    await page.locator('button[data-share-native]').click();
    expect(await page.evaluate('window.__shared')).toEqual([{ title: '特殊字元 & <標記> ]]> 測試 🚀', url: CANONICAL }]);
    await context.close();
  });
});
