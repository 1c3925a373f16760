import { attributePairsOf, searchNameOf, searchTextOf, totalStockOf } from '@holiday-peak-hub/contract';
import type { ProductDocument } from './documents.ts';

type Derivable = Pick<
  ProductDocument,
  'name' | 'brand' | 'description' | 'long_description' | 'sku' | 'attributes' | 'variants'
>;

/** The query fields derived from a product's content; recomputed on every write. */
export function derivedFields(
  product: Derivable,
): Pick<ProductDocument, 'search_text' | 'search_name' | 'attr_pairs' | 'total_stock'> {
  return {
    search_text: searchTextOf(product),
    search_name: searchNameOf(product),
    attr_pairs: attributePairsOf(product),
    total_stock: totalStockOf(product),
  };
}
