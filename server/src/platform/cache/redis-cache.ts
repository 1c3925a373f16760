import type { Redis } from 'ioredis';
import type { CacheLookup, CacheToken, CatalogCache } from '@holiday-peak-hub/core';

export interface RedisCacheOptions {
  ttlSeconds: number;
  /** Key namespace; `catalog` unless tests isolate themselves. */
  prefix?: string;
}

/**
 * The catalog cache shared by every instance, in Redis. Keys are `<prefix>:<generation>:<key>`;
 * `invalidateAll` increments `<prefix>:gen`, so every instance stops reading the old keys at once
 * and they expire by TTL (no SCAN/DEL over the keyspace). A `set` writes under the generation its
 * `get` saw (the token): a value loaded before an invalidation lands where nobody reads any more.
 */
export class RedisCatalogCache implements CatalogCache {
  readonly #redis: Redis;
  readonly #ttlSeconds: number;
  readonly #prefix: string;

  constructor(redis: Redis, options: RedisCacheOptions) {
    this.#redis = redis;
    this.#ttlSeconds = options.ttlSeconds;
    this.#prefix = options.prefix ?? 'catalog';
  }

  async get<T>(key: string): Promise<CacheLookup<T>> {
    const token = (await this.#redis.get(`${this.#prefix}:gen`)) ?? '0';
    const raw = await this.#redis.get(`${this.#prefix}:${token}:${key}`);
    return { value: raw === null ? undefined : (JSON.parse(raw) as T), token };
  }

  async set(key: string, value: unknown, token: CacheToken): Promise<void> {
    await this.#redis.set(`${this.#prefix}:${token}:${key}`, JSON.stringify(value), 'EX', this.#ttlSeconds);
  }

  async invalidateAll(): Promise<void> {
    await this.#redis.incr(`${this.#prefix}:gen`);
  }

  async ping(): Promise<void> {
    await this.#redis.ping();
  }

  async close(): Promise<void> {
    await this.#redis.quit();
  }
}
