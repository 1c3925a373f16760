import type { Container } from '@azure/cosmos';
import { categoryOfProductId } from '@holiday-peak-hub/contract';
import type {
  FacetRow,
  PageInput,
  ProductDocument,
  ProductListQuery,
  ProductRepository,
  ProductSummaryRow,
  ResultPage,
  StaffProductFilter,
} from '@holiday-peak-hub/core';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { DocumentStore } from '../platform/cosmos/document-store.ts';
import { queryAll, queryPage } from '../platform/cosmos/query-page.ts';
import type { OutboxDeps, Stored } from '../platform/events/outbox.ts';
import { activeProductsQuery, activeProductsWhere, SUMMARY_PROJECTION } from './product-query.ts';

/** Every Cosmos DB access for products (container `products`, partition key `/category_slug`). */
export class CosmosProductRepository extends DocumentStore<ProductDocument> implements ProductRepository {
  readonly #cursors: CursorCodec;

  constructor(container: Container, outbox: OutboxDeps, cursors: CursorCodec) {
    super(container, outbox, {
      name: 'Product',
      conflict: 'Product already exists (id, slug or SKU taken)',
      partitionOf: (doc) => doc.category_slug,
      detailsOf: (doc) => ({ product_id: doc.id }),
    });
    this.#cursors = cursors;
  }

  /** One point read: the partition key is part of the id. Tombstones read as missing. */
  get(id: string): Promise<Stored<ProductDocument> | undefined> {
    const category = categoryOfProductId(id);
    return category === undefined ? Promise.resolve(undefined) : this.read(id, category);
  }

  /**
   * Active products, filtered and sorted. With a category: a single-partition query. Without one
   * (whole-catalog listing or search) it is cross-partition: acceptable for these entry points,
   * which the catalog's size and the cache in front keep cheap.
   */
  listActive(filter: ProductListQuery, page: PageInput, operation: string): Promise<ResultPage<ProductSummaryRow>> {
    const partition = filter.categories?.length === 1 ? filter.categories[0] : undefined;
    return queryPage<ProductSummaryRow>(
      this.container,
      activeProductsQuery(filter),
      {
        ...page,
        shape: { operation, filter },
        ...(partition === undefined ? {} : { partitionKey: partition }),
      },
      this.#cursors,
    );
  }

  /** Featured products, newest first (ties by id): cross-partition by nature (featured products span categories). */
  listFeatured(page: PageInput): Promise<ResultPage<ProductSummaryRow>> {
    return queryPage<ProductSummaryRow>(
      this.container,
      {
        query: `${SUMMARY_PROJECTION} WHERE c.status = 'active' AND c.featured = true AND NOT IS_DEFINED(c.deleted_at) ORDER BY c.created_at DESC, c.id DESC`,
      },
      { ...page, shape: { operation: 'listFeaturedProducts' } },
      this.#cursors,
    );
  }

  /** Other active products of the same category, best sellers first (ties by id): one partition. */
  async listRelated(product: ProductDocument, limit: number): Promise<ProductSummaryRow[]> {
    const page = await queryPage<ProductSummaryRow>(
      this.container,
      {
        query: `${SUMMARY_PROJECTION} WHERE c.category_slug = @category AND c.status = 'active' AND c.id != @id AND NOT IS_DEFINED(c.deleted_at) ORDER BY c.analytics.purchases DESC, c.id DESC`,
        parameters: [
          { name: '@category', value: product.category_slug },
          { name: '@id', value: product.id },
        ],
      },
      { limit, cursor: undefined, shape: { operation: 'related' }, partitionKey: product.category_slug },
      this.#cursors,
    );
    return page.items;
  }

  /** Products in any status, newest first (ties by id); one partition when a category is given. */
  listForStaff(filter: StaffProductFilter, page: PageInput): Promise<ResultPage<Stored<ProductDocument>>> {
    const where = ['NOT IS_DEFINED(c.deleted_at)'];
    const parameters = [];
    if (filter.category !== undefined) {
      where.unshift('c.category_slug = @category');
      parameters.push({ name: '@category', value: filter.category });
    }
    if (filter.status !== undefined) {
      where.push('c.status = @status');
      parameters.push({ name: '@status', value: filter.status });
    }
    return queryPage<Stored<ProductDocument>>(
      this.container,
      { query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC`, parameters },
      {
        ...page,
        shape: { operation: 'staffListProducts', filter },
        ...(filter.category === undefined ? {} : { partitionKey: filter.category }),
      },
      this.#cursors,
    );
  }

  /** The facet projection of active products: one partition for one category, else several. */
  facetRows(categories: readonly string[] | undefined): Promise<FacetRow[]> {
    const { where, parameters } = activeProductsWhere({ categories });
    return queryAll<FacetRow>(
      this.container,
      { query: `SELECT c.brand, c.price, c.attr_pairs, c.total_stock FROM c WHERE ${where}`, parameters },
      categories?.length === 1 ? categories[0] : undefined,
    );
  }

  /**
   * Products (other than `exceptId`) using this slug or SKU anywhere in the catalog. Unique keys
   * only hold within a partition, so this cross-partition check covers the catalog; a race
   * between two simultaneous creations across categories remains possible and is accepted.
   */
  findTaken(slug: string, sku: string, exceptId?: string): Promise<{ id: string; slug: string; sku: string }[]> {
    return queryAll(this.container, {
      query:
        'SELECT c.id, c.slug, c.sku FROM c WHERE (c.slug = @slug OR c.sku = @sku) AND c.id != @except AND NOT IS_DEFINED(c.deleted_at)',
      parameters: [
        { name: '@slug', value: slug },
        { name: '@sku', value: sku },
        { name: '@except', value: exceptId ?? '' },
      ],
    });
  }

  /** Products of any status in a category: one partition. */
  async countInCategory(category: string): Promise<number> {
    const [count] = await queryAll<number>(
      this.container,
      {
        query: 'SELECT VALUE COUNT(1) FROM c WHERE c.category_slug = @category AND NOT IS_DEFINED(c.deleted_at)',
        parameters: [{ name: '@category', value: category }],
      },
      category,
    );
    return count ?? 0;
  }
}
