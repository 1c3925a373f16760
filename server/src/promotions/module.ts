import type { Database } from '@azure/cosmos';
import { createPromotions, type HandlersFor, type PromotionOperationId, type Promotions } from '@holiday-peak-hub/core';
import type { EventPublisher } from '@holiday-peak-hub/core';
import type { Logger } from 'pino';
import { CosmosCategoryRepository } from '../catalog/category-repository.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { startOutboxRelay, type OutboxRelay } from '../platform/events/outbox-relay.ts';
import { CosmosPromotionRepository } from './promotion-repository.ts';
import { CosmosRedemptionLedger } from './redemption-ledger.ts';
import { seedDemoPromotions } from './seed-demo-promotions.ts';

export interface PromotionsModuleDeps {
  database: Database;
  events: EventPublisher;
  cursors: CursorCodec;
  clock: () => Date;
  logger: Logger;
  eventSource: string;
  /** Embedded mode: add the demo promo codes at start (the containers exist: the catalog made them). */
  seedDemo?: boolean;
  /** Outbox relay timing (defaults: every 5 s, events pending for 10 s or more). */
  relay?: { intervalMs?: number; olderThanMs?: number };
}

export interface CosmosPromotionRepositories {
  promotions: CosmosPromotionRepository;
  ledger: CosmosRedemptionLedger;
}

export interface PromotionsModule {
  handlers: HandlersFor<PromotionOperationId>;
  /** The service (with `evaluate`) and the ledger, for order placement. */
  promotions: Promotions<CosmosPromotionRepositories>;
  relay: OutboxRelay;
  stop(): Promise<void>;
}

/**
 * The core's promotions on Cosmos DB: the `promotions` container (promotions, their redemption
 * records and per-customer counts, partitioned by code), writes publishing through the outbox,
 * and the relay for events left pending.
 */
export async function createPromotionsModule(deps: PromotionsModuleDeps): Promise<PromotionsModule> {
  const { database, logger } = deps;
  if (deps.seedDemo) {
    const seeded = await seedDemoPromotions(database, deps.clock());
    logger.info({ promotions: seeded }, 'promotions: demo promo codes seeded');
  }
  const outbox = { publisher: deps.events, logger };
  const container = database.container(CONTAINER.promotions);
  const promotions = createPromotions({
    repositories: (publisher) => ({
      promotions: new CosmosPromotionRepository(container, { publisher, logger }, deps.cursors),
      ledger: new CosmosRedemptionLedger(container),
    }),
    events: deps.events,
    categories: new CosmosCategoryRepository(database.container(CONTAINER.categories), outbox, deps.cursors),
    clock: deps.clock,
    logger,
    eventSource: deps.eventSource,
  });
  const relay = startOutboxRelay({
    sources: [{ container, partitionKeyField: 'code' }],
    publisher: deps.events,
    logger,
    clock: deps.clock,
    ...deps.relay,
  });
  return { handlers: promotions.handlers, promotions, relay, stop: () => relay.stop() };
}
