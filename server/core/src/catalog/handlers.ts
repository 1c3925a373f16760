import type { catalogOperations } from '@holiday-peak-hub/contract';
import type { HandlersFor } from '../pipeline/handler.ts';
import { httpEtag } from '../platform/storage-etag.ts';
import { toBanner, toCategory, toInventory, toProduct, toProductSummary, toStaffProduct } from './mapping.ts';
import type { CatalogServices } from './services.ts';

export type CatalogOperationId = (typeof catalogOperations)[number]['operationId'];

export interface CatalogHandlerDeps {
  /** What active banners are computed for. */
  clock: () => Date;
}

const etag = (doc: { _etag: string }) => ({ ETag: httpEtag(doc._etag) });
const written = (requestId: string, ifMatch: string | undefined) => ({ requestId, ifMatch });

/**
 * The catalog's handlers: read the validated input, call a service, shape the response. Single
 * resources carry their stored version (`_etag`) as ETag. Public reads are cached by the pipeline,
 * from each operation's `cache`, not here.
 */
export function createCatalogHandlers(
  deps: CatalogHandlerDeps,
  services: CatalogServices,
): HandlersFor<CatalogOperationId> {
  const { products, categories, banners } = services;

  return {
    listProducts: async ({ input: { query } }) => {
      const { limit, cursor, ...filter } = query;
      const page = await products.list(filter, { limit, cursor }, 'listProducts');
      return { status: 200, body: { items: page.items.map(toProductSummary), next_cursor: page.nextCursor } };
    },

    searchProducts: async ({ input: { query } }) => {
      const { limit, cursor, ...filter } = query;
      const page = await products.list(filter, { limit, cursor }, 'searchProducts');
      return { status: 200, body: { items: page.items.map(toProductSummary), next_cursor: page.nextCursor } };
    },

    listFeaturedProducts: async ({ input: { query } }) => {
      const page = await products.featured(query);
      return { status: 200, body: { items: page.items.map(toProductSummary), next_cursor: page.nextCursor } };
    },

    getProductFilters: async ({ input: { query } }) => ({
      status: 200,
      body: await products.facets(query.category),
    }),

    getProduct: async ({ input: { params } }) => {
      const doc = await products.getActive(params.id);
      return { status: 200, body: toProduct(doc), headers: etag(doc) };
    },

    getProductInventory: async ({ input: { params } }) => {
      const doc = await products.getActive(params.id);
      return { status: 200, body: toInventory(doc), headers: etag(doc) };
    },

    getRelatedProducts: async ({ input: { params, query } }) => ({
      status: 200,
      body: { items: (await products.related(params.id, query.limit)).map(toProductSummary) },
    }),

    listCategories: async ({ input: { query } }) => {
      const page = await categories.list(query.parent, query);
      return { status: 200, body: { items: page.items.map(toCategory), next_cursor: page.nextCursor } };
    },

    getCategory: async ({ input: { params } }) => {
      const doc = await categories.get(params.slug);
      return { status: 200, body: toCategory(doc), headers: etag(doc) };
    },

    listActiveBanners: async ({ input: { query } }) => ({
      status: 200,
      body: { items: (await banners.active(query.placement, deps.clock())).map(toBanner) },
    }),

    staffListProducts: async ({ input: { query } }) => {
      const page = await products.staffList({ status: query.status, category: query.category }, query);
      return { status: 200, body: { items: page.items.map(toStaffProduct), next_cursor: page.nextCursor } };
    },

    staffGetProduct: async ({ input: { params } }) => {
      const doc = await products.get(params.id);
      return { status: 200, body: toStaffProduct(doc), headers: etag(doc) };
    },

    createProduct: async ({ input: { body }, requestId }) => {
      const doc = await products.create(body, written(requestId, undefined));
      return {
        status: 201,
        body: toStaffProduct(doc),
        headers: { ...etag(doc), Location: `/api/staff/products/${doc.id}` },
      };
    },

    updateProduct: async ({ input: { params, headers, body }, requestId }) => {
      const doc = await products.update(params.id, body, written(requestId, headers['if-match']));
      return { status: 200, body: toStaffProduct(doc), headers: etag(doc) };
    },

    publishProduct: async ({ input: { params, headers }, requestId }) => {
      const doc = await products.setStatus(params.id, 'active', written(requestId, headers['if-match']));
      return { status: 200, body: toStaffProduct(doc), headers: etag(doc) };
    },

    archiveProduct: async ({ input: { params, headers }, requestId }) => {
      const doc = await products.setStatus(params.id, 'archived', written(requestId, headers['if-match']));
      return { status: 200, body: toStaffProduct(doc), headers: etag(doc) };
    },

    deleteProduct: async ({ input: { params, headers }, requestId }) => {
      await products.delete(params.id, written(requestId, headers['if-match']));
      return { status: 204, body: undefined };
    },

    setVariantStock: async ({ input: { params, headers, body }, requestId }) => {
      const doc = await products.setStock(
        params.id,
        params.variant_id,
        body.stock,
        written(requestId, headers['if-match']),
      );
      return { status: 200, body: toInventory(doc), headers: etag(doc) };
    },

    createCategory: async ({ input: { body }, requestId }) => {
      const doc = await categories.create(body, written(requestId, undefined));
      return {
        status: 201,
        body: toCategory(doc),
        headers: { ...etag(doc), Location: `/api/categories/${doc.slug}` },
      };
    },

    updateCategory: async ({ input: { params, headers, body }, requestId }) => {
      const doc = await categories.update(params.slug, body, written(requestId, headers['if-match']));
      return { status: 200, body: toCategory(doc), headers: etag(doc) };
    },

    deleteCategory: async ({ input: { params, headers }, requestId }) => {
      await categories.delete(params.slug, written(requestId, headers['if-match']));
      return { status: 204, body: undefined };
    },

    staffListBanners: async ({ input: { query } }) => {
      const items = await banners.all(query.placement);
      return { status: 200, body: { items: items.map(toBanner) } };
    },

    staffGetBanner: async ({ input: { params } }) => {
      const doc = await banners.get(params.id);
      return { status: 200, body: toBanner(doc), headers: etag(doc) };
    },

    createBanner: async ({ input: { body }, requestId }) => {
      const doc = await banners.create(body, written(requestId, undefined));
      return {
        status: 201,
        body: toBanner(doc),
        headers: { ...etag(doc), Location: `/api/staff/banners/${doc.id}` },
      };
    },

    updateBanner: async ({ input: { params, headers, body }, requestId }) => {
      const doc = await banners.update(params.id, body, written(requestId, headers['if-match']));
      return { status: 200, body: toBanner(doc), headers: etag(doc) };
    },

    deleteBanner: async ({ input: { params, headers }, requestId }) => {
      await banners.delete(params.id, written(requestId, headers['if-match']));
      return { status: 204, body: undefined };
    },
  };
}
