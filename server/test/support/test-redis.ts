import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/** The Redis of the Redis-backed tests (`REDIS_URL`, set by CI); undefined skips them. */
export const redisUrl = process.env.REDIS_URL;

/**
 * A connection for one test file and a key prefix of its own; afterwards its keys are deleted and
 * the connection closed. Call inside a `describe.skipIf(!redisUrl)`.
 */
export function useTestRedis(label: string): { readonly redis: Redis; readonly prefix: string } {
  const prefix = `test-${label}-${randomUUID()}`;
  let redis: Redis | undefined;
  beforeAll(() => {
    redis = new Redis(redisUrl ?? '');
  });
  afterAll(async () => {
    if (!redis) return;
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
  return {
    prefix,
    get redis() {
      if (!redis) throw new Error('the test Redis connection is made in beforeAll');
      return redis;
    },
  };
}
