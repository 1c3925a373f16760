import type { Versioned } from '../../catalog/documents.ts';
import type { PageInput, ResultPage } from '../../catalog/page.ts';
import {
  copy,
  MemoryDocumentStore,
  type DocumentTable,
  type MemoryStoreDeps,
} from '../../catalog/memory/memory-document-store.ts';
import { answer, pageOf } from '../../catalog/memory/memory-page.ts';
import type { PromotionDocument } from '../documents.ts';
import type { PromotionFilter, PromotionRepository } from '../ports.ts';

/** Promotions in memory, with the semantics and the order of the Cosmos DB adapter. */
export class MemoryPromotionRepository extends MemoryDocumentStore<PromotionDocument> implements PromotionRepository {
  constructor(deps: MemoryStoreDeps, table?: DocumentTable<PromotionDocument>) {
    super(
      { name: 'Promotion', conflict: 'Promo code already exists', detailsOf: (doc) => ({ code: doc.code }) },
      deps,
      table,
    );
  }

  get(code: string): Promise<Versioned<PromotionDocument> | undefined> {
    return answer(() => this.read(code));
  }

  list(filter: PromotionFilter, page: PageInput): Promise<ResultPage<Versioned<PromotionDocument>>> {
    return answer(() => {
      const items = this.all()
        .filter((doc) => filter.active === undefined || doc.active === filter.active)
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      return pageOf(items, page, { op: 'staffListPromotions', active: filter.active ?? null }, copy);
    });
  }
}
