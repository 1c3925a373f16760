import type { Request, Response } from 'express';
import { expressjwt, type GetVerificationKey } from 'express-jwt';
import jwksRsa from 'jwks-rsa';
import type { Caller } from '../http/handler.ts';
import { UnauthorizedError } from '../http/errors.ts';
import { SIGNING_ALGORITHM } from './signing-key.ts';
import type { TrustedIssuer } from './trusted-issuers.ts';

interface VerifiedClaims {
  iss?: string;
  aud?: string | string[];
  sub?: string;
  email?: unknown;
  preferred_username?: unknown;
  [claim: string]: unknown;
}

/** The token of an `Authorization: Bearer` header; any other scheme is refused rather than ignored. */
function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header.trim());
  if (!match?.[1]) throw new UnauthorizedError('Send the token as `Authorization: Bearer <token>`');
  return match[1];
}

export const ANONYMOUS: Caller = { role: 'anonymous', userId: null, email: null, issuer: null };

/** Identifies the caller of a request. */
export type Authenticator = (req: Request, res: Response) => Promise<Caller>;

/**
 * Verifies bearer tokens with express-jwt + jwks-rsa against every trusted issuer (ours, Entra ID,
 * configured ones): signature by the issuer's JWKS (`kid`), RS256 only, issuer, audience, expiry
 * and not-before. A request without a token is anonymous; a request with a bad one is refused (401),
 * whatever the operation.
 */
export function createAuthenticator(issuers: readonly TrustedIssuer[]): Authenticator {
  const byIssuer = new Map(
    issuers.map((issuer) => [
      issuer.issuer,
      {
        issuer,
        secret: jwksRsa.expressJwtSecret({
          jwksUri: issuer.jwksUri,
          cache: true,
          cacheMaxAge: 10 * 60_000,
          rateLimit: true,
          jwksRequestsPerMinute: 10,
          timeout: 5_000,
          ...(issuer.localKeys
            ? { getKeysInterceptor: () => Promise.resolve(issuer.localKeys as jwksRsa.JSONWebKey[]) }
            : {}),
        }) as GetVerificationKey,
      },
    ]),
  );

  const secret: GetVerificationKey = (req, token) => {
    const iss = token && typeof token.payload === 'object' ? token.payload.iss : undefined;
    const entry = iss ? byIssuer.get(iss) : undefined;
    if (!entry) throw new UnauthorizedError('The token was not issued by an issuer this API trusts');
    return entry.secret(req, token);
  };

  const verify = expressjwt({
    secret,
    getToken: bearerToken,
    algorithms: [SIGNING_ALGORITHM],
    credentialsRequired: false,
    requestProperty: 'auth',
    issuer: issuers.map((i) => i.issuer) as [string, ...string[]],
    audience: issuers.map((i) => i.audience) as [string, ...string[]],
    clockTolerance: 30,
  });

  const identify = (claims: VerifiedClaims): Caller => {
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
    return { role, userId: claims.sub, email, issuer: entry.issuer.issuer };
  };

  return async (req, res) => {
    if (req.get('authorization') === undefined) return ANONYMOUS;
    await new Promise<void>((resolve, reject) => {
      void verify(req, res, (err?: unknown) =>
        err ? reject(err instanceof Error ? err : new UnauthorizedError()) : resolve(),
      );
    });
    const claims = (req as typeof req & { auth?: VerifiedClaims }).auth;
    return claims ? identify(claims) : ANONYMOUS;
  };
}
