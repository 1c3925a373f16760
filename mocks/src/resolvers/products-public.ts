import { categoryScope } from '@holiday-peak-hub/contract';
import type { MockStore } from '../store/mock-store.ts';
import { etagOf } from '../http/etag.ts';
import {
  facetsOf,
  filterProducts,
  isPublic,
  sortProducts,
  fingerprintOf,
  paginate,
  toInventory,
  toProduct,
  toSummary,
} from '@holiday-peak-hub/core';
import { categoryOr404, publicProductOr404 } from './lookups.ts';
import type { ResolversFor } from './types.ts';

type PublicProductOps =
  | 'listProducts'
  | 'searchProducts'
  | 'listFeaturedProducts'
  | 'getProductFilters'
  | 'getProduct'
  | 'getProductInventory'
  | 'getRelatedProducts';

/** A browsed category and every category below it, as the server reads them. */
function scopeOf(store: MockStore, category: string | undefined): string[] | undefined {
  return category === undefined ? undefined : categoryScope([...store.categories.values()], category);
}

export const publicProductResolvers: ResolversFor<PublicProductOps> = {
  listProducts: ({ input: { query }, store }) => {
    const { sort, order, limit, cursor, category, ...rest } = query;
    const filter = { ...rest, categories: scopeOf(store, category) };
    const sorted = sortProducts(filterProducts(store.products.values(), filter), sort, order);
    const page = paginate(sorted, { limit, cursor }, fingerprintOf(['listProducts', filter, sort, order]));
    return { status: 200, body: { items: page.items.map(toSummary), next_cursor: page.next_cursor } };
  },

  searchProducts: ({ input: { query }, store }) => {
    const { sort, order, limit, cursor, category, ...rest } = query;
    const filter = { ...rest, categories: scopeOf(store, category) };
    const sorted = sortProducts(filterProducts(store.products.values(), filter), sort, order);
    const page = paginate(sorted, { limit, cursor }, fingerprintOf(['searchProducts', filter, sort, order]));
    return { status: 200, body: { items: page.items.map(toSummary), next_cursor: page.next_cursor } };
  },

  listFeaturedProducts: ({ input: { query }, store }) => {
    const featured = [...store.products.values()].filter((product) => isPublic(product) && product.featured);
    const page = paginate(sortProducts(featured, 'created_at', 'desc'), query, fingerprintOf(['listFeaturedProducts']));
    return { status: 200, body: { items: page.items.map(toSummary), next_cursor: page.next_cursor } };
  },

  getProductFilters: ({ input: { query }, store }) => {
    if (query.category !== undefined) categoryOr404(store, query.category);
    const products = filterProducts(store.products.values(), { categories: scopeOf(store, query.category) });
    return { status: 200, body: facetsOf(query.category ?? null, products) };
  },

  getProduct: ({ input: { params }, store }) => {
    const product = publicProductOr404(store, params.id);
    return { status: 200, body: toProduct(product), headers: { ETag: etagOf(product) } };
  },

  getProductInventory: ({ input: { params }, store }) => {
    const product = publicProductOr404(store, params.id);
    return { status: 200, body: toInventory(product) };
  },

  getRelatedProducts: ({ input: { params, query }, store }) => {
    const product = publicProductOr404(store, params.id);
    const siblings = filterProducts(store.products.values(), { categories: [product.category_slug] }).filter(
      (other) => other.id !== product.id,
    );
    const items = sortProducts(siblings, 'popularity', 'desc').slice(0, query.limit).map(toSummary);
    return { status: 200, body: { items } };
  },
};
