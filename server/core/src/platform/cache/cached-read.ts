import type { CatalogCache } from './catalog-cache.ts';
import type { Logger } from '../../ports/logger.ts';

/** A cached public response: its body and, for single resources, the stored version as ETag. */
export interface CachedResponse<B> {
  body: B;
  etag?: string;
}

/** What a cached response depends on: the operation and its validated input, kept apart. */
export interface CacheKeyInput {
  operation: string;
  /** Validated path parameters. */
  params?: object | undefined;
  /** Validated query. */
  query?: object | undefined;
  /** Anything else the response depends on (e.g. the minute active banners are computed for). */
  asOf?: string | undefined;
}

/**
 * `operation:params:query[:asOf]`. Params and query are serialised separately, in that fixed
 * order, so a query field can never shadow a path parameter. Each object comes from its
 * operation's contract schema, whose parse builds output keys in schema order whatever the
 * order of the request (query string or JSON): plain JSON.stringify is canonical for it, with no
 * sort on every read.
 */
export function cacheKey({ operation, params, query, asOf }: CacheKeyInput): string {
  const key = `${operation}:${JSON.stringify(params ?? {})}:${JSON.stringify(query ?? {})}`;
  return asOf === undefined ? key : `${key}:${asOf}`;
}

/**
 * Serves a public read from the catalog cache, loading and storing it on a miss. Errors (404...)
 * are not cached. A cache that fails is logged and bypassed: the catalog stays readable with
 * Redis down. The store carries the token of the miss, so a body loaded before a write's
 * invalidation is dropped, not served.
 */
export async function cachedRead<B>(
  cache: CatalogCache,
  logger: Logger,
  input: CacheKeyInput | string,
  load: () => Promise<CachedResponse<B>>,
): Promise<CachedResponse<B>> {
  const key = typeof input === 'string' ? input : cacheKey(input);
  const operation = typeof input === 'string' ? input.slice(0, input.indexOf(':')) : input.operation;
  let token: string | undefined;
  try {
    const lookup = await cache.get<CachedResponse<B>>(key);
    if (lookup.value !== undefined) return lookup.value;
    token = lookup.token;
  } catch (err) {
    logger.warn({ err, operation }, 'catalog cache read failed, reading the store');
  }
  const fresh = await load();
  if (token === undefined) return fresh; // the lookup failed: no generation to store under
  try {
    await cache.set(key, fresh, token);
  } catch (err) {
    logger.warn({ err, operation }, 'catalog cache write failed');
  }
  return fresh;
}
