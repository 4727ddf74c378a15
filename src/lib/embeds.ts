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
export type Embed = YouTubeEmbed | SpotifyEmbed;

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const SPOTIFY_PATH = /^(episode|show|track|playlist|album)\/([A-Za-z0-9]{22})$/;

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
  return embed.provider === 'youtube'
    ? `https://www.youtube.com/watch?v=${embed.id}`
    : `https://open.spotify.com/${embed.kind}/${embed.id}`;
}

/** The player loaded after the click. */
export function embedPlayerUrl(embed: Embed): string {
  return embed.provider === 'youtube'
    ? `https://www.youtube-nocookie.com/embed/${embed.id}?autoplay=1`
    : `https://open.spotify.com/embed/${embed.kind}/${embed.id}`;
}

/** The visible label: the author's title, else a description of the action. */
export function embedLabel(embed: Embed): string {
  if (embed.title) return embed.title;
  return embed.provider === 'youtube' ? '在 YouTube 觀看影片' : SPOTIFY_LABEL[embed.kind];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

/**
 * The facade markup shared by the `.md` shortcodes and the MDX components. A link styled as a player
 * placeholder; `data-embed-player` tells the facade script what to load on click.
 */
export function embedHtml(embed: Embed): string {
  const provider = embed.provider === 'youtube' ? 'YouTube' : 'Spotify';
  const label = escapeHtml(embedLabel(embed));
  const frameTitle = escapeHtml(embed.title ?? (embed.provider === 'youtube' ? 'YouTube 影片播放器' : 'Spotify 播放器'));
  const variant = embed.provider === 'spotify' && (embed.kind === 'episode' || embed.kind === 'track') ? 'compact' : 'wide';
  return (
    `<figure class="embed embed--${embed.provider} embed--${variant}" data-embed-player="${embedPlayerUrl(embed)}" data-embed-title="${frameTitle}">` +
    `<a class="embed__link" href="${embedPageUrl(embed)}" rel="noopener">` +
    `<span class="embed__play" aria-hidden="true"></span>` +
    `<span class="embed__text"><span class="embed__label">${label}</span>` +
    `<span class="embed__note">${provider}・點擊後才會載入外部播放器</span></span>` +
    `</a></figure>`
  );
}
