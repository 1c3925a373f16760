import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { CatalogCache } from './catalog-cache.ts';
import { MemoryCatalogCache } from './memory-cache.ts';
import { RedisCatalogCache } from './redis-cache.ts';

export type { CatalogCache } from './catalog-cache.ts';

/** Redis when `REDIS_URL` is set (shared by every instance), else an in-process LRU. */
export function createCatalogCache(config: Pick<Config, 'redisUrl' | 'cache'>, logger: Logger): CatalogCache {
  if (!config.redisUrl) {
    logger.info({ maxEntries: config.cache.maxEntries, ttlSeconds: config.cache.ttlSeconds }, 'cache: in-memory LRU');
    return new MemoryCatalogCache(config.cache);
  }
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'cache: redis error'));
  logger.info({ ttlSeconds: config.cache.ttlSeconds }, 'cache: redis');
  return new RedisCatalogCache(redis, { ttlSeconds: config.cache.ttlSeconds });
}
