import * as z from 'zod';
import { defineOperation } from '../../operation.ts';
import { IfMatchHeadersSchema } from '../../common/headers.ts';
import { ProductIdSchema, VariantIdSchema } from '../ids.ts';
import { InventorySchema, StockUpdateSchema } from '../schemas.ts';
import { STAFF, cachedHeaders, productRefParams, writtenHeaders } from './shared.ts';

export const getProductInventory = defineOperation({
  operationId: 'getProductInventory',
  method: 'get',
  path: '/api/products/{id}/inventory',
  tags: ['Products', 'Inventory'],
  summary: 'Stock of a product',
  description: 'Stock per variant and the overall stock status of an active product, named by its id or its slug.',
  access: 'public',
  request: { params: productRefParams },
  responses: { 200: { description: 'The stock.', schema: InventorySchema, headers: cachedHeaders } },
  errors: ['RESOURCE_NOT_FOUND'],
  cache: { maxAgeSeconds: 10, staleWhileRevalidateSeconds: 30 },
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
