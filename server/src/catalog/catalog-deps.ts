import type { Database } from '@azure/cosmos';
import type { CatalogDeps as CoreCatalogDeps } from '@holiday-peak-hub/core';
import type { Logger } from 'pino';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';

/** What the catalog needs from the outside, built once by the composition root. */
export interface CatalogDeps extends Omit<CoreCatalogDeps, 'repositories' | 'logger'> {
  database: Database;
  /** Seals list cursors (key shared by every replica). */
  cursors: CursorCodec;
  logger: Logger;
}
