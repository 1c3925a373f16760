import {
  createCatalog,
  type CatalogOperationId,
  type EventConsumer,
  type HandlersFor,
  type ProductRepository,
  type StockReservations,
} from '@holiday-peak-hub/core';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { startOutboxRelay, type OutboxRelay } from '../platform/events/outbox-relay.ts';
import type { CatalogDeps } from './catalog-deps.ts';
import { catalogOutboxSources, createCosmosCatalogRepositories } from './cosmos-repositories.ts';
import { seedDemoCatalog } from './seed-demo-catalog.ts';

export interface CatalogModuleDeps extends CatalogDeps {
  /** Embedded mode: create the containers and seed this many demo products at start. */
  seedProducts?: number | undefined;
  /** Outbox relay timing (defaults: every 5 s, events pending for 10 s or more). */
  relay?: { intervalMs?: number; olderThanMs?: number };
}

export interface CatalogModule {
  handlers: HandlersFor<CatalogOperationId>;
  /** The products, for the domains that read them (the cart prices its lines from them). */
  products: ProductRepository;
  /** Stock reservations, for order placement (conditional patches of the products). */
  stock: StockReservations;
  relay: OutboxRelay;
  /** Clears this process's caches on catalog writes made by other processes. */
  cacheConsumer: EventConsumer;
  /** Stops the relay. */
  stop(): Promise<void>;
}

/**
 * The core's catalog on Cosmos DB: repositories over the catalog containers, whose writes store
 * their events with the document (outbox) and hand them to the core's cache-invalidating
 * publisher, and the outbox relay publishing what was left pending. In embedded mode it also
 * creates the containers and seeds the demo catalog.
 */
export async function createCatalogModule(deps: CatalogModuleDeps): Promise<CatalogModule> {
  const { logger } = deps;
  if (deps.seedProducts !== undefined) {
    await ensureContainers(deps.database);
    const seeded = await seedDemoCatalog(deps.database, { products: deps.seedProducts, now: deps.clock() });
    logger.info(seeded, 'catalog: demo catalog seeded');
  }
  const catalog = createCatalog({
    ...deps,
    repositories: (publisher) => createCosmosCatalogRepositories(deps.database, { publisher, logger }, deps.cursors),
  });
  const relay = startOutboxRelay({
    sources: catalogOutboxSources(catalog.repositories),
    publisher: catalog.events,
    logger,
    clock: deps.clock,
    ...deps.relay,
  });
  return {
    handlers: catalog.handlers,
    products: catalog.repositories.products,
    stock: catalog.stock,
    relay,
    cacheConsumer: catalog.cacheConsumer,
    stop: () => relay.stop(),
  };
}
