import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redisUrl, useTestRedis } from '../../../test/support/test-redis.ts';
import { counterFactory, type RateLimitStore } from './rate-limit-store.ts';
import { createRateLimiter, retryAfterSeconds } from '@holiday-peak-hub/core';

/** The behaviour every store must show; time does not pass in these tests. */
function behaves(store: () => RateLimitStore) {
  it('allows `points` per window, then refuses with the seconds left in the window', async () => {
    const limiter = createRateLimiter(counterFactory(store()), {
      name: 'three-a-minute',
      points: 3,
      durationSeconds: 60,
    });
    expect(await limiter.consume('ip-1')).toEqual({ allowed: true, remaining: 2 });
    expect(await limiter.consume('ip-1')).toEqual({ allowed: true, remaining: 1 });
    expect(await limiter.consume('ip-1')).toEqual({ allowed: true, remaining: 0 });
    const refused = await limiter.consume('ip-1');
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    expect(await limiter.consume('ip-2')).toEqual({ allowed: true, remaining: 2 });
  });

  it('consumes several points at once', async () => {
    const limiter = createRateLimiter(counterFactory(store()), { name: 'weighted', points: 10, durationSeconds: 60 });
    expect(await limiter.consume('k', 7)).toEqual({ allowed: true, remaining: 3 });
    expect((await limiter.consume('k', 4)).allowed).toBe(false);
  });

  it('blocks for blockSeconds once over the limit', async () => {
    const limiter = createRateLimiter(counterFactory(store()), {
      name: 'blocking',
      points: 1,
      durationSeconds: 1,
      blockSeconds: 300,
    });
    await limiter.consume('k');
    const refused = await limiter.consume('k');
    expect(refused).toMatchObject({ allowed: false });
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(290);
  });

  it('forgets a key on reset', async () => {
    const limiter = createRateLimiter(counterFactory(store()), { name: 'resettable', points: 1, durationSeconds: 60 });
    await limiter.consume('k');
    expect((await limiter.consume('k')).allowed).toBe(false);
    await limiter.reset('k');
    expect(await limiter.consume('k')).toEqual({ allowed: true, remaining: 0 });
  });

  it('keeps limiters of different names apart', async () => {
    const s = store();
    const a = createRateLimiter(counterFactory(s), { name: 'a', points: 1, durationSeconds: 60 });
    const b = createRateLimiter(counterFactory(s), { name: 'b', points: 1, durationSeconds: 60 });
    await a.consume('k');
    expect((await a.consume('k')).allowed).toBe(false);
    expect((await b.consume('k')).allowed).toBe(true);
  });
}

describe('createRateLimiter (memory)', () => {
  behaves(() => ({ kind: 'memory' }));

  afterEach(() => {
    vi.useRealTimers();
  });

  it('allows again once the window is over', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter(counterFactory({ kind: 'memory' }), {
      name: 'window',
      points: 1,
      durationSeconds: 10,
    });
    await limiter.consume('k');
    expect(await limiter.consume('k')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    vi.advanceTimersByTime(9_500);
    expect(await limiter.consume('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    vi.advanceTimersByTime(600);
    expect(await limiter.consume('k')).toEqual({ allowed: true, remaining: 0 });
  });
});

describe.skipIf(!redisUrl)('createRateLimiter (REDIS_URL)', () => {
  const test = useTestRedis('rate-limit');
  const { prefix } = test;

  behaves(() => ({ kind: 'redis', redis: test.redis, prefix }));

  it('shares the count between instances (clients) under the prefix', async () => {
    const other = new Redis(redisUrl ?? '');
    try {
      const options = { name: 'shared', points: 2, durationSeconds: 60 };
      await createRateLimiter(counterFactory({ kind: 'redis', redis: test.redis, prefix }), options).consume('k');
      await createRateLimiter(counterFactory({ kind: 'redis', redis: other, prefix }), options).consume('k');
      expect(
        (await createRateLimiter(counterFactory({ kind: 'redis', redis: test.redis, prefix }), options).consume('k'))
          .allowed,
      ).toBe(false);
      expect(await test.redis.get(`${prefix}:shared:k`)).toBe('3');
    } finally {
      await other.quit();
    }
  });
});

describe('createRateLimiter when Redis fails', () => {
  it('rejects with the error instead of allowing', async () => {
    // No server behind it and no offline queue: every command fails at once.
    const broken = new Redis({ lazyConnect: true, enableOfflineQueue: false });
    try {
      const limiter = createRateLimiter(counterFactory({ kind: 'redis', redis: broken, prefix: 'x' }), {
        name: 'n',
        points: 5,
        durationSeconds: 60,
      });
      await expect(limiter.consume('k')).rejects.toThrow(/enableOfflineQueue/);
      await expect(limiter.reset('k')).rejects.toThrow(/enableOfflineQueue/);
    } finally {
      broken.disconnect();
    }
  });
});

describe('retryAfterSeconds', () => {
  it('rounds up to whole seconds, and is at least 1', () => {
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
  });
});
