import { describe, expect, it } from 'vitest';
import { hashToken, newOpaqueToken } from './opaque-token.ts';

describe('newOpaqueToken', () => {
  it('is base64url of 32 random bytes by default', () => {
    const token = newOpaqueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('takes another length', () => {
    expect(Buffer.from(newOpaqueToken(16), 'base64url')).toHaveLength(16);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newOpaqueToken()));
    expect(tokens.size).toBe(1000);
  });
});

describe('hashToken', () => {
  it('is the sha256 hex of the token', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('differs from the token and between tokens', () => {
    const token = newOpaqueToken();
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(token)).not.toBe(hashToken(newOpaqueToken()));
  });
});
