import { ACCESS_COOKIE, REFRESH_COOKIE } from '../pipeline/authenticate.ts';
import type { CookieOptions, Exchange as HttpExchange } from '../pipeline/exchange.ts';

/**
 * `HttpOnly` (no script reads them), `Secure` (browsers also accept it on http://localhost),
 * `SameSite`: the access cookie `Lax` so a link into the site keeps the shopper signed in; the
 * refresh cookie `Strict` and only sent to `/api/auth`, where nothing but refresh and logout read it.
 */
const ACCESS_OPTIONS: CookieOptions = { httpOnly: true, secure: true, sameSite: 'lax', path: '/' };
const REFRESH_OPTIONS: CookieOptions = { httpOnly: true, secure: true, sameSite: 'strict', path: '/api/auth' };

/** The tokens of a cookie-delivered session and their lifetimes (seconds). */
export interface SessionCookieValues {
  accessToken: string;
  accessSeconds: number;
  refreshToken: string;
  refreshSeconds: number;
}

export function setSessionCookies(http: HttpExchange, tokens: SessionCookieValues): void {
  http.setCookie(ACCESS_COOKIE, tokens.accessToken, { ...ACCESS_OPTIONS, maxAge: tokens.accessSeconds });
  http.setCookie(REFRESH_COOKIE, tokens.refreshToken, { ...REFRESH_OPTIONS, maxAge: tokens.refreshSeconds });
}

export function clearSessionCookies(http: HttpExchange): void {
  http.clearCookie(ACCESS_COOKIE, ACCESS_OPTIONS);
  http.clearCookie(REFRESH_COOKIE, REFRESH_OPTIONS);
}
