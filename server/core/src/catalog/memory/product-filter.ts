import {
  attributePairsOf,
  containsAllWords,
  searchRankOf,
  searchTextOf,
  searchWords,
  totalStockOf,
} from '@holiday-peak-hub/contract';
import type { StaffProduct } from '@holiday-peak-hub/contract';
import type { ProductFilter } from '../product-query.ts';

/**
 * What filtering reads of a product: a contract product, or a stored product document (whose
 * `search_text`, derived at every write, is what search reads, as the Cosmos DB query does).
 */
export type FilterableProduct = Pick<
  StaffProduct,
  | 'status'
  | 'category_slug'
  | 'brand'
  | 'price'
  | 'attributes'
  | 'variants'
  | 'name'
  | 'description'
  | 'long_description'
  | 'sku'
> & { search_text?: string };

/** Shoppers only ever see active products. */
export function isPublic(product: Pick<StaffProduct, 'status'>): boolean {
  return product.status === 'active';
}

/** True when every word of `q` starts a word of the product's searchable fields (`searchTextOf`). */
function matchesQuery(product: FilterableProduct, q: string): boolean {
  const words = searchWords(q);
  return words.length > 0 && containsAllWords(product.search_text ?? searchTextOf(product), words);
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
  if (filter.q !== undefined && !matchesQuery(product, filter.q)) return false;
  return true;
}

/** The active products matching every filter. */
export function filterProducts<P extends FilterableProduct>(products: Iterable<P>, filter: ProductFilter): P[] {
  const out: P[] = [];
  for (const product of products) if (isPublic(product) && matchesFilter(product, filter)) out.push(product);
  return out;
}

/**
 * Search results in rank order: the products whose name holds every word of `q` first, then the
 * others, each group in the order given (the listing sort).
 */
export function rankSearchResults<P extends Pick<StaffProduct, 'name'>>(products: readonly P[], q: string): P[] {
  const first: P[] = [];
  const rest: P[] = [];
  for (const product of products) (searchRankOf(product, q) === 0 ? first : rest).push(product);
  return [...first, ...rest];
}
