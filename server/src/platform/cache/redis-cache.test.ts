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

  const fill = async (cache: RedisCatalogCache, key: string, value: unknown) => {
    const { token } = await cache.get(key);
    await cache.set(key, value, token);
  };

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
    await fill(a, 'getProduct:{"id":"x"}', { body: { name: 'Sled' }, etag: '"1"' });
    expect((await b.get('getProduct:{"id":"x"}')).value).toEqual({ body: { name: 'Sled' }, etag: '"1"' });
    const ttl = await raw.ttl(`${prefix}:0:getProduct:{"id":"x"}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('an invalidation on one instance hides every entry from all of them (generation key)', async () => {
    await fill(a, 'k', 1);
    expect((await b.get('k')).value).toBe(1);
    await b.invalidateAll();
    expect(await raw.get(`${prefix}:gen`)).toBe('1');
    expect((await a.get('k')).value).toBeUndefined();
    expect((await b.get('k')).value).toBeUndefined();
    await fill(a, 'k', 2);
    expect((await b.get('k')).value).toBe(2);
  });

  it('stores a value loaded before an invalidation under the old generation, where nobody reads it', async () => {
    const miss = await a.get('late');
    await b.invalidateAll();
    await a.set('late', 'stale', miss.token);
    expect((await a.get('late')).value).toBeUndefined();
  });

  it('keeps the newer value when an older load of the same key finishes after it', async () => {
    const first = await a.get('race'); // request A misses, loads the pre-write body
    await b.invalidateAll(); // the write, on another instance
    const second = await a.get('race'); // request B misses, loads the new body...
    await a.set('race', 'new', second.token); // ...and stores it first
    await a.set('race', 'old', first.token); // A finishes last
    expect((await a.get('race')).value).toBe('new');
    expect((await b.get('race')).value).toBe('new');
  });

  it('answers ping', async () => {
    await expect(a.ping()).resolves.toBeUndefined();
  });
});
