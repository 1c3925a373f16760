import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * CSRF protection for cookie sessions: a token bound to the session (HMAC of its id under a
 * server key), answered in the sign-in body and sent back as `X-CSRF-Token` on every write. Another
 * site can make a browser send our cookies but cannot read the token, so it cannot forge a write.
 * Stateless: any replica recomputes it.
 */
export interface CsrfTokens {
  tokenFor(sessionId: string): string;
  matches(sessionId: string, given: string | undefined): boolean;
}

const KEY_LABEL = 'holiday-peak-hub/csrf-hmac-key/v1\n';

/** Derived from the signing key (shared by every replica), like the cursor key. */
export function createCsrfTokens(secret: Uint8Array | string): CsrfTokens {
  const key = createHash('sha256').update(KEY_LABEL).update(secret).digest();
  const tokenFor = (sessionId: string) => createHmac('sha256', key).update(sessionId).digest('base64url');
  return {
    tokenFor,
    matches(sessionId, given) {
      if (given === undefined) return false;
      const expected = Buffer.from(tokenFor(sessionId));
      const actual = Buffer.from(given);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
