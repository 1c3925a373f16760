import { describe, expect, it } from 'vitest';
import { hashToken, newOpaqueToken } from './opaque-token.ts';
import { sealSecret, unsealSecret } from './sealed-secret.ts';

describe('sealSecret', () => {
  it('is undone by unsealSecret with the same key', () => {
    const [secret, key] = [newOpaqueToken(), newOpaqueToken()];
    const sealed = sealSecret(secret, key);
    expect(sealed).toMatch(/^[0-9a-f]{86}$/);
    expect(unsealSecret(sealed, key)).toBe(secret);
  });

  it('shows neither the secret, nor the key, nor their hashes', () => {
    const [secret, key] = [newOpaqueToken(), newOpaqueToken()];
    const sealed = sealSecret(secret, key);
    for (const shown of [secret, key, hashToken(secret), hashToken(key)]) expect(sealed).not.toContain(shown);
    expect(Buffer.from(sealed, 'hex').toString('latin1')).not.toContain(secret);
  });

  it('gives something else with another key, and the same with the same', () => {
    const [secret, key] = [newOpaqueToken(), newOpaqueToken()];
    expect(sealSecret(secret, key)).toBe(sealSecret(secret, key));
    expect(sealSecret(secret, newOpaqueToken())).not.toBe(sealSecret(secret, key));
    expect(unsealSecret(sealSecret(secret, key), newOpaqueToken())).not.toBe(secret);
  });
});
