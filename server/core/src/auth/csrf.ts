import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { base64url, constantTimeEqual } from '../platform/random.ts';

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

const KEY_LABEL = utf8ToBytes('holiday-peak-hub/csrf-hmac-key/v1\n');

/** Derived from the signing key (shared by every replica), like the cursor key. */
export function createCsrfTokens(secret: Uint8Array | string): CsrfTokens {
  const key = sha256(concatBytes(KEY_LABEL, typeof secret === 'string' ? utf8ToBytes(secret) : secret));
  const tokenFor = (sessionId: string) => base64url(hmac(sha256, key, utf8ToBytes(sessionId)));
  return {
    tokenFor,
    matches: (sessionId, given) => given !== undefined && constantTimeEqual(given, tokenFor(sessionId)),
  };
}
