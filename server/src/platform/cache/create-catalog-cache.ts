import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { CatalogCache } from './catalog-cache.ts';
import { MemoryCatalogCache } from './memory-cache.ts';
import { RedisCatalogCache } from './redis-cache.ts';

export type { CatalogCache } from './catalog-cache.ts';

/**
 * Redis when `REDIS_URL` is set (shared by every instance), else an in-process LRU. `namespace`
 * separates caches that different events invalidate (Redis key prefix). In production
 * without Redis each replica has its own cache that only its own writes invalidate: a write on
 * one replica leaves the others serving the old version for up to the TTL. That is warned about
 * at start.
 */
export function createCatalogCache(
  config: Pick<Config, 'env' | 'redisUrl' | 'cache'>,
  logger: Logger,
  namespace = 'catalog',
): CatalogCache {
  if (!config.redisUrl) {
    logger.info(
      { namespace, maxEntries: config.cache.maxEntries, ttlSeconds: config.cache.ttlSeconds },
      'cache: in-memory LRU',
    );
    if (config.env === 'production' && namespace === 'catalog') {
      logger.warn(
        { ttlSeconds: config.cache.ttlSeconds },
        'cache: REDIS_URL is not set: the in-memory catalog cache is per instance and is NOT invalidated across replicas; ' +
          "with more than one replica, a write made on one replica is seen by the others' readers only after the cache TTL. " +
          'Set REDIS_URL to share the cache.',
      );
    }
    return new MemoryCatalogCache(config.cache);
  }
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'cache: redis error'));
  logger.info({ namespace, ttlSeconds: config.cache.ttlSeconds }, 'cache: redis');
  return new RedisCatalogCache(redis, { ttlSeconds: config.cache.ttlSeconds, prefix: namespace });
}
