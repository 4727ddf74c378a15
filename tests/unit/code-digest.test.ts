import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKDOWN_CODE, codeDigest } from '../../src/lib/loaders';

describe("the Markdown code digest (part of every post's stored digest)", () => {
  function project(files: Record<string, string>) {
    const root = mkdtempSync(path.join(tmpdir(), 'code-digest-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
    }
    return root;
  }

  it('changes when a module the entry imports (even indirectly) changes, and not for an unrelated file (control)', () => {
    const files = {
      'entry.ts': "import { a } from './lib/a';\nexport const x = a;\n",
      'lib/a.ts': "export { b as a } from './b';\n",
      'lib/b.ts': "export const b = '在 YouTube 觀看影片';\n",
      'lib/unrelated.ts': 'export const c = 1;\n',
    };
    const base = codeDigest(project(files), ['entry.ts']);
    expect(codeDigest(project({ ...files, 'lib/unrelated.ts': 'export const c = 2;\n' }), ['entry.ts'])).toBe(base);
    expect(codeDigest(project({ ...files, 'lib/b.ts': "export const b = '在 YouTube 上觀看影片';\n" }), ['entry.ts'])).not.toBe(base);
  });

  it("starts from the Astro config, whose closure holds every Markdown plugin, and from the loader's own expansion", () => {
    expect(MARKDOWN_CODE).toContain('astro.config.ts');
    expect(MARKDOWN_CODE).toContain('src/lib/loaders.ts');
    expect(codeDigest(process.cwd())).toMatch(/^[0-9a-f]{64}$/);
  });
});
