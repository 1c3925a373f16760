import type { StaffProduct } from './schemas.ts';

/**
 * Catalog rules the server (in Cosmos DB queries over precomputed fields) and the mocks (in memory)
 * both apply. Written once here so the two cannot drift.
 */

/** Lower-case words of a search query, de-duplicated, at most 10. */
export function searchWords(q: string): string[] {
  return [
    ...new Set(
      q
        .toLowerCase()
        .split(/\s+/)
        .filter((word) => word.length > 0),
    ),
  ].slice(0, 10);
}

/** What search looks in: name, brand, description and SKU, lower case. */
export function searchTextOf(product: Pick<StaffProduct, 'name' | 'brand' | 'description' | 'sku'>): string {
  return [product.name, product.brand, product.description, product.sku].join(' ').toLowerCase();
}

/** True when every word of `q` occurs in the product's search text. */
export function matchesSearch(
  product: Pick<StaffProduct, 'name' | 'brand' | 'description' | 'sku'>,
  q: string,
): boolean {
  const text = searchTextOf(product);
  return searchWords(q).every((word) => text.includes(word));
}

/** Every `name:value` a product offers (its own attributes and its variants'), sorted. */
export function attributePairsOf(product: Pick<StaffProduct, 'attributes' | 'variants'>): string[] {
  const pairs = new Set<string>();
  for (const [name, value] of Object.entries(product.attributes)) pairs.add(`${name}:${value}`);
  for (const variant of product.variants) {
    for (const [name, value] of Object.entries(variant.attributes)) pairs.add(`${name}:${value}`);
  }
  return [...pairs].sort();
}

/** Units on hand over every variant. */
export function totalStockOf(product: Pick<StaffProduct, 'variants'>): number {
  return product.variants.reduce((sum, variant) => sum + variant.stock, 0);
}
