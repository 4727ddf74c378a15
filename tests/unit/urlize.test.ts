import { describe, expect, it } from 'vitest';
import { termUrl, urlize } from '../../src/lib/urls';

describe('urlize (Hugo term URLs)', () => {
  it.each([
    // The examples from the old Hugo site.
    ['AI 2026', 'ai-2026'],
    ['開源 AI', '開源-ai'],
    ['AI 產業動態', 'ai-產業動態'],
    ['Together AI', 'together-ai'],
    // Case and spacing.
    ['OpenAI', 'openai'],
    ['GPT-4o', 'gpt-4o'],
    ['  leading and trailing  ', 'leading-and-trailing'],
    ['many    spaces', 'many-spaces'],
    ['a - b', 'a-b'],
    ['tab\tand\nnewline', 'tab-and-newline'],
    // Full-width characters: the ideographic space separates, punctuation is dropped, letters are kept.
    ['開源　模型', '開源-模型'],
    ['模型，推論：成本', '模型推論成本'],
    ['問答（上）', '問答上'],
    ['大型語言模型（LLM）', '大型語言模型llm'],
    ['ＡＩ 晶片', 'ａｉ-晶片'],
    ['「引號」與『書名』', '引號與書名'],
    // ASCII punctuation.
    ['R&D', 'rd'],
    ['AT & T', 'at-t'],
    ['C++', 'c++'],
    ['Node.js', 'node.js'],
    ['.NET', '.net'],
    ['AI/ML', 'aiml'],
    ['Q&A: 問答?', 'qa-問答'],
    ['snake_case', 'snake_case'],
    ["Hugging Face's Hub", 'hugging-faces-hub'],
    // Emoji (including variation selectors, keycaps, ZWJ sequences and flags) disappear.
    ['🚀 新創', '新創'],
    ['AI 🤖 Agent', 'ai-agent'],
    ['❤️ 開源', '開源'],
    ['1️⃣ 號', '1-號'],
    ['👩‍💻 工程師', '工程師'],
    ['🇹🇼 台灣', '台灣'],
    // Accents and other scripts are letters.
    ['Café Ñandú', 'café-ñandú'],
    ['e\u0301te\u0301', 'été'],
    ['日本語 モデル', '日本語-モデル'],
  ])('%j → %j', (term, expected) => {
    expect(urlize(term)).toBe(expected);
  });

  it.each([[''], ['   '], ['！？'], ['🤖'], ['❤️'], ['&&'], ['---'], ['（）']])('%j has nothing left (callers report an error)', (term) => {
    expect(urlize(term)).toBe('');
  });

  it('gives the same segment for spellings that differ only in case and surrounding spaces', () => {
    expect(new Set(['Open Source', 'open source', '  OPEN SOURCE '].map(urlize))).toEqual(new Set(['open-source']));
  });
});

describe('termUrl', () => {
  it.each([
    ['tags', '開源-ai', '/tags/%E9%96%8B%E6%BA%90-ai/'],
    ['tags', 'c++', '/tags/c%2B%2B/'],
    ['tags', 'node.js', '/tags/node.js/'],
    ['categories', 'ai-產業動態', '/categories/ai-%E7%94%A2%E6%A5%AD%E5%8B%95%E6%85%8B/'],
    ['companies', 'together-ai', '/companies/together-ai/'],
  ] as const)('percent-encodes %s/%s as %s, which decodes back to the folder name', (taxonomy, term, href) => {
    expect(termUrl(taxonomy, term)).toBe(href);
    expect(decodeURIComponent(href)).toBe(`/${taxonomy}/${term}/`);
  });
});
