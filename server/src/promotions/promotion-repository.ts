import type { Container } from '@azure/cosmos';
import type {
  PageInput,
  PromotionDocument,
  PromotionFilter,
  PromotionRepository,
  ResultPage,
} from '@holiday-peak-hub/core';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { DocumentStore } from '../platform/cosmos/document-store.ts';
import { queryPage } from '../platform/cosmos/query-page.ts';
import type { OutboxDeps, Stored } from '../platform/events/outbox.ts';

/**
 * Every Cosmos DB access for promotions: the container `promotions`, partitioned by code; a
 * promotion's id is its code, so reading one is a point read, and creating a taken code is the
 * 409 that keeps codes unique under any concurrency. Its redemption records live in its partition
 * (`redemption-ledger.ts`).
 */
export class CosmosPromotionRepository extends DocumentStore<PromotionDocument> implements PromotionRepository {
  readonly #cursors: CursorCodec;

  constructor(container: Container, outbox: OutboxDeps, cursors: CursorCodec) {
    super(container, outbox, {
      name: 'Promotion',
      conflict: 'Promo code already exists',
      partitionOf: (doc) => doc.code,
      detailsOf: (doc) => ({ code: doc.code }),
    });
    this.#cursors = cursors;
  }

  get(code: string): Promise<Stored<PromotionDocument> | undefined> {
    return this.read(code, code);
  }

  /** Promotions by code: a cross-partition query (staff only, paged). */
  list(filter: PromotionFilter, page: PageInput): Promise<ResultPage<Stored<PromotionDocument>>> {
    const where = ["c.doc_type = 'promotion'", 'NOT IS_DEFINED(c.deleted_at)'];
    const parameters: { name: string; value: boolean }[] = [];
    if (filter.active !== undefined) {
      where.push('c.active = @active');
      parameters.push({ name: '@active', value: filter.active });
    }
    return queryPage<Stored<PromotionDocument>>(
      this.container,
      { query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.code ASC`, parameters },
      { ...page, shape: { op: 'staffListPromotions', active: filter.active ?? null } },
      this.#cursors,
    );
  }
}
