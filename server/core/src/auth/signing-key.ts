import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  importSPKI,
  SignJWT,
  type CryptoKey,
  type JWK,
} from 'jose';
import type { SessionRole } from '@holiday-peak-hub/contract';
import { SIGNING_ALGORITHM } from '../pipeline/authenticate.ts';

/** A type, not an interface: it must fit the contract's JWKS entries (string-valued records). */
export type PublicJwk = {
  kty: string;
  n: string;
  e: string;
  kid: string;
  alg: string;
  use: string;
};

/**
 * The key this API signs its own tokens with; its public half is published at /.well-known/jwks.json,
 * with the public halves of retired keys whose tokens may still be in circulation.
 */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: PublicJwk;
  /** Keys signed with before a rotation: tokens they signed keep verifying until they expire. */
  retiredJwks: PublicJwk[];
}

const pem = (text: string) => text.replace(/\\n/g, '\n');

async function publicJwkOf(key: CryptoKey, what: string): Promise<PublicJwk> {
  const { kty, n, e } = await exportJWK(key);
  if (kty !== 'RSA' || !n || !e) throw new Error(`${what} must be an RSA key`);
  const kid = await calculateJwkThumbprint({ kty, n, e });
  return { kty, n, e, kid, alg: SIGNING_ALGORITHM, use: 'sig' };
}

/** The public keys (SPKI PEM blocks, one after the other) of keys retired by a rotation. */
async function retiredKeys(publicKeysPem: string | undefined): Promise<PublicJwk[]> {
  const blocks = pem(publicKeysPem ?? '').match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  return Promise.all(
    blocks.map(async (block) =>
      publicJwkOf(await importSPKI(block, SIGNING_ALGORITHM, { extractable: true }), 'JWT_RETIRED_PUBLIC_KEYS'),
    ),
  );
}

/**
 * Loads the PEM (PKCS#8) key from configuration, or generates one (embedded default and tests), and
 * the retired keys still published. Rotation: make a new key, move the old one's public half to
 * `JWT_RETIRED_PUBLIC_KEYS`, deploy; remove it after the access-token lifetime (15 minutes).
 */
export async function loadSigningKey(
  privateKeyPem: string | undefined,
  retiredPublicKeysPem?: string,
): Promise<SigningKey> {
  const privateKey = privateKeyPem
    ? await importPKCS8(pem(privateKeyPem), SIGNING_ALGORITHM, { extractable: true })
    : (await generateKeyPair(SIGNING_ALGORITHM, { modulusLength: 2048, extractable: true })).privateKey;
  const publicJwk = await publicJwkOf(privateKey, 'JWT_PRIVATE_KEY (PKCS#8 PEM)');
  const retiredJwks = (await retiredKeys(retiredPublicKeysPem)).filter((jwk) => jwk.kid !== publicJwk.kid);
  return { kid: publicJwk.kid, privateKey, publicJwk, retiredJwks };
}

/** The private key as a JWK, to keep it where only PEM will not do (the mocks' saved state). */
export async function exportSigningKey(key: SigningKey): Promise<JWK> {
  return exportJWK(key.privateKey);
}

/** A signing key from the private JWK `exportSigningKey` made. */
export async function importSigningKey(jwk: JWK): Promise<SigningKey> {
  const privateKey = (await importJWK(jwk, SIGNING_ALGORITHM, { extractable: true })) as CryptoKey;
  const publicJwk = await publicJwkOf(privateKey, 'the saved signing key');
  return { kid: publicJwk.kid, privateKey, publicJwk, retiredJwks: [] };
}

/** Every key whose tokens this API accepts as its own: the current one first. */
export function publishedKeys(key: SigningKey): PublicJwk[] {
  return [key.publicJwk, ...key.retiredJwks];
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
