import type { APIRoute, GetStaticPaths } from 'astro';
import { cacheDir, root } from 'virtual:build-paths';
import { getSocialCards } from '../../lib/social-cards';
import { cardName, type SocialCard } from '../../lib/social-card';
import { cacheKey } from '../../lib/cache-key';
import { socialCardPng } from '../../build/card-cache';

/** Every social card a page links, at `/og/<hash of its words>.png` (see src/lib/social-card.ts). */
export const getStaticPaths = (async () =>
  (await getSocialCards()).map((card) => ({ params: { card: cardName(card) }, props: { card }, cacheKey: cacheKey(card) }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ card: SocialCard }> = async ({ props }) => {
  const png = await socialCardPng(props.card, { cacheDir, root });
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
