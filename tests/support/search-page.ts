import type { Page } from 'playwright-core';

/** The search page as a reader uses it: type a query, wait for Pagefind's answer, read the result titles. */
export class SearchPage {
  constructor(
    readonly page: Page,
    private base: string,
  ) {}

  async open() {
    await this.page.goto(`${this.base}/search/`);
  }

  /** Types `query` and returns the titles shown once the status line reports the outcome. */
  async search(query: string): Promise<{ status: string; titles: string[] }> {
    await this.page.fill('#search-input', query);
    const status = this.page.locator('[data-search-status]');
    await status.filter({ hasText: `「${query}」` }).waitFor();
    return { status: (await status.textContent()) ?? '', titles: await this.page.locator('.search__result-title').allTextContents() };
  }

  /** Text of every highlighted match in the excerpts. */
  highlights(): Promise<string[]> {
    return this.page.locator('.search__excerpt mark').allTextContents();
  }
}
