import { DEMO_ACCOUNTS } from '@holiday-peak-hub/contract/fixtures';
import { UnauthorizedError, type Authenticator, type Caller, type UserRepository } from '@holiday-peak-hub/core';

/**
 * Fixed bearer tokens the mocks accept, bound to the demo accounts (and one guest): send
 * `Authorization: Bearer mock.staff`. They never expire and survive sign-out; the tokens that
 * sign-in answers are real ones, as the server's. None of them mean anything to the real server.
 */
export const mockTokens = {
  guest: 'mock.guest',
  customer: 'mock.customer',
  staff: 'mock.staff',
  admin: 'mock.admin',
} as const;

/** The guest the fixed guest token stands for. */
export const MOCK_GUEST_ID = 'gst_mockguest0000001';

const FIXED_ACCOUNTS = new Map<string, string>(
  DEMO_ACCOUNTS.map((account) => [mockTokens[account.role as keyof typeof mockTokens], account.id]),
);

/**
 * The core's authenticator, with the fixed tokens in front: a fixed token follows its account (a
 * changed role applies, a deleted account ends it), anything else is verified as on the server.
 */
export function withFixedTokens(authenticate: Authenticator, users: UserRepository): Authenticator {
  return async (request, callerNeeded) => {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
    if (token === mockTokens.guest) {
      return { role: 'guest', userId: MOCK_GUEST_ID, email: null, issuer: 'mock', sessionId: token } satisfies Caller;
    }
    const userId = token === undefined ? undefined : FIXED_ACCOUNTS.get(token);
    if (userId === undefined) return authenticate(request, callerNeeded);
    const user = await users.get(userId);
    if (!user) throw new UnauthorizedError('The session has ended: sign in again');
    return { role: user.role, userId, email: user.email, issuer: 'mock', sessionId: token ?? null };
  };
}
