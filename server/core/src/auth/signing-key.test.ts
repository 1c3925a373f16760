import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSigningKey, publishedKeys } from './signing-key.ts';

const pair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });

describe('signing key', () => {
  it('publishes the current key first, then the retired ones, each with its thumbprint as kid', async () => {
    const [current, old1, old2] = [pair(), pair(), pair()];
    // As an environment variable holds them: several PEM blocks, newlines escaped.
    const retired = `${old1.publicKey}${old2.publicKey}`.replace(/\n/g, '\\n');
    const key = await loadSigningKey(current.privateKey, retired);
    const keys = publishedKeys(key);
    expect(keys).toHaveLength(3);
    expect(keys[0]?.kid).toBe(key.kid);
    expect(new Set(keys.map((k) => k.kid)).size).toBe(3);
    expect(keys.every((k) => k.alg === 'RS256' && k.use === 'sig' && k.kty === 'RSA')).toBe(true);
  });

  it('does not publish the current key twice when it is also listed as retired', async () => {
    const current = pair();
    const key = await loadSigningKey(current.privateKey, current.publicKey);
    expect(publishedKeys(key)).toHaveLength(1);
  });

  it('refuses a key that is not RSA', async () => {
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    await expect(loadSigningKey(pair().privateKey, ec.publicKey)).rejects.toThrow();
  });
});
