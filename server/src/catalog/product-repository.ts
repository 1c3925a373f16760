import type { Container } from '@azure/cosmos';
import { categoryOfProductId, searchWords } from '@holiday-peak-hub/contract';
import type {
  FacetRow,
  PageInput,
  ProductDocument,
  ProductListQuery,
  ProductRepository,
  ProductSummaryRow,
  ResultPage,
  SlugClaim,
  StaffProductFilter,
  Versioned,
} from '@holiday-peak-hub/core';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { DocumentStore } from '../platform/cosmos/document-store.ts';
import { queryAll, queryPage } from '../platform/cosmos/query-page.ts';
import { queryPhasedPage } from '../platform/cosmos/query-phases.ts';
import type { OutboxDeps, Stored } from '../platform/events/outbox.ts';
import { activeProductsQueries, activeProductsWhere, SUMMARY_PROJECTION } from './product-query.ts';
import { CosmosSlugClaims } from './slug-claims.ts';

/**
 * Every Cosmos DB access for products (container `products`, partition key `/category_slug`), and
 * for their slug claims, kept in the same container in partitions of their own (`slug-claims.ts`).
 */
export class CosmosProductRepository extends DocumentStore<ProductDocument> implements ProductRepository {
  readonly #cursors: CursorCodec;
  readonly #claims: CosmosSlugClaims;

  constructor(container: Container, outbox: OutboxDeps, cursors: CursorCodec) {
    super(container, outbox, {
      name: 'Product',
      conflict: 'Product already exists (id, slug or SKU taken)',
      partitionOf: (doc) => doc.category_slug,
      detailsOf: (doc) => ({ product_id: doc.id }),
    });
    this.#cursors = cursors;
    this.#claims = new CosmosSlugClaims(container);
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
    // `product_id`: products only, never the slug claims beside them.
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

  /**
   * Products (other than `exceptId`) using this slug or SKU anywhere in the catalog. Unique keys
   * only hold within a partition, so this cross-partition check covers the catalog. It answers the
   * common case with the product in the way; under concurrency the slug claim is what holds (a
   * race between two simultaneous creations of one SKU across categories remains possible).
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

  getSlugClaim(slug: string): Promise<Versioned<SlugClaim> | undefined> {
    return this.#claims.get(slug);
  }

  createSlugClaim(claim: SlugClaim): Promise<Versioned<SlugClaim>> {
    return this.#claims.create(claim);
  }

  replaceSlugClaim(claim: SlugClaim, etag: string): Promise<Versioned<SlugClaim>> {
    return this.#claims.replace(claim, etag);
  }

  deleteSlugClaim(slug: string, etag: string): Promise<void> {
    return this.#claims.delete(slug, etag);
  }
}
