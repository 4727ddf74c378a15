import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLanguage } from '../../src/lib/code-blocks';
import { ROOT } from '../support/build-fixture';
import {
  brokenLinks,
  COMMAND_RUNNERS,
  commandKey,
  docFiles,
  extractCommands,
  headingAnchor,
  markdownLinks,
  missingCommands,
  NOT_RUN,
  optionHandling,
  optionNames,
  scriptFile,
  type DocCommand,
} from '../support/docs';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const bins = new Set(readdirSync(path.join(ROOT, 'node_modules/.bin')));
const files = docFiles();
const commands = files.flatMap((file) => extractCommands(read(file), file));
const shown = (key: string) => commands.filter((c) => commandKey(c) === key);

describe('the README', () => {
  it('is at most 120 lines', () => {
    const lines = read('README.md').split('\n').length;
    expect(lines).toBeGreaterThan(40);
    expect(lines).toBeLessThanOrEqual(120);
  });

  it('links every page of docs/', () => {
    const pages = readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort();
    expect(pages).toEqual(['architecture.md', 'authoring.md', 'deploying.md', 'performance.md']);
    const targets = new Set(markdownLinks(read('README.md')).map((l) => l.target.split('#')[0]));
    for (const page of pages) expect(targets, `README links docs/${page}`).toContain(`docs/${page}`);
  });

  it('shows the two commands, the preview and the everyday ones', () => {
    for (const key of ['npm ci', 'npm run build', 'npm test', 'npm run preview', 'npm run dev', 'npm run new', 'npm run check:content']) {
      expect(extractCommands(read('README.md'), 'README.md').map(commandKey), key).toContain(key);
    }
  });
});

describe('commands in the docs', () => {
  it('finds the commands, their options and their lines', () => {
    expect(commands.length).toBeGreaterThan(30);
    const newPost = shown('npm run new').find((c) => c.args.includes('--mdx'));
    expect(newPost).toMatchObject({ file: 'docs/authoring.md', args: ['模型評測', '--slug', 'model-evals', '--mdx'] });
    expect(read('docs/authoring.md').split('\n')[newPost!.line - 1]).toContain('npm run new -- "模型評測"');
    const audit = shown('npm run audit').find((c) => c.args.length);
    expect(audit?.args).toEqual(['--dist', 'DIR', '--json', 'FILE', '--chromium', 'PATH']);
  });

  it('reads a command as an author would type it: comments, && and brackets are not arguments', () => {
    const found = extractCommands(
      ['```sh', 'npm ci && npm run build   # build it', 'npm run bench -- --posts 10 [--reuse] [--name x]', '```', 'Run `npx astro sync` once.'].join('\n'),
      'x.md',
    );
    expect(found.map((c) => [commandKey(c), c.args, c.line])).toEqual([
      ['npm ci', [], 2],
      ['npm run build', [], 2],
      ['npm run bench', ['--posts', '10', '--reuse', '--name', 'x'], 3],
      ['npx astro', ['sync'], 5],
    ]);
    expect(optionNames(found[2].args)).toEqual(['posts', 'reuse', 'name']);
  });

  it('names only scripts that exist in package.json, npm commands and installed bins', () => {
    expect(shown('npm run check:content').length).toBeGreaterThan(0);
    expect(missingCommands(commands, scripts, bins)).toEqual([]);
  });

  it('the checker rejects a script, an npm command and a bin that do not exist', () => {
    const made: DocCommand[] = extractCommands('`npm run publish:everything` `npm frobnicate` `npx not-a-bin-here` `npm run build`', 'made-up.md');
    expect(missingCommands(made, scripts, bins)).toEqual([
      'made-up.md:1: npm run publish:everything: no such script in package.json',
      'made-up.md:1: npm frobnicate: not an npm command the docs may show',
      'made-up.md:1: npx not-a-bin-here: no such bin in node_modules/.bin',
    ]);
  });

  it('each command is run by a test or CI, or says why not', () => {
    const keys = [...new Set(commands.map(commandKey))].sort();
    expect(keys).toContain('npm run preview');
    for (const key of keys) {
      const runners = COMMAND_RUNNERS[key];
      if (!runners) {
        expect(NOT_RUN[key], `${key} is shown in the docs but no test or CI runs it`).toBeTypeOf('string');
        continue;
      }
      const name = key.replace(/^(npm run|npm|npx) /, '');
      for (const runner of runners) expect(read(runner), `${runner} runs ${key}`).toContain(name);
    }
  });

  it('every command that takes options runs a script whose option handling can be checked', () => {
    const withOptions = commands.filter((c) => c.kind === 'npm run' && optionNames(c.args).length);
    expect(new Set(withOptions.map((c) => c.name))).toEqual(new Set(['new', 'import:hugo', 'build', 'search:index', 'test:rebuilds', 'migrate:eval', 'bench', 'bench:dev', 'audit']));
    for (const c of withOptions) {
      const file = scriptFile(scripts[c.name]);
      expect(file, `npm run ${c.name} runs a file`).toBeTypeOf('string');
      expect(optionHandling(read(file!)), `${file} parses its options in a way the tests can check`).toBeDefined();
    }
  });

  it('options shown for scripts that look options up by name are names the script looks up', () => {
    const lookups = commands.filter((c) => c.kind === 'npm run' && optionNames(c.args).length).flatMap((c) => {
      const handling = optionHandling(read(scriptFile(scripts[c.name])!));
      return handling?.kind === 'lookup' ? [{ c, names: handling.names }] : [];
    });
    expect(lookups.map(({ c }) => c.name)).toContain('bench');
    for (const { c, names } of lookups) {
      for (const option of optionNames(c.args)) expect([...names], `${c.file}:${c.line}: npm run ${c.name} --${option}`).toContain(option);
    }
    // The same check fails for an option bench/run.mjs never reads.
    const bench = optionHandling(read('bench/run.mjs'));
    expect(bench?.kind === 'lookup' && bench.names.has('posts')).toBe(true);
    expect(bench?.kind === 'lookup' && bench.names.has('turbo')).toBe(false);
  });
});

describe('links between the README and docs/', () => {
  it('computes GitHub heading anchors', () => {
    expect(headingAnchor('1. Write')).toBe('1-write');
    expect(headingAnchor('Editor setup (VS Code)')).toBe('editor-setup-vs-code');
    expect(headingAnchor('`npm run bench` 與 Hugo')).toBe('npm-run-bench-與-hugo');
  });

  it('every relative link lands on an existing file and heading', () => {
    const links = files.flatMap((file) => markdownLinks(read(file)));
    expect(links.filter((l) => l.target.includes('#')).length).toBeGreaterThan(10);
    for (const file of files) expect(brokenLinks(file), file).toEqual([]);
  });

  it('reports a missing file and a missing heading', () => {
    const dir = path.join(ROOT, 'tests/fixtures/docs-links');
    expect(existsSync(path.join(dir, 'page.md'))).toBe(true);
    expect(brokenLinks('tests/fixtures/docs-links/page.md')).toEqual([
      'tests/fixtures/docs-links/page.md:5: other.md#no-such-heading: no heading "#no-such-heading" in tests/fixtures/docs-links/other.md',
      'tests/fixtures/docs-links/page.md:6: missing.md: no file tests/fixtures/docs-links/missing.md',
    ]);
  });
});

describe('highlighted languages in docs/authoring.md', () => {
  const section = /<!-- highlighted-languages -->([\s\S]*?)<!-- \/highlighted-languages -->/.exec(read('docs/authoring.md'))?.[1] ?? '';
  const names = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) => [...(line.split('|')[2] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]));

  it('each listed name is highlighted', () => {
    expect(names.length).toBeGreaterThan(80);
    expect(names).toContain('c++');
    for (const name of names) {
      const language = resolveLanguage(name);
      expect(language.known && language.grammar !== undefined, `${name} is highlighted`).toBe(true);
    }
  });

  it('a made-up name is not', () => {
    expect(resolveLanguage('not-a-language').known).toBe(false);
    expect(resolveLanguage('txt')).toMatchObject({ id: 'plaintext', known: true });
    expect(resolveLanguage('txt').grammar).toBeUndefined();
  });
});
