import type { AuthSession } from '@holiday-peak-hub/contract';
import type { MockCookie } from '../http/respond.ts';
import type { MockSession } from '../store/identity-store.ts';
import type { MockStore } from '../store/mock-store.ts';
import { ACCESS_COOKIE, ACCESS_TOKEN_SECONDS, REFRESH_COOKIE } from './sessions.ts';
import { toUser } from './user-view.ts';

export type TokenDelivery = 'cookie' | 'body';

/** The access cookie: `Lax`, so a link into the site keeps the shopper signed in (as on the server). */
const accessCookie = (value: string, maxAgeSeconds: number): MockCookie => ({
  name: ACCESS_COOKIE,
  value,
  path: '/',
  maxAgeSeconds,
  sameSite: 'Lax',
});

/** The refresh cookie: `Strict`, and sent to the auth endpoints only (as on the server). */
const refreshCookie = (value: string, maxAgeSeconds: number): MockCookie => ({
  name: REFRESH_COOKIE,
  value,
  path: '/api/auth',
  maxAgeSeconds,
  sameSite: 'Strict',
});

/** Cookies that end a browser session (logout). */
export function clearedSessionCookies(): MockCookie[] {
  return [accessCookie('', 0), refreshCookie('', 0)];
}

/**
 * The `AuthSession` a sign-in answers. With `cookie` delivery the tokens travel in `hph_access` and
 * `hph_refresh` cookies (`tokens: null`) and the body carries the CSRF token; with `body` delivery
 * the tokens are in the body and no cookie is set.
 */
export function sessionAnswer(
  store: MockStore,
  session: MockSession,
  delivery: TokenDelivery,
): { body: AuthSession; cookies: MockCookie[] } {
  const account = session.userId === null ? undefined : store.identity.accounts.get(session.userId);
  const refreshSeconds = Math.max(0, Math.floor((session.refreshExpiresAt - store.now().getTime()) / 1000));
  const body: AuthSession = {
    status: 'authenticated',
    subject: session.subject,
    role: session.role,
    user: account ? toUser(account) : null,
    expires_at: new Date(session.accessExpiresAt).toISOString(),
    refresh_expires_at: new Date(session.refreshExpiresAt).toISOString(),
    csrf_token: delivery === 'cookie' ? session.csrfToken : null,
    tokens:
      delivery === 'body'
        ? {
            token_type: 'Bearer',
            access_token: session.accessToken,
            expires_in: ACCESS_TOKEN_SECONDS,
            refresh_token: session.refreshToken,
            refresh_expires_in: refreshSeconds,
          }
        : null,
  };
  const cookies =
    delivery === 'cookie'
      ? [accessCookie(session.accessToken, ACCESS_TOKEN_SECONDS), refreshCookie(session.refreshToken, refreshSeconds)]
      : [];
  return { body, cookies };
}
