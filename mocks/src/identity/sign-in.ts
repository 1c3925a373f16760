import type { AuthSession, z } from '@holiday-peak-hub/contract';
import type { LoginResultSchema } from '@holiday-peak-hub/contract';
import type { MockCookie } from '../http/respond.ts';
import type { MockAccount } from '../store/identity-store.ts';
import type { MockStore } from '../store/mock-store.ts';
import { sessionAnswer, type TokenDelivery } from './session-answer.ts';
import { startSession } from './sessions.ts';

/** How long a password-checked sign-in waits for its second factor. */
export const CHALLENGE_SECONDS = 300;

/** Starts a session of the account (its last login is now) and answers it. */
export function signIn(
  store: MockStore,
  account: MockAccount,
  delivery: TokenDelivery,
): { body: AuthSession; cookies: MockCookie[] } {
  account.last_login = store.now().toISOString();
  const session = startSession(store, { role: account.role, userId: account.id, subject: account.id });
  return sessionAnswer(store, session, delivery);
}

/**
 * The answer of a first sign-in step that identified the account (password, social ID token): a
 * session, or a two-factor challenge for `POST /api/auth/login/2fa` when the account has 2FA on.
 */
export function signInOrChallenge(
  store: MockStore,
  account: MockAccount,
  delivery: TokenDelivery,
): { body: z.input<typeof LoginResultSchema>; cookies?: MockCookie[] } {
  if (!account.twoFactor.enabled) return signIn(store, account, delivery);
  const challenge_token = store.identity.nextToken('challenge');
  const expiresAt = store.now().getTime() + CHALLENGE_SECONDS * 1000;
  store.identity.challenges.set(challenge_token, { userId: account.id, expiresAt });
  return { body: { status: 'two_factor_required', challenge_token, expires_at: new Date(expiresAt).toISOString() } };
}
