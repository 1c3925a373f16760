import type { Redis } from 'ioredis';
import type { CounterFactory } from '@holiday-peak-hub/core';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/**
 * Where counters live: in this process (embedded default, single instance) or in Redis, shared by
 * every instance behind the load balancer so that spreading attempts over pods does not help.
 */
export type RateLimitStore = { kind: 'memory' } | { kind: 'redis'; redis: Redis; prefix: string };

/**
 * Counters of rate-limiter-flexible, in this process or on Redis (shared by every replica). No
 * insurance limiter: when Redis fails, the error reaches the caller (who answers 503) instead of
 * every instance silently counting on its own.
 */
export function counterFactory(store: RateLimitStore): CounterFactory {
  return (options) => {
    const common = {
      points: options.points,
      duration: options.durationSeconds,
      blockDuration: options.blockSeconds ?? 0,
    };
    return store.kind === 'memory'
      ? new RateLimiterMemory({ ...common, keyPrefix: options.name })
      : // ioredis is the client the library expects by default (useRedisPackage is for node-redis).
        new RateLimiterRedis({ ...common, keyPrefix: `${store.prefix}:${options.name}`, storeClient: store.redis });
  };
}
