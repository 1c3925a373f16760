import { CATALOG_EVENTS, CONSUMER_GROUPS, type DomainEvent } from '@holiday-peak-hub/contract';
import type { CatalogCache } from '../platform/cache/catalog-cache.ts';
import type { Applied, EventConsumer, EventHandlers } from '../platform/events/consumer.ts';
import type { EventPublisher } from '../platform/events/publisher.ts';
import type { Logger } from '../ports/logger.ts';

const isCatalogEvent = (event: DomainEvent) => event.event_type in CATALOG_EVENTS;
const isCategoryEvent = (event: DomainEvent) => event.event_type.startsWith('Category');

/** Clears what these events make stale; a cache that fails to clear is logged. */
async function invalidateFor(events: readonly DomainEvent[], caches: CatalogCaches): Promise<void> {
  try {
    await caches.cache.invalidateAll();
    if (events.some(isCategoryEvent)) await caches.categoryTreeCache.invalidateAll();
  } catch (err) {
    caches.logger.error({ err }, 'catalog cache invalidation failed');
  }
}

export interface CatalogCaches {
  /** In front of the public reads: cleared by every catalog event. */
  cache: CatalogCache;
  /** The category tree: cleared by category events only. */
  categoryTreeCache: CatalogCache;
  logger: Logger;
}

/**
 * Invalidates the cache, THEN publishes. Storage hands a write's events to the publisher right
 * after the write succeeds, so the cache is cleared whatever happens to the publish: a failed
 * publish (events left for the outbox relay, on Cosmos DB) never leaves reads stale. A later
 * publish of the same events (the relay's) invalidates again, which is harmless. A cache that
 * fails to clear is logged; the publish goes on.
 */
export function invalidateThenPublish(publisher: EventPublisher, caches: CatalogCaches): EventPublisher {
  const invalidate = (events: readonly DomainEvent[]) => invalidateFor(events, caches);
  return {
    publish: async (events) => {
      if (events.some(isCatalogEvent)) await invalidate(events);
      await publisher.publish(events);
    },
    close: () => publisher.close(),
  };
}

/**
 * Keeps the read caches of EVERY process coherent: each API replica applies every catalog event,
 * from whichever replica wrote, to its own caches (the writer has already cleared its own, before
 * answering). Clearing is idempotent and order does not matter, so redeliveries are harmless.
 * With a shared cache (Redis) the writer's clearing is enough and this consumer is not run.
 */
export function catalogCacheConsumer(caches: CatalogCaches): EventConsumer {
  const clear = async (event: DomainEvent): Promise<Applied> => {
    await invalidateFor([event], caches);
    return 'applied';
  };
  const handlers = Object.fromEntries(Object.keys(CATALOG_EVENTS).map((type) => [type, clear])) as EventHandlers;
  const { name, delivery } = CONSUMER_GROUPS['catalog-cache'];
  return { name, delivery, handlers };
}
