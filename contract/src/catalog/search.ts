import type { StaffProduct } from './schemas.ts';

/*
 * Product search, as the server (Cosmos DB queries over fields precomputed at every write) and the
 * in-memory adapters both apply it. Written once here so the two cannot drift.
 *
 * Text is folded (accents dropped, lower case) and cut into words (runs of letters and digits). A
 * product's searchable words are kept as one string, `" " + words.join(" ")`, so "a word of the
 * product starts with w" is `text.includes(" " + w)`: Cosmos DB's `CONTAINS` and JavaScript's
 * `includes` answer the same. Every word of the query must start a word of the product (`wool`
 * finds "Wool" and "woolen", `cafe` finds "Café"); products whose name holds every word rank first.
 */

/** At most this many words of a query are searched for. */
export const MAX_SEARCH_WORDS = 10;

/** Text as search compares it: accents dropped (NFD, combining marks removed), lower case. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase();
}

/** The folded words of a text: runs of letters and digits, in order. */
export function wordsOf(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The distinct folded words of a search query, at most `MAX_SEARCH_WORDS`; none for `"--"`. */
export function searchWords(q: string): string[] {
  return [...new Set(wordsOf(q))].slice(0, MAX_SEARCH_WORDS);
}

/** What a query word is looked for in a search text: the start of a word. */
export function wordStart(word: string): string {
  return ` ${word}`;
}

/** A search text: `" "` and the distinct folded words of `texts`, separated by single spaces. */
export function searchIndexOf(texts: readonly string[]): string {
  const words = new Set<string>();
  for (const text of texts) for (const word of wordsOf(text)) words.add(word);
  return [...words].map(wordStart).join('');
}

/** The fields search looks in. */
export type SearchableProduct = Pick<
  StaffProduct,
  'name' | 'brand' | 'description' | 'long_description' | 'sku' | 'attributes' | 'variants'
>;

/**
 * What search looks in: name, brand, description, long description, SKU, and the values of the
 * product's and its variants' attributes.
 */
export function searchTextOf(product: SearchableProduct): string {
  return searchIndexOf([
    product.name,
    product.brand,
    product.description,
    product.long_description,
    product.sku,
    ...Object.values(product.attributes),
    ...product.variants.flatMap((variant) => Object.values(variant.attributes)),
  ]);
}

/** The search text of the name alone: what ranks a product first. */
export function searchNameOf(product: Pick<StaffProduct, 'name'>): string {
  return searchIndexOf([product.name]);
}

/** True when every word starts a word of the search text (true for no words). */
export function containsAllWords(searchText: string, words: readonly string[]): boolean {
  return words.every((word) => searchText.includes(wordStart(word)));
}

/** True when every word of `q` starts a word of the product's searchable fields; a `q` without words matches nothing. */
export function matchesSearch(product: SearchableProduct, q: string): boolean {
  const words = searchWords(q);
  return words.length > 0 && containsAllWords(searchTextOf(product), words);
}

/** A search result's rank: 0 when every word of `q` starts a word of the name, else 1. Lower ranks come first. */
export function searchRankOf(product: Pick<StaffProduct, 'name'>, q: string): 0 | 1 {
  return containsAllWords(searchNameOf(product), searchWords(q)) ? 0 : 1;
}
