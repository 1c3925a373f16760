import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newOpaqueToken } from '@holiday-peak-hub/core';
import { RedisSessionStore } from './redis-session-store.ts';
import { MemorySessionStore, type SessionRecord, type SessionStore } from '@holiday-peak-hub/core';

const url = process.env.REDIS_URL;
const DAY_MS = 24 * 60 * 60 * 1000;

function newSession(overrides: Partial<SessionRecord> = {}): SessionRecord {
  const now = Date.now();
  return {
    sessionId: randomUUID(),
    userId: randomUUID(),
    role: 'customer',
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 7 * DAY_MS).toISOString(),
    secretHash: hashToken(newOpaqueToken()),
    ...overrides,
  };
}

const newHash = () => hashToken(newOpaqueToken());

/** What every SessionStore must do; `store` is called inside each test. */
function behaves(store: () => SessionStore) {
  it('gives back what was created, and nothing for unknown ids', async () => {
    const session = newSession({ role: 'staff' });
    await store().create(session);
    expect(await store().get(session.sessionId)).toEqual(session);
    expect(await store().get(randomUUID())).toBeUndefined();
  });

  it('rotates the current secret, and only the current one', async () => {
    const session = newSession();
    await store().create(session);
    const next = newHash();
    const rotated = await store().rotate(session.sessionId, session.secretHash, next);
    expect(rotated).toEqual({ outcome: 'rotated', session: { ...session, secretHash: next } });
    expect((await store().get(session.sessionId))?.secretHash).toBe(next);
    expect(await store().rotate(session.sessionId, newHash(), newHash())).toEqual({ outcome: 'unknown' });
    expect(await store().get(session.sessionId)).toBeDefined();
  });

  it('revokes the session when a rotated-away secret comes back', async () => {
    const session = newSession();
    await store().create(session);
    const second = newHash();
    const third = newHash();
    await store().rotate(session.sessionId, session.secretHash, second);
    await store().rotate(session.sessionId, second, third);
    expect(await store().rotate(session.sessionId, session.secretHash, newHash())).toEqual({ outcome: 'reused' });
    expect(await store().get(session.sessionId)).toBeUndefined();
    // The legitimate holder's current secret is dead too.
    expect(await store().rotate(session.sessionId, third, newHash())).toEqual({ outcome: 'unknown' });
  });

  it('lets exactly one of two concurrent refreshes with the same secret through', async () => {
    const session = newSession();
    await store().create(session);
    const outcomes = await Promise.all([
      store().rotate(session.sessionId, session.secretHash, newHash()),
      store().rotate(session.sessionId, session.secretHash, newHash()),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['reused', 'rotated']);
    expect(await store().get(session.sessionId)).toBeUndefined();
  });

  it('answers unknown for a session that does not exist', async () => {
    expect(await store().rotate(randomUUID(), newHash(), newHash())).toEqual({ outcome: 'unknown' });
  });

  it('forgets a revoked session', async () => {
    const session = newSession();
    await store().create(session);
    await store().revoke(session.sessionId);
    expect(await store().get(session.sessionId)).toBeUndefined();
    expect(await store().rotate(session.sessionId, session.secretHash, newHash())).toEqual({ outcome: 'unknown' });
    await expect(store().revoke(session.sessionId)).resolves.toBeUndefined();
  });

  it("revokes all of a user's sessions but the one kept, and no one else's", async () => {
    const userId = randomUUID();
    const [kept, second, third] = [newSession({ userId }), newSession({ userId }), newSession({ userId })];
    const stranger = newSession();
    for (const session of [kept, second, third, stranger]) await store().create(session);
    await store().revoke(third.sessionId); // already gone: not counted

    expect(await store().revokeAllForUser(userId, kept.sessionId)).toBe(1);
    expect(await store().get(kept.sessionId)).toBeDefined();
    expect(await store().get(second.sessionId)).toBeUndefined();
    expect(await store().get(stranger.sessionId)).toBeDefined();

    expect(await store().revokeAllForUser(userId)).toBe(1);
    expect(await store().get(kept.sessionId)).toBeUndefined();
    expect(await store().revokeAllForUser(userId)).toBe(0);
  });

  it('hands out copies', async () => {
    const session = newSession();
    await store().create(session);
    const read = await store().get(session.sessionId);
    if (read) read.secretHash = 'tampered';
    session.secretHash = 'tampered too';
    expect((await store().get(session.sessionId))?.secretHash).not.toMatch(/tampered/);
  });
}

describe('MemorySessionStore', () => {
  const memory = new MemorySessionStore();
  behaves(() => memory);

  it('ends sessions at expiresAt', async () => {
    let now = new Date('2026-12-01T10:00:00Z');
    const store = new MemorySessionStore(() => now);
    const userId = randomUUID();
    const session = newSession({ userId, expiresAt: '2026-12-08T10:00:00.000Z' });
    await store.create(session);
    now = new Date('2026-12-08T09:59:59Z');
    expect(await store.get(session.sessionId)).toBeDefined();
    now = new Date('2026-12-08T10:00:00Z');
    expect(await store.get(session.sessionId)).toBeUndefined();
    expect(await store.rotate(session.sessionId, session.secretHash, newHash())).toEqual({ outcome: 'unknown' });

    const expiring = newSession({ userId, expiresAt: '2026-12-09T10:00:00.000Z' });
    await store.create(expiring);
    now = new Date('2026-12-10T10:00:00Z');
    expect(await store.revokeAllForUser(userId)).toBe(0); // expired sessions are not counted as revoked
  });
});

describe.skipIf(!url)('RedisSessionStore (REDIS_URL)', () => {
  const prefix = `test-sessions-${randomUUID()}`;
  let raw: Redis;
  let store: RedisSessionStore;
  let otherInstance: RedisSessionStore;

  beforeAll(() => {
    raw = new Redis(url ?? '');
    store = new RedisSessionStore(new Redis(url ?? ''), { prefix });
    otherInstance = new RedisSessionStore(new Redis(url ?? ''), { prefix });
  });
  afterAll(async () => {
    const keys = await raw.keys(`${prefix}:*`);
    if (keys.length > 0) await raw.del(...keys);
    await Promise.all([store.close(), otherInstance.close(), raw.quit()]);
  });

  behaves(() => store);

  it('lets exactly one of two instances refreshing the same secret at once through', async () => {
    const session = newSession();
    await store.create(session);
    const outcomes = await Promise.all([
      store.rotate(session.sessionId, session.secretHash, newHash()),
      otherInstance.rotate(session.sessionId, session.secretHash, newHash()),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['reused', 'rotated']);
  });

  it('expires every key with the session', async () => {
    const session = newSession({ expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await store.create(session);
    await store.rotate(session.sessionId, session.secretHash, newHash());
    for (const key of [
      `${prefix}:session:${session.sessionId}`,
      `${prefix}:session:${session.sessionId}:used`,
      `${prefix}:user:${session.userId}:sessions`,
    ]) {
      const ttl = await raw.pttl(key);
      expect(ttl, key).toBeGreaterThan(50_000);
      expect(ttl, key).toBeLessThanOrEqual(60_000);
    }
  });

  it("keeps the user's set alive as long as their longest session", async () => {
    const userId = randomUUID();
    await store.create(newSession({ userId, expiresAt: new Date(Date.now() + 7 * DAY_MS).toISOString() }));
    await store.create(newSession({ userId, expiresAt: new Date(Date.now() + 60_000).toISOString() }));
    expect(await raw.pttl(`${prefix}:user:${userId}:sessions`)).toBeGreaterThan(6 * DAY_MS);
  });

  it('is seen by a new connection, as after a server restart', async () => {
    const session = newSession({ role: 'admin' });
    await store.create(session);
    const restarted = new RedisSessionStore(new Redis(url ?? ''), { prefix });
    try {
      expect(await restarted.get(session.sessionId)).toEqual(session);
      expect((await restarted.rotate(session.sessionId, session.secretHash, newHash())).outcome).toBe('rotated');
    } finally {
      await restarted.close();
    }
  });

  it('refuses a record it cannot read rather than guessing', async () => {
    const sessionId = randomUUID();
    await raw.hset(`${prefix}:session:${sessionId}`, { userId: 'u', role: 'root' });
    await expect(store.get(sessionId)).rejects.toThrow(/unexpected shape/);
  });
});
