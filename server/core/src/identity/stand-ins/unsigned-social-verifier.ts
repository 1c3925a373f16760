import { SOCIAL_PROVIDERS, type SocialProvider } from '@holiday-peak-hub/contract';
import { UnauthorizedError, UnprocessableError } from '../../pipeline/errors.ts';
import type { SocialVerifier } from '../ports.ts';

/** The claims of an ID token the unsigned verifier reads. */
export interface UnsignedIdTokenClaims {
  /** The user's id at the provider. */
  sub: string;
  email?: string;
  /** `true` when the provider vouches for the email (Google's claim; read here for every provider). */
  email_verified?: boolean;
  name?: string;
}

const toBase64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

function fromBase64url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

/** An unsigned ID token (`alg: none`) with these claims: what the mocks take where a provider's token would come. */
export function unsignedIdToken(claims: UnsignedIdTokenClaims): string {
  return `${toBase64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${toBase64url(JSON.stringify(claims))}.mock`;
}

/** The claims of a JWT-shaped token, read without any check; undefined when it is not a JWT with a string `sub`. */
export function readUnsignedIdToken(token: string): UnsignedIdTokenClaims | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined || !/^[A-Za-z0-9_-]+$/.test(payload)) return undefined;
  try {
    const claims = JSON.parse(fromBase64url(payload)) as Record<string, unknown>;
    if (typeof claims.sub !== 'string' || claims.sub === '') return undefined;
    return {
      sub: claims.sub,
      ...(typeof claims.email === 'string' ? { email: claims.email.toLowerCase() } : {}),
      ...(typeof claims.email_verified === 'boolean' ? { email_verified: claims.email_verified } : {}),
      ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * NOT FOR PRODUCTION: anyone can write such a token. Reads provider ID tokens without checking
 * their signature, issuer, audience or expiry — the mocks cannot reach the providers' keys. A
 * provider not in `providers` (default: all) is the server's 422; a token that is not a JWT with a
 * subject is a 401. The email counts as vouched for when `email_verified` is true.
 */
export function createUnsignedSocialVerifier(providers: readonly SocialProvider[] = SOCIAL_PROVIDERS): SocialVerifier {
  return (provider, idToken) => {
    if (!providers.includes(provider)) {
      return Promise.reject(
        new UnprocessableError(`Sign-in with ${provider} is not enabled on this server`, { provider }),
      );
    }
    const claims = readUnsignedIdToken(idToken);
    if (!claims) return Promise.reject(new UnauthorizedError(`The ${provider} ID token is not valid`));
    return Promise.resolve({
      provider,
      subject: claims.sub,
      email: claims.email ?? null,
      emailVerified: claims.email !== undefined && claims.email_verified === true,
      name: claims.name ?? null,
    });
  };
}
