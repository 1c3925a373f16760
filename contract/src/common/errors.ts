import * as z from 'zod';

/** Every error code the API can answer with, and the HTTP status each one travels with. */
export const ERROR_STATUS = {
  INVALID_REQUEST: 400,
  WEBHOOK_SIGNATURE_INVALID: 400,
  UNAUTHORIZED: 401,
  PAYMENT_DECLINED: 402,
  FORBIDDEN: 403,
  RESOURCE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  INSUFFICIENT_STOCK: 409,
  ORDER_NOT_CANCELLABLE: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  EXPECTATION_FAILED: 417,
  HEADERS_TOO_LARGE: 431,
  UNPROCESSABLE_ENTITY: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  PROMO_CODE_INVALID: 422,
  PROMO_CODE_NOT_YET_VALID: 422,
  PROMO_CODE_EXPIRED: 422,
  PROMO_MINIMUM_NOT_MET: 422,
  PROMO_NOT_APPLICABLE: 422,
  PROMO_USAGE_LIMIT_REACHED: 422,
  PROMO_CUSTOMER_LIMIT_REACHED: 422,
  RATE_LIMIT_EXCEEDED: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** The codes of a promo code's refusals (all 422): what applying a code can answer, and a cart's `promo_issue`. */
export const PROMO_REFUSAL_CODES = [
  'PROMO_CODE_INVALID',
  'PROMO_CODE_NOT_YET_VALID',
  'PROMO_CODE_EXPIRED',
  'PROMO_USAGE_LIMIT_REACHED',
  'PROMO_CUSTOMER_LIMIT_REACHED',
  'PROMO_MINIMUM_NOT_MET',
  'PROMO_NOT_APPLICABLE',
] as const satisfies readonly ErrorCode[];

export const ErrorCodeSchema = z.enum(ERROR_CODES).meta({
  id: 'ErrorCode',
  description:
    'Machine-readable error code. Each code always travels with the same HTTP status (see the errors guide).',
});

export const ErrorBodySchema = z
  .strictObject({
    code: ErrorCodeSchema,
    message: z.string().meta({ description: 'Human-readable explanation, safe to show to a developer.' }),
    details: z.record(z.string(), z.unknown()).meta({
      description:
        'Structured context. For INVALID_REQUEST: `{ issues: [{ in, path, message }] }` naming every bad field.',
    }),
    timestamp: z.iso.datetime().meta({ description: 'When the error was produced (UTC, ISO 8601).' }),
    request_id: z.string().meta({ description: 'Echoes `X-Request-ID`; quote it when reporting a problem.' }),
  })
  .meta({ id: 'ErrorBody' });

export const ErrorEnvelopeSchema = z.strictObject({ error: ErrorBodySchema }).meta({
  id: 'ErrorEnvelope',
  description: 'The one error format of the API (design document, Appendix D).',
  example: {
    error: {
      code: 'RESOURCE_NOT_FOUND',
      message: 'Product not found',
      details: { product_id: 'electronics-laptops.prd7k2m9q4x1' },
      timestamp: '2026-01-25T10:45:00Z',
      request_id: 'req_01JH8ZK3Q5R7',
    },
  },
});

export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/** One entry of `details.issues` for INVALID_REQUEST. */
export const ValidationIssueSchema = z
  .strictObject({
    in: z.enum(['path', 'query', 'header', 'body']),
    path: z.string(),
    message: z.string(),
  })
  .meta({ id: 'ValidationIssue' });
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;
