import { z } from 'zod';
import { profileFields } from './company';
import { SlugSchema } from './fragments';

export function createPersonSchema<I extends z.ZodType>(image: () => I) {
  return z.object({
    ...profileFields(image),
    /** Job title, e.g. 執行長. */
    role: z.string().trim().min(1).optional(),
    /** Slug of the company the person is best known for. */
    company: SlugSchema.optional(),
  });
}
