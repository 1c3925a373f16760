import type { ClaimKind, FacetRow, ProductClaim, ProductDocument, ProductSummaryRow, Versioned } from '../documents.ts';
import type { PageInput, ResultPage } from '../page.ts';
import type { ProductRepository, StaffProductFilter } from '../ports.ts';
import type { ProductListQuery } from '../product-query.ts';
import type { StockChange, StockMarker, StockReturn, StockTake } from '../stock-reservations.ts';
import { copy, MemoryDocumentStore, type DocumentTable, type MemoryStoreDeps } from './memory-document-store.ts';
import { answer, pageOf } from './memory-page.ts';
import { MemoryClaims } from './memory-claims.ts';
import { MemoryStock } from './memory-stock.ts';
import { filterProducts, isPublic, rankSearchResults } from './product-filter.ts';
import { sortProducts } from './product-sort.ts';

/** The listing projection, as the Cosmos DB queries select it. */
const summaryRow = (doc: ProductDocument): ProductSummaryRow =>
  copy({
    id: doc.id,
    name: doc.name,
    slug: doc.slug,
    category_slug: doc.category_slug,
    brand: doc.brand,
    price: doc.price,
    images: doc.images,
    total_stock: doc.total_stock,
    featured: doc.featured,
  });

const facetRow = (doc: ProductDocument): FacetRow =>
  copy({ brand: doc.brand, price: doc.price, attr_pairs: doc.attr_pairs, total_stock: doc.total_stock });

/** Products in memory: the queries of the Cosmos DB adapter over the mocks' pure query functions. */
export class MemoryProductRepository extends MemoryDocumentStore<ProductDocument> implements ProductRepository {
  /** The products' claims on their slugs and SKUs (`upsert` them when seeding). */
  readonly claims: MemoryClaims;
  readonly #stock: MemoryStock;

  constructor(
    deps: MemoryStoreDeps,
    table: DocumentTable<ProductDocument> = new Map(),
    claimTable?: Map<string, Versioned<ProductClaim>>,
  ) {
    super(
      {
        name: 'Product',
        conflict: 'Product already exists (id, slug or SKU taken)',
        detailsOf: (doc) => ({ product_id: doc.id }),
        // Unique keys of the products container, per partition (category).
        uniqueKeys: (doc) =>
          [`product_id|${doc.product_id}`, `slug|${doc.slug}`, `sku|${doc.sku}`].map(
            (key) => `${doc.category_slug}|${key}`,
          ),
      },
      deps,
      table,
    );
    this.claims = new MemoryClaims(claimTable);
    this.#stock = new MemoryStock(table, deps);
  }

  get(id: string): Promise<Versioned<ProductDocument> | undefined> {
    return answer(() => this.read(id));
  }

  listActive(query: ProductListQuery, page: PageInput, operation: string): Promise<ResultPage<ProductSummaryRow>> {
    return answer(() => {
      const { sort, order, ...filter } = query;
      const sorted = sortProducts(filterProducts(this.all(), filter), sort, order);
      const ranked = filter.q === undefined ? sorted : rankSearchResults(sorted, filter.q);
      return pageOf(ranked, page, { operation, filter: query }, summaryRow);
    });
  }

  listFeatured(page: PageInput): Promise<ResultPage<ProductSummaryRow>> {
    return answer(() => {
      const featured = this.all().filter((doc) => isPublic(doc) && doc.featured);
      return pageOf(
        sortProducts(featured, 'created_at', 'desc'),
        page,
        { operation: 'listFeaturedProducts' },
        summaryRow,
      );
    });
  }

  listRelated(product: ProductDocument, limit: number): Promise<ProductSummaryRow[]> {
    return answer(() => {
      const siblings = filterProducts(this.all(), { categories: [product.category_slug] }).filter(
        (doc) => doc.id !== product.id,
      );
      return sortProducts(siblings, 'popularity', 'desc').slice(0, limit).map(summaryRow);
    });
  }

  listForStaff(filter: StaffProductFilter, page: PageInput): Promise<ResultPage<Versioned<ProductDocument>>> {
    return answer(() => {
      const matching = this.all().filter(
        (doc) =>
          (filter.status === undefined || doc.status === filter.status) &&
          (filter.category === undefined || doc.category_slug === filter.category),
      );
      return pageOf(
        sortProducts(matching, 'created_at', 'desc'),
        page,
        { operation: 'staffListProducts', filter },
        copy,
      );
    });
  }

  facetRows(categories: readonly string[] | undefined): Promise<FacetRow[]> {
    return answer(() => filterProducts(this.all(), { categories }).map(facetRow));
  }

  countInCategory(category: string): Promise<number> {
    return answer(() => this.all().filter((doc) => doc.category_slug === category).length);
  }

  getClaim(kind: ClaimKind, value: string): Promise<Versioned<ProductClaim> | undefined> {
    return answer(() => this.claims.get(kind, value));
  }

  createClaim(claim: ProductClaim): Promise<Versioned<ProductClaim>> {
    return answer(() => this.claims.create(claim));
  }

  replaceClaim(claim: ProductClaim, etag: string): Promise<Versioned<ProductClaim>> {
    return answer(() => this.claims.replace(claim, etag));
  }

  deleteClaim(kind: ClaimKind, value: string, etag: string): Promise<void> {
    return answer(() => this.claims.delete(kind, value, etag));
  }

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
