import type { StockStatus } from '@holiday-peak-hub/contract';
import type { ProductDocument } from './documents.ts';

/** `low_stock` at 5 units or fewer (contract: StockStatus). */
export const LOW_STOCK_THRESHOLD = 5;

export function stockStatus(units: number): StockStatus {
  if (units <= 0) return 'out_of_stock';
  return units <= LOW_STOCK_THRESHOLD ? 'low_stock' : 'in_stock';
}

/** Lower-case words of a search query, de-duplicated. */
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

type Derivable = Pick<ProductDocument, 'name' | 'brand' | 'description' | 'sku' | 'attributes' | 'variants'>;

/** The query fields derived from a product's content; recomputed on every write. */
export function derivedFields(product: Derivable): Pick<ProductDocument, 'search_text' | 'attr_pairs' | 'total_stock'> {
  const pairs = new Set<string>();
  for (const [name, value] of Object.entries(product.attributes)) pairs.add(`${name}:${value}`);
  for (const variant of product.variants) {
    for (const [name, value] of Object.entries(variant.attributes)) pairs.add(`${name}:${value}`);
  }
  return {
    search_text: [product.name, product.brand, product.description, product.sku].join(' ').toLowerCase(),
    attr_pairs: [...pairs].sort(),
    total_stock: product.variants.reduce((sum, variant) => sum + variant.stock, 0),
  };
}
