import type { ProductFilters } from '@holiday-peak-hub/contract';
import type { FacetRow } from './documents.ts';

const byCountThenValue = (a: { value: string; count: number }, b: { value: string; count: number }) =>
  b.count - a.count || a.value.localeCompare(b.value);

function counted(counts: Map<string, number>) {
  return [...counts].map(([value, count]) => ({ value, count })).sort(byCountThenValue);
}

/**
 * Facets over the rows of one projection query (the stand-in has no GROUP BY, and one query is
 * cheaper than one per facet anyway): price range, brands, attribute values, availability.
 */
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
      const values = attributes.get(name) ?? new Map<string, number>();
      values.set(pair.slice(at + 1), (values.get(pair.slice(at + 1)) ?? 0) + 1);
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
