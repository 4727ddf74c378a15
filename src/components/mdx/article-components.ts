import YouTube from '../embed/YouTube.astro';
import Spotify from '../embed/Spotify.astro';
import Vimeo from '../embed/Vimeo.astro';
import XPost from '../embed/XPost.astro';
import Gist from '../embed/Gist.astro';
import Figure from './Figure.astro';
import Callout from './Callout.astro';

/**
 * Components every `.mdx` article may use without importing them. The article page and the feeds render
 * bodies with this one map (feeds turn the embeds into plain links afterwards).
 */
export const ARTICLE_COMPONENTS = { YouTube, Spotify, Vimeo, XPost, Gist, Figure, Callout };
