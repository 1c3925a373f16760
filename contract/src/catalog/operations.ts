import { z } from '../zod.ts';
import { defineOperation } from '../operation.ts';
import { CACHE_CONTROL_HEADER, ETAG_HEADER, IfMatchHeadersSchema, LOCATION_HEADER } from '../common/headers.ts';
import { CursorQuerySchema, LimitQuerySchema, pageOf } from '../common/paging.ts';
import { BooleanQuerySchema, listQuery } from '../common/query.ts';
import { BannerIdSchema, ProductIdSchema, SlugSchema, VariantIdSchema } from './ids.ts';
import {
  BannerCreateSchema,
  BannerPlacementSchema,
  BannerSchema,
  BannerUpdateSchema,
  CategoryCreateSchema,
  CategorySchema,
  CategoryUpdateSchema,
  InventorySchema,
  ProductCreateSchema,
  ProductFiltersSchema,
  ProductSchema,
  ProductStatusSchema,
  ProductSummarySchema,
  ProductUpdateSchema,
  StaffProductSchema,
  StockUpdateSchema,
} from './schemas.ts';

/** Public catalog reads may be cached by browsers and CDNs for a minute. */
const PUBLIC_CACHE = { maxAgeSeconds: 60, staleWhileRevalidateSeconds: 300 } as const;
const cachedHeaders = { ETag: ETAG_HEADER, 'Cache-Control': CACHE_CONTROL_HEADER };
const STAFF = ['staff'] as const;

export const ProductPageSchema = pageOf(ProductSummarySchema, 'ProductPage');
export const StaffProductPageSchema = pageOf(StaffProductSchema, 'StaffProductPage');
export const CategoryPageSchema = pageOf(CategorySchema, 'CategoryPage');
export const BannerListSchema = z.strictObject({ items: z.array(BannerSchema) }).openapi('BannerList');
export const RelatedProductsSchema = z
  .strictObject({ items: z.array(ProductSummarySchema) })
  .openapi('RelatedProducts');

export const PRODUCT_SORTS = ['price', 'name', 'created_at', 'popularity'] as const;

/** A browsed category: a department (a category with subcategories) includes them all. */
const CategoryQuery = SlugSchema.optional().openapi({
  description:
    'Category slug. A department (a category with subcategories, e.g. `electronics`) includes the products of every category below it.',
  example: 'electronics-laptops',
});

const AttrFilter = z
  .string()
  .max(162)
  .regex(/^[a-z0-9_]{1,40}:[^,]{1,120}$/, 'name:value, e.g. color:Silver');

/** Filters shared by listing and search. */
const productFilterQuery = {
  brand: listQuery(z.string().min(1).max(80)).optional().openapi({ description: 'Any of these brands.' }),
  min_price: z.coerce.number().min(0).max(10_000_000).optional().openapi({ type: 'number' }),
  max_price: z.coerce.number().min(0).max(10_000_000).optional().openapi({ type: 'number' }),
  attr: listQuery(AttrFilter)
    .optional()
    .openapi({ description: 'Attribute filters `name:value`; all must match (`?attr=color:Silver&attr=ram:8GB`).' }),
  in_stock: BooleanQuerySchema.optional().openapi({ description: 'Only products with stock.' }),
  sort: z.enum(PRODUCT_SORTS).default('created_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: LimitQuerySchema,
  cursor: CursorQuerySchema,
};

export const listProducts = defineOperation({
  operationId: 'listProducts',
  method: 'get',
  path: '/api/products',
  tags: ['Products'],
  summary: 'List products',
  description:
    'Active products, filtered and sorted, a page at a time. Names sort by code point (upper case first), as Cosmos DB orders strings.',
  access: 'public',
  request: {
    query: z
      .strictObject({ category: CategoryQuery, ...productFilterQuery })
      .refine((q) => q.min_price === undefined || q.max_price === undefined || q.min_price <= q.max_price, {
        message: 'min_price must not exceed max_price',
        path: ['min_price'],
      }),
  },
  responses: { 200: { description: 'A page of products.', schema: ProductPageSchema, headers: cachedHeaders } },
  errors: [],
  cache: PUBLIC_CACHE,
});

export const searchProducts = defineOperation({
  operationId: 'searchProducts',
  method: 'get',
  path: '/api/products/search',
  tags: ['Products'],
  summary: 'Search products',
  description: 'Active products whose name, brand or description contain every word of `q`, with the listing filters.',
  access: 'public',
  request: {
    query: z.strictObject({
      q: z.string().trim().min(2).max(100).openapi({ example: 'macbook air' }),
      category: CategoryQuery,
      ...productFilterQuery,
    }),
  },
  responses: {
    200: { description: 'A page of matching products.', schema: ProductPageSchema, headers: cachedHeaders },
  },
  errors: [],
  cache: PUBLIC_CACHE,
});

export const listFeaturedProducts = defineOperation({
  operationId: 'listFeaturedProducts',
  method: 'get',
  path: '/api/products/featured',
  tags: ['Products'],
  summary: 'Featured products',
  description: 'Active products marked featured, for the homepage, newest first.',
  access: 'public',
  request: { query: z.strictObject({ limit: LimitQuerySchema, cursor: CursorQuerySchema }) },
  responses: {
    200: { description: 'A page of featured products.', schema: ProductPageSchema, headers: cachedHeaders },
  },
  errors: [],
  cache: PUBLIC_CACHE,
});

export const getProductFilters = defineOperation({
  operationId: 'getProductFilters',
  method: 'get',
  path: '/api/products/filters',
  tags: ['Products', 'Categories'],
  summary: 'Facets for filtering',
  description:
    'Price range, brands, attributes and availability with product counts, for a category or the whole catalog.',
  access: 'public',
  request: { query: z.strictObject({ category: CategoryQuery }) },
  responses: { 200: { description: 'The facets.', schema: ProductFiltersSchema, headers: cachedHeaders } },
  errors: ['RESOURCE_NOT_FOUND'],
  cache: PUBLIC_CACHE,
});

const productParams = z.strictObject({ id: ProductIdSchema });

export const getProduct = defineOperation({
  operationId: 'getProduct',
  method: 'get',
  path: '/api/products/{id}',
  tags: ['Products'],
  summary: 'Get a product',
  description: 'One active product with its variants, images, attributes and SEO fields.',
  access: 'public',
  request: { params: productParams },
  responses: { 200: { description: 'The product.', schema: ProductSchema, headers: cachedHeaders } },
  errors: ['RESOURCE_NOT_FOUND'],
  cache: PUBLIC_CACHE,
});

export const getProductInventory = defineOperation({
  operationId: 'getProductInventory',
  method: 'get',
  path: '/api/products/{id}/inventory',
  tags: ['Products', 'Inventory'],
  summary: 'Stock of a product',
  description: 'Stock per variant and the overall stock status of an active product.',
  access: 'public',
  request: { params: productParams },
  responses: { 200: { description: 'The stock.', schema: InventorySchema, headers: cachedHeaders } },
  errors: ['RESOURCE_NOT_FOUND'],
  cache: { maxAgeSeconds: 10, staleWhileRevalidateSeconds: 30 },
});

export const getRelatedProducts = defineOperation({
  operationId: 'getRelatedProducts',
  method: 'get',
  path: '/api/products/{id}/related',
  tags: ['Products'],
  summary: 'Related products',
  description: 'Other active products of the same category, best sellers first.',
  access: 'public',
  request: {
    params: productParams,
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(24).default(8).openapi({ type: 'integer' }),
    }),
  },
  responses: { 200: { description: 'Related products.', schema: RelatedProductsSchema, headers: cachedHeaders } },
  errors: ['RESOURCE_NOT_FOUND'],
  cache: PUBLIC_CACHE,
});

export const listCategories = defineOperation({
  operationId: 'listCategories',
  method: 'get',
  path: '/api/categories',
  tags: ['Categories'],
  summary: 'List categories',
  description: 'Categories in display order; `parent` narrows to the children of one category.',
  access: 'public',
  request: {
    query: z.strictObject({ parent: SlugSchema.optional(), limit: LimitQuerySchema, cursor: CursorQuerySchema }),
  },
  responses: { 200: { description: 'A page of categories.', schema: CategoryPageSchema, headers: cachedHeaders } },
  errors: [],
  cache: PUBLIC_CACHE,
});

const categoryParams = z.strictObject({ slug: SlugSchema });

export const getCategory = defineOperation({
  operationId: 'getCategory',
  method: 'get',
  path: '/api/categories/{slug}',
  tags: ['Categories'],
  summary: 'Get a category',
  description: 'One category by its slug.',
  access: 'public',
  request: { params: categoryParams },
  responses: { 200: { description: 'The category.', schema: CategorySchema, headers: cachedHeaders } },
  errors: ['RESOURCE_NOT_FOUND'],
  cache: PUBLIC_CACHE,
});

export const listActiveBanners = defineOperation({
  operationId: 'listActiveBanners',
  method: 'get',
  path: '/api/banners/active',
  tags: ['Banners'],
  summary: 'Active banners',
  description: 'Banners enabled and within their schedule now, highest priority first.',
  access: 'public',
  request: { query: z.strictObject({ placement: BannerPlacementSchema.optional() }) },
  responses: { 200: { description: 'The active banners.', schema: BannerListSchema, headers: cachedHeaders } },
  errors: [],
  cache: PUBLIC_CACHE,
});

// ---- Catalog management (staff) -------------------------------------------------------------

const writtenHeaders = { ETag: ETAG_HEADER };

export const staffListProducts = defineOperation({
  operationId: 'staffListProducts',
  method: 'get',
  path: '/api/staff/products',
  tags: ['Catalog management'],
  summary: 'List products in any status',
  description: 'Drafts, active and archived products, newest first; filter by status and category.',
  access: STAFF,
  request: {
    query: z.strictObject({
      status: ProductStatusSchema.optional(),
      category: SlugSchema.optional(),
      limit: LimitQuerySchema,
      cursor: CursorQuerySchema,
    }),
  },
  responses: { 200: { description: 'A page of products.', schema: StaffProductPageSchema } },
  errors: [],
});

export const staffGetProduct = defineOperation({
  operationId: 'staffGetProduct',
  method: 'get',
  path: '/api/staff/products/{id}',
  tags: ['Catalog management'],
  summary: 'Get a product in any status',
  description: 'The product with its analytics; its `ETag` is what `If-Match` expects on writes.',
  access: STAFF,
  request: { params: productParams },
  responses: { 200: { description: 'The product.', schema: StaffProductSchema, headers: writtenHeaders } },
  errors: ['RESOURCE_NOT_FOUND'],
});

export const createProduct = defineOperation({
  operationId: 'createProduct',
  method: 'post',
  path: '/api/staff/products',
  tags: ['Catalog management'],
  summary: 'Create a product',
  description: 'Creates a draft product in an existing category. Slugs and SKUs are unique.',
  access: STAFF,
  request: { body: ProductCreateSchema },
  responses: {
    201: {
      description: 'Created.',
      schema: StaffProductSchema,
      headers: { ...writtenHeaders, Location: LOCATION_HEADER },
    },
  },
  errors: ['CONFLICT', 'UNPROCESSABLE_ENTITY'],
  publishes: ['ProductCreated'],
});

export const updateProduct = defineOperation({
  operationId: 'updateProduct',
  method: 'patch',
  path: '/api/staff/products/{id}',
  tags: ['Catalog management'],
  summary: 'Update a product',
  description:
    'Replaces the fields given. Unless the body sets `seo`, each SEO field still at its default (title from the name, description from the description, canonical URL from the slug) follows a new name, description or slug; fields edited by hand stay. Send `If-Match` with the ETag you read to avoid overwriting a colleague.',
  access: STAFF,
  request: { params: productParams, headers: IfMatchHeadersSchema, body: ProductUpdateSchema },
  responses: { 200: { description: 'Updated.', schema: StaffProductSchema, headers: writtenHeaders } },
  errors: ['RESOURCE_NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED', 'UNPROCESSABLE_ENTITY'],
  concurrency: 'if-match',
  publishes: ['ProductUpdated'],
});

export const publishProduct = defineOperation({
  operationId: 'publishProduct',
  method: 'post',
  path: '/api/staff/products/{id}/publish',
  tags: ['Catalog management'],
  summary: 'Publish a product',
  description:
    'Makes a draft or archived product `active`, visible to shoppers. Publishing an active product changes nothing.',
  access: STAFF,
  request: { params: productParams, headers: IfMatchHeadersSchema },
  responses: { 200: { description: 'Published.', schema: StaffProductSchema, headers: writtenHeaders } },
  errors: ['RESOURCE_NOT_FOUND', 'PRECONDITION_FAILED'],
  concurrency: 'if-match',
  publishes: ['ProductUpdated'],
});

export const archiveProduct = defineOperation({
  operationId: 'archiveProduct',
  method: 'post',
  path: '/api/staff/products/{id}/archive',
  tags: ['Catalog management'],
  summary: 'Archive a product',
  description: 'Hides a product from shoppers without deleting it. Archiving an archived product changes nothing.',
  access: STAFF,
  request: { params: productParams, headers: IfMatchHeadersSchema },
  responses: { 200: { description: 'Archived.', schema: StaffProductSchema, headers: writtenHeaders } },
  errors: ['RESOURCE_NOT_FOUND', 'PRECONDITION_FAILED'],
  concurrency: 'if-match',
  publishes: ['ProductUpdated'],
});

export const deleteProduct = defineOperation({
  operationId: 'deleteProduct',
  method: 'delete',
  path: '/api/staff/products/{id}',
  tags: ['Catalog management'],
  summary: 'Delete a product',
  description: 'Deletes a product for good. Prefer archiving products that were ever sold.',
  access: STAFF,
  request: { params: productParams, headers: IfMatchHeadersSchema },
  responses: { 204: { description: 'Deleted.' } },
  errors: ['RESOURCE_NOT_FOUND', 'PRECONDITION_FAILED'],
  concurrency: 'if-match',
  publishes: ['ProductDeleted'],
});

export const setVariantStock = defineOperation({
  operationId: 'setVariantStock',
  method: 'put',
  path: '/api/staff/products/{id}/variants/{variant_id}/stock',
  tags: ['Catalog management', 'Inventory'],
  summary: 'Set the stock of a variant',
  description: 'Sets units on hand (absolute, so repeating the call is harmless).',
  access: STAFF,
  request: {
    params: z.strictObject({ id: ProductIdSchema, variant_id: VariantIdSchema }),
    headers: IfMatchHeadersSchema,
    body: StockUpdateSchema,
  },
  responses: {
    200: { description: "The product's stock after the change.", schema: InventorySchema, headers: writtenHeaders },
  },
  errors: ['RESOURCE_NOT_FOUND', 'PRECONDITION_FAILED'],
  concurrency: 'if-match',
  publishes: ['InventoryUpdated'],
});

export const createCategory = defineOperation({
  operationId: 'createCategory',
  method: 'post',
  path: '/api/staff/categories',
  tags: ['Catalog management'],
  summary: 'Create a category',
  description: 'Creates a category; its parent, when given, must exist.',
  access: STAFF,
  request: { body: CategoryCreateSchema },
  responses: {
    201: { description: 'Created.', schema: CategorySchema, headers: { ...writtenHeaders, Location: LOCATION_HEADER } },
  },
  errors: ['CONFLICT', 'UNPROCESSABLE_ENTITY'],
  publishes: ['CategoryCreated'],
});

export const updateCategory = defineOperation({
  operationId: 'updateCategory',
  method: 'patch',
  path: '/api/staff/categories/{slug}',
  tags: ['Catalog management'],
  summary: 'Update a category',
  description: 'Replaces the fields given. The slug is fixed: products carry it in their ids.',
  access: STAFF,
  request: { params: categoryParams, headers: IfMatchHeadersSchema, body: CategoryUpdateSchema },
  responses: { 200: { description: 'Updated.', schema: CategorySchema, headers: writtenHeaders } },
  errors: ['RESOURCE_NOT_FOUND', 'PRECONDITION_FAILED', 'UNPROCESSABLE_ENTITY'],
  concurrency: 'if-match',
  publishes: ['CategoryUpdated'],
});

export const deleteCategory = defineOperation({
  operationId: 'deleteCategory',
  method: 'delete',
  path: '/api/staff/categories/{slug}',
  tags: ['Catalog management'],
  summary: 'Delete a category',
  description: 'Deletes an empty category: one with products or child categories is refused with 409.',
  access: STAFF,
  request: { params: categoryParams, headers: IfMatchHeadersSchema },
  responses: { 204: { description: 'Deleted.' } },
  errors: ['RESOURCE_NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED'],
  concurrency: 'if-match',
  publishes: ['CategoryDeleted'],
});

const bannerParams = z.strictObject({ id: BannerIdSchema });

export const staffListBanners = defineOperation({
  operationId: 'staffListBanners',
  method: 'get',
  path: '/api/staff/banners',
  tags: ['Catalog management'],
  summary: 'List all banners',
  description: 'Every banner, scheduled, running, ended or disabled, highest priority first.',
  access: STAFF,
  request: { query: z.strictObject({ placement: BannerPlacementSchema.optional() }) },
  responses: { 200: { description: 'The banners.', schema: BannerListSchema } },
  errors: [],
});

export const createBanner = defineOperation({
  operationId: 'createBanner',
  method: 'post',
  path: '/api/staff/banners',
  tags: ['Catalog management'],
  summary: 'Create a banner',
  description: 'Creates a banner for a placement and a schedule.',
  access: STAFF,
  request: { body: BannerCreateSchema },
  responses: {
    201: { description: 'Created.', schema: BannerSchema, headers: { ...writtenHeaders, Location: LOCATION_HEADER } },
  },
  errors: [],
  publishes: ['BannerCreated'],
});

export const staffGetBanner = defineOperation({
  operationId: 'staffGetBanner',
  method: 'get',
  path: '/api/staff/banners/{id}',
  tags: ['Catalog management'],
  summary: 'Get a banner',
  description: 'One banner, whatever its schedule; its `ETag` is what `If-Match` expects on writes.',
  access: STAFF,
  request: { params: bannerParams },
  responses: { 200: { description: 'The banner.', schema: BannerSchema, headers: writtenHeaders } },
  errors: ['RESOURCE_NOT_FOUND'],
});

export const updateBanner = defineOperation({
  operationId: 'updateBanner',
  method: 'patch',
  path: '/api/staff/banners/{id}',
  tags: ['Catalog management'],
  summary: 'Update a banner',
  description: 'Replaces the fields given.',
  access: STAFF,
  request: { params: bannerParams, headers: IfMatchHeadersSchema, body: BannerUpdateSchema },
  responses: { 200: { description: 'Updated.', schema: BannerSchema, headers: writtenHeaders } },
  errors: ['RESOURCE_NOT_FOUND', 'PRECONDITION_FAILED', 'UNPROCESSABLE_ENTITY'],
  concurrency: 'if-match',
  publishes: ['BannerUpdated'],
});

export const deleteBanner = defineOperation({
  operationId: 'deleteBanner',
  method: 'delete',
  path: '/api/staff/banners/{id}',
  tags: ['Catalog management'],
  summary: 'Delete a banner',
  description: 'Deletes a banner.',
  access: STAFF,
  request: { params: bannerParams, headers: IfMatchHeadersSchema },
  responses: { 204: { description: 'Deleted.' } },
  errors: ['RESOURCE_NOT_FOUND', 'PRECONDITION_FAILED'],
  concurrency: 'if-match',
  publishes: ['BannerDeleted'],
});

export const catalogOperations = [
  listProducts,
  searchProducts,
  listFeaturedProducts,
  getProductFilters,
  getProduct,
  getProductInventory,
  getRelatedProducts,
  listCategories,
  getCategory,
  listActiveBanners,
  staffListProducts,
  staffGetProduct,
  createProduct,
  updateProduct,
  publishProduct,
  archiveProduct,
  deleteProduct,
  setVariantStock,
  createCategory,
  updateCategory,
  deleteCategory,
  staffListBanners,
  staffGetBanner,
  createBanner,
  updateBanner,
  deleteBanner,
] as const;
