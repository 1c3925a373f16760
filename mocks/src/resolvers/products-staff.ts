import { defaultSeo, followSeoDefaults, stockStatusOf, totalStockOf } from '@holiday-peak-hub/contract';
import type { StaffProduct } from '@holiday-peak-hub/contract';
import { etagOf } from '../http/etag.ts';
import { changesNothing, givenFields } from './patch.ts';
import { MockHttpError, notFound } from '../http/mock-error.ts';
import { fingerprintOf, paginate, sortProducts, toInventory } from '@holiday-peak-hub/core';
import type { MockStore } from '../store/mock-store.ts';
import { checkIfMatch, staffProductOr404 } from './lookups.ts';
import type { ResolversFor } from './types.ts';

type StaffProductOps =
  | 'staffListProducts'
  | 'staffGetProduct'
  | 'createProduct'
  | 'updateProduct'
  | 'publishProduct'
  | 'archiveProduct'
  | 'deleteProduct'
  | 'setVariantStock';

/** 409 when another product already uses this slug or SKU. */
function checkUnique(store: MockStore, slug: string, sku: string, exceptId?: string): void {
  for (const other of store.products.values()) {
    if (other.id === exceptId) continue;
    if (other.slug === slug || other.sku === sku) {
      throw new MockHttpError('CONFLICT', 'Product already exists (slug or SKU taken)', {
        product_id: other.id,
        field: other.slug === slug ? 'slug' : 'sku',
      });
    }
  }
}

/** 422 when two variants share an id. */
function checkVariants(product: StaffProduct): void {
  const ids = product.variants.map((variant) => variant.variant_id);
  if (new Set(ids).size !== ids.length) {
    throw new MockHttpError('UNPROCESSABLE_ENTITY', 'Variant ids must be unique within a product', {
      variant_ids: ids,
    });
  }
}

/** Store a changed product with its derived fields recomputed; answer it with its new ETag. */
function save(store: MockStore, product: StaffProduct) {
  const saved: StaffProduct = { ...product, stock_status: stockStatusOf(totalStockOf(product)) };
  store.products.set(saved.id, saved);
  return { status: 200 as const, body: saved, headers: { ETag: etagOf(saved) } };
}

export const staffProductResolvers: ResolversFor<StaffProductOps> = {
  staffListProducts: ({ input: { query }, store }) => {
    const { status, category, limit, cursor } = query;
    const matching = [...store.products.values()].filter(
      (product) =>
        (status === undefined || product.status === status) &&
        (category === undefined || product.category_slug === category),
    );
    const sorted = sortProducts(matching, 'created_at', 'desc');
    return {
      status: 200,
      body: paginate(sorted, { limit, cursor }, fingerprintOf(['staffListProducts', status ?? null, category ?? null])),
    };
  },

  staffGetProduct: ({ input: { params }, store }) => {
    const product = staffProductOr404(store, params.id);
    return { status: 200, body: product, headers: { ETag: etagOf(product) } };
  },

  createProduct: ({ input: { body }, store, urlOf }) => {
    if (!store.categories.has(body.category_slug)) {
      throw new MockHttpError('UNPROCESSABLE_ENTITY', 'The category does not exist', {
        category_slug: body.category_slug,
      });
    }
    checkUnique(store, body.slug, body.sku);
    const at = store.now().toISOString();
    const product: StaffProduct = {
      ...body,
      id: store.nextProductId(body.category_slug),
      seo: body.seo ?? defaultSeo(body),
      stock_status: stockStatusOf(totalStockOf(body)),
      status: 'draft',
      created_at: at,
      updated_at: at,
      published_at: null,
      analytics: { views: 0, add_to_cart: 0, purchases: 0, conversion_rate: 0 },
    };
    checkVariants(product);
    const saved = save(store, product);
    return {
      status: 201,
      body: saved.body,
      headers: { ...saved.headers, Location: urlOf(`/api/staff/products/${product.id}`) },
    };
  },

  updateProduct: ({ input: { params, headers, body }, store }) => {
    const current = staffProductOr404(store, params.id);
    checkIfMatch(headers['if-match'], current, { product_id: current.id });
    const patch = givenFields(body);
    if (changesNothing(current, patch)) return { status: 200, body: current, headers: { ETag: etagOf(current) } };
    const merged: StaffProduct = { ...current, ...patch };
    const seo = body.seo ?? followSeoDefaults(current, merged);
    const updated: StaffProduct = { ...merged, seo, updated_at: store.now().toISOString() };
    checkUnique(store, updated.slug, updated.sku, updated.id);
    checkVariants(updated);
    return save(store, updated);
  },

  publishProduct: ({ input: { params, headers }, store }) => {
    const current = staffProductOr404(store, params.id);
    checkIfMatch(headers['if-match'], current, { product_id: current.id });
    if (current.status === 'active') return { status: 200, body: current, headers: { ETag: etagOf(current) } };
    const at = store.now().toISOString();
    return save(store, { ...current, status: 'active', published_at: current.published_at ?? at, updated_at: at });
  },

  archiveProduct: ({ input: { params, headers }, store }) => {
    const current = staffProductOr404(store, params.id);
    checkIfMatch(headers['if-match'], current, { product_id: current.id });
    if (current.status === 'archived') return { status: 200, body: current, headers: { ETag: etagOf(current) } };
    return save(store, { ...current, status: 'archived', updated_at: store.now().toISOString() });
  },

  deleteProduct: ({ input: { params, headers }, store }) => {
    const current = staffProductOr404(store, params.id);
    checkIfMatch(headers['if-match'], current, { product_id: current.id });
    store.products.delete(current.id);
    return { status: 204, body: undefined };
  },

  setVariantStock: ({ input: { params, headers, body }, store }) => {
    const current = staffProductOr404(store, params.id);
    checkIfMatch(headers['if-match'], current, { product_id: current.id });
    if (!current.variants.some((variant) => variant.variant_id === params.variant_id)) {
      throw notFound('Variant', { product_id: current.id, variant_id: params.variant_id });
    }
    const variants = current.variants.map((variant) =>
      variant.variant_id === params.variant_id ? { ...variant, stock: body.stock } : variant,
    );
    const saved = save(store, { ...current, variants, updated_at: store.now().toISOString() });
    return { status: 200, body: toInventory(saved.body), headers: saved.headers };
  },
};
