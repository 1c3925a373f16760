import * as z from 'zod';
import { defineOperation } from '../../operation.ts';
import { IfMatchHeadersSchema, LOCATION_HEADER } from '../../common/headers.ts';
import { CursorQuerySchema, LimitQuerySchema, pageOf } from '../../common/paging.ts';
import { SlugSchema } from '../ids.ts';
import { ProductCreateSchema, ProductStatusSchema, ProductUpdateSchema, StaffProductSchema } from '../schemas.ts';
import { STAFF, productParams, writtenHeaders } from './shared.ts';

/* Catalog management: products in any status, for staff. */

export const StaffProductPageSchema = pageOf(StaffProductSchema, 'StaffProductPage');

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
  description:
    'Creates a draft product in an existing category. Slugs and SKUs are unique across the catalog; a slug may not be `search`, `featured` or `filters` (path words of the product reads).',
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
