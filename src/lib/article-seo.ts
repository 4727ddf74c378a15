import type { Post } from './posts';
import { getEntities } from './entities';
import { ogImage, type OgImage } from './og';
import { cardImage } from './social-card';
import { hasLocalHero, postCard } from './social-cards';
import { articleJsonLd, type Seo } from './seo';
import { absoluteUrl, postUrl, termUrl } from './urls';

/** Social card, article times and `NewsArticle` structured data of one article. */
export async function articleSeo(post: Post): Promise<Seo> {
  const { data } = post;
  // A local hero is cropped to the card size; a post without one, or with a remote hero (whose size and
  // future are unknown), gets a drawn card.
  const [entities, image] = await Promise.all([
    getEntities(),
    data.image && hasLocalHero(post) ? ogImage(data.image, data.image_alt || data.title) : Promise.resolve<OgImage>(cardImage(postCard(post))),
  ]);
  const profile = (taxonomy: 'companies' | 'people', slug: string) => {
    const entry = taxonomy === 'companies' ? entities.companies.get(slug) : entities.people.get(slug);
    return { name: entry?.data.name ?? slug, url: absoluteUrl(termUrl(taxonomy, slug)), sameAs: entry?.data.website };
  };
  return {
    type: 'article',
    image,
    published: data.date,
    modified: data.lastmod,
    tags: data.tags,
    jsonLd: articleJsonLd({
      title: data.title,
      description: data.description,
      url: absoluteUrl(postUrl(post.id)),
      published: data.date,
      modified: data.lastmod,
      image,
      tags: data.tags,
      section: data.categories[0],
      companies: data.related_companies.map((slug) => profile('companies', slug)),
      people: data.related_people.map((slug) => profile('people', slug)),
      logoUrl: absoluteUrl('/favicon.svg'),
    }),
  };
}
