import { describe, expect, it } from 'vitest';
import { isThemeChoice, themeHeadScript, THEME_STORAGE_KEY } from '../../src/lib/theme';

/** Runs the head script against a stand-in <html> and localStorage; returns the attributes it set. */
function runHeadScript(storage: { getItem(key: string): string | null }): Record<string, string> {
  const attributes: Record<string, string> = {};
  const documentElement = { setAttribute: (name: string, value: string) => (attributes[name] = value) };
  new Function('document', 'localStorage', themeHeadScript())({ documentElement }, storage);
  return attributes;
}

describe('the theme head script', () => {
  it.each(['light', 'dark'])('puts a stored "%s" on <html data-theme>', (stored) => {
    expect(runHeadScript({ getItem: (key) => (key === THEME_STORAGE_KEY ? stored : null) })).toEqual({ 'data-js': '', 'data-theme': stored });
  });

  it.each([null, 'system', 'sepia', '"dark"'])('leaves the system theme for a stored %j', (stored) => {
    expect(runHeadScript({ getItem: () => stored })).toEqual({ 'data-js': '' });
  });

  it('leaves the system theme when localStorage throws (storage blocked)', () => {
    expect(
      runHeadScript({
        getItem: () => {
          throw new DOMException('denied', 'SecurityError');
        },
      }),
    ).toEqual({ 'data-js': '' });
  });
});

describe('isThemeChoice', () => {
  it('accepts the three choices and nothing else', () => {
    expect(['system', 'light', 'dark'].map(isThemeChoice)).toEqual([true, true, true]);
    expect([null, undefined, '', 'Dark', 1].map(isThemeChoice)).toEqual([false, false, false, false, false]);
  });
});
