import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { ACCOUNT_ROLES, type SessionRole } from '@holiday-peak-hub/contract';
import { ForbiddenError, UnauthorizedError } from './errors.ts';
import { ANONYMOUS, type Caller } from './handler.ts';
import type { CoreRequest } from './request.ts';

/** Cookie names of a browser session. */
export const ACCESS_COOKIE = 'hph_access';
export const REFRESH_COOKIE = 'hph_refresh';

/** The algorithm of every token this API accepts. */
export const SIGNING_ALGORITHM = 'RS256';

/** How the roles of one issuer's tokens map to ours. */
export type RoleMapping = (claims: Record<string, unknown>) => SessionRole | undefined;

/** Configured issuers' tokens carry a `role` claim naming an account role. */
export const roleClaim: RoleMapping = (claims) => ACCOUNT_ROLES.find((role) => role === claims.role);

/** Our own tokens may also be a guest session's. */
export const ownRoleClaim: RoleMapping = (claims) => (claims.role === 'guest' ? 'guest' : roleClaim(claims));

export interface TrustedIssuer {
  issuer: string;
  audience: string;
  jwksUri: string;
  /** Keys held in process instead of fetched (our own keys): an unknown `kid` is refused, never fetched. */
  localKeys?: readonly object[];
  /** Our own tokens carry a session (`sid`) that must still be active: logout and revocation end them at once. */
  own?: boolean;
  roleOf: RoleMapping;
}

/** CSRF tokens bound to a session (see the server's HMAC implementation). */
export interface CsrfCheck {
  matches(sessionId: string, given: string | undefined): boolean;
}

export interface AuthenticatorDeps {
  issuers: readonly TrustedIssuer[];
  /** Whether a session of ours is still active (not signed out, revoked or expired). */
  sessionActive(sessionId: string): Promise<boolean>;
  csrf: CsrfCheck;
  /** What expiry and not-before are checked against (default: the system clock). */
  clock?: () => Date;
  /** Fetches a remote JWKS (default: jose's cached fetch with a 5 s timeout). */
  remoteKeys?: (jwksUri: string) => JWTVerifyGetKey;
}

/**
 * Identifies the caller of a request. `callerNeeded` is false for public operations: a cookie
 * write without the CSRF token then proceeds as anonymous instead of being refused, so a page that
 * lost its token (a reload) can still sign in again or refresh, which answers a new one.
 */
export type Authenticator = (request: CoreRequest, callerNeeded?: boolean) => Promise<Caller>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN = /^[A-Za-z0-9._~+/=-]+$/;

const header = (request: CoreRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The token of an `Authorization: Bearer` header; any other scheme is refused rather than ignored.
 * The scheme is matched in any case and may be followed by several spaces (RFC 9110 §11.1, §11.4).
 */
const BEARER = /^bearer +(\S+)$/i;

function bearerToken(request: CoreRequest): string {
  const match = BEARER.exec((header(request, 'authorization') ?? '').trim());
  if (!match?.[1] || !TOKEN.test(match[1]))
    throw new UnauthorizedError('Send the token as `Authorization: Bearer <token>`');
  return match[1];
}

const refused = (message: string) => new UnauthorizedError(message);

/**
 * Verifies tokens against every trusted issuer (ours, Entra ID, configured ones): signature by the
 * issuer's keys (`kid`), RS256 only, issuer, audience, expiry and not-before with 30 s of tolerance.
 * Our own tokens must also name a session that is still active, so signing out, a password change
 * or a deleted account ends them at once. The token comes from `Authorization: Bearer`, or from the
 * `hph_access` cookie; a cookie-authenticated write must carry the session's `X-CSRF-Token`. A
 * request without a token is anonymous; a bad bearer token is refused (401) whatever the operation;
 * a bad or ended session cookie counts as none.
 */
export function createAuthenticator(deps: AuthenticatorDeps): Authenticator {
  const remote = deps.remoteKeys ?? ((uri: string) => createRemoteJWKSet(new URL(uri), { timeoutDuration: 5_000 }));
  const byIssuer = new Map(
    deps.issuers.map((issuer) => [
      issuer.issuer,
      {
        issuer,
        keys: issuer.localKeys
          ? createLocalJWKSet({ keys: issuer.localKeys } as JSONWebKeySet)
          : remote(issuer.jwksUri),
      },
    ]),
  );

  const verify = async (token: string): Promise<Caller> => {
    let claims: JWTPayload | undefined;
    try {
      claims = decodeJwt(token);
    } catch {
      claims = undefined; // not a JWT at all: no issuer of ours made it
    }
    const entry = typeof claims?.iss === 'string' ? byIssuer.get(claims.iss) : undefined;
    if (!entry) throw refused('The token was not issued by an issuer this API trusts');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, entry.keys, {
        algorithms: [SIGNING_ALGORITHM],
        issuer: entry.issuer.issuer,
        audience: entry.issuer.audience,
        clockTolerance: 30,
        ...(deps.clock ? { currentDate: deps.clock() } : {}),
      }));
    } catch (err) {
      if (err instanceof Error && err.name === 'JWKSNoMatchingKey') {
        throw refused('The token was signed with a key this API does not publish');
      }
      throw refused('The bearer token is invalid, expired or not issued for this API');
    }
    const role = entry.issuer.roleOf(payload);
    if (!role || !payload.sub) throw refused('The token carries no usable subject or role');
    const email =
      typeof payload.email === 'string'
        ? payload.email
        : typeof payload.preferred_username === 'string'
          ? payload.preferred_username
          : null;
    let sessionId: string | null = null;
    if (entry.issuer.own) {
      if (typeof payload.sid !== 'string' || !(await deps.sessionActive(payload.sid))) {
        throw refused('The session has ended: sign in again');
      }
      sessionId = payload.sid;
    }
    return { role, userId: payload.sub, email, issuer: entry.issuer.issuer, sessionId };
  };

  return async (request, callerNeeded = true) => {
    if (header(request, 'authorization') !== undefined) return verify(bearerToken(request));
    const cookie = request.cookies[ACCESS_COOKIE];
    if (cookie === undefined || cookie === '') return ANONYMOUS;
    // A browser keeps sending a dead session cookie (signed out elsewhere, expired, old key) and no
    // script can delete an HttpOnly cookie: it counts as no cookie, so public operations (sign-in,
    // refresh, which clears it) still work and the others answer 401 as to anyone anonymous.
    const caller = TOKEN.test(cookie)
      ? await verify(cookie).catch((err: unknown) => {
          if (err instanceof UnauthorizedError) return ANONYMOUS;
          throw err;
        })
      : ANONYMOUS;
    if (caller === ANONYMOUS || SAFE_METHODS.has(request.method)) return caller;
    if (caller.sessionId === null || !deps.csrf.matches(caller.sessionId, header(request, 'x-csrf-token'))) {
      if (!callerNeeded) return ANONYMOUS;
      throw new ForbiddenError("Cookie-authenticated writes need the session's X-CSRF-Token header", {
        reason: 'csrf',
      });
    }
    return caller;
  };
}
