/** The callout box, shared by the `<Callout>` MDX component and the theme boxes of Markdown posts (no heavy imports: pages load it). */
import { escapeHtml } from './embeds';

/** Callout kinds, shared with the `<Callout>` MDX component. */
export const CALLOUT_LABELS = { note: '附註', tip: '提示', warning: '注意', danger: '警告' } as const;
export type CalloutType = keyof typeof CALLOUT_LABELS;

/** The opening HTML of a callout; the body follows as Markdown, then CALLOUT_CLOSE. */
export function calloutOpen(type: CalloutType, title?: string): string {
  const heading = title?.trim() || CALLOUT_LABELS[type];
  return `<aside class="callout callout--${type}" aria-label="${escapeHtml(heading)}"><p class="callout__title">${escapeHtml(heading)}</p><div class="callout__body">`;
}
export const CALLOUT_CLOSE = '</div></aside>';
