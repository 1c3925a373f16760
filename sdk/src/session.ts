import type { AuthSession, Refresh, TokenDelivery } from './gen/types.gen.js';

/**
 * How a client holds a session of the API's own: `createBrowserSession()` (HttpOnly cookies and a CSRF token) or
 * `createTokenSession()` (bearer tokens). Pass it as `session` to `createHolidayPeakClient`; the client then puts the
 * credentials on each call, learns from every sign-in and refresh answer, and refreshes once on a 401.
 */
export interface HolidayPeakSession {
  /** What sign-in asks the server for (`token_delivery`). */
  readonly tokenDelivery: TokenDelivery;
  /** The fetch `credentials` mode the client uses (`'include'` for cookies). */
  readonly credentials: RequestCredentials | undefined;
  /** The access token for operations that take `Authorization: Bearer`; `undefined` when there is none. */
  bearerToken(): Promise<string | undefined>;
  /**
   * Puts the session's credentials on an outgoing request: `X-CSRF-Token` on cookie writes. With `renew` (the request
   * was built before the last refresh, e.g. a retry), also the current bearer token in place of the one it carries.
   */
  prepare(request: Request, renew: boolean): Promise<void>;
  /** True when `response` to `request` may be cured by one refresh (a 401; for cookies also a 403 for lack of CSRF). */
  refreshable(request: Request, response: Response): Promise<boolean>;
  /** The body for `refreshSession`, or `undefined` when this session has no way to refresh. */
  refreshBody(): Promise<Refresh | undefined>;
  /** Takes what a sign-in or refresh answered. */
  accept(session: AuthSession): Promise<void>;
  /** Forgets the session (after sign-out, or a refresh the server refused). */
  clear(): Promise<void>;
}

/** Called with the session after every sign-in and refresh, and with `null` when it is cleared. */
export type SessionListener = (session: AuthSession | null) => void;

/** Methods that change nothing on the server: no CSRF token needed. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}
