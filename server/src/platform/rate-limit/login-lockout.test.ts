import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redisUrl, useTestRedis } from '../../../test/support/test-redis.ts';
import { createLoginLockout } from '@holiday-peak-hub/core';
import { counterFactory, type RateLimitStore } from './rate-limit-store.ts';

/** The behaviour every store must show; time does not pass in these tests. */
function behaves(store: () => RateLimitStore) {
  it('lets 5 failures pass, then blocks for 1 min', async () => {
    const lockout = createLoginLockout(counterFactory(store()));
    expect(await lockout.check('ann')).toEqual({ allowed: true, remaining: 5 });
    for (const remaining of [4, 3, 2, 1, 0]) expect(await lockout.fail('ann')).toEqual({ allowed: true, remaining });
    expect(await lockout.check('ann')).toEqual({ allowed: true, remaining: 0 });
    expect(await lockout.fail('ann')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    const blocked = await lockout.check('ann');
    expect(blocked.allowed).toBe(false);
    if (!blocked.allowed) expect([59, 60]).toContain(blocked.retryAfterSeconds);
  });

  it('doubles the block with every further failure, up to 1 h', async () => {
    const lockout = createLoginLockout(counterFactory(store()));
    for (let i = 0; i < 5; i++) await lockout.fail('bob');
    const blocks = [];
    for (let i = 0; i < 9; i++) {
      const verdict = await lockout.fail('bob');
      blocks.push(verdict.allowed ? 'allowed' : verdict.retryAfterSeconds);
    }
    expect(blocks).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    const blocked = await lockout.check('bob');
    if (blocked.allowed) expect.fail('expected bob to be blocked');
    expect(blocked.retryAfterSeconds).toBeGreaterThan(3590);
  });

  it('forgets failures and block on success', async () => {
    const lockout = createLoginLockout(counterFactory(store()));
    for (let i = 0; i < 7; i++) await lockout.fail('cy');
    expect((await lockout.check('cy')).allowed).toBe(false);
    await lockout.succeed('cy');
    expect(await lockout.check('cy')).toEqual({ allowed: true, remaining: 5 });
    expect(await lockout.fail('cy')).toEqual({ allowed: true, remaining: 4 });
  });

  it('counts each account on its own', async () => {
    const lockout = createLoginLockout(counterFactory(store()), { freeFailures: 1 });
    await lockout.fail('dee');
    expect((await lockout.fail('dee')).allowed).toBe(false);
    expect(await lockout.check('eve')).toEqual({ allowed: true, remaining: 1 });
  });

  it('takes other thresholds', async () => {
    const lockout = createLoginLockout(counterFactory(store()), {
      freeFailures: 2,
      baseBlockSeconds: 10,
      maxBlockSeconds: 25,
    });
    await lockout.fail('fay');
    await lockout.fail('fay');
    expect(await lockout.fail('fay')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(await lockout.fail('fay')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(await lockout.fail('fay')).toEqual({ allowed: false, retryAfterSeconds: 25 });
  });
}

describe('createLoginLockout (memory)', () => {
  behaves(() => ({ kind: 'memory' }));

  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps counting after a block ends, so the next failure blocks twice as long', async () => {
    vi.useFakeTimers();
    const lockout = createLoginLockout(counterFactory({ kind: 'memory' }));
    for (let i = 0; i < 6; i++) await lockout.fail('ann');
    vi.advanceTimersByTime(61_000);
    expect(await lockout.check('ann')).toEqual({ allowed: true, remaining: 0 });
    expect(await lockout.fail('ann')).toEqual({ allowed: false, retryAfterSeconds: 120 });
  });

  it('forgets failures a day after the first one', async () => {
    vi.useFakeTimers();
    const lockout = createLoginLockout(counterFactory({ kind: 'memory' }));
    for (let i = 0; i < 3; i++) await lockout.fail('ann');
    vi.advanceTimersByTime(23 * 60 * 60 * 1000);
    expect(await lockout.check('ann')).toEqual({ allowed: true, remaining: 2 });
    vi.advanceTimersByTime(60 * 60 * 1000 + 1000);
    expect(await lockout.check('ann')).toEqual({ allowed: true, remaining: 5 });
  });
});

describe.skipIf(!redisUrl)('createLoginLockout (REDIS_URL)', () => {
  const test = useTestRedis('login-lockout');
  const { prefix } = test;

  behaves(() => ({ kind: 'redis', redis: test.redis, prefix }));

  it('keeps the failure count for a day, far longer than the block', async () => {
    const lockout = createLoginLockout(counterFactory({ kind: 'redis', redis: test.redis, prefix }));
    for (let i = 0; i < 6; i++) await lockout.fail('gus');
    const countTtl = await test.redis.ttl(`${prefix}:login-failures:gus`);
    const blockTtl = await test.redis.ttl(`${prefix}:login-block:gus`);
    expect(await test.redis.get(`${prefix}:login-failures:gus`)).toBe('6');
    expect(countTtl).toBeGreaterThan(24 * 60 * 60 - 10);
    expect(blockTtl).toBeGreaterThan(50);
    expect(blockTtl).toBeLessThanOrEqual(60);
  });
});

describe('createLoginLockout when Redis fails', () => {
  it('rejects with the error instead of letting the attempt through', async () => {
    // No server behind it and no offline queue: every command fails at once.
    const broken = new Redis({ lazyConnect: true, enableOfflineQueue: false });
    try {
      const lockout = createLoginLockout(counterFactory({ kind: 'redis', redis: broken, prefix: 'x' }));
      await expect(lockout.check('hal')).rejects.toThrow(/enableOfflineQueue/);
      await expect(lockout.fail('hal')).rejects.toThrow(/enableOfflineQueue/);
      await expect(lockout.succeed('hal')).rejects.toThrow(/enableOfflineQueue/);
    } finally {
      broken.disconnect();
    }
  });
});
