import * as z from 'zod';
import { defineOperation } from '../../operation.ts';
import { IfMatchHeadersSchema, LOCATION_HEADER } from '../../common/headers.ts';
import { CursorQuerySchema, LimitQuerySchema, pageOf } from '../../common/paging.ts';
import { SlugSchema } from '../ids.ts';
import { CategoryCreateSchema, CategorySchema, CategoryUpdateSchema } from '../schemas.ts';
import { PUBLIC_CACHE, STAFF, cachedHeaders, writtenHeaders } from './shared.ts';

export const CategoryPageSchema = pageOf(CategorySchema, 'CategoryPage');

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
