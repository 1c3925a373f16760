import type { HandlersFor } from '../pipeline/handler.ts';
import type { EventPublisher } from '../platform/events/publisher.ts';
import type { Logger } from '../ports/logger.ts';
import { createPromotionHandlers, type PromotionOperationId } from './handlers.ts';
import type { PromotionCategoryLookup, PromotionRepositories } from './ports.ts';
import { PromotionService } from './promotion-service.ts';

export interface PromotionsDeps<R extends PromotionRepositories = PromotionRepositories> {
  /** Builds the storage adapters over the publisher their writes hand events to. */
  repositories: (events: EventPublisher) => R;
  events: EventPublisher;
  /** Category restrictions must name existing categories. */
  categories: PromotionCategoryLookup;
  clock: () => Date;
  logger: Logger;
  /** `source` of the events. */
  eventSource: string;
}

export interface Promotions<R extends PromotionRepositories = PromotionRepositories> {
  handlers: HandlersFor<PromotionOperationId>;
  /** Staff writes, and `evaluate` for checkout. */
  service: PromotionService;
  /** `ledger` is what order placement redeems and releases codes with. */
  repositories: R;
}

/**
 * Promo codes over any storage: the service and the handlers of the staff operations. The server
 * passes Cosmos DB repositories, the mocks and tests in-memory ones (`createMemoryPromotionRepositories`).
 */
export function createPromotions<R extends PromotionRepositories>(deps: PromotionsDeps<R>): Promotions<R> {
  const repositories = deps.repositories(deps.events);
  const service = new PromotionService({ ...deps, repositories });
  return { handlers: createPromotionHandlers(service), service, repositories };
}
