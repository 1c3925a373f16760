import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hashToken,
  MemorySessionStore,
  newOpaqueToken,
  type RotateOutcome,
  type Rotation,
  sealSecret,
  type SessionEntry,
  type SessionRecord,
  type SessionStore,
  unsealSecret,
} from '@holiday-peak-hub/core';
import { RedisSessionStore } from './redis-session-store.ts';

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

/** The window the tests rotate with (the session service's is REFRESH_REUSE_GRACE_SECONDS). */
const GRACE_MS = 10_000;

/** A refresh of `presentedHash` at `now` (default: the wall clock) with a new secret. */
function rotation(presentedHash: string, options: Partial<Rotation> = {}): Rotation {
  return {
    presentedHash,
    nextHash: newHash(),
    sealedNext: newOpaqueToken(),
    now: new Date(),
    graceMs: GRACE_MS,
    ...options,
  };
}

/** A refresh as the session service makes it: a new secret, sealed with the presented one. */
function refreshOf(presented: string, now: Date) {
  const next = newOpaqueToken();
  const made: Rotation = {
    presentedHash: hashToken(presented),
    nextHash: hashToken(next),
    sealedNext: sealSecret(next, presented),
    now,
    graceMs: GRACE_MS,
  };
  return { next, rotation: made };
}

/** The secret a refresh of `presented` ends up with: its own, or, replayed, the one of the refresh that won. */
function secretAfter(outcome: RotateOutcome, presented: string, own: string): string | undefined {
  if (outcome.outcome === 'rotated') return own;
  if (outcome.outcome === 'replayed') return unsealSecret(outcome.sealedNext, presented);
  return undefined;
}

/** 2–5 refreshes of the same secret at once: all answer the same next secret, which is the session's. */
async function expectOnePair(stores: SessionStore[], session: SessionRecord, presented: string, now: Date) {
  const refreshes = stores.map((store) => ({ store, ...refreshOf(presented, now) }));
  const outcomes = await Promise.all(refreshes.map(({ store, rotation }) => store.rotate(session.sessionId, rotation)));
  expect(outcomes.filter((o) => o.outcome === 'rotated')).toHaveLength(1);
  expect(outcomes.filter((o) => o.outcome === 'replayed')).toHaveLength(stores.length - 1);
  const secrets = new Set(outcomes.map((outcome, i) => secretAfter(outcome, presented, refreshes[i]?.next ?? '')));
  expect(secrets.size).toBe(1);
  const [secret] = [...secrets];
  const stored = await stores[0]?.get(session.sessionId);
  expect(stored).toEqual({ ...session, secretHash: hashToken(secret ?? '') });
  for (const outcome of outcomes)
    if (outcome.outcome !== 'reused' && outcome.outcome !== 'unknown') expect(outcome.session).toEqual(stored);
  return secret ?? '';
}

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
    const rotated = await store().rotate(session.sessionId, rotation(session.secretHash, { nextHash: next }));
    expect(rotated).toEqual({ outcome: 'rotated', session: { ...session, secretHash: next } });
    expect((await store().get(session.sessionId))?.secretHash).toBe(next);
    expect(await store().rotate(session.sessionId, rotation(newHash()))).toEqual({ outcome: 'unknown' });
    expect(await store().get(session.sessionId)).toBeDefined();
  });

  it('revokes the session when a secret older than the last rotated-away one comes back, even inside the window', async () => {
    const session = newSession();
    await store().create(session);
    const second = newHash();
    const third = newHash();
    const t0 = Date.now();
    await store().rotate(session.sessionId, rotation(session.secretHash, { nextHash: second, now: new Date(t0) }));
    await store().rotate(session.sessionId, rotation(second, { nextHash: third, now: new Date(t0 + 1) }));
    const thirdPresentation = await store().rotate(
      session.sessionId,
      rotation(session.secretHash, { now: new Date(t0 + 2) }),
    );
    expect(thirdPresentation).toEqual({ outcome: 'reused' });
    expect(await store().get(session.sessionId)).toBeUndefined();
    // The legitimate holder's current secret is dead too.
    expect(await store().rotate(session.sessionId, rotation(third))).toEqual({ outcome: 'unknown' });
  });

  it('answers concurrent refreshes with the same secret inside the window with one next secret, and keeps the session', async () => {
    for (const parallel of [2, 5]) {
      const presented = newOpaqueToken();
      const session = newSession({ secretHash: hashToken(presented) });
      await store().create(session);
      const next = await expectOnePair(Array.from({ length: parallel }, store), session, presented, new Date());
      // The session goes on with that secret.
      const { rotation: onward } = refreshOf(next, new Date());
      expect((await store().rotate(session.sessionId, onward)).outcome).toBe('rotated');
      expect(await store().get(session.sessionId)).toMatchObject({ secretHash: onward.nextHash });
    }
  });

  it('takes the rotated-away secret again until the window closes, then ends the session', async () => {
    const presented = newOpaqueToken();
    const session = newSession({ secretHash: hashToken(presented) });
    await store().create(session);
    const t0 = Date.now();
    const first = refreshOf(presented, new Date(t0));
    expect((await store().rotate(session.sessionId, first.rotation)).outcome).toBe('rotated');

    const late = await store().rotate(session.sessionId, refreshOf(presented, new Date(t0 + GRACE_MS - 1)).rotation);
    expect(secretAfter(late, presented, '')).toBe(first.next);
    expect(await store().get(session.sessionId)).toMatchObject({ secretHash: first.rotation.nextHash });

    const after = await store().rotate(session.sessionId, refreshOf(presented, new Date(t0 + GRACE_MS)).rotation);
    expect(after).toEqual({ outcome: 'reused' });
    expect(await store().get(session.sessionId)).toBeUndefined();
    expect(await store().rotate(session.sessionId, refreshOf(first.next, new Date(t0 + GRACE_MS)).rotation)).toEqual({
      outcome: 'unknown',
    });
  });

  it('has no window when rotated without one', async () => {
    const session = newSession();
    await store().create(session);
    await store().rotate(session.sessionId, rotation(session.secretHash, { graceMs: 0 }));
    expect(await store().rotate(session.sessionId, rotation(session.secretHash))).toEqual({ outcome: 'reused' });
    expect(await store().get(session.sessionId)).toBeUndefined();
  });

  it('answers unknown for a session that does not exist', async () => {
    expect(await store().rotate(randomUUID(), rotation(newHash()))).toEqual({ outcome: 'unknown' });
  });

  it('forgets a revoked session', async () => {
    const session = newSession();
    await store().create(session);
    await store().revoke(session.sessionId);
    expect(await store().get(session.sessionId)).toBeUndefined();
    expect(await store().rotate(session.sessionId, rotation(session.secretHash))).toEqual({ outcome: 'unknown' });
    await expect(store().revoke(session.sessionId)).resolves.toBeUndefined();
  });

  it('forgets the last rotation with the session: no replay after a revocation', async () => {
    const session = newSession();
    await store().create(session);
    await store().rotate(session.sessionId, rotation(session.secretHash));
    await store().revoke(session.sessionId);
    expect(await store().rotate(session.sessionId, rotation(session.secretHash))).toEqual({ outcome: 'unknown' });

    const other = newSession();
    await store().create(other);
    await store().rotate(other.sessionId, rotation(other.secretHash));
    expect(await store().revokeAllForUser(other.userId)).toBe(1);
    expect(await store().rotate(other.sessionId, rotation(other.secretHash))).toEqual({ outcome: 'unknown' });
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
    expect(await store.rotate(session.sessionId, rotation(session.secretHash, { now }))).toEqual({
      outcome: 'unknown',
    });

    const expiring = newSession({ userId, expiresAt: '2026-12-09T10:00:00.000Z' });
    await store.create(expiring);
    now = new Date('2026-12-10T10:00:00Z');
    expect(await store.revokeAllForUser(userId)).toBe(0); // expired sessions are not counted as revoked
  });
});

describe('MemorySessionStore keeps the sealed secret only for the window', () => {
  it('drops the last rotation at the next sign-in after the window', async () => {
    let now = new Date('2026-12-01T10:00:00Z');
    const entries = new Map<string, SessionEntry>();
    const store = new MemorySessionStore(() => now, entries);
    const session = newSession({ expiresAt: '2026-12-08T10:00:00.000Z' });
    await store.create(session);
    await store.rotate(session.sessionId, rotation(session.secretHash, { now }));
    expect(entries.get(session.sessionId)?.last).toMatchObject({
      secretHash: session.secretHash,
      rotatedAt: now.getTime(),
      graceUntil: now.getTime() + GRACE_MS,
    });
    now = new Date(now.getTime() + GRACE_MS - 1);
    await store.create(newSession({ expiresAt: '2026-12-08T10:00:00.000Z' }));
    expect(entries.get(session.sessionId)?.last).toBeDefined();
    now = new Date(now.getTime() + 1);
    await store.create(newSession({ expiresAt: '2026-12-08T10:00:00.000Z' }));
    expect(entries.get(session.sessionId)?.last).toBeUndefined();
    expect(entries.get(session.sessionId)?.record).toBeDefined();
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

  it('answers two instances refreshing the same secret at once with one next secret', async () => {
    const presented = newOpaqueToken();
    const session = newSession({ secretHash: hashToken(presented) });
    await store.create(session);
    await expectOnePair([store, otherInstance, store, otherInstance], session, presented, new Date());
  });

  it('keeps the next secret only sealed, and only for the window', async () => {
    const presented = newOpaqueToken();
    const session = newSession({ secretHash: hashToken(presented) });
    await store.create(session);
    const { next, rotation: made } = refreshOf(presented, new Date());
    await store.rotate(session.sessionId, made);
    const lastKey = `${prefix}:session:${session.sessionId}:last`;
    const last = await raw.hgetall(lastKey);
    expect(last).toEqual({
      secretHash: hashToken(presented),
      rotatedAt: String(made.now.getTime()),
      graceUntil: String(made.now.getTime() + GRACE_MS),
      sealedNext: made.sealedNext,
    });
    // Nothing stored for the session holds either secret in the clear.
    const stored = JSON.stringify([
      await raw.hgetall(`${prefix}:session:${session.sessionId}`),
      await raw.smembers(`${prefix}:session:${session.sessionId}:used`),
      last,
    ]);
    expect(stored).not.toContain(next);
    expect(stored).not.toContain(presented);
    expect(unsealSecret(last.sealedNext ?? '', presented)).toBe(next);
    const ttl = await raw.pttl(lastKey);
    expect(ttl).toBeGreaterThan(GRACE_MS - 2_000);
    expect(ttl).toBeLessThanOrEqual(GRACE_MS);
  });

  it('expires every key with the session', async () => {
    const session = newSession({ expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await store.create(session);
    await store.rotate(session.sessionId, rotation(session.secretHash));
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
      expect((await restarted.rotate(session.sessionId, rotation(session.secretHash))).outcome).toBe('rotated');
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
