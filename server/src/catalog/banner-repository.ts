import type { Container } from '@azure/cosmos';
import type { BannerDocument, BannerFilter, BannerRepository } from '@holiday-peak-hub/core';
import { BANNER_PARTITION } from '../platform/cosmos/containers.ts';
import { DocumentStore } from '../platform/cosmos/document-store.ts';
import { queryAll } from '../platform/cosmos/query-page.ts';
import type { OutboxDeps, Stored } from '../platform/events/outbox.ts';

/** Every Cosmos DB access for banners: one logical partition (`doc_type` = `banner`). */
export class CosmosBannerRepository extends DocumentStore<BannerDocument> implements BannerRepository {
  constructor(container: Container, outbox: OutboxDeps) {
    super(container, outbox, {
      name: 'Banner',
      conflict: 'Banner already exists (id, slug or SKU taken)',
      partitionOf: () => BANNER_PARTITION,
      detailsOf: (doc) => ({ banner_id: doc.id }),
    });
  }

  get(id: string): Promise<Stored<BannerDocument> | undefined> {
    return this.read(id, BANNER_PARTITION);
  }

  /** Banners of a placement (or all), highest priority first: one single-partition query (a small set). */
  list(filter: BannerFilter): Promise<Stored<BannerDocument>[]> {
    const where = ['c.doc_type = @pk', 'NOT IS_DEFINED(c.deleted_at)'];
    const parameters: { name: string; value: string }[] = [{ name: '@pk', value: BANNER_PARTITION }];
    if (filter.placement !== undefined) {
      where.push('c.placement = @placement');
      parameters.push({ name: '@placement', value: filter.placement });
    }
    if (filter.enabledOnly) where.push('c.enabled = true');
    return queryAll<Stored<BannerDocument>>(
      this.container,
      { query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.priority DESC`, parameters },
      BANNER_PARTITION,
    );
  }
}
