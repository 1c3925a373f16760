import { USER_ID_PATTERN } from '@holiday-peak-hub/contract';
import { hashToken, newOpaqueToken } from '../auth/opaque-token.ts';
import { constantTimeEqual } from '../platform/random.ts';
import type { OneTimeTokenState } from './documents.ts';

export const VERIFICATION_SECONDS = 24 * 3600;
export const RESET_SECONDS = 3600;
export const INVITATION_SECONDS = 7 * 24 * 3600;

/**
 * The token of an emailed link: `<user id>.<secret>`. The user id makes redeeming it one point
 * read; only the secret's hash is stored, with an expiry, and it is cleared when used.
 */
export function issueOneTimeToken(
  userId: string,
  now: Date,
  seconds: number,
): { token: string; state: OneTimeTokenState } {
  const secret = newOpaqueToken();
  return {
    token: `${userId}.${secret}`,
    state: { token_hash: hashToken(secret), expires_at: new Date(now.getTime() + seconds * 1000).toISOString() },
  };
}

/** The user id a token names, when it has the shape of one of ours. */
export function userIdOfToken(token: string): { userId: string; secret: string } | undefined {
  const dot = token.indexOf('.');
  const userId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  return dot > 0 && USER_ID_PATTERN.test(userId) && secret.length >= 20 ? { userId, secret } : undefined;
}

/** True when the secret is the stored one and has not expired. */
export function redeemable(state: OneTimeTokenState | null, secret: string, now: Date): boolean {
  if (state === null || Date.parse(state.expires_at) <= now.getTime()) return false;
  return constantTimeEqual(hashToken(secret), state.token_hash);
}
