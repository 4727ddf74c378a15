/**
 * The search page in the browser (SearchBox.astro draws it): loads Pagefind's shards, fills the
 * filters from the index, converts a Simplified query to Traditional, requires every query term in
 * every result (planQuery), and keeps the query and filters in the URL so a search can be linked.
 */
import { planQuery, SHARD_FILTER, type Answer, type Hit, type ShardSearch } from '../../lib/search-merge';
import { readSearchState, SEARCH_FILTERS, searchStatus, writeSearchState, type ChosenFilters, type SearchState } from '../../lib/search-query';
import { toTraditional } from '../../lib/zh-convert';

interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string; date?: string; datetime?: string };
  filters?: Record<string, string[]>;
}
interface PagefindResult extends Hit {
  data(): Promise<PagefindData>;
}
interface PagefindAnswer extends Answer {
  results: PagefindResult[];
}
type FilterCounts = Record<string, Record<string, number> | undefined>;
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(bundleUrl: string, options?: Record<string, unknown>): Promise<void>;
  filters(): Promise<FilterCounts>;
  search(query: string, options?: object): Promise<PagefindAnswer>;
}

const MAX_RESULTS = 20;
/** Wait after the last keystroke before searching, so typing a word runs one search, not one per key. */
const TYPING_PAUSE_MS = 250;
/** Options for every shard's index: merged indexes do not inherit the first one's. */
const INDEX_OPTIONS = { excerptLength: 40 };
const NO_ANSWER: PagefindAnswer = { results: [], filters: {} };

export function startSearchPage(): void {
  const root = document.querySelector<HTMLElement>('[data-search]');
  const form = root?.querySelector('form');
  const input = root?.querySelector<HTMLInputElement>('input[name=q]');
  const fieldset = root?.querySelector<HTMLFieldSetElement>('[data-search-filters]');
  const converted = root?.querySelector<HTMLElement>('[data-search-converted]');
  const status = root?.querySelector<HTMLElement>('[data-search-status]');
  const list = root?.querySelector<HTMLOListElement>('[data-search-results]');
  if (!root || !form || !input || !fieldset || !converted || !status || !list) return;
  const selects = new Map(SEARCH_FILTERS.map(({ key }) => [key, root.querySelector<HTMLSelectElement>(`select[data-search-filter="${key}"]`)]));

  /** Bundle folders of the shards that hold articles, e.g. ["/pagefind/0/", "/pagefind/1/"]. */
  const bundles: string[] = JSON.parse(root.dataset.searchBundles ?? '[]');
  const lang = document.documentElement.lang;
  let pagefind: Promise<Pagefind | undefined> | undefined;
  /** Counts searches, so an answer that arrives after a newer search's is dropped. */
  let latest = 0;
  let typing: ReturnType<typeof setTimeout> | undefined;

  /**
   * Loads the first shard's Pagefind and merges the other shards into it, each tagged with a `shard`
   * filter: one search then covers every shard and sorts all results by score. Resolves to undefined
   * when the site has no articles to search.
   */
  function loadPagefind(): Promise<Pagefind | undefined> {
    pagefind ??= (async () => {
      const [first, ...others] = bundles;
      if (!first) return undefined;
      // A plain variable: Vite would wrap an import of a template literal in a preload helper.
      const url = `${first}pagefind.js`;
      const module: Pagefind = await import(/* @vite-ignore */ url);
      await module.options({ ...INDEX_OPTIONS, mergeFilter: { [SHARD_FILTER]: first } });
      // Settles once the first index has loaded, and rejects if its WebAssembly cannot (a CSP without
      // 'wasm-unsafe-eval'); mergeIndex would wait for it forever instead.
      await module.filters();
      await Promise.all(others.map((bundle) => module.mergeIndex(bundle, { ...INDEX_OPTIONS, mergeFilter: { [SHARD_FILTER]: bundle } })));
      return module;
    })();
    return pagefind;
  }

  const chosenFilters = (): ChosenFilters => Object.fromEntries([...selects].flatMap(([key, select]) => (select?.value ? [[key, select.value]] : [])));
  const currentState = (): SearchState => ({ query: input.value.trim(), filters: chosenFilters() });

  /** Fills each filter's choices with the values the index holds (newest year first), then shows them. */
  async function showFilters(engine: Pagefind, chosen: ChosenFilters) {
    const counts = await engine.filters();
    for (const [key, select] of selects) {
      if (!select) continue;
      const values = Object.keys(counts[key] ?? {});
      values.sort(key === 'year' ? (a, b) => Number(b) - Number(a) : (a, b) => a.localeCompare(b, lang));
      // A value from the URL that the index lacks stays selectable, so the page shows what was asked.
      const wanted = chosen[key];
      if (wanted && !values.includes(wanted)) values.unshift(wanted);
      const options = values.map((value) => {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = counts[key]?.[value] === undefined ? value : `${value}（${counts[key]?.[value]}）`;
        return option;
      });
      select.replaceChildren(select.options[0], ...options);
      select.value = wanted ?? '';
    }
    fieldset!.hidden = false;
  }

  /** Copies Pagefind's excerpt (escaped text with <mark>) as text nodes and <mark> elements only. */
  function excerptNodes(excerpt: string): Node[] {
    const doc = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html');
    return [...(doc.body.firstElementChild?.childNodes ?? [])].map((node) => {
      if (node.nodeName === 'MARK') {
        const mark = document.createElement('mark');
        mark.textContent = node.textContent;
        return mark;
      }
      return document.createTextNode(node.textContent ?? '');
    });
  }

  function resultItem(data: PagefindData): HTMLLIElement {
    const item = document.createElement('li');
    item.className = 'search__result';
    const link = document.createElement('a');
    link.href = data.url;
    link.className = 'search__result-title';
    link.textContent = data.meta.title ?? data.url;
    const meta = document.createElement('p');
    meta.className = 'search__result-meta';
    if (data.meta.date) {
      const time = document.createElement('time');
      if (data.meta.datetime) time.dateTime = data.meta.datetime;
      time.textContent = data.meta.date;
      meta.append(time);
    }
    const categories = data.filters?.category ?? [];
    if (categories.length) {
      const category = document.createElement('span');
      category.className = 'search__result-category';
      category.textContent = `分類：${categories.join('、')}`;
      meta.append(category);
    }
    const excerpt = document.createElement('p');
    excerpt.className = 'search__excerpt';
    excerpt.append(...excerptNodes(data.excerpt));
    item.append(link, meta, excerpt);
    return item;
  }

  /** Searches `query` (already converted) with every term required, within the chosen filters. */
  async function searchAll(engine: Pagefind, query: string, filters: ChosenFilters): Promise<{ answer: PagefindAnswer; missing: string[] }> {
    const inShard: ShardSearch = (term, shard) => engine.search(term, shard ? { filters: { [SHARD_FILTER]: shard } } : {});
    const plan = await planQuery(query, lang, bundles, inShard);
    if (plan.missing.length || !plan.shards.length) return { answer: NO_ANSWER, missing: plan.missing };
    const shards = plan.shards.length < bundles.length ? { [SHARD_FILTER]: { any: plan.shards } } : {};
    return { answer: await engine.search(query, { filters: { ...filters, ...shards } }), missing: [] };
  }

  async function run(state: SearchState) {
    const url = new URL(location.href);
    writeSearchState(url.searchParams, state);
    history.replaceState(null, '', url);
    const ticket = ++latest;
    // Set once a search has finished: the query searched (converted), so a test or tool can wait for it.
    delete status!.dataset.searched;
    if (!state.query) {
      converted!.hidden = true;
      status!.textContent = Object.keys(state.filters).length ? '輸入關鍵字後，篩選會縮小搜尋結果。' : '';
      list!.replaceChildren();
      return;
    }
    status!.textContent = '搜尋中…';
    let query: string;
    let found: PagefindAnswer;
    let missing: string[];
    let data: PagefindData[];
    try {
      // Without its dictionaries (a failed download) the query is searched as typed.
      query = await toTraditional(state.query).catch(() => state.query);
      const engine = await loadPagefind();
      ({ answer: found, missing } = engine ? await searchAll(engine, query, state.filters) : { answer: NO_ANSWER, missing: [] });
      if (ticket !== latest) return;
      data = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    } catch (error) {
      if (ticket === latest) status!.textContent = '搜尋功能暫時無法使用，請稍後再試。';
      throw error;
    }
    if (ticket !== latest) return;
    converted!.hidden = query === state.query;
    converted!.textContent = `已轉為繁體：${query}`;
    list!.replaceChildren(...data.map(resultItem));
    status!.textContent = searchStatus(query, state.filters, found.results.length, missing);
    status!.dataset.searched = query;
  }

  const runNow = () => {
    clearTimeout(typing);
    void run(currentState());
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    runNow();
  });
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement) runNow();
  });
  input.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(runNow, TYPING_PAUSE_MS);
  });

  const initial = readSearchState(new URL(location.href).searchParams);
  input.value = initial.query;
  // The filters come from the index: load it now, so they can be chosen before the first search.
  loadPagefind()
    .then((engine) => engine && showFilters(engine, initial.filters))
    .then(() => {
      if (initial.query || Object.keys(initial.filters).length) void run(initial);
    })
    .catch(() => {
      status.textContent = '搜尋功能暫時無法使用，請稍後再試。';
    });
}
