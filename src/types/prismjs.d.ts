// The parts of Prism (a dependency of Astro's Markdown packages) that src/lib/code-blocks.ts uses.
declare module 'prismjs' {
  export interface Token {
    type: string;
    content: TokenStream;
    alias?: string | string[];
  }
  export type TokenStream = string | Token | Array<string | Token>;
  export type Grammar = Record<string, unknown>;
  const Prism: {
    languages: Record<string, Grammar | undefined>;
    tokenize(text: string, grammar: Grammar): Array<string | Token>;
  };
  export default Prism;
}

declare module 'prismjs/components/index.js' {
  /** Loads Prism languages (and what they depend on) by id; unknown ids are skipped. */
  const loadLanguages: ((languages: string[]) => void) & { silent: boolean };
  export default loadLanguages;
}

declare module 'prismjs/components.js' {
  /** Prism's language catalogue: ids, with their aliases. */
  const components: { languages: Record<string, { alias?: string | string[] } | string> };
  export default components;
}
