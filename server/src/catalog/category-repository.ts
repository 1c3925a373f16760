import type { Container } from '@azure/cosmos';
import type { CategoryNode, DomainEvent } from '@holiday-peak-hub/contract';
import { CATEGORY_PARTITION } from '../platform/cosmos/containers.ts';
import { isNotFound } from '../platform/cosmos/cosmos-errors.ts';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { queryAll, queryPage, type Page } from '../platform/cosmos/query-page.ts';
import {
  createWithOutbox,
  deleteWithOutbox,
  replaceWithOutbox,
  type OutboxDeps,
  type Stored,
} from '../platform/events/outbox.ts';
import type { CategoryDocument } from './documents.ts';
import type { PageInput } from './product-repository.ts';
import { asApiError } from './write-errors.ts';

/** Every Cosmos DB access for categories: one logical partition (`doc_type` = `category`), id = slug. */
export class CategoryRepository {
  readonly container: Container;
  readonly #outbox: OutboxDeps;
  readonly #cursors: CursorCodec;

  constructor(container: Container, outbox: OutboxDeps, cursors: CursorCodec) {
    this.container = container;
    this.#outbox = outbox;
    this.#cursors = cursors;
  }

  async get(slug: string): Promise<Stored<CategoryDocument> | undefined> {
    try {
      const { resource } = await this.container.item(slug, CATEGORY_PARTITION).read<CategoryDocument>();
      return resource && !resource.deleted_at ? resource : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Categories in display order, optionally the children of one: one single-partition query. */
  list(parent: string | undefined, page: PageInput): Promise<Page<Stored<CategoryDocument>>> {
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

  async create(doc: CategoryDocument, events: readonly DomainEvent[], now: Date) {
    try {
      return await createWithOutbox(this.#outbox, this.container, CATEGORY_PARTITION, doc, events, now);
    } catch (err) {
      throw asApiError(err, 'Category', { slug: doc.slug });
    }
  }

  async replace(doc: CategoryDocument, events: readonly DomainEvent[], etag: string, now: Date) {
    try {
      return await replaceWithOutbox(this.#outbox, this.container, CATEGORY_PARTITION, doc, events, etag, now);
    } catch (err) {
      throw asApiError(err, 'Category', { slug: doc.slug });
    }
  }

  async delete(doc: CategoryDocument, events: readonly DomainEvent[], etag: string, now: Date): Promise<void> {
    try {
      await deleteWithOutbox(this.#outbox, this.container, CATEGORY_PARTITION, doc, events, etag, now);
    } catch (err) {
      throw asApiError(err, 'Category', { slug: doc.slug });
    }
  }
}
