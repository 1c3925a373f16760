import type { StaffProduct } from '@holiday-peak-hub/contract';

/** Lower-case words of a search query, de-duplicated (at most 10, as the server reads them). */
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

/** True when every word of `q` occurs in the product's name, brand, description or SKU (case-insensitive). */
export function productMatchesQuery(product: StaffProduct, q: string): boolean {
  const text = [product.name, product.brand, product.description, product.sku].join(' ').toLowerCase();
  return searchWords(q).every((word) => text.includes(word));
}
