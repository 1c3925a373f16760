import { CATALOG_EVENTS, type DomainEvent } from '@holiday-peak-hub/contract';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { startOutboxRelay, type OutboxRelay } from '../platform/events/outbox-relay.ts';
import type { EventPublisher } from '../platform/events/publisher.ts';
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
  /** Readiness: one metadata read of the database. */
  ping(): Promise<void>;
  /** Stops the relay and the cache subscription. */
  stop(): Promise<void>;
}

const isCatalogEvent = (event: DomainEvent) => event.event_type in CATALOG_EVENTS;

/** Publishes, then invalidates the cache: used when the event transport cannot be subscribed to. */
function invalidatingPublisher(publisher: EventPublisher, invalidate: () => Promise<void>): EventPublisher {
  return {
    publish: async (events) => {
      await publisher.publish(events);
      if (events.some(isCatalogEvent)) await invalidate();
    },
    close: () => publisher.close(),
  };
}

/**
 * The catalog, wired: handlers for its operations, cache invalidation on catalog events, and the
 * outbox relay. In embedded mode it also creates the containers and seeds the demo catalog.
 */
export async function createCatalogModule(deps: CatalogModuleDeps): Promise<CatalogModule> {
  const { logger, cache } = deps;
  if (deps.seedProducts !== undefined) {
    await ensureContainers(deps.database);
    const seeded = await seedDemoCatalog(deps.database, { products: deps.seedProducts, now: deps.clock() });
    logger.info(seeded, 'catalog: demo catalog seeded');
  }
  const invalidate = async () => {
    try {
      await cache.invalidateAll();
    } catch (err) {
      logger.error({ err }, 'catalog cache invalidation failed');
    }
  };
  const unsubscribe = deps.events.subscribe?.((event) => (isCatalogEvent(event) ? invalidate() : undefined));
  const events = unsubscribe ? deps.events : invalidatingPublisher(deps.events, invalidate);
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
    ping: async () => {
      await deps.database.read();
    },
    stop: async () => {
      unsubscribe?.();
      await relay.stop();
    },
  };
}
