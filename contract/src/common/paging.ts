import * as z from 'zod';
import { integerQuery } from './query.ts';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export const LimitQuerySchema = integerQuery(1, MAX_PAGE_LIMIT)
  .default(DEFAULT_PAGE_LIMIT)
  .meta({
    description: `Page size, 1–${MAX_PAGE_LIMIT}.`,
    example: DEFAULT_PAGE_LIMIT,
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
  });

export const CursorQuerySchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[A-Za-z0-9_-]+$/)
  .optional()
  .meta({
    description:
      "Opaque cursor from a previous page's `next_cursor`. Valid only with the same filters and sort; anything else is answered 400.",
  });

/** `{ items, next_cursor }`: the one list shape of the API. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .strictObject({
      items: z.array(item),
      next_cursor: z.union([z.string(), z.null()]).meta({
        description: 'Pass as `cursor` to get the next page; `null` on the last page.',
      }),
    })
    .meta({ id: name });
}
