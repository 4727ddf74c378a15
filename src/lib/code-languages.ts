import Prism, { type Grammar } from 'prismjs';
import loadLanguages from 'prismjs/components/index.js';
import components from 'prismjs/components.js';

/*
 * Fence language names as Hugo (Chroma) and authors write them, resolved to Prism's grammars. Apart from
 * the Sätteri plugin (src/lib/code-blocks.ts) so `npm run check:content` can list unknown languages
 * without loading Sätteri.
 */

/** Languages that need no highlighting, as Hugo (Chroma) and authors name them. */
const PLAIN = new Set(['', 'text', 'plaintext', 'plain', 'txt', 'none', 'no-highlight', 'nohighlight']);

/** Names Hugo (Chroma) or authors use that Prism lacks or spells differently, to Prism's id. */
const HUGO_ALIASES: Record<string, string> = {
  'c++': 'cpp',
  'h++': 'cpp',
  cc: 'cpp',
  hh: 'cpp',
  hxx: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  golang: 'go',
  zsh: 'bash',
  csh: 'bash',
  tcsh: 'bash',
  console: 'bash',
  terminal: 'bash',
  ps: 'powershell',
  ps1: 'powershell',
  psm1: 'powershell',
  pwsh: 'powershell',
  'c#': 'csharp',
  'f#': 'fsharp',
  rs: 'rust',
  py3: 'python',
  pycon: 'python',
  python3: 'python',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  mts: 'typescript',
  cts: 'typescript',
  htm: 'markup',
  xhtml: 'markup',
  vue: 'markup',
  svelte: 'markup',
  make: 'makefile',
  mk: 'makefile',
  proto: 'protobuf',
  'protocol-buffer': 'protobuf',
  systemverilog: 'verilog',
  sv: 'verilog',
  asm: 'nasm',
  vimrc: 'vim',
  'go-html-template': 'markup',
  bat: 'batch',
  cmd: 'batch',
  tf: 'hcl',
  terraform: 'hcl',
  postgres: 'sql',
  postgresql: 'sql',
  mysql: 'sql',
  patch: 'diff',
  udiff: 'diff',
  jsonc: 'json',
  jsonl: 'json',
  gql: 'graphql',
  containerfile: 'docker',
  'objective-c': 'objectivec',
};

/** Prism's own aliases (js, ts, py, sh, yml, dockerfile, html…) to their ids. */
const PRISM_ALIASES = new Map<string, string>();
for (const [id, entry] of Object.entries(components.languages)) {
  if (typeof entry !== 'object') continue;
  for (const alias of [entry.alias ?? []].flat()) PRISM_ALIASES.set(alias, id);
}

export interface ResolvedLanguage {
  /** Prism's id (`cpp` for `c++`), `plaintext` for text, or the author's name when unknown. Safe in a class name. */
  id: string;
  /** The name as the author wrote it, lower case and safe in a class name (`c++`): `language-<name>`, as Hugo writes it. */
  name: string;
  grammar?: Grammar;
  /** False when the author named a language the highlighter does not have. */
  known: boolean;
}

/** Prism's id and grammar for a fence's language, loading the grammar on first use. */
export function resolveLanguage(lang: string | null | undefined): ResolvedLanguage {
  const name = (lang ?? '').trim().toLowerCase();
  const className = name.replace(/[^\w+#.-]/g, '-') || 'plaintext';
  if (PLAIN.has(name)) return { id: 'plaintext', name: className, known: true };
  const id = HUGO_ALIASES[name] ?? PRISM_ALIASES.get(name) ?? name;
  if (!Prism.languages[id] && id !== 'meta' && Object.hasOwn(components.languages, id)) {
    loadLanguages.silent = true;
    loadLanguages([id]);
  }
  const grammar = Prism.languages[id];
  return grammar ? { id, name: className, grammar, known: true } : { id: className, name: className, known: false };
}
