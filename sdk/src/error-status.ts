import type { ErrorCode } from './gen/types.gen.js';

/**
 * The HTTP status each error code travels with (the contract's `ERROR_STATUS`; a test keeps the two equal).
 * Used only to name a failure that arrived without the API's error envelope.
 */
const STATUS_BY_CODE = {
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
  HEADERS_TOO_LARGE: 431,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = STATUS_BY_CODE;

/** Each status's generic code: the first listed (several codes share 422; a bare 422 is UNPROCESSABLE_ENTITY). */
const CODE_BY_STATUS = new Map<number, ErrorCode>();
for (const [code, status] of Object.entries(ERROR_STATUS)) {
  if (!CODE_BY_STATUS.has(status)) CODE_BY_STATUS.set(status, code as ErrorCode);
}

/** The code for a bare status: the contract's own when it has one, else 5xx/network → SERVICE_UNAVAILABLE. */
export function codeForStatus(status: number): ErrorCode {
  const known = CODE_BY_STATUS.get(status);
  if (known) return known;
  if (status === 0 || status >= 500) return 'SERVICE_UNAVAILABLE';
  return status >= 400 ? 'INVALID_REQUEST' : 'INTERNAL_SERVER_ERROR';
}
