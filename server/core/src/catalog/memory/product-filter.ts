import { attributePairsOf, matchesSearch, totalStockOf } from '@holiday-peak-hub/contract';
import type { StaffProduct } from '@holiday-peak-hub/contract';
import type { ProductFilter } from '../product-query.ts';

/** What filtering reads of a product: a contract product, or a stored product document. */
export type FilterableProduct = Pick<
  StaffProduct,
  'status' | 'category_slug' | 'brand' | 'price' | 'attributes' | 'variants' | 'name' | 'description' | 'sku'
>;

/** Shoppers only ever see active products. */
export function isPublic(product: Pick<StaffProduct, 'status'>): boolean {
  return product.status === 'active';
}

export function matchesFilter(product: FilterableProduct, filter: ProductFilter): boolean {
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
export function filterProducts<P extends FilterableProduct>(products: Iterable<P>, filter: ProductFilter): P[] {
  const out: P[] = [];
  for (const product of products) if (isPublic(product) && matchesFilter(product, filter)) out.push(product);
  return out;
}
