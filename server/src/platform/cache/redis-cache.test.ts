import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCatalogCache } from './redis-cache.ts';

const url = process.env.REDIS_URL;

describe.skipIf(!url)('RedisCatalogCache (REDIS_URL)', () => {
  const prefix = `test-catalog-${randomUUID()}`;
  let a: RedisCatalogCache;
  let b: RedisCatalogCache;
  let raw: Redis;

  beforeAll(() => {
    raw = new Redis(url ?? '');
    a = new RedisCatalogCache(new Redis(url ?? ''), { ttlSeconds: 30, prefix });
    b = new RedisCatalogCache(new Redis(url ?? ''), { ttlSeconds: 30, prefix });
  });
  afterAll(async () => {
    const keys = await raw.keys(`${prefix}:*`);
    if (keys.length > 0) await raw.del(...keys);
    await Promise.all([a.close(), b.close(), raw.quit()]);
  });

  it('shares values between instances, as JSON, with a TTL', async () => {
    await a.set('getProduct:{"id":"x"}', { body: { name: 'Sled' }, etag: '"1"' });
    expect(await b.get('getProduct:{"id":"x"}')).toEqual({ body: { name: 'Sled' }, etag: '"1"' });
    const ttl = await raw.ttl(`${prefix}:0:getProduct:{"id":"x"}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('an invalidation on one instance hides every entry from all of them (generation key)', async () => {
    await a.set('k', 1);
    expect(await b.get('k')).toBe(1);
    await b.invalidateAll();
    expect(await raw.get(`${prefix}:gen`)).toBe('1');
    expect(await a.get('k')).toBeUndefined();
    expect(await b.get('k')).toBeUndefined();
    await a.set('k', 2);
    expect(await b.get('k')).toBe(2);
  });

  it('stores a value loaded before an invalidation under the old generation, where nobody reads it', async () => {
    expect(await a.get('late')).toBeUndefined();
    await b.invalidateAll();
    await a.set('late', 'stale');
    expect(await a.get('late')).toBeUndefined();
  });

  it('answers ping', async () => {
    await expect(a.ping()).resolves.toBeUndefined();
  });
});
