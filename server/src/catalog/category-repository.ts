import type { Container } from '@azure/cosmos';
import type { CategoryNode } from '@holiday-peak-hub/contract';
import type { CategoryDocument, CategoryRepository, PageInput, ResultPage } from '@holiday-peak-hub/core';
import { CATEGORY_PARTITION } from '../platform/cosmos/containers.ts';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { DocumentStore } from '../platform/cosmos/document-store.ts';
import { queryAll, queryPage } from '../platform/cosmos/query-page.ts';
import type { OutboxDeps, Stored } from '../platform/events/outbox.ts';

/** Every Cosmos DB access for categories: one logical partition (`doc_type` = `category`), id = slug. */
export class CosmosCategoryRepository extends DocumentStore<CategoryDocument> implements CategoryRepository {
  readonly #cursors: CursorCodec;

  constructor(container: Container, outbox: OutboxDeps, cursors: CursorCodec) {
    super(container, outbox, {
      name: 'Category',
      conflict: 'Category already exists (id, slug or SKU taken)',
      partitionOf: () => CATEGORY_PARTITION,
      detailsOf: (doc) => ({ slug: doc.slug }),
    });
    this.#cursors = cursors;
  }

  get(slug: string): Promise<Stored<CategoryDocument> | undefined> {
    return this.read(slug, CATEGORY_PARTITION);
  }

  /** Categories in display order, optionally the children of one: one single-partition query. */
  list(parent: string | undefined, page: PageInput): Promise<ResultPage<Stored<CategoryDocument>>> {
    const where = ['c.doc_type = @pk', 'NOT IS_DEFINED(c.deleted_at)'];
    const parameters = [{ name: '@pk', value: CATEGORY_PARTITION }];
    if (parent !== undefined) {
      where.push('c.parent_slug = @parent');
      parameters.push({ name: '@parent', value: parent });
    }
    return queryPage<Stored<CategoryDocument>>(
      this.container,
      {
        query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.sort_order ASC, c.slug ASC`,
        parameters,
      },
      { ...page, shape: { operation: 'listCategories', parent }, partitionKey: CATEGORY_PARTITION },
      this.#cursors,
    );
  }

  /** Every category's slug and parent: one single-partition query over a small partition. */
  tree(): Promise<CategoryNode[]> {
    return queryAll<CategoryNode>(
      this.container,
      {
        query: 'SELECT c.slug, c.parent_slug FROM c WHERE c.doc_type = @pk AND NOT IS_DEFINED(c.deleted_at)',
        parameters: [{ name: '@pk', value: CATEGORY_PARTITION }],
      },
      CATEGORY_PARTITION,
    );
  }

  async countChildren(slug: string): Promise<number> {
    const [count] = await queryAll<number>(
      this.container,
      {
        query:
          'SELECT VALUE COUNT(1) FROM c WHERE c.doc_type = @pk AND c.parent_slug = @slug AND NOT IS_DEFINED(c.deleted_at)',
        parameters: [
          { name: '@pk', value: CATEGORY_PARTITION },
          { name: '@slug', value: slug },
        ],
      },
      CATEGORY_PARTITION,
    );
    return count ?? 0;
  }
}
