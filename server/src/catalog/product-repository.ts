import type { Container } from '@azure/cosmos';
import { categoryOfProductId, searchWords } from '@holiday-peak-hub/contract';
import type {
  ClaimKind,
  FacetRow,
  PageInput,
  ProductClaim,
  ProductDocument,
  ProductListQuery,
  ProductRepository,
  ProductSummaryRow,
  ResultPage,
  StaffProductFilter,
  StockChange,
  StockMarker,
  StockReturn,
  StockTake,
  Versioned,
} from '@holiday-peak-hub/core';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { DocumentStore } from '../platform/cosmos/document-store.ts';
import { queryAll, queryPage } from '../platform/cosmos/query-page.ts';
import { queryPhasedPage } from '../platform/cosmos/query-phases.ts';
import type { OutboxDeps, Stored } from '../platform/events/outbox.ts';
import { activeProductsQueries, activeProductsWhere, SUMMARY_PROJECTION } from './product-query.ts';
import { CosmosClaims } from './claims.ts';
import { CosmosStock } from './stock-patches.ts';

/**
 * Every Cosmos DB access for products (container `products`, partition key `/category_slug`), and
 * for their claims on slugs and SKUs, kept in the same container in partitions of their own (`claims.ts`).
 */
export class CosmosProductRepository extends DocumentStore<ProductDocument> implements ProductRepository {
  readonly #cursors: CursorCodec;
  readonly #claims: CosmosClaims;
  readonly #stock: CosmosStock;

  constructor(container: Container, outbox: OutboxDeps, cursors: CursorCodec) {
    super(container, outbox, {
      name: 'Product',
      conflict: 'Product already exists (id, slug or SKU taken)',
      partitionOf: (doc) => doc.category_slug,
      detailsOf: (doc) => ({ product_id: doc.id }),
    });
    this.#cursors = cursors;
    this.#claims = new CosmosClaims(container);
    this.#stock = new CosmosStock(container, outbox);
  }

  /** One point read: the partition key is part of the id. Tombstones read as missing. */
  get(id: string): Promise<Stored<ProductDocument> | undefined> {
    const category = categoryOfProductId(id);
    return category === undefined ? Promise.resolve(undefined) : this.read(id, category);
  }

  /**
   * Active products, filtered and sorted (a search: ranked, name matches first, see
   * `activeProductsQueries`). With a category: single-partition queries. Without one
   * (whole-catalog listing or search) they are cross-partition: acceptable for these entry points,
   * which the catalog's size and the cache in front keep cheap.
   */
  async listActive(
    filter: ProductListQuery,
    page: PageInput,
    operation: string,
  ): Promise<ResultPage<ProductSummaryRow>> {
    if (filter.q !== undefined && searchWords(filter.q).length === 0) return { items: [], nextCursor: null };
    const partition = filter.categories?.length === 1 ? filter.categories[0] : undefined;
    const request = {
      ...page,
      shape: { operation, filter },
      ...(partition === undefined ? {} : { partitionKey: partition }),
    };
    const [listing, ...more] = activeProductsQueries(filter);
    return more.length === 0
      ? queryPage<ProductSummaryRow>(this.container, listing!, request, this.#cursors)
      : queryPhasedPage<ProductSummaryRow>(this.container, [listing!, ...more], request, this.#cursors);
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
    // `product_id`: products only, never the claims beside them.
    const where = ['IS_DEFINED(c.product_id)', 'NOT IS_DEFINED(c.deleted_at)'];
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

  getClaim(kind: ClaimKind, value: string): Promise<Versioned<ProductClaim> | undefined> {
    return this.#claims.get(kind, value);
  }

  createClaim(claim: ProductClaim): Promise<Versioned<ProductClaim>> {
    return this.#claims.create(claim);
  }

  replaceClaim(claim: ProductClaim, etag: string): Promise<Versioned<ProductClaim>> {
    return this.#claims.replace(claim, etag);
  }

  deleteClaim(kind: ClaimKind, value: string, etag: string): Promise<void> {
    return this.#claims.delete(kind, value, etag);
  }

  /** One conditional patch of the product, its event in the same patch (`stock-patches.ts`). */
  takeStock(change: StockChange): Promise<StockTake> {
    return this.#stock.take(change);
  }

  returnStock(change: StockChange): Promise<StockReturn> {
    return this.#stock.give(change);
  }

  commitStock(marker: StockMarker): Promise<void> {
    return this.#stock.commit(marker);
  }
}
