/** A caller's `X-Request-ID` is kept when it matches this; otherwise the API makes one. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** True when a given `X-Request-ID` may be kept and echoed. */
export function isValidRequestId(value: string | null | undefined): value is string {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
}
