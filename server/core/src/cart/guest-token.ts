import type { Authenticator } from '../pipeline/authenticate.ts';
import { UnauthorizedError } from '../pipeline/errors.ts';
import type { GuestTokenCheck } from './ports.ts';

/**
 * A guest token checked by the authenticator every request goes through (signature, issuer,
 * audience, expiry, a live session of ours): the guest id when it is a guest session's, else
 * undefined (an account's token, an ended session, no token of ours).
 */
export function guestTokenCheck(authenticate: Authenticator): GuestTokenCheck {
  return async (token) => {
    try {
      const caller = await authenticate({
        method: 'POST',
        params: {},
        query: {},
        headers: { authorization: `Bearer ${token}` },
        cookies: {},
        hasBody: false,
        body: undefined,
        ip: '',
        requestId: '',
      });
      return caller.role === 'guest' && caller.userId !== null ? caller.userId : undefined;
    } catch (err) {
      if (err instanceof UnauthorizedError) return undefined;
      throw err;
    }
  };
}
