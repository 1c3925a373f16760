import { exportJWK, generateKeyPair, importPKCS8, calculateJwkThumbprint, SignJWT, type CryptoKey } from 'jose';
import type { SessionRole } from '@holiday-peak-hub/contract';

export const SIGNING_ALGORITHM = 'RS256';

/** The key this API signs its own tokens with; its public half is published at /.well-known/jwks.json. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: { kty: string; n: string; e: string; kid: string; alg: string; use: string };
}

/** Loads the PEM (PKCS#8) key from configuration, or generates one (embedded default and tests). */
export async function loadSigningKey(privateKeyPem: string | undefined): Promise<SigningKey> {
  const privateKey = privateKeyPem
    ? await importPKCS8(privateKeyPem.replace(/\\n/g, '\n'), SIGNING_ALGORITHM, { extractable: true })
    : (await generateKeyPair(SIGNING_ALGORITHM, { modulusLength: 2048, extractable: true })).privateKey;
  const full = await exportJWK(privateKey);
  const { kty, n, e } = full;
  if (kty !== 'RSA' || !n || !e) throw new Error('JWT_PRIVATE_KEY must be an RSA private key (PKCS#8 PEM)');
  const kid = await calculateJwkThumbprint({ kty, n, e });
  return { kid, privateKey, publicJwk: { kty, n, e, kid, alg: SIGNING_ALGORITHM, use: 'sig' } };
}

export interface TokenClaims {
  sub: string;
  role: SessionRole;
  /** The session the token belongs to: ending the session ends the token. */
  sid: string;
  email?: string;
}

/** Signs an access token of this API. */
export async function signAccessToken(
  key: SigningKey,
  claims: TokenClaims,
  options: { issuer: string; audience: string; expiresInSeconds: number; now?: Date },
): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ role: claims.role, sid: claims.sid, ...(claims.email ? { email: claims.email } : {}) })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.expiresInSeconds)
    .sign(key.privateKey);
}
