import { parse, type HTMLElement } from 'node-html-parser';
import { builtPage } from './fixture';

/** Parses HTML keeping `<pre>` as elements (node-html-parser treats it as raw text by default). */
export function parseHtml(html: string): HTMLElement {
  return parse(html, { blockTextElements: { script: true, noscript: true, style: true } });
}

/** Parses a built page of the site fixture. */
export function page(urlPath: string): HTMLElement {
  return parseHtml(builtPage(urlPath));
}

export function texts(root: HTMLElement, selector: string): string[] {
  return root.querySelectorAll(selector).map((el) => el.textContent.trim());
}
