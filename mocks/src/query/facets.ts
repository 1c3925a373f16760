import type { ProductFilters, StaffProduct } from '@holiday-peak-hub/contract';
import { attributePairs } from './product-filter.ts';
import { totalStock } from './stock.ts';

type FacetValue = ProductFilters['brands'][number];

const byCountThenValue = (a: FacetValue, b: FacetValue) => b.count - a.count || a.value.localeCompare(b.value);

function counted(counts: Map<string, number>): FacetValue[] {
  return [...counts].map(([value, count]) => ({ value, count })).sort(byCountThenValue);
}

/** Price range, brands, attribute values and availability, with counts, over the given (active) products. */
export function computeFacets(category: string | null, products: readonly StaffProduct[]): ProductFilters {
  const brands = new Map<string, number>();
  const attributes = new Map<string, Map<string, number>>();
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let inStock = 0;
  for (const product of products) {
    brands.set(product.brand, (brands.get(product.brand) ?? 0) + 1);
    min = Math.min(min, product.price.amount);
    max = Math.max(max, product.price.amount);
    if (totalStock(product) > 0) inStock += 1;
    for (const pair of attributePairs(product)) {
      const at = pair.indexOf(':');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const values = attributes.get(name) ?? new Map<string, number>();
      values.set(value, (values.get(value) ?? 0) + 1);
      attributes.set(name, values);
    }
  }
  const first = products[0];
  return {
    category,
    total_products: products.length,
    price: first ? { min, max, currency: first.price.currency } : null,
    brands: counted(brands),
    attributes: [...attributes]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, values]) => ({ name, values: counted(values) })),
    availability: { in_stock: inStock, out_of_stock: products.length - inStock },
  };
}
