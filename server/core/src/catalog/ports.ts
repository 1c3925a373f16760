import type { BannerPlacement, CategoryNode, DomainEvent, ProductStatus } from '@holiday-peak-hub/contract';
import type {
  BannerDocument,
  CategoryDocument,
  FacetRow,
  ProductDocument,
  ProductSummaryRow,
  ClaimKind,
  ProductClaim,
  Versioned,
} from './documents.ts';
import type { PageInput, ResultPage } from './page.ts';
import type { ProductListQuery } from './product-query.ts';
import type { StockChange, StockMarker, StockReturn, StockTake } from './stock-reservations.ts';

/*
 * What the catalog services need from storage: exactly the calls they make. The Cosmos DB
 * adapters (server) and the in-memory ones (`memory/`) implement these with the same semantics:
 *
 * - reads never see deleted documents; a missing one is `undefined`;
 * - `create` of a taken id or unique key (a product's slug or SKU in its category) is a
 *   `ConflictError`; `replace`/`delete` of a document whose version is no longer `etag` is a
 *   `PreconditionFailedError`, of a missing one a `NotFoundError`;
 * - every write gives the document a new `_etag`, and hands the write's events to the event
 *   publisher once the write succeeded (a failed publish does not fail the write);
 * - a `cursor` the list cannot resume from is `invalidCursor(...)` (400).
 *
 * Claims (`ProductClaim`: a product's slug, each of its SKUs) are written beside the products,
 * without events: `createClaim` of a kind and value already claimed is a `ConflictError` (the one
 * guard of slug and SKU uniqueness under concurrency), `replaceClaim`/`deleteClaim` of a claim
 * whose version is no longer `etag` a `PreconditionFailedError`, of a missing one a `NotFoundError`.
 */

/** The writes of one kind of document, each carrying the events it causes. */
export interface DocumentWrites<D> {
  create(doc: D, events: readonly DomainEvent[], now: Date): Promise<Versioned<D>>;
  /** Replaces the document if its version is still `etag`. */
  replace(doc: D, events: readonly DomainEvent[], etag: string, now: Date): Promise<Versioned<D>>;
  /** Deletes the document if its version is still `etag`. */
  delete(doc: D, events: readonly DomainEvent[], etag: string, now: Date): Promise<void>;
}

export interface StaffProductFilter {
  status?: ProductStatus | undefined;
  category?: string | undefined;
}

export interface ProductRepository extends DocumentWrites<ProductDocument> {
  /** Any status. */
  get(id: string): Promise<Versioned<ProductDocument> | undefined>;
  /** Active products matching the query, in its order; `operation` keeps cursors of listing and search apart. */
  listActive(query: ProductListQuery, page: PageInput, operation: string): Promise<ResultPage<ProductSummaryRow>>;
  /** Active featured products, newest first (ties by id, descending). */
  listFeatured(page: PageInput): Promise<ResultPage<ProductSummaryRow>>;
  /** Other active products of the product's category, best sellers first (ties by id, descending). */
  listRelated(product: ProductDocument, limit: number): Promise<ProductSummaryRow[]>;
  /** Products in any status (or one), of every category (or one), newest first (ties by id, descending). */
  listForStaff(filter: StaffProductFilter, page: PageInput): Promise<ResultPage<Versioned<ProductDocument>>>;
  /** The facet fields of the active products of these categories (all categories when undefined). */
  facetRows(categories: readonly string[] | undefined): Promise<FacetRow[]>;
  /** Products of any status in the category. */
  countInCategory(category: string): Promise<number>;
  /** The claim on a slug or a SKU: one point read. */
  getClaim(kind: ClaimKind, value: string): Promise<Versioned<ProductClaim> | undefined>;
  createClaim(claim: ProductClaim): Promise<Versioned<ProductClaim>>;
  /** Hands a claim to another product if its version is still `etag`. */
  replaceClaim(claim: ProductClaim, etag: string): Promise<Versioned<ProductClaim>>;
  /** Removes a claim if its version is still `etag`. */
  deleteClaim(kind: ClaimKind, value: string, etag: string): Promise<void>;
  /**
   * Takes `quantity` units of a variant of an active product for an order, only if it has them and
   * holds no marker `change.reservation` yet: one atomic conditional write (`variants[i].stock` and
   * `total_stock` down, the marker `reservations[key]` = quantity, `updated_at`, a new `_etag`),
   * with its `InventoryUpdated` event. Never below zero, whatever runs concurrently; the marker
   * there already answers `taken` and changes nothing.
   */
  takeStock(change: StockChange): Promise<StockTake>;
  /**
   * Gives the order's units back (the marker's quantity, not `change.quantity`; any product status)
   * and removes its marker: one atomic write conditional on the marker, with its event. Without
   * the marker nothing changes (`none`): giving back twice gives once.
   */
  returnStock(change: StockChange): Promise<StockReturn>;
  /** Removes the order's marker without giving units back (its units shipped); no marker: nothing changes. */
  commitStock(marker: StockMarker): Promise<void>;
}

export interface CategoryRepository extends DocumentWrites<CategoryDocument> {
  get(slug: string): Promise<Versioned<CategoryDocument> | undefined>;
  /** Categories (the children of `parent`, or all) in display order: `sort_order`, then slug. */
  list(parent: string | undefined, page: PageInput): Promise<ResultPage<Versioned<CategoryDocument>>>;
  /** Every category's slug and parent. */
  tree(): Promise<CategoryNode[]>;
  countChildren(slug: string): Promise<number>;
}

export interface BannerFilter {
  placement?: BannerPlacement | undefined;
  enabledOnly?: boolean;
}

export interface BannerRepository extends DocumentWrites<BannerDocument> {
  get(id: string): Promise<Versioned<BannerDocument> | undefined>;
  /** Banners of a placement (or all), highest priority first. */
  list(filter: BannerFilter): Promise<Versioned<BannerDocument>[]>;
}

/** The catalog's storage. */
export interface CatalogRepositories {
  products: ProductRepository;
  categories: CategoryRepository;
  banners: BannerRepository;
}
