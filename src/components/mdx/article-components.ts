import YouTube from '../embed/YouTube.astro';
import Spotify from '../embed/Spotify.astro';
import Vimeo from '../embed/Vimeo.astro';
import XPost from '../embed/XPost.astro';
import Gist from '../embed/Gist.astro';
import Figure from './Figure.astro';
import Callout from './Callout.astro';

/**
 * Components every `.mdx` article may use without importing them. Feeds render article bodies with the
 * same map (embeds become plain links there), so a component missing here breaks the feed build.
 */
export const ARTICLE_COMPONENTS = { YouTube, Spotify, Vimeo, XPost, Gist, Figure, Callout };
