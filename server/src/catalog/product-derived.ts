import type { ProductDocument } from './documents.ts';

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
