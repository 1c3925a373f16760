import { describe, expect, it } from 'vitest';
import { createInsecurePasswordHasher } from './insecure-password-hasher.ts';

describe('the insecure (test and mocks) password hasher', () => {
  const hasher = createInsecurePasswordHasher();

  it('verifies the password it hashed, salted, and nothing else', async () => {
    const stored = await hasher.hash('Velvet-Harbor-Quietly-93');
    expect(stored).toMatch(/^sha256\$[A-Za-z0-9_-]{22}\$[0-9a-f]{64}$/);
    expect(await hasher.hash('Velvet-Harbor-Quietly-93')).not.toBe(stored);
    expect(await hasher.verify('Velvet-Harbor-Quietly-93', stored)).toBe(true);
    expect(await hasher.verify('velvet-harbor-quietly-93', stored)).toBe(false);
    expect(hasher.needsRehash(stored)).toBe(false);
  });

  it('compares passwords in NFKC', async () => {
    expect(await hasher.verify('Zoe\u0301-1', await hasher.hash('Zo\u00e9-1'))).toBe(true);
  });

  it('reads nothing else: false, and a rehash', async () => {
    const scrypt = 'scrypt$14$8$5$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';
    expect(await hasher.verify('x', scrypt)).toBe(false);
    expect(hasher.needsRehash(scrypt)).toBe(true);
    expect(await hasher.verifyDummy('x')).toBe(false);
  });
});
