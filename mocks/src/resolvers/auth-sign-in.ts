import { MockHttpError } from '../http/mock-error.ts';
import { clearedSessionCookies, sessionAnswer } from '../identity/session-answer.ts';
import { endSession, REFRESH_COOKIE, REFUSALS, rotateSession, startSession } from '../identity/sessions.ts';
import { signIn, signInOrChallenge } from '../identity/sign-in.ts';
import { MOCK_TWO_FACTOR_CODE } from '../identity/two-factor.ts';
import type { MockAccount } from '../store/identity-store.ts';
import type { ResolversFor } from './types.ts';

type SignInOps = 'login' | 'loginTwoFactor' | 'logout' | 'refreshSession' | 'startGuestSession';

/** The one answer for a wrong email and a wrong password, so nobody can probe for accounts. */
const wrongCredentials = () => new MockHttpError('UNAUTHORIZED', 'Wrong email or password');

/** True (and the recovery code used up) when `code` is the mock authenticator code or an unused recovery code. */
function acceptsCode(account: MockAccount, code: string): boolean {
  if (code === MOCK_TWO_FACTOR_CODE) return true;
  const normalized = code.toLowerCase();
  const index = account.twoFactor.recoveryCodes.indexOf(normalized);
  if (index === -1) return false;
  account.twoFactor.recoveryCodes.splice(index, 1);
  return true;
}

export const signInResolvers: ResolversFor<SignInOps> = {
  login: ({ input: { body }, store }) => {
    const account = store.identity.accountByEmail(body.email);
    if (!account || account.password === null || account.password !== body.password) throw wrongCredentials();
    return { status: 200, ...signInOrChallenge(store, account, body.token_delivery) };
  },

  loginTwoFactor: ({ input: { body }, store }) => {
    const challenge = store.identity.challenges.get(body.challenge_token);
    const account = challenge && store.identity.accounts.get(challenge.userId);
    if (!challenge || !account || challenge.expiresAt <= store.now().getTime()) {
      throw new MockHttpError('UNAUTHORIZED', 'The sign-in has expired: enter your email and password again');
    }
    if (!acceptsCode(account, body.code)) throw new MockHttpError('UNAUTHORIZED', 'The code is not right');
    store.identity.challenges.delete(body.challenge_token);
    return { status: 200, ...signIn(store, account, body.token_delivery) };
  },

  logout: ({ store, sessionId }) => {
    // A fixed mock token is not a session: it keeps working.
    if (sessionId !== null) endSession(store, sessionId);
    return { status: 204, body: undefined, cookies: clearedSessionCookies() };
  },

  refreshSession: ({ input: { body }, store, cookies }) => {
    const delivery = body.refresh_token === undefined ? 'cookie' : 'body';
    const token = body.refresh_token ?? cookies[REFRESH_COOKIE];
    const rotation = token === undefined ? { refused: REFUSALS.noRefreshToken } : rotateSession(store, token);
    if ('refused' in rotation) {
      throw new MockHttpError(
        'UNAUTHORIZED',
        rotation.refused,
        {},
        delivery === 'cookie' ? clearedSessionCookies() : [],
      );
    }
    const { session } = rotation;
    return { status: 200, ...sessionAnswer(store, session, delivery) };
  },

  startGuestSession: ({ input: { body }, store }) => {
    const subject = store.identity.nextId('gst');
    const session = startSession(store, { role: 'guest', userId: null, subject });
    return { status: 201, ...sessionAnswer(store, session, body.token_delivery) };
  },
};
