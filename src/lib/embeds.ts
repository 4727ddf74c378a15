/**
 * Privacy-first embeds. Before a click the page holds only a link to the video or episode (so it works
 * without JavaScript and contacts no third party); the facade script swaps in the player on click.
 * Ids are validated here, and only validated ids are ever written into markup.
 */

export type SpotifyKind = 'episode' | 'show' | 'track' | 'playlist' | 'album';

export interface YouTubeEmbed {
  provider: 'youtube';
  id: string;
  title?: string;
}
export interface SpotifyEmbed {
  provider: 'spotify';
  kind: SpotifyKind;
  id: string;
  title?: string;
}
export interface VimeoEmbed {
  provider: 'vimeo';
  id: string;
  title?: string;
}
export interface BilibiliEmbed {
  provider: 'bilibili';
  /** `BV…` or `av…`. */
  id: string;
  /** 1-based part of a multi-part video. */
  page?: number;
  title?: string;
}
export type Embed = YouTubeEmbed | SpotifyEmbed | VimeoEmbed | BilibiliEmbed;

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const SPOTIFY_PATH = /^(episode|show|track|playlist|album)\/([A-Za-z0-9]{22})$/;
const VIMEO_ID = /^[0-9]{6,12}$/;
const X_USER = /^[A-Za-z0-9_]{1,15}$/;
const X_STATUS_ID = /^[0-9]{1,20}$/;
const GITHUB_USER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const GIST_ID = /^(?:[0-9a-f]{20,40}|[0-9]{1,12})$/;
const BILIBILI_ID = /^(?:BV[0-9A-Za-z]{10}|av[0-9]{1,12})$/;
const INSTAGRAM_ID = /^[A-Za-z0-9_-]{5,40}$/;
const GIST_FILE = /^[\w.-]{1,100}$/;

export class EmbedError extends Error {}

export function parseYouTube(id: unknown, title?: unknown): YouTubeEmbed {
  if (typeof id !== 'string' || !YOUTUBE_ID.test(id)) {
    throw new EmbedError(`invalid YouTube id ${JSON.stringify(id)}; expected 11 characters of A–Z, a–z, 0–9, "_" or "-"`);
  }
  return { provider: 'youtube', id, title: optionalTitle(title) };
}

export function parseSpotify(path: unknown, title?: unknown): SpotifyEmbed {
  const m = typeof path === 'string' ? SPOTIFY_PATH.exec(path.trim()) : null;
  if (!m) {
    throw new EmbedError(
      `invalid Spotify path ${JSON.stringify(path)}; expected "episode/ID", "show/ID", "track/ID", "playlist/ID" or "album/ID" with a 22-character id`,
    );
  }
  return { provider: 'spotify', kind: m[1] as SpotifyKind, id: m[2], title: optionalTitle(title) };
}

export function parseVimeo(id: unknown, title?: unknown): VimeoEmbed {
  if (typeof id !== 'string' || !VIMEO_ID.test(id.trim())) {
    throw new EmbedError(`invalid Vimeo id ${JSON.stringify(id)}; expected the number from vimeo.com/NUMBER (6–12 digits)`);
  }
  return { provider: 'vimeo', id: id.trim(), title: optionalTitle(title) };
}

export function parseBilibili(id: unknown, page?: unknown, title?: unknown): BilibiliEmbed {
  const raw = typeof id === 'string' ? id.trim().replace(/^AV/, 'av') : id;
  if (typeof raw !== 'string' || !BILIBILI_ID.test(raw)) {
    throw new EmbedError(`invalid Bilibili id ${JSON.stringify(id)}; expected "BV" and 10 letters or digits (or "av" and a number), as in bilibili.com/video/BV…`);
  }
  let part: number | undefined;
  if (page !== undefined && page !== '') {
    part = Number(page);
    if (!Number.isInteger(part) || part < 1 || part > 999) throw new EmbedError(`invalid Bilibili page ${JSON.stringify(page)}; expected a part number from 1`);
  }
  return { provider: 'bilibili', id: raw, page: part, title: optionalTitle(title) };
}

function optionalTitle(title: unknown): string | undefined {
  return typeof title === 'string' && title.trim() ? title.trim() : undefined;
}

const SPOTIFY_LABEL: Record<SpotifyKind, string> = {
  episode: '在 Spotify 收聽這集節目',
  show: '在 Spotify 收聽這個節目',
  track: '在 Spotify 收聽這首曲目',
  playlist: '在 Spotify 收聽這個播放清單',
  album: '在 Spotify 收聽這張專輯',
};

/** Where the reader goes without JavaScript, and what feeds link to. */
export function embedPageUrl(embed: Embed): string {
  if (embed.provider === 'bilibili') return `https://www.bilibili.com/video/${embed.id}/${embed.page && embed.page > 1 ? `?p=${embed.page}` : ''}`;
  if (embed.provider === 'vimeo') return `https://vimeo.com/${embed.id}`;
  return embed.provider === 'youtube'
    ? `https://www.youtube.com/watch?v=${embed.id}`
    : `https://open.spotify.com/${embed.kind}/${embed.id}`;
}

/** The player loaded after the click. */
export function embedPlayerUrl(embed: Embed): string {
  // dnt=1: Vimeo's player sets no tracking cookies.
  if (embed.provider === 'bilibili') {
    const key = embed.id.startsWith('BV') ? `bvid=${embed.id}` : `aid=${embed.id.slice(2)}`;
    return `https://player.bilibili.com/player.html?${key}&page=${embed.page ?? 1}&autoplay=1&high_quality=1`;
  }
  if (embed.provider === 'vimeo') return `https://player.vimeo.com/video/${embed.id}?autoplay=1&dnt=1`;
  return embed.provider === 'youtube'
    ? `https://www.youtube-nocookie.com/embed/${embed.id}?autoplay=1`
    : `https://open.spotify.com/embed/${embed.kind}/${embed.id}`;
}

/** The visible label: the author's title, else a description of the action. */
export function embedLabel(embed: Embed): string {
  if (embed.title) return embed.title;
  if (embed.provider === 'bilibili') return '在嗶哩嗶哩觀看影片';
  if (embed.provider === 'vimeo') return '在 Vimeo 觀看影片';
  return embed.provider === 'youtube' ? '在 YouTube 觀看影片' : SPOTIFY_LABEL[embed.kind];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

const PROVIDER_NAME: Record<Embed['provider'], string> = { youtube: 'YouTube', spotify: 'Spotify', vimeo: 'Vimeo', bilibili: '嗶哩嗶哩' };

/**
 * The facade markup shared by the `.md` shortcodes and the MDX components. A link styled as a player
 * placeholder; `data-embed-player` tells the facade script what to load on click.
 */
export function embedHtml(embed: Embed): string {
  const provider = PROVIDER_NAME[embed.provider];
  const label = escapeHtml(embedLabel(embed));
  const frameTitle = escapeHtml(embed.title ?? (embed.provider === 'spotify' ? 'Spotify 播放器' : `${provider} 影片播放器`));
  const variant = embed.provider === 'spotify' && (embed.kind === 'episode' || embed.kind === 'track') ? 'compact' : 'wide';
  return (
    `<figure class="embed embed--${embed.provider} embed--${variant}" data-embed-player="${escapeHtml(embedPlayerUrl(embed))}" data-embed-title="${frameTitle}">` +
    `<a class="embed__link" href="${embedPageUrl(embed)}" rel="noopener">` +
    `<span class="embed__play" aria-hidden="true"></span>` +
    `<span class="embed__text"><span class="embed__label">${label}</span>` +
    `<span class="embed__note" data-pagefind-ignore>${provider}・點擊後才會載入外部播放器</span></span>` +
    `</a></figure>`
  );
}

/** A post on X (Twitter), shown as a quoted link card: nothing is loaded from X. */
export interface XPost {
  id: string;
  user?: string;
}

export function parseXPost(id: unknown, user?: unknown): XPost {
  if (typeof id !== 'string' || !X_STATUS_ID.test(id.trim())) {
    throw new EmbedError(`invalid X post id ${JSON.stringify(id)}; expected the number after /status/ in the post's URL`);
  }
  if (user !== undefined && (typeof user !== 'string' || !X_USER.test(user.trim().replace(/^@/, '')))) {
    throw new EmbedError(`invalid X user ${JSON.stringify(user)}; expected a handle of up to 15 letters, digits or "_"`);
  }
  return { id: id.trim(), user: typeof user === 'string' ? user.trim().replace(/^@/, '') : undefined };
}

/** A GitHub gist, shown as a link card: GitHub's embed script is never loaded. */
export interface Gist {
  user: string;
  id: string;
  file?: string;
}

export function parseGist(user: unknown, id: unknown, file?: unknown): Gist {
  if (typeof user !== 'string' || !GITHUB_USER.test(user.trim())) {
    throw new EmbedError(`invalid GitHub user ${JSON.stringify(user)}; expected a GitHub user name`);
  }
  if (typeof id !== 'string' || !GIST_ID.test(id.trim())) {
    throw new EmbedError(`invalid gist id ${JSON.stringify(id)}; expected the hexadecimal id from gist.github.com/USER/ID`);
  }
  if (file !== undefined && (typeof file !== 'string' || !GIST_FILE.test(file.trim()))) {
    throw new EmbedError(`invalid gist file name ${JSON.stringify(file)}; expected a plain file name such as main.py`);
  }
  return { user: user.trim(), id: id.trim(), file: typeof file === 'string' ? file.trim() : undefined };
}

export function xPostUrl(post: XPost): string {
  return `https://x.com/${post.user ?? 'i'}/status/${post.id}`;
}

export function gistUrl(gist: Gist): string {
  // GitHub anchors a file as #file-<name with dots as hyphens>.
  const anchor = gist.file ? `#file-${gist.file.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}` : '';
  return `https://gist.github.com/${gist.user}/${gist.id}${anchor}`;
}

/** A post on Instagram, shown as a link card: nothing is loaded from Instagram. */
export function parseInstagram(id: unknown): string {
  if (typeof id !== 'string' || !INSTAGRAM_ID.test(id.trim())) {
    throw new EmbedError(`invalid Instagram post id ${JSON.stringify(id)}; expected the code after /p/ in the post's URL`);
  }
  return id.trim();
}

export function instagramHtml(id: string): string {
  return linkCardHtml('instagram', `https://www.instagram.com/p/${id}/`, '在 Instagram 查看這則貼文', 'Instagram・外部連結，本頁不載入 Instagram 的內容');
}

function linkCardHtml(kind: 'x' | 'gist' | 'instagram', href: string, label: string, note: string): string {
  return (
    `<figure class="embed-card embed-card--${kind}">` +
    `<a class="embed-card__link" href="${escapeHtml(href)}" rel="noopener">` +
    `<span class="embed-card__label">${escapeHtml(label)}</span>` +
    `<span class="embed-card__note" data-pagefind-ignore>${escapeHtml(note)}</span>` +
    `</a></figure>`
  );
}

/** A link card to a post on X. */
export function xPostHtml(post: XPost): string {
  const label = post.user ? `在 X 查看 @${post.user} 的貼文` : '在 X 查看這則貼文';
  return linkCardHtml('x', xPostUrl(post), label, 'X（Twitter）・外部連結，本頁不載入 X 的內容');
}

export function gistHtml(gist: Gist): string {
  const label = gist.file ? `在 GitHub 查看程式碼：${gist.file}` : `在 GitHub 查看 ${gist.user} 的程式碼片段`;
  return linkCardHtml('gist', gistUrl(gist), label, 'GitHub Gist・外部連結，本頁不載入 GitHub 的內容');
}
