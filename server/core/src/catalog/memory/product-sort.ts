import type { StaffProduct } from '@holiday-peak-hub/contract';
import type { ProductSort, SortOrder } from '../product-query.ts';

/** What sorting reads of a product: a contract product, or a stored product document. */
export type SortableProduct = Pick<StaffProduct, 'id' | 'price' | 'name' | 'created_at' | 'analytics'>;

const KEYS: Record<ProductSort, (product: SortableProduct) => number | string> = {
  price: (product) => product.price.amount,
  // Cosmos DB orders strings by code point (ordinal, case-sensitive): 'ASUS' before 'Anker'.
  name: (product) => product.name,
  created_at: (product) => product.created_at,
  popularity: (product) => product.analytics.purchases,
};

function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** A sorted copy; ties broken by id (in the same direction) so paging is stable. */
export function sortProducts<P extends SortableProduct>(
  products: readonly P[],
  sort: ProductSort,
  order: SortOrder,
): P[] {
  const key = KEYS[sort];
  const sign = order === 'asc' ? 1 : -1;
  return [...products].sort((a, b) => sign * (compareKeys(key(a), key(b)) || compareKeys(a.id, b.id)));
}
