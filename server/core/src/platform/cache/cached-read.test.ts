import { describe, expect, it } from 'vitest';
import { MemoryCatalogCache } from './memory-cache.ts';
import { silentLogger as logger } from '../../ports/logger.ts';
import { cachedRead, cacheKey } from './cached-read.ts';

/** A load that finishes when the test says so. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('cacheKey', () => {
  it('keeps path parameters and query apart, in a fixed order: a query field cannot shadow a parameter', () => {
    const key = cacheKey({ operation: 'getRelatedProducts', params: { id: 'toys.a' }, query: { limit: 4 } });
    expect(key).toBe('getRelatedProducts:{"id":"toys.a"}:{"limit":4}');
    expect(cacheKey({ operation: 'op', params: { id: 'a' }, query: { id: 'b' } })).not.toBe(
      cacheKey({ operation: 'op', params: { id: 'b' }, query: { id: 'a' } }),
    );
    expect(cacheKey({ operation: 'op', params: { id: 'a' } })).not.toBe(
      cacheKey({ operation: 'op', query: { id: 'a' } }),
    );
  });

  it('adds what else the response depends on last', () => {
    expect(cacheKey({ operation: 'listActiveBanners', query: { placement: 'home' }, asOf: '2026-11-15T12:00' })).toBe(
      'listActiveBanners:{}:{"placement":"home"}:2026-11-15T12:00',
    );
  });
});

describe('cachedRead', () => {
  it('serves a hit without loading', async () => {
    const cache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 60 });
    let loads = 0;
    const load = () => Promise.resolve({ body: ++loads });
    expect((await cachedRead(cache, logger, { operation: 'x' }, load)).body).toBe(1);
    expect((await cachedRead(cache, logger, { operation: 'x' }, load)).body).toBe(1);
    expect(loads).toBe(1);
  });

  it('never keeps a body loaded before an invalidation, even when a newer load of the key finished first', async () => {
    const cache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 60 });
    const key = { operation: 'getProduct', params: { id: 'p' } };
    const oldBody = deferred<{ body: string }>();
    const first = cachedRead(cache, logger, key, () => oldBody.promise); // reads the version before the write
    await Promise.resolve();
    await cache.invalidateAll(); // the write
    const second = await cachedRead(cache, logger, key, () => Promise.resolve({ body: 'new' }));
    expect(second.body).toBe('new');
    oldBody.resolve({ body: 'old' });
    expect((await first).body).toBe('old'); // its own caller gets what it read...
    const third = await cachedRead(cache, logger, key, () => Promise.resolve({ body: 'loaded again' }));
    expect(third.body).toBe('new'); // ...but the cache keeps the newer body
  });
});
