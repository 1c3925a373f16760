import * as z from 'zod';
import { defineOperation } from '../../operation.ts';
import { ETAG_HEADER, IfMatchHeadersSchema, LOCATION_HEADER } from '../../common/headers.ts';
import { CursorQuerySchema, LimitQuerySchema, pageOf } from '../../common/paging.ts';
import { BooleanQuerySchema } from '../../common/query.ts';
import { PromoCodeSchema, PromotionCreateSchema, PromotionSchema, PromotionUpdateSchema } from '../schemas.ts';

/* Promo codes, for staff: create, list, read, change and deactivate. Checkout applies them (rules in the core). */

const STAFF = ['staff'] as const;
const TAG = 'Promotions' as const;
const writtenHeaders = { ETag: ETAG_HEADER };
const codeParams = z.strictObject({ code: PromoCodeSchema });

export const PromotionPageSchema = pageOf(PromotionSchema, 'PromotionPage');

export const staffListPromotions = defineOperation({
  operationId: 'staffListPromotions',
  method: 'get',
  path: '/api/staff/promotions',
  tags: [TAG],
  summary: 'List promo codes',
  description: 'Every promo code (or only active or inactive ones), by code.',
  access: STAFF,
  request: {
    query: z.strictObject({
      active: BooleanQuerySchema.optional(),
      limit: LimitQuerySchema,
      cursor: CursorQuerySchema,
    }),
  },
  responses: { 200: { description: 'A page of promo codes.', schema: PromotionPageSchema } },
  errors: [],
});

export const createPromotion = defineOperation({
  operationId: 'createPromotion',
  method: 'post',
  path: '/api/staff/promotions',
  tags: [TAG],
  summary: 'Create a promo code',
  description:
    'Creates a promo code. Codes are case-insensitive and stored upper-case; a code that exists (in any case, active or not) is a 409. Category slugs must name existing categories (422).',
  access: STAFF,
  request: { body: PromotionCreateSchema },
  responses: {
    201: {
      description: 'Created.',
      schema: PromotionSchema,
      headers: { ...writtenHeaders, Location: LOCATION_HEADER },
    },
  },
  errors: ['CONFLICT', 'UNPROCESSABLE_ENTITY'],
  publishes: ['PromotionCreated'],
});

export const staffGetPromotion = defineOperation({
  operationId: 'staffGetPromotion',
  method: 'get',
  path: '/api/staff/promotions/{code}',
  tags: [TAG],
  summary: 'Get a promo code',
  description:
    'One promo code with its redemption count, in any case of its code; its `ETag` is what `If-Match` expects on writes (each redemption changes it).',
  access: STAFF,
  request: { params: codeParams },
  responses: { 200: { description: 'The promo code.', schema: PromotionSchema, headers: writtenHeaders } },
  errors: ['RESOURCE_NOT_FOUND'],
});

export const updatePromotion = defineOperation({
  operationId: 'updatePromotion',
  method: 'patch',
  path: '/api/staff/promotions/{code}',
  tags: [TAG],
  summary: 'Update a promo code',
  description:
    'Replaces the fields given; the code itself and the redemption count cannot change. The result must still be a whole promotion (422 otherwise). Lowering a usage limit below the redemptions made stops further ones, and takes back none. Send `If-Match` with the ETag you read to avoid overwriting a colleague.',
  access: STAFF,
  request: { params: codeParams, headers: IfMatchHeadersSchema, body: PromotionUpdateSchema },
  responses: { 200: { description: 'Updated.', schema: PromotionSchema, headers: writtenHeaders } },
  errors: ['RESOURCE_NOT_FOUND', 'PRECONDITION_FAILED', 'UNPROCESSABLE_ENTITY'],
  concurrency: 'if-match',
  publishes: ['PromotionUpdated', 'PromotionDeactivated'],
});

export const deactivatePromotion = defineOperation({
  operationId: 'deactivatePromotion',
  method: 'post',
  path: '/api/staff/promotions/{code}/deactivate',
  tags: [TAG],
  summary: 'Deactivate a promo code',
  description:
    'Stops the code at once: checkout refuses it from now on; orders that used it keep their discount. Deactivating an inactive code changes nothing. `PATCH` with `active: true` turns it back on.',
  access: STAFF,
  request: { params: codeParams, headers: IfMatchHeadersSchema },
  responses: { 200: { description: 'Deactivated.', schema: PromotionSchema, headers: writtenHeaders } },
  errors: ['RESOURCE_NOT_FOUND', 'PRECONDITION_FAILED'],
  concurrency: 'if-match',
  publishes: ['PromotionDeactivated'],
});
