import { describe, expect, it } from 'vitest';
import type { CatalogCache } from './catalog-cache.ts';
import { MemoryCatalogCache } from './memory-cache.ts';

/** A miss, then the value "loaded" after it stored with the miss's token. */
async function fill(cache: CatalogCache, key: string, value: unknown): Promise<void> {
  const { token } = await cache.get(key);
  await cache.set(key, value, token);
}

describe('MemoryCatalogCache', () => {
  it('stores values and returns them until invalidated', async () => {
    const cache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 60 });
    expect((await cache.get('a')).value).toBeUndefined();
    await fill(cache, 'a', { body: [1, 2] });
    expect((await cache.get('a')).value).toEqual({ body: [1, 2] });
    await cache.invalidateAll();
    expect((await cache.get('a')).value).toBeUndefined();
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 60 });
    for (let i = 0; i < 11; i += 1) await fill(cache, `k${i}`, i);
    expect((await cache.get('k0')).value).toBeUndefined();
    expect((await cache.get('k10')).value).toBe(10);
  });

  it('expires entries after the TTL', async () => {
    let now = 1_000;
    const cache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 5, now: () => now });
    await fill(cache, 'a', 'value');
    now += 4_000;
    expect((await cache.get('a')).value).toBe('value');
    now += 2_000;
    expect((await cache.get('a')).value).toBeUndefined();
  });

  it('drops a value loaded before an invalidation (no stale data after a write)', async () => {
    const cache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 60 });
    const miss = await cache.get('p'); // the loader starts reading the old version
    await cache.invalidateAll(); // a write happens meanwhile
    await cache.set('p', 'old version', miss.token);
    expect((await cache.get('p')).value).toBeUndefined();
    await fill(cache, 'p', 'new version');
    expect((await cache.get('p')).value).toBe('new version');
  });

  it('drops it also when another miss of the same key loaded and stored after the invalidation', async () => {
    const cache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 60 });
    const a = await cache.get('k'); // request A misses, loads the pre-write body
    await cache.invalidateAll(); // the write
    const b = await cache.get('k'); // request B misses, loads the new body...
    await cache.set('k', 'new', b.token); // ...and stores it first
    await cache.set('k', 'old', a.token); // A finishes last
    expect((await cache.get('k')).value).toBe('new');
  });
});
