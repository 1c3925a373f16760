import { attributePairsOf, computeFacets, totalStockOf } from '@holiday-peak-hub/contract';
import type { ProductFilters, StaffProduct } from '@holiday-peak-hub/contract';

/** Facets over in-memory products, through the contract's one facet rule (the server's too). */
export function facetsOf(category: string | null, products: readonly StaffProduct[]): ProductFilters {
  return computeFacets(
    category,
    products.map((product) => ({
      brand: product.brand,
      price: product.price,
      attr_pairs: attributePairsOf(product),
      total_stock: totalStockOf(product),
    })),
  );
}
