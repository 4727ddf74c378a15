import { describe, expect, it } from 'vitest';
import { ConverterFactory } from 'opencc-js/core';
import STPhrases from 'opencc-js/dict/STPhrases';
import STCharacters from 'opencc-js/dict/STCharacters';
import { AMBIGUOUS_SIMPLIFIED, needsPhrases, SHARED_WITH_TRADITIONAL, toTraditional } from '../../src/lib/zh-convert';

const characters = ConverterFactory([STCharacters]);
const withPhrases = ConverterFactory([STPhrases, STCharacters]);
const phrases = STPhrases.split('|').map((line) => line.split(' ') as [string, string]);
const sorted = (chars: Iterable<string>) => [...new Set(chars)].sort().join('');

describe('the character lists derived from OpenCC', () => {
  it('AMBIGUOUS_SIMPLIFIED is every character some phrase converts unlike the character table', () => {
    const derived = phrases.flatMap(([source, target]) => {
      const from = [...source];
      const to = [...target];
      if (from.length !== to.length) return from;
      return from.filter((char, i) => characters(char) !== to[i]);
    });
    expect(sorted(derived)).toBe(sorted(AMBIGUOUS_SIMPLIFIED));
    expect([...AMBIGUOUS_SIMPLIFIED]).toHaveLength(243);
  });

  it('SHARED_WITH_TRADITIONAL is every converted character that stands on the Traditional side', () => {
    const traditional = new Set([...phrases.flatMap(([, target]) => [...target]), ...STCharacters.split('|').flatMap((line) => [...line.split(' ')[1]])]);
    const converted = STCharacters.split('|').map((line) => line.split(' ')[0]).filter((char) => characters(char) !== char);
    expect(sorted(converted.filter((char) => traditional.has(char)))).toBe(sorted(SHARED_WITH_TRADITIONAL));
    expect(SHARED_WITH_TRADITIONAL).toContain('台');
  });

  it('without an ambiguous character, the character table converts every phrase as the phrase list does', () => {
    const plain = phrases.map(([source]) => source).filter((source) => !needsPhrases(source));
    expect(plain.length).toBe(899);
    expect(plain.filter((source) => characters(source) !== withPhrases(source))).toEqual([]);
    // Every phrase with its ambiguous characters taken out: text near real phrases, 49,000 cases.
    const stripped = phrases.map(([source]) => [...source].filter((char) => !needsPhrases(char)).join('')).filter(Boolean);
    expect(stripped.length).toBeGreaterThan(45_000);
    expect(stripped.filter((text) => characters(text) !== withPhrases(text))).toEqual([]);
    // Pairs side by side, where one phrase's end could start another match.
    const pairs = Array.from({ length: 20_000 }, (_, i) => stripped[(i * 7919) % stripped.length] + stripped[(i * 104_729 + 13) % stripped.length]);
    expect(pairs.filter((text) => characters(text) !== withPhrases(text))).toEqual([]);
  });

  it('an ambiguous character does need the phrase list (positive control)', () => {
    expect(needsPhrases('复杂')).toBe(true);
    expect(characters('复杂')).toBe('復雜');
    expect(withPhrases('复杂')).toBe('複雜');
  });
});

describe('toTraditional', () => {
  it.each([
    ['推测性解码', '推測性解碼'],
    ['开源', '開源'],
    ['复杂的模型', '複雜的模型'],
    ['芯片 软件', '晶片 軟體'],
    ['OpenAI 开源', 'OpenAI 開源'],
  ])('converts Simplified %s to Taiwan Traditional %s', async (simplified, traditional) => {
    expect(await toTraditional(simplified)).toBe(traditional);
  });

  it.each(['推測性解碼', '台北', '里程碑', '發佈', 'OpenAI', '2026 年', ''])('leaves %s as typed', async (text) => {
    expect(await toTraditional(text)).toBe(text);
  });
});
