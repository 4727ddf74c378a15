import { describe, expect, it } from 'vitest';
import { describeFilters, queryTerms, readSearchState, searchStatus, writeSearchState } from '../../src/lib/search-query';

describe('search state in the URL', () => {
  it('reads the query and the known filters, trimmed, ignoring empty and unknown ones', () => {
    const params = new URLSearchParams('q=+推論成本+&category=技術筆記&company=&year=2026&sort=date');
    expect(readSearchState(params)).toEqual({ query: '推論成本', filters: { category: '技術筆記', year: '2026' } });
  });

  it('writes a linkable state and removes what was cleared', () => {
    const params = new URLSearchParams('q=old&company=OpenAI&utm=x');
    writeSearchState(params, { query: '開源', filters: { year: '2025' } });
    expect(params.toString()).toBe('q=%E9%96%8B%E6%BA%90&utm=x&year=2025');
    expect(readSearchState(params)).toEqual({ query: '開源', filters: { year: '2025' } });
  });
});

describe('queryTerms', () => {
  it('splits at whitespace, each term once', () => {
    expect(queryTerms('量子  影片\t量子')).toEqual(['量子', '影片']);
  });

  it('keeps an exact phrase whole', () => {
    expect(queryTerms('"開源 生態"')).toEqual(['開源 生態']);
  });
});

describe('searchStatus', () => {
  it('counts results, naming the filters', () => {
    expect(searchStatus('台北', {}, 2)).toBe('找到 2 篇符合「台北」的文章');
    expect(searchStatus('推論成本', { category: '技術筆記', year: '2026' }, 1)).toBe('找到 1 篇符合「推論成本」的文章（分類：技術筆記、年份：2026）');
    expect(searchStatus('蒸餾', { year: '2025' }, 0)).toBe('找不到符合「蒸餾」的文章（年份：2025）');
  });

  it('names the terms no article contains', () => {
    expect(searchStatus('量子 影片', {}, 0, ['量子'])).toBe('沒有文章包含「量子」');
    expect(searchStatus('量子 鳳梨', {}, 0, ['量子', '鳳梨'])).toBe('沒有文章包含「量子」、「鳳梨」');
  });

  it('describes no filters as nothing', () => {
    expect(describeFilters({})).toBe('');
  });
});
