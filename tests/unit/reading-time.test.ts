import { describe, expect, it } from 'vitest';
import { readingTime } from '../../src/lib/reading-time';

const speeds = { cjk: 450, latin: 220 };

describe('readingTime', () => {
  it('counts CJK characters one by one and Latin words as words', () => {
    const result = readingTime('小模型的推論成本 is falling fast.', speeds);
    expect(result.cjkChars).toBe(8);
    expect(result.latinWords).toBe(3);
  });

  it('reads 4,500 Chinese characters in 10 minutes', () => {
    expect(readingTime('模'.repeat(4500), speeds).minutes).toBe(10);
  });

  it('adds Latin words at their own speed and rounds up', () => {
    expect(readingTime(`${'字'.repeat(450)} ${'word '.repeat(221)}`, speeds).minutes).toBe(3);
  });

  it('never reports less than one minute', () => {
    expect(readingTime('', speeds).minutes).toBe(1);
  });

  it('ignores shortcodes, link targets, tags and MDX imports', () => {
    const body = [
      "import chart from '../chart.webp';",
      '{{< youtube XCCkgRzth6Q >}}',
      '[模型](https://example.com/very/long/url) <Callout type="note">說明</Callout>',
    ].join('\n');
    const result = readingTime(body, speeds);
    expect(result.cjkChars).toBe(4);
    expect(result.latinWords).toBe(0);
  });
});
