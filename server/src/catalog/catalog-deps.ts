import type { Database } from '@azure/cosmos';
import type { Logger } from 'pino';
import type { CatalogCache } from '../platform/cache/catalog-cache.ts';
import type { EventListener } from '../platform/events/in-process-event-bus.ts';
import type { EventPublisher } from '../platform/events/publisher.ts';

/** What the catalog needs from the outside, built once by the composition root. */
export interface CatalogDeps {
  database: Database;
  /** Publishes the catalog's events; when it can be subscribed to, catalog events invalidate the cache. */
  events: EventPublisher & { subscribe?(listener: EventListener): () => void };
  cache: CatalogCache;
  clock: () => Date;
  logger: Logger;
  /** `source` of the events (EVENT_SOURCE). */
  eventSource: string;
}
