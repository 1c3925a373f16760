import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createScryptHasher } from './password-hasher.ts';

// logN = 10 keeps the suite fast; one test below runs the production parameters.
const hasher = createScryptHasher({ logN: 10 });

describe('createScryptHasher', () => {
  it('hashes to a self-describing string that verifies the password and nothing else', async () => {
    const stored = await hasher.hash('sled-runner-42');
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hasher.verify('sled-runner-42', stored)).toBe(true);
    expect(await hasher.verify('sled-runner-43', stored)).toBe(false);
    expect(await hasher.verify('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
  });

  it('treats the composed and decomposed forms of an accented password alike (NFKC)', async () => {
    const stored = await hasher.hash('caf\u00e9-au-lait');
    expect(await hasher.verify('cafe\u0301-au-lait', stored)).toBe(true);
  });

  it('answers false, without throwing, for stored values it cannot read', async () => {
    const good = await hasher.hash('pw');
    const [, , , , salt, key] = good.split('$');
    const malformed = [
      '',
      'not-a-hash',
      `$2b$12$${'a'.repeat(53)}`,
      `scrypt$10$8$1$${salt}`,
      `scrypt$10$8$1$${salt}$${key}$extra`,
      `scrypt$0$8$1$${salt}$${key}`,
      `scrypt$24$8$1$${salt}$${key}`, // would need 2 GiB
      `scrypt$10$8$1$${salt}$${key?.slice(0, 20)}`, // key too short
      `scrypt$10$8$1$c2FsdA$${key}`, // salt too short
      `scrypt$10$8$1$${salt}$${key}!`,
    ];
    for (const stored of malformed) expect(await hasher.verify('pw', stored), stored).toBe(false);
  });

  it('verifies hashes made with other parameters, and asks for a rehash only of weaker ones', async () => {
    const weaker = await createScryptHasher({ logN: 9 }).hash('pw');
    const stronger = await createScryptHasher({ logN: 11 }).hash('pw');
    const fewerBlocks = await createScryptHasher({ logN: 10, r: 4 }).hash('pw');
    expect(await hasher.verify('pw', weaker)).toBe(true);
    expect(await hasher.verify('pw', stronger)).toBe(true);
    expect(hasher.needsRehash(weaker)).toBe(true);
    expect(hasher.needsRehash(fewerBlocks)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('pw'))).toBe(false);
    expect(hasher.needsRehash(stronger)).toBe(false);
    expect(hasher.needsRehash('garbage')).toBe(true);
  });

  it('verifyDummy answers false after doing the work of a real verify', async () => {
    const slower = createScryptHasher({ logN: 13 });
    const stored = await slower.hash('pw');
    const fastest = async (run: () => Promise<unknown>) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        await run();
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    await slower.verifyDummy('warm-up'); // the dummy hash is made on first use
    const real = await fastest(() => slower.verify('pw', stored));
    const dummy = await fastest(() => slower.verifyDummy('pw'));
    await expect(slower.verifyDummy('pw')).resolves.toBe(false);
    // The fastest of three runs only shrinks under load; a dummy that skipped scrypt would take ~0 ms.
    expect(dummy).toBeGreaterThan(real / 3);
  });

  it('uses N = 2^14, r = 8, p = 5 by default (OWASP minimum), with enough maxmem for them', async () => {
    const production = createScryptHasher();
    const stored = await production.hash('pw');
    expect(stored.startsWith('scrypt$14$8$5$')).toBe(true);
    expect((await createScryptHasher({ logN: 16 }).hash('pw')).startsWith('scrypt$16$8$2$')).toBe(true);
    expect(await production.verify('pw', stored)).toBe(true);
    expect(production.needsRehash(await hasher.hash('pw'))).toBe(true);
  });

  it('refuses unsupported parameters', () => {
    expect(() => createScryptHasher({ logN: 0 })).toThrow(/Unsupported scrypt parameters/);
    expect(() => createScryptHasher({ logN: 22 })).toThrow(/Unsupported scrypt parameters/);
    expect(() => createScryptHasher({ r: 1.5 })).toThrow(/Unsupported scrypt parameters/);
  });
});
