import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltSite } from '../support/browser';

const site = useBuiltSite();
let page: Page;
const thirdPartyRequests: string[] = [];

beforeAll(async () => {
  page = await site.browser.newPage();
  // Answer third-party requests locally: the sandbox has no network, and we only need to see them happen.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    thirdPartyRequests.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>player</title>' });
  });
});

describe('YouTube facade', () => {
  it('loads nothing from a third party until the reader clicks, then shows the player', async () => {
    await page.goto(`${site.url}/posts/hugo-typical/`);
    const facade = page.locator('figure.embed--youtube');
    await expect(facade.locator('a.embed__link').getAttribute('href')).resolves.toBe('https://www.youtube.com/watch?v=XCCkgRzth6Q');
    expect(await page.locator('iframe').count()).toBe(0);
    expect(thirdPartyRequests).toEqual([]);

    await facade.locator('a.embed__link').click();

    const frame = facade.locator('iframe');
    await frame.waitFor({ state: 'attached' });
    expect(await frame.getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/XCCkgRzth6Q?autoplay=1');
    expect(await frame.getAttribute('title')).toBe('YouTube 影片播放器');
    await expect.poll(() => thirdPartyRequests).toContain('https://www.youtube-nocookie.com/embed/XCCkgRzth6Q?autoplay=1');
    expect(page.url()).toBe(`${site.url}/posts/hugo-typical/`);
  });
});
