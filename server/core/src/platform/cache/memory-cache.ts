import { LRUCache } from 'lru-cache';
import type { CacheLookup, CacheToken, CatalogCache } from './catalog-cache.ts';

export interface MemoryCacheOptions {
  maxEntries: number;
  ttlSeconds: number;
  /** Milliseconds clock for TTLs (tests); `performance.now()` by default. */
  now?: () => number;
}

/** In-process LRU cache with a TTL: the embedded default, one copy per server instance. */
export class MemoryCatalogCache implements CatalogCache {
  readonly #entries: LRUCache<string, { value: unknown }>;
  #generation = 0;
  #token: CacheToken = '0';

  constructor(options: MemoryCacheOptions) {
    this.#entries = new LRUCache({
      max: options.maxEntries,
      ttl: options.ttlSeconds * 1000,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  get<T>(key: string): Promise<CacheLookup<T>> {
    const entry = this.#entries.get(key);
    return Promise.resolve({ value: entry?.value as T | undefined, token: this.#token });
  }

  set(key: string, value: unknown, token: CacheToken): Promise<void> {
    // Loaded before the last invalidation: it may predate a write, drop it.
    if (token === this.#token) this.#entries.set(key, { value });
    return Promise.resolve();
  }

  invalidateAll(): Promise<void> {
    this.#generation += 1;
    this.#token = String(this.#generation);
    this.#entries.clear();
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#entries.clear();
    return Promise.resolve();
  }
}
