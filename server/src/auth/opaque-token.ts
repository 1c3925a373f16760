import { createHash, randomBytes } from 'node:crypto';

/**
 * A bearer secret with no meaning of its own (refresh tokens, e-mail verification and
 * password-reset links). 32 bytes = 256 bits: guessing one is out of reach, so a plain
 * fast hash is enough to store it — unlike a password there is nothing to brute-force.
 */
export function newOpaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** What is stored instead of the token (sha256 hex): a leaked table does not let anyone sign in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
