import type { ProductFilters, StaffProduct } from './schemas.ts';

/** What facets are counted from: one row per active product. */
export interface FacetRow {
  brand: string;
  price: Pick<StaffProduct['price'], 'amount' | 'currency'>;
  attr_pairs: readonly string[];
  total_stock: number;
}

type FacetValue = ProductFilters['brands'][number];

const byCountThenValue = (a: FacetValue, b: FacetValue) => b.count - a.count || a.value.localeCompare(b.value);

function counted(counts: Map<string, number>): FacetValue[] {
  return [...counts].map(([value, count]) => ({ value, count })).sort(byCountThenValue);
}

/** Price range, brands, attribute values and availability, with counts, over the given rows. */
export function computeFacets(category: string | null, rows: readonly FacetRow[]): ProductFilters {
  const brands = new Map<string, number>();
  const attributes = new Map<string, Map<string, number>>();
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let inStock = 0;
  for (const row of rows) {
    brands.set(row.brand, (brands.get(row.brand) ?? 0) + 1);
    min = Math.min(min, row.price.amount);
    max = Math.max(max, row.price.amount);
    if (row.total_stock > 0) inStock += 1;
    for (const pair of row.attr_pairs) {
      const at = pair.indexOf(':');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const values = attributes.get(name) ?? new Map<string, number>();
      values.set(value, (values.get(value) ?? 0) + 1);
      attributes.set(name, values);
    }
  }
  const first = rows[0];
  return {
    category,
    total_products: rows.length,
    price: first ? { min, max, currency: first.price.currency } : null,
    brands: counted(brands),
    attributes: [...attributes]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, values]) => ({ name, values: counted(values) })),
    availability: { in_stock: inStock, out_of_stock: rows.length - inStock },
  };
}
