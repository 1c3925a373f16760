import type { Database } from '@azure/cosmos';
import type { Logger } from 'pino';
import type { CatalogCache } from '@holiday-peak-hub/core';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import type { EventPublisher } from '@holiday-peak-hub/core';

/** What the catalog needs from the outside, built once by the composition root. */
export interface CatalogDeps {
  database: Database;
  /** Publishes the catalog's events (the module wraps it so that catalog writes invalidate the cache). */
  events: EventPublisher;
  cache: CatalogCache;
  /** The category tree (every slug and parent): cleared by category events only, not by product writes. */
  categoryTreeCache: CatalogCache;
  /** Seals list cursors (key shared by every replica). */
  cursors: CursorCodec;
  clock: () => Date;
  logger: Logger;
  /** `source` of the events (EVENT_SOURCE). */
  eventSource: string;
}
