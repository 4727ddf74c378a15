import { searchUrl } from './urls';

/** Header navigation, in display order. */
export const NAV_ITEMS: { href: string; label: string }[] = [
  { href: '/', label: '首頁' },
  { href: '/categories/', label: '分類' },
  { href: '/tags/', label: '標籤' },
  { href: '/companies/', label: '公司' },
  { href: '/people/', label: '人物' },
  { href: '/archive/', label: '文章列表' },
  { href: searchUrl(), label: '搜尋' },
];

/** Whether `href` is the current section of `pathname` (home only matches itself and its pages). */
export function isCurrentSection(href: string, pathname: string): boolean {
  const path = decodeURI(pathname);
  if (href === '/') return path === '/' || path.startsWith('/page/');
  return path.startsWith(href);
}
