/**
 * The cache in front of public catalog reads. Values are JSON-serialisable response bodies.
 *
 * Invalidation is all-at-once (catalog writes are rare next to reads): `invalidateAll` moves to a
 * new generation. A `set` stores its value under the generation its `get` saw, so a value loaded
 * before an invalidation can never be served after it.
 */
export interface CatalogCache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  invalidateAll(): Promise<void>;
  /** Readiness check of a remote cache. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}
