import type { Page } from 'playwright-core';

/** One search as the page shows it. */
export interface SearchOutcome {
  status: string;
  titles: string[];
  /** The note that the query was converted to Traditional Chinese, or '' when it was not shown. */
  converted: string;
}

/** The search page as a reader uses it: type a query, wait for Pagefind's answer, read the result titles. */
export class SearchPage {
  constructor(
    readonly page: Page,
    private base: string,
  ) {}

  /** Opens the search page, optionally with URL parameters (e.g. `?q=…&category=…`). */
  async open(search = '') {
    await this.page.goto(`${this.base}/search/${search}`);
  }

  /**
   * Types `query` and returns what is shown once the status line names `shown` (the query as searched,
   * which differs from the typed one when a Simplified query is converted).
   */
  async search(query: string, shown = query): Promise<SearchOutcome> {
    await this.page.fill('#search-input', query);
    return this.outcome(shown);
  }

  /**
   * Waits until the search for `shown` has finished (and, when a filter changed and the old status
   * already names the query, until the status reads exactly `expected`), then reads the page.
   */
  async outcome(shown: string, expected?: string): Promise<SearchOutcome> {
    const status = this.page.locator(`[data-search-status][data-searched=${JSON.stringify(shown)}]`);
    await (expected ? status.filter({ hasText: new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) : status).waitFor();
    const note = this.page.locator('[data-search-converted]');
    return {
      status: (await status.textContent()) ?? '',
      titles: await this.page.locator('.search__result-title').allTextContents(),
      converted: (await note.isVisible()) ? ((await note.textContent()) ?? '') : '',
    };
  }

  /** Chooses a filter value by its select (name = filter key); '' is "all". */
  async choose(filter: string, value: string) {
    await this.page.locator('[data-search-filters]').waitFor();
    await this.page.selectOption(`select[name="${filter}"]`, value);
  }

  /** The values a filter offers (its options but "all"). */
  async filterValues(filter: string): Promise<string[]> {
    await this.page.locator('[data-search-filters]').waitFor();
    return this.page.locator(`select[name="${filter}"] option:not([value=""])`).evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  }

  /** Text of every highlighted match in the excerpts. */
  highlights(): Promise<string[]> {
    return this.page.locator('.search__excerpt mark').allTextContents();
  }
}
