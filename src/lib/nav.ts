/** Whether `href` is the current section of `pathname` (home only matches itself and its pages). */
export function isCurrentSection(href: string, pathname: string): boolean {
  const path = decodeURI(pathname);
  if (href === '/') return path === '/' || path.startsWith('/page/');
  return path.startsWith(decodeURI(href));
}
