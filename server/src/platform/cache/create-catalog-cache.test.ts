import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createCatalogCache } from './create-catalog-cache.ts';
import { MemoryCatalogCache } from '@holiday-peak-hub/core';
import { RedisCatalogCache } from './redis-cache.ts';

const cacheConfig = { ttlSeconds: 300, maxEntries: 100 };
const logger = pino({ level: 'silent' });

describe('createCatalogCache', () => {
  it('keeps the cache in process without REDIS_URL (embedded default and tests)', async () => {
    const cache = createCatalogCache({ redisUrl: undefined, cache: cacheConfig }, logger);
    expect(cache).toBeInstanceOf(MemoryCatalogCache);
    await cache.close();
  });

  it('shares the cache through Redis with REDIS_URL', async () => {
    // Connects lazily in the background; closing it is all this test asks of the server.
    const cache = createCatalogCache({ redisUrl: 'redis://127.0.0.1:1', cache: cacheConfig }, logger);
    expect(cache).toBeInstanceOf(RedisCatalogCache);
    await cache.close().catch(() => undefined);
  });
});
