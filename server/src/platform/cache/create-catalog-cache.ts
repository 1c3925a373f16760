import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { type CatalogCache, MemoryCatalogCache } from '@holiday-peak-hub/core';
import { RedisCatalogCache } from './redis-cache.ts';

export type { CatalogCache } from '@holiday-peak-hub/core';

/**
 * Redis when `REDIS_URL` is set (shared by every instance), else an in-process LRU (the embedded
 * default and tests: one process; production refuses to start without Redis). `namespace`
 * separates caches that different events invalidate (Redis key prefix).
 */
export function createCatalogCache(
  config: Pick<Config, 'redisUrl' | 'cache'>,
  logger: Logger,
  namespace = 'catalog',
): CatalogCache {
  if (!config.redisUrl) {
    logger.info(
      { namespace, maxEntries: config.cache.maxEntries, ttlSeconds: config.cache.ttlSeconds },
      'cache: in-memory LRU',
    );
    return new MemoryCatalogCache(config.cache);
  }
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'cache: redis error'));
  logger.info({ namespace, ttlSeconds: config.cache.ttlSeconds }, 'cache: redis');
  return new RedisCatalogCache(redis, { ttlSeconds: config.cache.ttlSeconds, prefix: namespace });
}
