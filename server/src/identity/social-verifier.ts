import type { SocialProvider } from '@holiday-peak-hub/contract';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { SocialProviderConfig } from '../config.ts';
import { UnauthorizedError, UnprocessableError, type SocialVerifier } from '@holiday-peak-hub/core';

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/**
 * Whether the provider vouches for the email. Google says so in `email_verified`. Microsoft Entra
 * ID lets tenants set unverified emails, so its `email` is trusted only with the optional
 * `xms_edov` ("email domain owner verified") claim: otherwise anyone could claim someone else's
 * account by setting that address in their own tenant.
 */
function vouchedEmail(provider: SocialProvider, claims: JWTPayload): boolean {
  return provider === 'google' ? claims.email_verified === true : claims.xms_edov === true || claims.xms_edov === '1';
}

/**
 * Verifies provider ID tokens: RS256 signature by the provider's published keys (fetched and
 * cached by jose), issuer, audience (this app's client id), expiry. A provider that is not
 * configured is a 422; a token that fails any check is a 401.
 */
export function createSocialVerifier(providers: Partial<Record<SocialProvider, SocialProviderConfig>>): SocialVerifier {
  const keySets = new Map(
    Object.entries(providers).map(([name, config]) => [
      name,
      createRemoteJWKSet(new URL(config.jwksUri), { timeoutDuration: 5_000 }),
    ]),
  );
  return async (provider, idToken) => {
    const config = providers[provider];
    const keys = keySets.get(provider);
    if (!config || !keys) {
      throw new UnprocessableError(`Sign-in with ${provider} is not enabled on this server`, { provider });
    }
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(idToken, keys, {
        algorithms: ['RS256'],
        issuer: config.issuer,
        audience: config.clientId,
        clockTolerance: 30,
      }));
    } catch {
      throw new UnauthorizedError(`The ${provider} ID token is invalid, expired or not issued for this app`);
    }
    const subject = text(claims.sub);
    if (!subject) throw new UnauthorizedError(`The ${provider} ID token has no subject`);
    const email = text(claims.email) ?? (provider === 'microsoft' ? text(claims.preferred_username) : null);
    return {
      provider,
      subject,
      email: email?.toLowerCase() ?? null,
      emailVerified: email !== null && vouchedEmail(provider, claims),
      name: text(claims.name),
    };
  };
}
