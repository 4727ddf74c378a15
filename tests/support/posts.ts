import type { Post } from '../../src/lib/posts';
import type { Company, Entities, Person } from '../../src/lib/entities';

type PostFields = Omit<Partial<Post['data']>, 'date'> & { date: Date | string };

/** A post entry as the content layer returns it, for pure lib functions; only `data` and `id` matter. */
export function fakePost(id: string, fields: PostFields): Post {
  const data = {
    title: `文章 ${id}`,
    description: '',
    tags: [],
    categories: [],
    related_companies: [],
    related_people: [],
    draft: false,
    aliases: [],
    image_alt: '',
    ...fields,
    date: fields.date instanceof Date ? fields.date : new Date(fields.date),
  };
  return { id, collection: 'posts', data, body: '' } as unknown as Post;
}

/** Company and person entries by slug, with only the fields the taxonomy needs. */
export function fakeEntities(companies: Record<string, Partial<Company['data']>>, people: Record<string, Partial<Person['data']>> = {}): Entities {
  const entry = <T>(collection: string, id: string, data: object) => [id, { id, collection, data: { description: '', stub: false, ...data } } as unknown as T] as const;
  return {
    companies: new Map(Object.entries(companies).map(([id, d]) => entry<Company>('companies', id, d))),
    people: new Map(Object.entries(people).map(([id, d]) => entry<Person>('people', id, d))),
  };
}
