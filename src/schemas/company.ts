import { z } from 'zod';
import { UrlSchema } from './fragments';

/** Fields shared by companies and people: how they are named and described. */
export function profileFields<I extends z.ZodType>(image: () => I) {
  return {
    /** Display name, as readers know it. */
    name: z.string().trim().min(1, { error: 'expected a display name' }),
    /** Chinese name, if one is in use. */
    name_zh: z.string().trim().min(1).optional(),
    /** English or original-language name. */
    name_en: z.string().trim().min(1).optional(),
    website: UrlSchema.optional(),
    /** One paragraph shown on the profile page. */
    description: z.string().trim().default(''),
    /** Logo or portrait, relative to the YAML file. */
    image: image().optional(),
    /** Set by the Hugo importer on generated entries an editor still has to fill in. */
    stub: z.boolean().default(false),
  };
}

export function createCompanySchema<I extends z.ZodType>(image: () => I) {
  return z.object(profileFields(image));
}
