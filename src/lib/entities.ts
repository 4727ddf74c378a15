import { getCollection, type CollectionEntry } from 'astro:content';

export type Company = CollectionEntry<'companies'>;
export type Person = CollectionEntry<'people'>;

export interface Entities {
  companies: Map<string, Company>;
  people: Map<string, Person>;
}

let cache: Promise<Entities> | undefined;

/** Companies and people by slug, loaded once per build. */
export function getEntities(): Promise<Entities> {
  cache ??= (async () => ({
    companies: new Map((await getCollection('companies')).map((e) => [e.id, e])),
    people: new Map((await getCollection('people')).map((e) => [e.id, e])),
  }))();
  return cache;
}
