import type { catalogOperations } from '@holiday-peak-hub/contract';
import type { HandlersFor } from '../pipeline/handler.ts';
import type { CatalogCache } from '../platform/cache/catalog-cache.ts';
import { httpEtag } from '../platform/storage-etag.ts';
import type { Logger } from '../ports/logger.ts';
import { cachedRead, type CacheKeyInput } from './cached-read.ts';
import { toBanner, toCategory, toInventory, toProduct, toProductSummary, toStaffProduct } from './mapping.ts';
import type { CatalogServices } from './services.ts';

export type CatalogOperationId = (typeof catalogOperations)[number]['operationId'];

export interface CatalogHandlerDeps {
  /** In front of the public reads. */
  cache: CatalogCache;
  /** What active banners are computed for. */
  clock: () => Date;
  logger: Logger;
}

const etag = (doc: { _etag: string }) => ({ ETag: httpEtag(doc._etag) });
const written = (requestId: string, ifMatch: string | undefined) => ({ requestId, ifMatch });

/**
 * The catalog's handlers: read the validated input, call a service, shape the response. Public
 * reads go through the catalog cache; single resources carry their stored version (`_etag`) as ETag.
 */
export function createCatalogHandlers(
  deps: CatalogHandlerDeps,
  services: CatalogServices,
): HandlersFor<CatalogOperationId> {
  const { products, categories, banners } = services;
  const cached = <B>(key: CacheKeyInput, load: () => Promise<{ body: B; etag?: string }>) =>
    cachedRead(deps.cache, deps.logger, key, load);
  const withEtag = (value: { etag?: string }) => (value.etag ? { ETag: value.etag } : undefined);

  return {
    listProducts: async ({ input: { query } }) => {
      const { limit, cursor, ...filter } = query;
      const { body } = await cached({ operation: 'listProducts', query }, async () => {
        const page = await products.list(filter, { limit, cursor }, 'listProducts');
        return { body: { items: page.items.map(toProductSummary), next_cursor: page.nextCursor } };
      });
      return { status: 200, body };
    },

    searchProducts: async ({ input: { query } }) => {
      const { limit, cursor, ...filter } = query;
      const { body } = await cached({ operation: 'searchProducts', query }, async () => {
        const page = await products.list(filter, { limit, cursor }, 'searchProducts');
        return { body: { items: page.items.map(toProductSummary), next_cursor: page.nextCursor } };
      });
      return { status: 200, body };
    },

    listFeaturedProducts: async ({ input: { query } }) => {
      const { body } = await cached({ operation: 'listFeaturedProducts', query }, async () => {
        const page = await products.featured(query);
        return { body: { items: page.items.map(toProductSummary), next_cursor: page.nextCursor } };
      });
      return { status: 200, body };
    },

    getProductFilters: async ({ input: { query } }) => {
      const { body } = await cached({ operation: 'getProductFilters', query }, async () => ({
        body: await products.facets(query.category),
      }));
      return { status: 200, body };
    },

    getProduct: async ({ input: { params } }) => {
      const result = await cached({ operation: 'getProduct', params }, async () => {
        const doc = await products.getActive(params.id);
        return { body: toProduct(doc), etag: httpEtag(doc._etag) };
      });
      return { status: 200, body: result.body, headers: withEtag(result) };
    },

    getProductInventory: async ({ input: { params } }) => {
      const result = await cached({ operation: 'getProductInventory', params }, async () => {
        const doc = await products.getActive(params.id);
        return { body: toInventory(doc), etag: httpEtag(doc._etag) };
      });
      return { status: 200, body: result.body, headers: withEtag(result) };
    },

    getRelatedProducts: async ({ input: { params, query } }) => {
      const { body } = await cached({ operation: 'getRelatedProducts', params, query }, async () => ({
        body: { items: (await products.related(params.id, query.limit)).map(toProductSummary) },
      }));
      return { status: 200, body };
    },

    listCategories: async ({ input: { query } }) => {
      const { body } = await cached({ operation: 'listCategories', query }, async () => {
        const page = await categories.list(query.parent, query);
        return { body: { items: page.items.map(toCategory), next_cursor: page.nextCursor } };
      });
      return { status: 200, body };
    },

    getCategory: async ({ input: { params } }) => {
      const result = await cached({ operation: 'getCategory', params }, async () => {
        const doc = await categories.get(params.slug);
        return { body: toCategory(doc), etag: httpEtag(doc._etag) };
      });
      return { status: 200, body: result.body, headers: withEtag(result) };
    },

    listActiveBanners: async ({ input: { query } }) => {
      const now = deps.clock();
      // The minute is part of the key: a banner starts or ends at most a minute late.
      const minute = now.toISOString().slice(0, 16);
      const { body } = await cached({ operation: 'listActiveBanners', query, asOf: minute }, async () => ({
        body: { items: (await banners.active(query.placement, now)).map(toBanner) },
      }));
      return { status: 200, body };
    },

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
