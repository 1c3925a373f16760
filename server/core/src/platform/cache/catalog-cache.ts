/**
 * The cache in front of public catalog reads. Values are JSON-serialisable response bodies.
 *
 * Invalidation is all-at-once (catalog writes are rare next to reads): `invalidateAll` moves to a
 * new generation. Every `get` answers the generation it read under (`token`), and `set` takes that
 * token back: a value loaded before an invalidation is never served after it, however the loads of
 * concurrent requests interleave (the token belongs to the call, not to the key).
 */
export interface CacheLookup<T> {
  /** The cached value; `undefined` on a miss. */
  value: T | undefined;
  /** Opaque: the generation this lookup saw. Pass it to `set` with the value loaded after the miss. */
  token: CacheToken;
}

/** The generation a lookup saw (opaque to callers). */
export type CacheToken = string;

export interface CatalogCache {
  get<T>(key: string): Promise<CacheLookup<T>>;
  /** Stores a value loaded after the lookup that returned `token`; dropped if an invalidation came since. */
  set(key: string, value: unknown, token: CacheToken): Promise<void>;
  invalidateAll(): Promise<void>;
  /** Readiness check of a remote cache. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}
