/** The reader's colour theme: follow the system setting, or always light, or always dark. */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** What the switch says for each choice; the group itself is labelled 主題. */
export const THEME_LABELS: Record<ThemeChoice, string> = { system: '跟隨系統', light: '淺色', dark: '深色' };

/** localStorage key of an explicit choice; "follow the system" is the key's absence. */
export const THEME_STORAGE_KEY = 'theme';

/**
 * Runs in every page's `<head>`, before the body is parsed, so the first paint already has the stored
 * theme: it copies an explicit choice to `<html data-theme>`, which global.css reads. It also sets
 * `data-js`, which shows the switch only where its script can run. A blocked or full localStorage
 * (private windows, disabled storage) leaves the system theme. Astro adds its hash to the CSP
 * (src/integrations/theme-script.ts); any edit changes the hash with it. A function, so the switch's
 * bundled script, which imports this module, does not carry the text.
 */
export function themeHeadScript(): string {
  return (
    `(function(d){d.setAttribute("data-js","");try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});` +
    `if(t==="light"||t==="dark")d.setAttribute("data-theme",t)}catch(e){}})(document.documentElement);`
  );
}

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}
