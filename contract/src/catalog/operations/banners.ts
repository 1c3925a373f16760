import * as z from 'zod';
import { defineOperation } from '../../operation.ts';
import { IfMatchHeadersSchema, LOCATION_HEADER } from '../../common/headers.ts';
import { BannerIdSchema } from '../ids.ts';
import { BannerCreateSchema, BannerPlacementSchema, BannerSchema, BannerUpdateSchema } from '../banner-schemas.ts';
import { PUBLIC_CACHE, STAFF, cachedHeaders, writtenHeaders } from './shared.ts';

export const BannerListSchema = z.strictObject({ items: z.array(BannerSchema) }).meta({ id: 'BannerList' });

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
