/**
 * Rotating the signing key without signing anyone out: the new key signs, the retired one stays
 * published, and its tokens keep verifying until they expire. Two servers share Redis (sessions),
 * as replicas before and after a rollout do.
 */
import { generateKeyPairSync } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login } from '../support/identity-http.ts';
import { redisUrl } from '../support/test-redis.ts';
import { startBareServer, type BareServer } from '../support/test-server.ts';

const pair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
const customer = DEMO_ACCOUNTS.find((a) => a.role === 'customer')!;

describe.skipIf(!redisUrl)('signing key rotation (REDIS_URL)', () => {
  const [oldKey, newKey] = [pair(), pair()];
  let before: BareServer;
  let after: BareServer;
  let withoutRetired: BareServer;

  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl ?? '' };
    [before, after, withoutRetired] = await Promise.all([
      startBareServer({ products: 0, env: { ...env, JWT_PRIVATE_KEY: oldKey.privateKey } }),
      startBareServer({
        products: 0,
        env: { ...env, JWT_PRIVATE_KEY: newKey.privateKey, JWT_RETIRED_PUBLIC_KEYS: oldKey.publicKey },
      }),
      startBareServer({ products: 0, env: { ...env, JWT_PRIVATE_KEY: newKey.privateKey } }),
    ]);
  });
  afterAll(() => Promise.all([before.close(), after.close(), withoutRetired.close()]));

  it('accepts tokens of the retired key, publishes both keys, and signs with the new one', async () => {
    const old = await login(before.baseUrl, customer.email, DEMO_PASSWORD);
    const oldKid = decodeProtectedHeader(old.access).kid;

    expect((await call(after.baseUrl, 'GET', '/api/users/me', { token: old.access })).status).toBe(200);
    const jwks = (await call(after.baseUrl, 'GET', '/.well-known/jwks.json')).json as { keys: { kid: string }[] };
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys[1]?.kid).toBe(oldKid);

    // The refresh token is opaque: after the rollout it gets a token of the new key.
    const refreshed = await call(after.baseUrl, 'POST', '/api/auth/refresh', { body: { refresh_token: old.refresh } });
    const access = (refreshed.json as { tokens: { access_token: string } }).tokens.access_token;
    expect(decodeProtectedHeader(access).kid).toBe(jwks.keys[0]?.kid);
    expect(decodeProtectedHeader(access).kid).not.toBe(oldKid);
  });

  it('refuses them once the retired key is no longer published', async () => {
    const old = await login(before.baseUrl, customer.email, DEMO_PASSWORD);
    expect((await call(withoutRetired.baseUrl, 'GET', '/api/users/me', { token: old.access })).status).toBe(401);
  });
});
