import * as z from 'zod';

/** A query flag: `true` or `false` on the wire, a boolean after parsing. */
export const BooleanQuerySchema = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .meta({ type: 'boolean' });

/** A query value that may repeat (`?brand=a&brand=b`) or come comma-separated (`?brand=a,b`). */
export function listQuery<T extends z.ZodType<string>>(item: T, maxItems = 20) {
  return z
    .preprocess((value) => (typeof value === 'string' ? value.split(',') : value), z.array(item).min(1).max(maxItems))
    .meta({ type: 'array', items: { type: 'string' } });
}
