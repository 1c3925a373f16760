import type { StoredUser } from './documents.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { IssuedSession, TokenDelivery } from './session-service.ts';
import { toUser } from './user-view.ts';

/** What a password-checked sign-in of an account with two-factor answers: the challenge of its second step. */
export interface TwoFactorChallenge {
  status: 'two_factor_required';
  challenge_token: string;
  expires_at: string;
}

/** The answer of a first sign-in step (a session and its cookies, or a challenge, which sets none). */
export type SignInAnswer = IssuedSession | { body: TwoFactorChallenge; cookies: null };

/** Starts a session of the account (its last login is now). */
export async function startSessionFor(
  deps: IdentityDeps,
  user: StoredUser,
  delivery: TokenDelivery,
): Promise<IssuedSession> {
  const saved = await deps.users.recordLogin(user.id, deps.clock());
  return deps.sessions.start({ id: saved.id, role: saved.role, email: saved.email }, delivery, toUser(saved));
}

/** A session, or, for an account with two-factor, the challenge its second step answers. */
export async function signInOrChallenge(
  deps: IdentityDeps,
  user: StoredUser,
  delivery: TokenDelivery,
): Promise<SignInAnswer> {
  if (!user.two_factor.enabled) return startSessionFor(deps, user, delivery);
  const challenge = await deps.sessions.challengeFor(user.id);
  return {
    body: {
      status: 'two_factor_required',
      challenge_token: challenge.token,
      expires_at: challenge.expiresAt.toISOString(),
    },
    cookies: null,
  };
}
