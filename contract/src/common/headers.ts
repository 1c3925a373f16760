import * as z from 'zod';
import type { HeaderSpec, Operation } from '../operation.ts';

export const ETAG_HEADER: HeaderSpec = {
  description: 'Version of the representation; send it back in `If-None-Match` (reads) or `If-Match` (writes).',
};

export const REQUEST_ID_HEADER: HeaderSpec = {
  description: 'Request id: yours from `X-Request-ID` when you sent a valid one, else generated.',
};

export const LOCATION_HEADER: HeaderSpec = {
  description: 'URL of the created resource.',
};

export const CACHE_CONTROL_HEADER: HeaderSpec = {
  description: 'Caching policy of the representation.',
};

/** Request headers of a write that honours optimistic concurrency. */
export const IfMatchHeadersSchema = z.object({
  'if-match': z
    .string()
    .min(1)
    .max(256)
    .optional()
    .meta({ description: 'ETag from your last read. When it is stale the write is refused with 412.' }),
});

/** The request header of an operation with `idempotency` (lower case, as transports hand headers over). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** At most this many characters in an `Idempotency-Key` (Stripe's limit). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * An `Idempotency-Key`: 1–255 printable ASCII characters, no space at either end (HTTP trims them).
 * A random UUID per intended write is the usual choice.
 */
export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(MAX_IDEMPOTENCY_KEY_LENGTH)
  .regex(/^[!-~](?:[ -~]*[!-~])?$/, 'must be printable ASCII characters, without a space at either end')
  .meta({
    description:
      'Your unique key for this write (1–255 printable ASCII characters; a random UUID is best). Retrying with the same key and the same input within 24 hours answers the first answer again (with `Idempotent-Replayed: true`) instead of doing the write twice; the same key with other input is refused with 422 `IDEMPOTENCY_KEY_REUSED`, and while the first request with it is still running with 409 `IDEMPOTENCY_KEY_IN_USE`. Keys are scoped to your session (your account, or your guest session).',
    example: '5f2b6c1e-8d4a-4e5b-9a0c-3f7d2e1b6a90',
  });

export const IDEMPOTENT_REPLAYED_HEADER: HeaderSpec = {
  description: '`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`.',
};

/**
 * The request headers an operation takes: its own, plus `Idempotency-Key` (required or optional as
 * it declares) for an operation with `idempotency`. Validation and the OpenAPI document both read
 * this, so the key is declared once, by the operation's `idempotency` field.
 */
export function requestHeadersOf(op: Operation): z.ZodObject | undefined {
  const own = op.request?.headers;
  if (!op.idempotency) return own;
  let headers = withKeyHeader.get(op);
  if (!headers) {
    const key = op.idempotency === 'required' ? IdempotencyKeySchema : IdempotencyKeySchema.optional();
    headers = (own ?? z.object({})).extend({ [IDEMPOTENCY_KEY_HEADER]: key });
    withKeyHeader.set(op, headers);
  }
  return headers;
}

/** Made once per operation: every request of it is validated with the same schema. */
const withKeyHeader = new WeakMap<Operation, z.ZodObject>();
