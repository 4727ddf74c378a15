/** One network's share link: a plain link to its share page, so nothing loads from it before a click. */
export interface ShareLink {
  network: 'line' | 'facebook' | 'x';
  /** The network's name, shown as the link text. */
  label: string;
  href: string;
}

/**
 * Share links for an article's absolute URL and title, in the order readers in Taiwan use them:
 * LINE, Facebook, X. Each value is URL-encoded; a URL that is not absolute http(s) is an error, since
 * a relative one would share nothing the reader could open.
 */
export function shareLinks(url: string, title: string): ShareLink[] {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new Error(`shareLinks: "${url}" is not an absolute http(s) URL`);
  const u = encodeURIComponent(url);
  return [
    { network: 'line', label: 'LINE', href: `https://social-plugins.line.me/lineit/share?url=${u}` },
    { network: 'facebook', label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { network: 'x', label: 'X', href: `https://x.com/intent/post?url=${u}&text=${encodeURIComponent(title)}` },
  ];
}
