import { LRUCache } from 'lru-cache';
import type { CatalogCache } from './catalog-cache.ts';

export interface MemoryCacheOptions {
  maxEntries: number;
  ttlSeconds: number;
  /** Milliseconds clock for TTLs (tests); `performance.now()` by default. */
  now?: () => number;
}

/** In-process LRU cache with a TTL: the embedded default, one copy per server instance. */
export class MemoryCatalogCache implements CatalogCache {
  readonly #entries: LRUCache<string, { value: unknown }>;
  /** Generation seen by the last miss of each key (bounded: misses without a set must not pile up). */
  readonly #missedAt: LRUCache<string, number>;
  #generation = 0;

  constructor(options: MemoryCacheOptions) {
    this.#entries = new LRUCache({
      max: options.maxEntries,
      ttl: options.ttlSeconds * 1000,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
    this.#missedAt = new LRUCache({ max: Math.max(100, Math.min(options.maxEntries, 10_000)) });
  }

  get<T>(key: string): Promise<T | undefined> {
    const entry = this.#entries.get(key);
    if (entry === undefined) this.#missedAt.set(key, this.#generation);
    return Promise.resolve(entry?.value as T | undefined);
  }

  set(key: string, value: unknown): Promise<void> {
    const seen = this.#missedAt.get(key) ?? this.#generation;
    this.#missedAt.delete(key);
    if (seen === this.#generation) this.#entries.set(key, { value });
    return Promise.resolve();
  }

  invalidateAll(): Promise<void> {
    this.#generation += 1;
    this.#entries.clear();
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#entries.clear();
    return Promise.resolve();
  }
}
