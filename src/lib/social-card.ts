import { createHash } from 'node:crypto';
import type { OgImage } from './og';
import { absoluteUrl } from './urls';

/**
 * Social cards drawn by the build for every page without a hero of its own: what a card says, and its
 * file. The card route (src/pages/og/[card].png.ts) draws every card `getSocialCards` lists; pages link
 * theirs through `cardImage`. Both take the card from the same functions (src/lib/social-cards.ts), so
 * a page never links a card that is not drawn.
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** What one card shows. The site name is on every card. */
export interface SocialCard {
  /** Small label above the title: a post's category, a term's taxonomy. */
  kicker: string;
  title: string;
  /** One line under the title: a post's source, a page's description. */
  note: string;
  /** A post's or page's date, shown in the site's zone. */
  date?: Date;
  /** Text alternative of the image (`og:image:alt`). */
  alt: string;
}

/** Folder of the cards in the output. */
const CARD_DIR = '/og/';

/**
 * A card's file name: a hash of what it says. A new title gives a new URL, so social networks that keep an
 * image by URL fetch the new card instead of showing the old one.
 */
export function cardName(card: SocialCard): string {
  const words = JSON.stringify([card.kicker, card.title, card.note, card.date?.toISOString() ?? null, card.alt]);
  return createHash('sha256').update(words).digest('hex').slice(0, 20);
}

export const cardPath = (card: SocialCard) => `${CARD_DIR}${cardName(card)}.png`;

/** The `og:image` of a page whose card is `card`. */
export function cardImage(card: SocialCard): OgImage {
  return { url: absoluteUrl(cardPath(card)), type: 'image/png', width: CARD_WIDTH, height: CARD_HEIGHT, alt: card.alt };
}

