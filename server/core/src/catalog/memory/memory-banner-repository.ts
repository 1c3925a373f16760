import type { BannerDocument, Versioned } from '../documents.ts';
import type { BannerFilter, BannerRepository } from '../ports.ts';
import { sortBanners } from './banners.ts';
import { copy, MemoryDocumentStore, type DocumentTable, type MemoryStoreDeps } from './memory-document-store.ts';
import { answer } from './memory-page.ts';

/** Banners in memory, with the query of the Cosmos DB adapter. */
export class MemoryBannerRepository extends MemoryDocumentStore<BannerDocument> implements BannerRepository {
  constructor(deps: MemoryStoreDeps, table?: DocumentTable<BannerDocument>) {
    super(
      {
        name: 'Banner',
        conflict: 'Banner already exists (id, slug or SKU taken)',
        detailsOf: (doc) => ({ banner_id: doc.id }),
      },
      deps,
      table,
    );
  }

  get(id: string): Promise<Versioned<BannerDocument> | undefined> {
    return answer(() => this.read(id));
  }

  list(filter: BannerFilter): Promise<Versioned<BannerDocument>[]> {
    return answer(() =>
      sortBanners(
        this.all().filter(
          (doc) =>
            (filter.placement === undefined || doc.placement === filter.placement) &&
            (!filter.enabledOnly || doc.enabled),
        ),
      ).map(copy),
    );
  }
}
