import type { PRODUCT_SORTS } from '@holiday-peak-hub/contract';

export type ProductSort = (typeof PRODUCT_SORTS)[number];

export type SortOrder = 'asc' | 'desc';

/** The listing and search filters, as the contract's query schemas parse them. */
export interface ProductFilter {
  /** The categories to match: a browsed category and every category below it (`categoryScope`). */
  categories?: readonly string[] | undefined;
  brand?: readonly string[] | undefined;
  min_price?: number | undefined;
  max_price?: number | undefined;
  /** `name:value` pairs; all must match a product or variant attribute. */
  attr?: readonly string[] | undefined;
  in_stock?: boolean | undefined;
  /**
   * Search: every word of `q` (`searchWords`) must start a word of the product's search text
   * (name, brand, description, long description, SKU, attribute values; case and accents
   * ignored). Results whose name holds every word come first (`searchRankOf`), each rank in the sort.
   */
  q?: string | undefined;
}

/**
 * A listing or search over active products: the filters, and the sort, made total by the id in
 * the same direction (ties get one defined order, and paging never skips or repeats them).
 */
export interface ProductListQuery extends ProductFilter {
  sort: ProductSort;
  order: SortOrder;
}
