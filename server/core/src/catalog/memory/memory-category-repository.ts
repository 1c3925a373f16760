import type { CategoryNode } from '@holiday-peak-hub/contract';
import type { CategoryDocument, Versioned } from '../documents.ts';
import type { PageInput, ResultPage } from '../page.ts';
import type { CategoryRepository } from '../ports.ts';
import { categoriesUnder, sortCategories } from './categories.ts';
import { copy, MemoryDocumentStore, type DocumentTable, type MemoryStoreDeps } from './memory-document-store.ts';
import { answer, pageOf } from './memory-page.ts';

/** Categories in memory (id = slug), with the queries of the Cosmos DB adapter. */
export class MemoryCategoryRepository extends MemoryDocumentStore<CategoryDocument> implements CategoryRepository {
  constructor(deps: MemoryStoreDeps, table?: DocumentTable<CategoryDocument>) {
    super(
      {
        name: 'Category',
        conflict: 'Category already exists (id, slug or SKU taken)',
        detailsOf: (doc) => ({ slug: doc.slug }),
      },
      deps,
      table,
    );
  }

  get(slug: string): Promise<Versioned<CategoryDocument> | undefined> {
    return answer(() => this.read(slug));
  }

  list(parent: string | undefined, page: PageInput): Promise<ResultPage<Versioned<CategoryDocument>>> {
    return answer(() =>
      pageOf(sortCategories(categoriesUnder(this.all(), parent)), page, { operation: 'listCategories', parent }, copy),
    );
  }

  tree(): Promise<CategoryNode[]> {
    return answer(() => this.all().map((doc) => ({ slug: doc.slug, parent_slug: doc.parent_slug })));
  }

  countChildren(slug: string): Promise<number> {
    return answer(() => this.all().filter((doc) => doc.parent_slug === slug).length);
  }
}
