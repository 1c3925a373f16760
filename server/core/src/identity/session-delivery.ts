import { clearSessionCookies, setSessionCookies, type SessionCookieValues } from '../auth/session-cookies.ts';
import type { Exchange } from '../pipeline/exchange.ts';
import { SessionRefusedError } from './session-service.ts';

/** Sets the cookies of a cookie-delivered session (none for body delivery or a challenge); the body to answer. */
export function delivered<A extends { body: unknown; cookies: SessionCookieValues | null }>(
  http: Exchange,
  answer: A,
): A['body'] {
  if (answer.cookies) setSessionCookies(http, answer.cookies);
  return answer.body;
}

/** A refused refresh of a cookie session also clears its cookies: the browser would keep sending dead ones. */
export async function clearingRefused<T>(http: Exchange, refresh: Promise<T>): Promise<T> {
  try {
    return await refresh;
  } catch (err) {
    if (err instanceof SessionRefusedError && err.clearCookies) clearSessionCookies(http);
    throw err;
  }
}
