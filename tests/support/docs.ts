/**
 * Reads the commands and links the README and docs/ show, so tests can hold the docs to the code:
 * every npm script they name exists, every option they pass is one the script accepts, every command
 * is run by a test or by CI, and every link between the pages lands on a file and a heading.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './build-fixture';

/** The README and every page of docs/, relative to the project root. */
export function docFiles(root = ROOT): string[] {
  const docs = readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort();
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

/** One command as a doc shows it: `npm run <script> -- args`, `npm <builtin>` or `npx <bin> args`. */
export interface DocCommand {
  file: string;
  line: number;
  /** `npm run` (a package.json script), `npm` (npm's own command) or `npx` (a bin in node_modules). */
  kind: 'npm run' | 'npm' | 'npx';
  name: string;
  /** Arguments after the name (after `--` for npm scripts), placeholders and brackets as written. */
  args: string[];
}

/** `npm run x` as one key, for tables of where each command runs. */
export const commandKey = (c: Pick<DocCommand, 'kind' | 'name'>) => `${c.kind} ${c.name}`;

/** The code of a Markdown text: fenced blocks and inline code spans, each with its line number. */
function codeFragments(markdown: string): { text: string; line: number; fenced: boolean }[] {
  const out: { text: string; line: number; fenced: boolean }[] = [];
  const lines = markdown.split('\n');
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      else out.push({ text: line, line: i + 1, fenced: true });
      return;
    }
    if (marker) {
      fence = marker;
      return;
    }
    for (const m of line.matchAll(/(`+)(.+?)\1/g)) out.push({ text: m[2], line: i + 1, fenced: false });
  });
  return out;
}

/** Splits a shell-like argument string: whitespace separates, double or single quotes group (and are removed). */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  for (const m of text.matchAll(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g)) args.push(m[0].replace(/"([^"]*)"|'([^']*)'/g, '$1$2'));
  return args;
}

/** npm's own commands the docs may show (anything else after `npm` is reported as unknown). */
export const NPM_BUILTINS = new Set(['ci', 'install', 'test', 'start', 'exec']);

/**
 * Every command in the code of `markdown` (fenced blocks and inline code). A command's arguments end at a
 * shell comment (` #`), `&&`, `;` or `|` and the end of the line or span; optional-argument brackets are
 * dropped (`[--mdx]` → `--mdx`), so what is left is what an author would type.
 */
export function extractCommands(markdown: string, file: string): DocCommand[] {
  const commands: DocCommand[] = [];
  for (const { text, line } of codeFragments(markdown)) {
    for (const m of text.matchAll(/\b(npx|npm)\s+([\w:.@/-]+)((?:[^#&;|\n]|#(?!\s)|\|(?=\s*-))*)/g)) {
      const [, tool, word, restRaw] = m;
      const rest = restRaw.replace(/\s+#\s.*$/, '');
      if (tool === 'npx') {
        commands.push({ file, line, kind: 'npx', name: word, args: cleanArgs(splitArgs(rest)) });
      } else if (word === 'run') {
        const [word, ...after] = cleanArgs(splitArgs(rest));
        // A script name as npm reads it; punctuation after it (`build,` in prose) is not part of it.
        const name = /^[\w:.-]*[\w]/.exec(word ?? '')?.[0];
        if (!name) continue;
        commands.push({ file, line, kind: 'npm run', name, args: after[0] === '--' ? after.slice(1) : after });
      } else {
        const after = cleanArgs(splitArgs(rest));
        commands.push({ file, line, kind: 'npm', name: word, args: after[0] === '--' ? after.slice(1) : after });
      }
    }
  }
  return commands;
}

/** Drops optional-argument brackets, alternatives bars and ellipses from written usage. */
function cleanArgs(args: string[]): string[] {
  return args.map((a) => a.replace(/^\[+/, '').replace(/\]+$/, '')).filter((a) => a !== '' && a !== '|' && a !== '…' && a !== '...');
}

/** The `--name` options among a command's arguments (`--import-args=x` → `import-args`). */
export const optionNames = (args: string[]) => args.filter((a) => /^--[\w-]+/.test(a)).map((a) => a.slice(2).split('=')[0]);

/** What is wrong with each command, given the project's scripts and bins: [] when every one exists. */
export function missingCommands(commands: DocCommand[], scripts: Record<string, string>, bins: Set<string>): string[] {
  const problems: string[] = [];
  for (const c of commands) {
    const where = `${c.file}:${c.line}`;
    if (c.kind === 'npm run' && !Object.hasOwn(scripts, c.name)) problems.push(`${where}: npm run ${c.name}: no such script in package.json`);
    if (c.kind === 'npm' && !NPM_BUILTINS.has(c.name)) problems.push(`${where}: npm ${c.name}: not an npm command the docs may show`);
    if (c.kind === 'npm' && (c.name === 'test' || c.name === 'start') && !Object.hasOwn(scripts, c.name)) problems.push(`${where}: npm ${c.name}: no "${c.name}" script in package.json`);
    if (c.kind === 'npx' && !bins.has(c.name)) problems.push(`${where}: npx ${c.name}: no such bin in node_modules/.bin`);
  }
  return problems;
}

/** The file an npm script runs (`node --import … scripts/new-post.ts` → `scripts/new-post.ts`), if it runs one. */
export function scriptFile(command: string): string | undefined {
  if (!/^node\s/.test(command)) return undefined;
  return command.split(/\s+/).findLast((word) => /\.(?:ts|mts|mjs|js)$/.test(word) && !word.startsWith('./scripts/lib/'));
}

/**
 * How a script reads its options: `strict` when it parses them with node:util's parseArgs (directly or
 * through scripts/lib/cli.ts), so an unknown option fails and `--help` exits 0 once the rest parsed;
 * `lookup` when it looks each name up in argv (`option('posts', …)`), with the names it looks up.
 */
export function optionHandling(source: string): { kind: 'strict' } | { kind: 'lookup'; names: Set<string> } | undefined {
  if (/\bparseCli\(|\bparseArgs\(/.test(source)) return { kind: 'strict' };
  const names = new Set([...source.matchAll(/\boption\(\s*'([\w-]+)'/g)].map((m) => m[1]));
  return names.size ? { kind: 'lookup', names } : undefined;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped (letters of any script kept), spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings, numbered as GitHub numbers repeats (`x`, `x-1`). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(`{3,}|~{3,})/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = headingAnchor(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n ? `${base}-${n}` : base);
  }
  return anchors;
}

/** Links outside code: `[text](target)`, with their line. */
export function markdownLinks(markdown: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = [];
  let fenced = false;
  markdown.split('\n').forEach((line, i) => {
    if (/^\s*(`{3,}|~{3,})/.test(line)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    const prose = line.replace(/(`+).+?\1/g, '');
    for (const m of prose.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)) links.push({ target: m[1], line: i + 1 });
  });
  return links;
}

/** What is wrong with the relative links of `file` (a path relative to `root`): [] when each lands on a file and heading. */
export function brokenLinks(file: string, root = ROOT): string[] {
  const problems: string[] = [];
  const text = readFileSync(path.join(root, file), 'utf8');
  for (const { target, line } of markdownLinks(text)) {
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue;
    const [filePart, anchor] = target.split('#');
    const resolved = filePart ? path.join(path.dirname(path.join(root, file)), decodeURI(filePart)) : path.join(root, file);
    const where = `${file}:${line}: ${target}`;
    if (!existsSync(resolved)) {
      problems.push(`${where}: no file ${path.relative(root, resolved)}`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!resolved.endsWith('.md')) {
      problems.push(`${where}: an anchor into a file that is not Markdown`);
      continue;
    }
    if (!headingAnchors(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor))) {
      problems.push(`${where}: no heading "#${anchor}" in ${path.relative(root, resolved)}`);
    }
  }
  return problems;
}

/**
 * Where each command the docs show is run, so the docs cannot drift from what is tested. Each file must
 * mention the command's name. A command the docs show must be listed here or in NOT_RUN.
 */
export const COMMAND_RUNNERS: Record<string, string[]> = {
  'npm ci': ['.ci/run'],
  'npm test': ['.ci/run'],
  'npm run check': ['package.json'],
  'npm run test:unit': ['package.json'],
  'npm run test:integration': ['package.json'],
  'npm run build': ['tests/support/build-fixture.ts', 'tests/support/rebuilds.ts'],
  'npm run build:astro': ['scripts/build.ts'],
  'npm run search:index': ['scripts/build.ts', 'tests/tools/search-index.test.ts'],
  'npm run new': ['tests/tools/new-post.test.ts'],
  'npm run check:content': ['tests/tools/check-content.test.ts'],
  'npm run import:hugo': ['tests/tools/hugo-import.test.ts'],
  'npm run preview': ['tests/tools/docs.test.ts'],
  'npm run dev': ['tests/tools/docs.test.ts'],
  'npx astro': ['tests/tools/docs.test.ts'],
  'npm run bench': ['tests/tools/docs.test.ts'],
  'npm run bench:dev': ['tests/tools/docs.test.ts'],
  'npm run migrate:eval': ['tests/tools/docs.test.ts'],
};

/**
 * Commands the suite does not run, and why; their script must exist and the options the docs show are
 * still checked (by `--help` or against the names the script looks up).
 */
export const NOT_RUN: Record<string, string> = {
  'npm run test:rebuilds': 'a long soak run by hand; tests/rebuilds/differential.test.ts runs the same harness (runDifferential) for 8 operations',
  'npm run audit': 'runs Lighthouse, whose scores vary with machine load',
};
