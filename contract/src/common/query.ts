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
    .meta({ type: 'array', items: { type: 'string' }, minItems: 1, maxItems });
}

/**
 * Decimal digits, optionally signed, as a number is written in a query. Nothing else `Number()`
 * would also take: no `0x10`, `0b1`, `0o7`, `1e1`, `Infinity`, spaces, `+` or an empty value.
 */
const DECIMAL_INTEGER = /^-?\d{1,15}$/;
const DECIMAL_NUMBER = /^-?\d{1,15}(?:\.\d{1,15})?$/;

/** An integer query value from `min` to `max`, in decimal digits only. */
export function integerQuery(min: number, max: number) {
  return z
    .string()
    .regex(DECIMAL_INTEGER, 'Expected a decimal integer (digits only)')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .meta({ type: 'integer', minimum: min, maximum: max });
}

/** A number query value from `min` to `max`, in decimal digits with an optional fraction (`12.5`) only. */
export function decimalQuery(min: number, max: number) {
  return z
    .string()
    .regex(DECIMAL_NUMBER, 'Expected a decimal number (digits, optionally a `.` and more digits)')
    .transform(Number)
    .pipe(z.number().min(min).max(max))
    .meta({ type: 'number', minimum: min, maximum: max });
}
