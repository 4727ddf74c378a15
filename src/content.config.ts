import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { createPostSchema } from './schemas/post';
import { createCompanySchema } from './schemas/company';
import { createPersonSchema } from './schemas/person';
import { PageSchema } from './schemas/page';
import { contentDir } from './lib/paths';
import { hugoPostsLoader, pagesLoader } from './lib/loaders';

const posts = defineCollection({
  loader: hugoPostsLoader(contentDir('posts')),
  schema: ({ image }) => createPostSchema(image),
});

const pages = defineCollection({
  loader: pagesLoader(contentDir('pages')),
  schema: PageSchema,
});

const yamlEntry = (collection: 'companies' | 'people') =>
  glob({ base: contentDir(collection), pattern: '*.{yaml,yml}', generateId: ({ entry }) => entry.replace(/\.ya?ml$/, '') });

const companies = defineCollection({
  loader: yamlEntry('companies'),
  schema: ({ image }) => createCompanySchema(image),
});

const people = defineCollection({
  loader: yamlEntry('people'),
  schema: ({ image }) => createPersonSchema(image),
});

export const collections = { posts, pages, companies, people };
