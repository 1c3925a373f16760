import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Request, Response } from 'express';
import { expressjwt, type GetVerificationKey } from 'express-jwt';
import jwksRsa from 'jwks-rsa';
import type { Caller } from '../http/handler.ts';
import { ForbiddenError, UnauthorizedError } from '../http/errors.ts';
import { requestCookies } from '../http/http-exchange.ts';
import type { CsrfTokens } from './csrf.ts';
import { ACCESS_COOKIE } from './session-cookies.ts';
import { SIGNING_ALGORITHM } from './signing-key.ts';
import type { TrustedIssuer } from './trusted-issuers.ts';

interface VerifiedClaims {
  iss?: string;
  aud?: string | string[];
  sub?: string;
  email?: unknown;
  preferred_username?: unknown;
  sid?: unknown;
  [claim: string]: unknown;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN = /^[A-Za-z0-9._~+/=-]+$/;

/** The token of an `Authorization: Bearer` header; any other scheme is refused rather than ignored. */
function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer (\S+)$/.exec(header.trim());
  if (!match?.[1] || !TOKEN.test(match[1]))
    throw new UnauthorizedError('Send the token as `Authorization: Bearer <token>`');
  return match[1];
}

/** Where a request's token comes from: the `Authorization` header first, else the session cookie. */
function tokenSource(req: Request): 'bearer' | 'cookie' | undefined {
  if (req.get('authorization') !== undefined) return 'bearer';
  const cookie = requestCookies(req)[ACCESS_COOKIE];
  return cookie !== undefined && cookie !== '' ? 'cookie' : undefined;
}

function cookieToken(req: Request): string | undefined {
  const token = requestCookies(req)[ACCESS_COOKIE];
  if (token === undefined || !TOKEN.test(token))
    throw new UnauthorizedError('The session cookie is not valid: sign in again');
  return token;
}

export const ANONYMOUS: Caller = { role: 'anonymous', userId: null, email: null, issuer: null, sessionId: null };

export interface AuthenticatorDeps {
  issuers: readonly TrustedIssuer[];
  /** Whether a session of ours is still active (not signed out, revoked or expired). */
  sessionActive(sessionId: string): Promise<boolean>;
  csrf: CsrfTokens;
}

/**
 * Identifies the caller of a request. `callerNeeded` is false for public operations: a cookie
 * write without the CSRF token then proceeds as anonymous instead of being refused, so a page that
 * lost its token (a reload) can still sign in again or refresh, which answers a new one.
 */
export type Authenticator = (req: Request, res: Response, callerNeeded?: boolean) => Promise<Caller>;

/**
 * Verifies tokens with express-jwt + jwks-rsa against every trusted issuer (ours, Entra ID,
 * configured ones): signature by the issuer's JWKS (`kid`), RS256 only, issuer, audience, expiry
 * and not-before. Our own tokens must also name a session that is still active, so signing out,
 * a password change or a deleted account ends them at once. The token comes from
 * `Authorization: Bearer`, or from the `hph_access` cookie; a cookie-authenticated write must carry
 * the session's `X-CSRF-Token`. A request without a token is anonymous; a request with a bad bearer
 * token is refused (401), whatever the operation; a bad or ended session cookie counts as none.
 */
/**
 * The keys of our own issuer, held in process: looked up by `kid`, never fetched. An unknown `kid`
 * (a key retired and no longer published, a forged header) is the caller's 401; jwks-rsa would
 * instead try to fetch the issuer's JWKS over the network, that is from this very API.
 */
function localKeySecret(keys: readonly object[]): GetVerificationKey {
  const byKid = new Map<string, KeyObject>();
  for (const jwk of keys as readonly (JsonWebKey & { kid?: string })[]) {
    if (jwk.kid) byKid.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
  }
  return (_req, token) => {
    const kid = token?.header.kid;
    const key = kid === undefined ? undefined : byKid.get(kid);
    if (!key) throw new UnauthorizedError('The token was signed with a key this API does not publish');
    return key;
  };
}

export function createAuthenticator(deps: AuthenticatorDeps): Authenticator {
  const { issuers } = deps;
  const byIssuer = new Map(
    issuers.map((issuer) => [
      issuer.issuer,
      {
        issuer,
        secret: issuer.localKeys
          ? localKeySecret(issuer.localKeys)
          : (jwksRsa.expressJwtSecret({
              jwksUri: issuer.jwksUri,
              cache: true,
              cacheMaxAge: 10 * 60_000,
              rateLimit: true,
              jwksRequestsPerMinute: 10,
              timeout: 5_000,
            }) as GetVerificationKey),
      },
    ]),
  );

  const secret: GetVerificationKey = (req, token) => {
    // A decoded payload can be null or a string (`typ: JWT` over "null"): only an object has an issuer.
    const payload: unknown = token?.payload;
    const iss = payload !== null && typeof payload === 'object' ? (payload as { iss?: unknown }).iss : undefined;
    if (typeof iss !== 'string') throw new UnauthorizedError('The token was not issued by an issuer this API trusts');
    const entry = byIssuer.get(iss);
    if (!entry) throw new UnauthorizedError('The token was not issued by an issuer this API trusts');
    return entry.secret(req, token);
  };

  const verify = expressjwt({
    secret,
    getToken: (req) => (tokenSource(req) === 'cookie' ? cookieToken(req) : bearerToken(req)),
    algorithms: [SIGNING_ALGORITHM],
    credentialsRequired: false,
    requestProperty: 'auth',
    issuer: issuers.map((i) => i.issuer) as [string, ...string[]],
    audience: issuers.map((i) => i.audience) as [string, ...string[]],
    clockTolerance: 30,
  });

  const identify = async (claims: VerifiedClaims): Promise<Caller> => {
    const entry = claims.iss ? byIssuer.get(claims.iss) : undefined;
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!entry || !audiences.includes(entry.issuer.audience)) {
      throw new UnauthorizedError('The token was not issued for this API');
    }
    const role = entry.issuer.roleOf(claims);
    if (!role || !claims.sub) throw new UnauthorizedError('The token carries no usable subject or role');
    const email =
      typeof claims.email === 'string'
        ? claims.email
        : typeof claims.preferred_username === 'string'
          ? claims.preferred_username
          : null;
    let sessionId: string | null = null;
    if (entry.issuer.own) {
      if (typeof claims.sid !== 'string' || !(await deps.sessionActive(claims.sid))) {
        throw new UnauthorizedError('The session has ended: sign in again');
      }
      sessionId = claims.sid;
    }
    return { role, userId: claims.sub, email, issuer: entry.issuer.issuer, sessionId };
  };

  const verified = async (req: Request, res: Response): Promise<Caller> => {
    await new Promise<void>((resolve, reject) => {
      void verify(req, res, (err?: unknown) =>
        err ? reject(err instanceof Error ? err : new UnauthorizedError()) : resolve(),
      );
    });
    const claims = (req as typeof req & { auth?: VerifiedClaims }).auth;
    return claims ? identify(claims) : ANONYMOUS;
  };

  return async (req, res, callerNeeded = true) => {
    const source = tokenSource(req);
    if (source === undefined) return ANONYMOUS;
    const caller = await verified(req, res).catch((err: unknown) => {
      // A browser keeps sending a dead session cookie (signed out elsewhere, expired, old key) and no
      // script can delete an HttpOnly cookie: it counts as no cookie, so public operations (sign-in,
      // refresh, which clears it) still work and the others answer 401 as to anyone anonymous.
      if (source === 'cookie' && err instanceof Error && err.name === 'UnauthorizedError') return ANONYMOUS;
      throw err;
    });
    if (caller === ANONYMOUS) return caller;
    if (source === 'cookie' && !SAFE_METHODS.has(req.method)) {
      if (caller.sessionId === null || !deps.csrf.matches(caller.sessionId, req.get('x-csrf-token'))) {
        if (!callerNeeded) return ANONYMOUS;
        throw new ForbiddenError("Cookie-authenticated writes need the session's X-CSRF-Token header", {
          reason: 'csrf',
        });
      }
    }
    return caller;
  };
}
