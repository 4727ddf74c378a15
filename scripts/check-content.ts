/**
 * Validates every post, company and person in one pass and lists every problem, grouped by file.
 * Usage: npm run check:content   (CONTENT_ROOT selects another content folder, as for the build)
 */
import { contentDir } from '../src/lib/paths.ts';
import { bold, dim, green, parseCli, red } from './lib/cli.ts';
import { checkContent } from './lib/check.ts';

const USAGE = `
檢查所有內容 / Check all content.

用法 Usage:
  npm run check:content

列出每一個問題（依檔案分組）：front matter 欄位（含拼錯或未知的欄位）、找不到的圖片、未知的公司與人物、重複的 id 或網址、
未知或格式錯誤的 shortcode 與嵌入 id、未知的程式碼語言、指向不存在頁面的站內連結、沒有文章使用的圖片。
沒有問題時結束碼為 0，否則為 1。
Lists every problem grouped by file; exits 0 only when the content is clean.
`;

parseCli(USAGE, {});
const started = performance.now();
const problems = checkContent();
const byFile = Map.groupBy(problems, (p) => p.file);
for (const file of [...byFile.keys()].sort()) {
  process.stdout.write(`\n${bold(file)}\n`);
  const list = byFile.get(file)!.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  for (const p of list) {
    const where = [p.line ? `第 ${p.line} 行 line ${p.line}` : '', p.field ? `欄位 field ${p.field}` : ''].filter(Boolean).join('・');
    process.stdout.write(`  ${red('✗')} ${where ? `${dim(where)}  ` : ''}${p.message}\n`);
  }
}
const ms = Math.round(performance.now() - started);
if (problems.length) {
  process.stdout.write(`\n${red(`共 ${problems.length} 個問題，分布在 ${byFile.size} 個檔案 / ${problems.length} problem(s) in ${byFile.size} file(s)`)} ${dim(`(${ms} ms)`)}\n`);
  process.exit(1);
}
process.stdout.write(`${green('✓')} ${contentDir('posts')} 等內容沒有問題 / content is clean ${dim(`(${ms} ms)`)}\n`);
