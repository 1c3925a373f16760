import type { SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import { searchWords, wordStart } from '@holiday-peak-hub/contract';
import type { ProductFilter, ProductListQuery, ProductSort } from '@holiday-peak-hub/core';

const SORT_PATHS: Record<ProductSort, string> = {
  price: 'c.price.amount',
  name: 'c.name',
  created_at: 'c.created_at',
  popularity: 'c.analytics.purchases',
};

export const SUMMARY_PROJECTION =
  'SELECT c.id, c.name, c.slug, c.category_slug, c.brand, c.price, c.images, c.total_stock, c.featured FROM c';

/**
 * The parameterised queries of a product listing or search over active products, sorted by the
 * chosen field and then by id in the same direction (ties in price, name or popularity get one
 * defined order, the mocks' order, and paging never skips or repeats them; the composite indexes
 * of the products container serve these). With one category it names the partition key in WHERE
 * (`c.category_slug = @category`): one partition is read; a department reads exactly its
 * subcategories' partitions (`IN`).
 *
 * A listing is one query. A search is two, read one after the other (`queryPhasedPage`): the
 * products whose `search_name` holds every word of `q`, then the others; both require every word
 * in `search_text` (as the start of a word: `CONTAINS(c.search_text, " " + word)`, over the folded
 * words precomputed at every write).
 */
export function activeProductsQueries(filter: ProductListQuery): SqlQuerySpec[] {
  const { where, parameters, wordParams } = activeProductsWhere(filter);
  const direction = filter.order === 'asc' ? 'ASC' : 'DESC';
  const orderBy = `ORDER BY ${SORT_PATHS[filter.sort]} ${direction}, c.id ${direction}`;
  const spec = (condition: string) => ({
    query: `${SUMMARY_PROJECTION} WHERE ${condition} ${orderBy}`,
    parameters,
  });
  if (wordParams.length === 0) return [spec(where)];
  const byName = wordParams.map((name) => `CONTAINS(c.search_name, ${name})`).join(' AND ');
  return [spec(`${where} AND ${byName}`), spec(`${where} AND NOT (${byName})`)];
}

/** The WHERE clause (and its parameters) selecting the active products a filter names. */
export function activeProductsWhere(filter: ProductFilter): {
  where: string;
  parameters: SqlParameter[];
  /** The parameters holding the search words (`" " + word`), for ranking. */
  wordParams: string[];
} {
  const where = ["c.status = 'active'", 'NOT IS_DEFINED(c.deleted_at)'];
  const parameters: SqlParameter[] = [];
  const param = (name: string, value: string | number) => {
    parameters.push({ name, value });
    return name;
  };
  const [only, ...more] = filter.categories ?? [];
  if (only !== undefined && more.length === 0) where.unshift(`c.category_slug = ${param('@category', only)}`);
  else if (only !== undefined) {
    const names = [only, ...more].map((slug, i) => param(`@category${i}`, slug));
    where.unshift(`c.category_slug IN (${names.join(', ')})`);
  }
  if (filter.brand?.length) {
    where.push(`c.brand IN (${filter.brand.map((brand, i) => param(`@brand${i}`, brand)).join(', ')})`);
  }
  if (filter.min_price !== undefined) where.push(`c.price.amount >= ${param('@minPrice', filter.min_price)}`);
  if (filter.max_price !== undefined) where.push(`c.price.amount <= ${param('@maxPrice', filter.max_price)}`);
  filter.attr?.forEach((pair, i) => where.push(`ARRAY_CONTAINS(c.attr_pairs, ${param(`@attr${i}`, pair)})`));
  if (filter.in_stock === true) where.push('c.total_stock > 0');
  if (filter.in_stock === false) where.push('c.total_stock = 0');
  const wordParams =
    filter.q === undefined ? [] : searchWords(filter.q).map((word, i) => param(`@word${i}`, wordStart(word)));
  wordParams.forEach((name) => where.push(`CONTAINS(c.search_text, ${name})`));
  return { where: where.join(' AND '), parameters, wordParams };
}
