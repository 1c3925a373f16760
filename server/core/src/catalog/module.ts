import type { HandlersFor } from '../pipeline/handler.ts';
import type { CatalogCache } from '../platform/cache/catalog-cache.ts';
import type { EventPublisher } from '../platform/events/publisher.ts';
import type { Logger } from '../ports/logger.ts';
import type { EventConsumer } from '../platform/events/consumer.ts';
import { catalogCacheConsumer, invalidateThenPublish } from './cache-invalidation.ts';
import { createCatalogHandlers, type CatalogOperationId } from './handlers.ts';
import type { CatalogRepositories } from './ports.ts';
import { createCatalogServices, type CatalogServices } from './services.ts';
import { createStockReservations, type StockReservations } from './stock-reservations.ts';

export interface CatalogDeps<R extends CatalogRepositories = CatalogRepositories> {
  /**
   * Builds the storage adapters over the publisher their writes must hand events to: `events`
   * wrapped so that every catalog write clears the caches before its events go out.
   */
  repositories: (events: EventPublisher) => R;
  /** Where the catalog's events go. */
  events: EventPublisher;
  /** In front of the public reads. */
  cache: CatalogCache;
  /** The category tree (every slug and parent): cleared by category events only, not by product writes. */
  categoryTreeCache: CatalogCache;
  clock: () => Date;
  logger: Logger;
  /** `source` of the events. */
  eventSource: string;
}

export interface Catalog<R extends CatalogRepositories = CatalogRepositories> {
  handlers: HandlersFor<CatalogOperationId>;
  services: CatalogServices;
  repositories: R;
  /** Stock reservations of order placement, over the repositories' atomic stock changes. */
  stock: StockReservations;
  /** The cache-invalidating publisher the repositories were built with (e.g. for an outbox relay). */
  events: EventPublisher;
  /**
   * Keeps every process's caches coherent with writes made elsewhere: run it on the event
   * transport when the caches are process-local.
   */
  cacheConsumer: EventConsumer;
}

/**
 * The catalog over any storage: its services and the handlers of its operations, with cache
 * invalidation on every catalog write. The server passes Cosmos DB repositories, the mocks and
 * tests in-memory ones (`createMemoryCatalogRepositories`).
 */
export function createCatalog<R extends CatalogRepositories>(deps: CatalogDeps<R>): Catalog<R> {
  const events = invalidateThenPublish(deps.events, deps);
  const repositories = deps.repositories(events);
  const services = createCatalogServices({ ...deps, repositories });
  return {
    handlers: createCatalogHandlers(deps, services),
    services,
    repositories,
    stock: createStockReservations({ ...deps, products: repositories.products }),
    events,
    cacheConsumer: catalogCacheConsumer(deps),
  };
}
