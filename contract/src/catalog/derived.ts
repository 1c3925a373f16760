import type { StaffProduct } from './schemas.ts';

/**
 * Catalog rules the server (in Cosmos DB queries over precomputed fields) and the mocks (in memory)
 * both apply. Written once here so the two cannot drift.
 */

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
