import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { SITE_DIST } from '../support/fixture';
import { listFiles } from '../support/dist';
import { ROOT } from '../support/build-fixture';

const config = JSON.parse(readFileSync(path.join(ROOT, '.htmlvalidate.json'), 'utf8'));
const validator = new HtmlValidate(new StaticConfigLoader(config));

async function errorsIn(rel: string): Promise<string[]> {
  const report = await validator.validateString(readFileSync(path.join(SITE_DIST, rel), 'utf8'), rel);
  return report.results.flatMap((r) => r.messages.map((m) => `${rel}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

describe('valid HTML (html-validate, recommended rules)', () => {
  it('flags invalid markup (positive control)', async () => {
    const report = await validator.validateString(
      '<!doctype html><html lang="zh-Hant-TW"><head><title>x</title></head><body><div id="a"></div><span id="a"></span></body></html>',
    );
    expect(report.results[0].messages.map((m) => m.ruleId)).toContain('no-dup-id');
  });

  it('finds no errors in any built page', async () => {
    const pages = listFiles(SITE_DIST, ['.html']);
    expect(pages).toContain('posts/components/index.html');
    const errors = (await Promise.all(pages.map(errorsIn))).flat();
    expect(errors).toEqual([]);
  });
});
