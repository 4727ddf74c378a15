import type { APIRoute, GetStaticPaths } from 'astro';
import { getAllTerms } from '../../../lib/taxonomy';
import { feedResponse, type FeedSpec } from '../../../lib/feed-render';
import { termFeedPaths } from '../../../lib/term-feed';

/** A full-content feed per term, at Hugo's `/<taxonomy>/<term>/index.xml`. */
export const getStaticPaths = (async () => termFeedPaths(await getAllTerms())) satisfies GetStaticPaths;

export const GET: APIRoute<{ spec: FeedSpec }> = ({ props }) => feedResponse(props.spec);
