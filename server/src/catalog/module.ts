import { CATALOG_EVENTS, type DomainEvent } from '@holiday-peak-hub/contract';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { startOutboxRelay, type OutboxRelay } from '../platform/events/outbox-relay.ts';
import type { EventPublisher } from '@holiday-peak-hub/core';
import type { CatalogDeps } from './catalog-deps.ts';
import { createCatalogHandlers } from './handlers.ts';
import { seedDemoCatalog } from './seed-demo-catalog.ts';
import { createCatalogServices } from './services.ts';

export interface CatalogModuleDeps extends CatalogDeps {
  /** Embedded mode: create the containers and seed this many demo products at start. */
  seedProducts?: number | undefined;
  /** Outbox relay timing (defaults: every 5 s, events pending for 10 s or more). */
  relay?: { intervalMs?: number; olderThanMs?: number };
}

export interface CatalogModule {
  handlers: ReturnType<typeof createCatalogHandlers>;
  relay: OutboxRelay;
  /** Stops the relay. */
  stop(): Promise<void>;
}

const isCatalogEvent = (event: DomainEvent) => event.event_type in CATALOG_EVENTS;
const isCategoryEvent = (event: DomainEvent) => event.event_type.startsWith('Category');

/**
 * Invalidates the cache, THEN publishes. The outbox hands a write's events to the publisher right
 * after the Cosmos DB write succeeds, so the cache is cleared whatever happens to the publish: a
 * failed publish (events left for the relay) never leaves reads stale. The relay's later publish
 * of the same events invalidates again, which is harmless.
 */
function invalidateThenPublish(
  publisher: EventPublisher,
  invalidate: (events: readonly DomainEvent[]) => Promise<void>,
): EventPublisher {
  return {
    publish: async (events) => {
      if (events.some(isCatalogEvent)) await invalidate(events);
      await publisher.publish(events);
    },
    close: () => publisher.close(),
  };
}

/**
 * The catalog, wired: handlers for its operations, cache invalidation on catalog writes, and the
 * outbox relay. In embedded mode it also creates the containers and seeds the demo catalog.
 */
export async function createCatalogModule(deps: CatalogModuleDeps): Promise<CatalogModule> {
  const { logger, cache, categoryTreeCache } = deps;
  if (deps.seedProducts !== undefined) {
    await ensureContainers(deps.database);
    const seeded = await seedDemoCatalog(deps.database, { products: deps.seedProducts, now: deps.clock() });
    logger.info(seeded, 'catalog: demo catalog seeded');
  }
  const invalidate = async (events: readonly DomainEvent[]) => {
    try {
      await cache.invalidateAll();
      if (events.some(isCategoryEvent)) await categoryTreeCache.invalidateAll();
    } catch (err) {
      logger.error({ err }, 'catalog cache invalidation failed');
    }
  };
  const events = invalidateThenPublish(deps.events, invalidate);
  const wired = { ...deps, events };
  const services = createCatalogServices(wired);
  const relay = startOutboxRelay({
    sources: services.outboxSources,
    publisher: events,
    logger,
    clock: deps.clock,
    ...deps.relay,
  });
  return {
    handlers: createCatalogHandlers(wired, services),
    relay,
    stop: () => relay.stop(),
  };
}
