import type { Role, SessionRole } from '@holiday-peak-hub/contract';
import { bearerTokenOf, mockTokens } from '../http/tokens.ts';
import { DEMO_ACCOUNTS } from '../store/demo-accounts.ts';
import type { MockSession } from '../store/identity-store.ts';
import type { MockStore } from '../store/mock-store.ts';

/** Lifetimes of the server's tokens: access 15 minutes; a session (its refresh tokens) 7 days from sign-in. */
export const ACCESS_TOKEN_SECONDS = 900;
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 3600;

export const ACCESS_COOKIE = 'hph_access';
export const REFRESH_COOKIE = 'hph_refresh';

/** The guest id of `mockTokens.guest`. */
export const MOCK_GUEST_ID = 'gst_mockguest0000000';

/** Who is calling: the role the operation's `access` is checked with, and the account and session. */
export type Caller = {
  role: Role;
  /** The signed-in account; `null` for anonymous callers and guests. */
  userId: string | null;
  /** The session of the token (a fixed mock token is its own session); `null` when anonymous. */
  sessionId: string | null;
};

export const ANONYMOUS: Caller = { role: 'anonymous', userId: null, sessionId: null };

const FIXED_ACCOUNT_TOKENS = new Map<string, string>(
  DEMO_ACCOUNTS.map((account) => [mockTokens[account.role], account.id]),
);

/** Why a token is refused: the server's 401 message for the same case. */
export type TokenRefusal = { refused: string };

/** The server's 401 messages (`server/src/auth/authenticate.ts`, `session-service.ts`). */
export const REFUSALS = {
  malformedHeader: 'Send the token as `Authorization: Bearer <token>`',
  invalidToken: 'The bearer token is invalid, expired or not issued for this API',
  untrustedToken: 'The token was not issued by an issuer this API trusts',
  sessionEnded: 'The session has ended: sign in again',
  noRefreshToken: 'No valid refresh token: sign in again',
  refreshReused: 'This refresh token was already used: the session has ended, sign in again',
  accountGone: 'The account no longer exists',
} as const;

/** A token the mocks issued (the server's own tokens verify, so a dead one means the session ended). */
const isIssued = (token: string, kind: 'session' | 'refresh') => token.startsWith(`mock.${kind}.`);

/** The caller a token stands for, or why it is refused (unknown, expired, or its session ended). */
function callerOfToken(store: MockStore, token: string): Caller | TokenRefusal {
  if (token === mockTokens.guest) return { role: 'guest', userId: null, sessionId: token };
  const fixedUser = FIXED_ACCOUNT_TOKENS.get(token);
  if (fixedUser !== undefined) {
    // A fixed token follows its account: a changed role applies, a deleted account ends it.
    const account = store.identity.accounts.get(fixedUser);
    return account ? { role: account.role, userId: account.id, sessionId: token } : { refused: REFUSALS.sessionEnded };
  }
  const entry = store.identity.accessTokens.get(token);
  const session = entry && store.identity.sessions.get(entry.sessionId);
  if (entry && session && entry.expiresAt > store.now().getTime()) {
    return { role: session.role, userId: session.userId, sessionId: session.id };
  }
  // An expired access token is refused for its expiry, before anything looks for its session.
  if (entry) return { refused: REFUSALS.invalidToken };
  return { refused: isIssued(token, 'session') ? REFUSALS.sessionEnded : REFUSALS.untrustedToken };
}

/**
 * The caller of a request: the `Authorization: Bearer` token when there is one (an unknown, expired
 * or signed-out token is refused with the server's reason, answered 401), else the `hph_access`
 * cookie. A cookie that names no live session is ignored, as a browser keeps sending it: the caller
 * is then anonymous.
 */
export function callerOf(
  store: MockStore,
  authorization: string | null,
  cookies: Readonly<Record<string, string>>,
): Caller | TokenRefusal {
  if (authorization !== null && authorization.trim() !== '') {
    const token = bearerTokenOf(authorization);
    return token === undefined ? { refused: REFUSALS.malformedHeader } : callerOfToken(store, token);
  }
  const cookie = cookies[ACCESS_COOKIE];
  const caller = cookie === undefined ? undefined : callerOfToken(store, cookie);
  return caller === undefined || 'refused' in caller ? ANONYMOUS : caller;
}

function issueTokens(store: MockStore, session: MockSession): void {
  session.accessToken = store.identity.nextToken('session');
  session.refreshToken = store.identity.nextToken('refresh');
  session.accessExpiresAt = store.now().getTime() + ACCESS_TOKEN_SECONDS * 1000;
  store.identity.accessTokens.set(session.accessToken, { sessionId: session.id, expiresAt: session.accessExpiresAt });
  store.identity.refreshTokens.set(session.refreshToken, { sessionId: session.id, spent: false });
}

/** A new session with a fresh pair of tokens. */
export function startSession(
  store: MockStore,
  who: { role: SessionRole; userId: string | null; subject: string },
): MockSession {
  const session: MockSession = {
    id: store.identity.nextToken('sid'),
    ...who,
    accessToken: '',
    refreshToken: '',
    accessExpiresAt: 0,
    refreshExpiresAt: store.now().getTime() + REFRESH_TOKEN_SECONDS * 1000,
    csrfToken: store.identity.nextToken('csrf'),
  };
  issueTokens(store, session);
  store.identity.sessions.set(session.id, session);
  return session;
}

/** Ends a session: every access and refresh token it had stops working at once. */
export function endSession(store: MockStore, sessionId: string): void {
  const { sessions, accessTokens, refreshTokens } = store.identity;
  sessions.delete(sessionId);
  for (const [token, entry] of accessTokens) if (entry.sessionId === sessionId) accessTokens.delete(token);
  for (const [token, entry] of refreshTokens) if (entry.sessionId === sessionId) refreshTokens.delete(token);
}

/** Ends every session of an account, except `keep` (the caller's own, when changing a password). */
export function endSessionsOf(store: MockStore, userId: string, keep?: string | null): void {
  for (const session of [...store.identity.sessions.values()]) {
    if (session.userId === userId && session.id !== keep) endSession(store, session.id);
  }
}

/**
 * Trades a refresh token for a new pair; the session keeps its end (7 days after sign-in) and takes
 * the account's current role. Refused, with the server's reason, for a token that is unknown,
 * expired, or already traded: a replayed token ends its whole session (it was stolen, or used
 * twice), and so does a session whose account is gone. The previous access token keeps working
 * until it expires, as the server's signed tokens do.
 */
export function rotateSession(store: MockStore, refreshToken: string): { session: MockSession } | TokenRefusal {
  const entry = store.identity.refreshTokens.get(refreshToken);
  const session = entry && store.identity.sessions.get(entry.sessionId);
  if (!entry || !session) {
    return { refused: isIssued(refreshToken, 'refresh') ? REFUSALS.sessionEnded : REFUSALS.noRefreshToken };
  }
  const account = session.userId === null ? undefined : store.identity.accounts.get(session.userId);
  const refusal = entry.spent
    ? REFUSALS.refreshReused
    : session.refreshExpiresAt <= store.now().getTime()
      ? REFUSALS.sessionEnded
      : session.userId !== null && !account
        ? REFUSALS.accountGone
        : undefined;
  if (refusal !== undefined) {
    endSession(store, session.id);
    return { refused: refusal };
  }
  entry.spent = true;
  if (account) session.role = account.role;
  issueTokens(store, session);
  return { session };
}
