import type { Logger } from 'pino';
import type { CatalogCache } from '../platform/cache/catalog-cache.ts';

/** A cached public response: its body and, for single resources, the Cosmos DB version as ETag. */
export interface CachedResponse<B> {
  body: B;
  etag?: string;
}

/**
 * Serves a public read from the catalog cache (key = operation + normalized input), loading and
 * storing it on a miss. Errors (404...) are not cached. A cache that fails is logged and bypassed:
 * the catalog stays readable with Redis down.
 */
export async function cachedRead<B>(
  cache: CatalogCache,
  logger: Logger,
  operation: string,
  input: unknown,
  load: () => Promise<CachedResponse<B>>,
): Promise<CachedResponse<B>> {
  // Validated input comes from the contract schemas, which build objects in schema key order:
  // plain JSON.stringify is already canonical for it (and this runs on every cached read).
  const key = `${operation}:${JSON.stringify(input)}`;
  try {
    const hit = await cache.get<CachedResponse<B>>(key);
    if (hit !== undefined) return hit;
  } catch (err) {
    logger.warn({ err, operation }, 'catalog cache read failed, reading Cosmos DB');
  }
  const fresh = await load();
  try {
    await cache.set(key, fresh);
  } catch (err) {
    logger.warn({ err, operation }, 'catalog cache write failed');
  }
  return fresh;
}
