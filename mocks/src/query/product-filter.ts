import { attributePairsOf, matchesSearch, totalStockOf } from '@holiday-peak-hub/contract';
import type { PRODUCT_SORTS, StaffProduct } from '@holiday-peak-hub/contract';

export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** The listing and search filters, as the contract's query schemas parse them. */
export type ProductFilter = {
  /** The categories to match: a browsed category and every category below it (`categoryScope`). */
  categories?: readonly string[] | undefined;
  brand?: readonly string[] | undefined;
  min_price?: number | undefined;
  max_price?: number | undefined;
  /** `name:value` pairs; all must match a product or variant attribute. */
  attr?: readonly string[] | undefined;
  in_stock?: boolean | undefined;
  q?: string | undefined;
};

/** Shoppers only ever see active products. */
export function isPublic(product: StaffProduct): boolean {
  return product.status === 'active';
}

export function matchesFilter(product: StaffProduct, filter: ProductFilter): boolean {
  if (filter.categories !== undefined && !filter.categories.includes(product.category_slug)) return false;
  if (filter.brand?.length && !filter.brand.includes(product.brand)) return false;
  if (filter.min_price !== undefined && product.price.amount < filter.min_price) return false;
  if (filter.max_price !== undefined && product.price.amount > filter.max_price) return false;
  if (filter.attr?.length) {
    const pairs = attributePairsOf(product);
    if (!filter.attr.every((pair) => pairs.includes(pair))) return false;
  }
  if (filter.in_stock !== undefined && totalStockOf(product) > 0 !== filter.in_stock) return false;
  if (filter.q !== undefined && !matchesSearch(product, filter.q)) return false;
  return true;
}

/** The active products matching every filter. */
export function filterProducts(products: Iterable<StaffProduct>, filter: ProductFilter): StaffProduct[] {
  const out: StaffProduct[] = [];
  for (const product of products) if (isPublic(product) && matchesFilter(product, filter)) out.push(product);
  return out;
}
