import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { CatalogCache } from './catalog-cache.ts';

export interface RedisCacheOptions {
  ttlSeconds: number;
  /** Key namespace; `catalog` unless tests isolate themselves. */
  prefix?: string;
}

/**
 * The catalog cache shared by every instance, in Redis. Keys are `<prefix>:<generation>:<key>`;
 * `invalidateAll` increments `<prefix>:gen`, so every instance stops reading the old keys at once
 * and they expire by TTL (no SCAN/DEL over the keyspace).
 */
export class RedisCatalogCache implements CatalogCache {
  readonly #redis: Redis;
  readonly #ttlSeconds: number;
  readonly #prefix: string;
  readonly #missedAt = new LRUCache<string, string>({ max: 10_000 });

  constructor(redis: Redis, options: RedisCacheOptions) {
    this.#redis = redis;
    this.#ttlSeconds = options.ttlSeconds;
    this.#prefix = options.prefix ?? 'catalog';
  }

  async #generation(): Promise<string> {
    return (await this.#redis.get(`${this.#prefix}:gen`)) ?? '0';
  }

  async get<T>(key: string): Promise<T | undefined> {
    const generation = await this.#generation();
    const raw = await this.#redis.get(`${this.#prefix}:${generation}:${key}`);
    if (raw === null) {
      this.#missedAt.set(key, generation);
      return undefined;
    }
    return JSON.parse(raw) as T;
  }

  async set(key: string, value: unknown): Promise<void> {
    // Under the generation the miss saw: if an invalidation happened since, nobody reads it.
    const generation = this.#missedAt.get(key) ?? (await this.#generation());
    this.#missedAt.delete(key);
    await this.#redis.set(`${this.#prefix}:${generation}:${key}`, JSON.stringify(value), 'EX', this.#ttlSeconds);
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
