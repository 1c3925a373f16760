/**
 * A token issuer for tests: an RSA key whose JWKS is served over HTTP on 127.0.0.1, so tokens go
 * through the same jose JWKS path as Entra ID tokens in production.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import type { AccountRole } from '@holiday-peak-hub/contract';

export const TEST_AUDIENCE = 'holiday-peak-hub-tests';

export interface TestIssuer {
  issuer: string;
  jwksUri: string;
  audience: string;
  /** `issuer|jwksUri|audience`, the TRUSTED_ISSUERS entry for this issuer. */
  trustedIssuerEntry: string;
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  token(role: AccountRole, overrides?: TokenOverrides): Promise<string>;
  close(): Promise<void>;
}

export interface TokenOverrides {
  sub?: string;
  payload?: JWTPayload;
  issuer?: string;
  audience?: string;
  expiresInSeconds?: number;
  notBeforeSeconds?: number;
  kid?: string;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = 'test-key-1';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const server: Server = createServer((req, res) => {
    if (req.url === '/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}/`;
  const jwksUri = `http://127.0.0.1:${port}/jwks.json`;

  return {
    issuer,
    jwksUri,
    audience: TEST_AUDIENCE,
    trustedIssuerEntry: `${issuer}|${jwksUri}|${TEST_AUDIENCE}`,
    kid,
    privateKey,
    publicKey,
    async token(role, o = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ role, email: `${role}@example.com`, ...o.payload })
        .setProtectedHeader({ alg: 'RS256', kid: o.kid ?? kid, typ: 'JWT' })
        .setSubject(o.sub ?? `user_${role}`)
        .setIssuer(o.issuer ?? issuer)
        .setAudience(o.audience ?? TEST_AUDIENCE)
        .setIssuedAt(now)
        .setNotBefore(now + (o.notBeforeSeconds ?? 0))
        .setExpirationTime(now + (o.expiresInSeconds ?? 600))
        .sign(privateKey);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
