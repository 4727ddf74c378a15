/**
 * Imports a Hugo site's posts, images and referenced companies/people into this site's content.
 * Usage: npm run import:hugo -- <hugo-site-dir> [--dry-run] [--force] [--to-mdx] [--download-images]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONTENT_ROOT, PUBLIC_DIR } from '../src/lib/paths.ts';
import { bold, dim, fail, green, parseCli, red, yellow } from './lib/cli.ts';
import { downloadImages } from './lib/import-images.ts';
import { planImport, type Message, type PlannedFile } from './lib/import-plan.ts';

/** The full report of the last import, beside its manifest (the terminal shows the first items of each group). */
const REPORT_NAME = path.join(CONTENT_ROOT, '.hugo-import-report.md');

const USAGE = `
匯入 Hugo 網站 / Import a Hugo site.

用法 Usage:
  npm run import:hugo -- <hugo-site-dir> [--dry-run] [--force] [--to-mdx] [--download-images]

  --dry-run        只列出計畫，不寫入任何檔案 / print the plan, write nothing
  --force          覆寫匯入後被編輯過的檔案 / overwrite files edited since the last import
  --to-mdx         產生 .mdx，shortcode 改寫為元件 / write .mdx with components instead of shortcodes
  --allow-unknown  （不再需要 / no longer needed）網站無法呈現的 shortcode 一律保留為可見的文字並列入報告
                   / shortcodes the site cannot render are always kept visibly and reported
  --download-images 下載遠端圖片到 assets/images/remote/ / download remote images (body and hero) into
                   assets/images/remote/; a failed download keeps the remote URL and is reported
  -h, --help       顯示說明 / show this help

讀取 content/（文章、頁面套件、獨立頁面）、static/、assets/、data/ 與 hugo.toml/config.*；寫入
${CONTENT_ROOT}/content/、${CONTENT_ROOT}/assets/images/ 與 ${PUBLIC_DIR}/。報告寫到 ${REPORT_NAME}。
再次執行不會改變任何檔案；有錯誤時不寫入任何檔案。
`;

const { values, positionals } = parseCli(USAGE, {
  'download-images': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  'to-mdx': { type: 'boolean' },
  'allow-unknown': { type: 'boolean' },
});
if (positionals.length !== 1) fail(`請提供一個 Hugo 網站資料夾 / expected one Hugo site folder\n${USAGE}`);
const siteDir = path.resolve(positionals[0]);
if (!existsSync(path.join(siteDir, 'content')) || !statSync(siteDir).isDirectory()) {
  fail(`${positionals[0]} 不是 Hugo 網站（找不到 content/）/ not a Hugo site: no content/ folder`);
}

/** What each written file's bytes were, so a later run can tell an editor's change from its own. */
const MANIFEST = path.join(CONTENT_ROOT, '.hugo-import.json');
interface Manifest {
  files: Record<string, string>;
}
const manifest: Manifest = existsSync(MANIFEST) ? JSON.parse(readFileSync(MANIFEST, 'utf8')) : { files: {} };
const key = (p: string) => path.relative(CONTENT_ROOT, p).split(path.sep).join('/');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const started = performance.now();
const progress = (done: number, total: number) => {
  if (total >= 50 && (done % 100 === 0 || done === total)) process.stderr.write(dim(`  讀取文章 reading posts ${done}/${total}\n`));
};
const options = { toMdx: !!values['to-mdx'], wasImported: (p: string) => key(p) in manifest.files };
let plan = planImport(siteDir, options, progress);
if (values['download-images'] && plan.remoteImages.length) {
  process.stderr.write(dim(`  下載遠端圖片 downloading ${plan.remoteImages.length} remote image(s)\n`));
  // A second pass with the downloaded bytes: the plan stays a pure function of its inputs.
  plan = planImport(siteDir, { ...options, downloaded: await downloadImages(plan.remoteImages) });
}

type Action = 'create' | 'update' | 'unchanged' | 'edited' | 'exists';
const actions = plan.files.map((file): { file: PlannedFile; action: Action } => {
  if (!existsSync(file.path)) return { file, action: 'create' };
  const current = readFileSync(file.path);
  if (current.equals(file.content)) return { file, action: 'unchanged' };
  const recorded = manifest.files[key(file.path)];
  if (values.force) return { file, action: 'update' };
  if (!recorded) return { file, action: 'exists' };
  return { file, action: recorded === sha(current) ? 'update' : 'edited' };
});
const fileWarnings: Message[] = [];
for (const { file, action } of actions) {
  if (action === 'edited') fileWarnings.push({ file: file.path, message: '匯入後被編輯過，未覆寫 / edited since the last import; not overwritten (use --force)' });
  if (action === 'exists') fileWarnings.push({ file: file.path, message: '已存在且不是匯入程式寫的，未覆寫 / exists and was not written by the import; not overwritten (use --force)' });
}

const print = (label: string, color: (s: string) => string, list: Message[]) => {
  const byFile = Map.groupBy(list, (m) => m.file);
  for (const file of [...byFile.keys()].sort()) {
    process.stdout.write(`\n${bold(file)}\n`);
    for (const m of byFile.get(file)!) {
      const where = [m.line ? `第 ${m.line} 行 line ${m.line}` : '', m.field ? `欄位 field ${m.field}` : ''].filter(Boolean).join('・');
      process.stdout.write(`  ${color(label)} ${where ? `${dim(where)}  ` : ''}${m.message}\n`);
    }
  }
};
print('✗', red, plan.errors);
print('!', yellow, fileWarnings);
const reportText = plan.report.text();
if (reportText) process.stdout.write(`\n${bold('報告 report')}\n${reportText.replace(/^(\S.*)$/gm, (l) => yellow(l))}\n`);

const dryRun = !!values['dry-run'];
const write = plan.errors.length === 0 && !dryRun;
if (dryRun || plan.errors.length) {
  process.stdout.write(`\n${bold(dryRun ? '計畫 plan（--dry-run，未寫入 nothing written）' : '計畫 plan（有錯誤，未寫入 nothing written）')}\n`);
  const changes = actions.filter(({ action }) => action !== 'unchanged');
  for (const { file, action } of changes) process.stdout.write(`  ${action.padEnd(9)} ${file.path}\n`);
  if (!changes.length) process.stdout.write('  沒有要變更的檔案 / nothing to change\n');
}
if (write) {
  for (const { file, action } of actions) {
    if (action !== 'create' && action !== 'update') continue;
    mkdirSync(path.dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.content);
  }
  for (const { file, action } of actions) {
    if (action === 'create' || action === 'update' || action === 'unchanged') manifest.files[key(file.path)] = sha(file.content);
  }
  const reportFile = plan.report.markdown(positionals[0]);
  if (!existsSync(REPORT_NAME) || readFileSync(REPORT_NAME, 'utf8') !== reportFile) {
    mkdirSync(path.dirname(REPORT_NAME), { recursive: true });
    writeFileSync(REPORT_NAME, reportFile);
  }
  const sorted = { files: Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => a.localeCompare(b))) };
  const text = `${JSON.stringify(sorted, null, 2)}\n`;
  if (!existsSync(MANIFEST) || readFileSync(MANIFEST, 'utf8') !== text) {
    mkdirSync(path.dirname(MANIFEST), { recursive: true });
    writeFileSync(MANIFEST, text);
  }
}

const count = (kind: PlannedFile['kind'], action?: Action) => actions.filter((a) => a.file.kind === kind && (!action || a.action === action)).length;
const detail = (kind: PlannedFile['kind']) =>
  (['create', 'update', 'unchanged', 'edited', 'exists'] as const)
    .map((a) => [a, count(kind, a)] as const)
    .filter(([, n]) => n)
    .map(([a, n]) => `${{ create: '新增 created', update: '更新 updated', unchanged: '未變更 unchanged', edited: '略過（已編輯）skipped edited', exists: '略過（已存在）skipped existing' }[a]} ${n}`)
    .join('，');
const seconds = ((performance.now() - started) / 1000).toFixed(2);
process.stdout.write(
  `\n${bold('摘要 summary')}${plan.config.file ? dim(`（${plan.config.file}${plan.config.postsPermalink ? `，permalink ${plan.config.postsPermalink}` : ''}）`) : ''}\n` +
    `  文章 articles     ${plan.articles}${count('post') ? `（${detail('post')}）` : ''}\n` +
    `  頁面 pages        ${plan.pages}${count('page') ? `（${detail('page')}）` : ''}\n` +
    `  圖片 images       ${count('image')}${count('image') ? `（${detail('image')}）` : ''}\n` +
    (count('public') ? `  public/ 檔案 files ${count('public')}（${detail('public')}）\n` : '') +
    `  公司 company stubs ${count('company')}，人物 people stubs ${count('person')}\n` +
    `  轉址 redirects    ${plan.redirects}（aliases）\n` +
    `  警告 warnings     ${plan.warnings.length + fileWarnings.length}\n` +
    `  錯誤 errors       ${plan.errors.length}\n` +
    `  ${dim(`${seconds} 秒 s`)}\n`,
);
if (plan.errors.length) {
  process.stdout.write(`${red('匯入失敗：請修正上列錯誤後再試 / import failed: fix the errors above and run it again')}\n`);
  process.exitCode = 1;
}
if (write) {
  const shownReport = path.relative(process.cwd(), path.resolve(REPORT_NAME));
  process.stdout.write(`完整報告 full report: ${shownReport.startsWith('..') ? path.resolve(REPORT_NAME) : shownReport}\n`);
  process.stdout.write(`${green('✓ 完成 done')}  下一步 next: npm run check:content && npm run build\n`);
}
