import * as z from 'zod';
import { defineOperation } from '../../operation.ts';
import { CursorQuerySchema, LimitQuerySchema, pageOf } from '../../common/paging.ts';
import { BooleanQuerySchema, decimalQuery, integerQuery, listQuery } from '../../common/query.ts';
import { safeText } from '../../common/text.ts';
import { SlugSchema } from '../ids.ts';
import { ProductFiltersSchema, ProductSchema, ProductSummarySchema } from '../schemas.ts';
import { PUBLIC_CACHE, cachedHeaders, productRefParams } from './shared.ts';

export const ProductPageSchema = pageOf(ProductSummarySchema, 'ProductPage');
export const RelatedProductsSchema = z
  .strictObject({ items: z.array(ProductSummarySchema) })
  .meta({ id: 'RelatedProducts' });

export const PRODUCT_SORTS = ['price', 'name', 'created_at', 'popularity'] as const;

/**
 * A browsed category: a department (a category with subcategories) includes them all. Still the `Slug` component
 * (`id`), with this description (zod's `.meta()` does not pass an `id` on to a derived schema).
 */
const CategoryQuery = SlugSchema.optional().meta({
  id: 'Slug',
  description:
    'Category slug. A department (a category with subcategories, e.g. `electronics`) includes the products of every category below it.',
  example: 'electronics-laptops',
});

const AttrFilter = safeText()
  .max(162)
  .regex(/^[a-z0-9_]{1,40}:[^,]{1,120}$/, 'name:value, e.g. color:Silver');

/** Filters shared by listing and search. */
const productFilterQuery = {
  brand: listQuery(safeText().min(1).max(80)).optional().meta({ description: 'Any of these brands.' }),
  min_price: decimalQuery(0, 10_000_000).optional(),
  max_price: decimalQuery(0, 10_000_000).optional(),
  attr: listQuery(AttrFilter)
    .optional()
    .meta({ description: 'Attribute filters `name:value`; all must match (`?attr=color:Silver&attr=ram:8GB`).' }),
  in_stock: BooleanQuerySchema.optional().meta({ description: 'Only products with stock.' }),
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
  description:
    'Active products in which every word of `q` starts a word of the name, brand, description, long description, SKU or an attribute value (product or variant), ignoring case and accents: `wool` finds "Merino wool" and "woolen", `cafe` finds "Café". Products whose name holds every word come first, then the others; each group in the chosen sort. The listing filters apply. A `q` without letters or digits finds nothing.',
  access: 'public',
  request: {
    query: z.strictObject({
      q: safeText(z.string().trim())
        .min(2)
        .max(100)
        .meta({ description: 'Words to find (at most 10 are used).', example: 'merino wool' }),
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

export const getProduct = defineOperation({
  operationId: 'getProduct',
  method: 'get',
  path: '/api/products/{id}',
  tags: ['Products'],
  summary: 'Get a product',
  description:
    'One active product with its variants, images, attributes and SEO fields, by its id or by its slug (the product page `/product/<slug>` of `seo.canonical_url`). An id or slug that names no active product is a 404.',
  access: 'public',
  request: { params: productRefParams },
  responses: { 200: { description: 'The product.', schema: ProductSchema, headers: cachedHeaders } },
  errors: ['RESOURCE_NOT_FOUND'],
  cache: PUBLIC_CACHE,
});

export const getRelatedProducts = defineOperation({
  operationId: 'getRelatedProducts',
  method: 'get',
  path: '/api/products/{id}/related',
  tags: ['Products'],
  summary: 'Related products',
  description:
    'Other active products of the same category, best sellers first. The product is named by its id or its slug.',
  access: 'public',
  request: {
    params: productRefParams,
    query: z.strictObject({
      limit: integerQuery(1, 24).default(8),
    }),
  },
  responses: { 200: { description: 'Related products.', schema: RelatedProductsSchema, headers: cachedHeaders } },
  errors: ['RESOURCE_NOT_FOUND'],
  cache: PUBLIC_CACHE,
});
