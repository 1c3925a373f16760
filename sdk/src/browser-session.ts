import { isSafeMethod, type HolidayPeakSession, type SessionListener } from './session.js';

export interface BrowserSessionOptions {
  /** Called with the session after every sign-in and refresh, and with `null` when it ends. */
  onChange?: SessionListener;
}

const CSRF_HEADER = 'X-CSRF-Token';

/** The server names a CSRF refusal `403 FORBIDDEN` with `details.reason: 'csrf'`; a role refusal has no such reason. */
async function isCsrfRefusal(response: Response): Promise<boolean> {
  try {
    const body = (await response.clone().json()) as { error?: { details?: { reason?: unknown } } };
    return body.error?.details?.reason === 'csrf';
  } catch {
    return false;
  }
}

/**
 * Cookie mode, for browsers: the tokens live in `HttpOnly` cookies (`hph_access`, `hph_refresh`) that JavaScript never
 * sees. Calls go out with `credentials: 'include'`; the `csrf_token` of the last sign-in or refresh is sent as
 * `X-CSRF-Token` on every write. The CSRF token lives in memory only: after a page reload the first 401, or 403 on a
 * write sent without it, triggers one `refreshSession` with `{}` (the refresh cookie), which answers a new one.
 */
export function createBrowserSession(options: BrowserSessionOptions = {}): HolidayPeakSession {
  let csrfToken: string | undefined;
  return {
    tokenDelivery: 'cookie',
    credentials: 'include',
    bearerToken: () => Promise.resolve(undefined),
    prepare(request) {
      if (csrfToken !== undefined && !isSafeMethod(request.method)) request.headers.set(CSRF_HEADER, csrfToken);
      return Promise.resolve();
    },
    async refreshable(request, response) {
      if (response.status === 401) return true;
      if (response.status !== 403 || isSafeMethod(request.method)) return false;
      // A write without the CSRF token is refused even when the cookie is good: the token was lost (page reload).
      // One with a token of another session (signed in again in another tab) is refused with `reason: 'csrf'`.
      return !request.headers.has(CSRF_HEADER) || (await isCsrfRefusal(response));
    },
    refreshBody: () => Promise.resolve({}),
    accept(session) {
      // A body-delivery answer (csrf_token null) says nothing about the cookie session: keep what we have.
      if (session.csrf_token !== null) csrfToken = session.csrf_token;
      options.onChange?.(session);
      return Promise.resolve();
    },
    clear() {
      csrfToken = undefined;
      options.onChange?.(null);
      return Promise.resolve();
    },
  };
}
