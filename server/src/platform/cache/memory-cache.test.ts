import { describe, expect, it } from 'vitest';
import { MemoryCatalogCache } from './memory-cache.ts';

describe('MemoryCatalogCache', () => {
  it('stores values and returns them until invalidated', async () => {
    const cache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 60 });
    expect(await cache.get('a')).toBeUndefined();
    await cache.set('a', { body: [1, 2] });
    expect(await cache.get('a')).toEqual({ body: [1, 2] });
    await cache.invalidateAll();
    expect(await cache.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 60 });
    for (let i = 0; i < 11; i += 1) await cache.set(`k${i}`, i);
    expect(await cache.get('k0')).toBeUndefined();
    expect(await cache.get('k10')).toBe(10);
  });

  it('expires entries after the TTL', async () => {
    let now = 1_000;
    const cache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 5, now: () => now });
    await cache.set('a', 'value');
    now += 4_000;
    expect(await cache.get('a')).toBe('value');
    now += 2_000;
    expect(await cache.get('a')).toBeUndefined();
  });

  it('drops a value loaded before an invalidation (no stale data after a write)', async () => {
    const cache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 60 });
    expect(await cache.get('p')).toBeUndefined(); // miss: the loader starts reading the old version
    await cache.invalidateAll(); // a write happens meanwhile
    await cache.set('p', 'old version');
    expect(await cache.get('p')).toBeUndefined();
    await cache.set('p', 'new version');
    expect(await cache.get('p')).toBe('new version');
  });
});
