import * as z from 'zod';
import { eventEnvelope } from './envelope.ts';
import { BannerIdSchema, ProductIdSchema, SlugSchema, VariantIdSchema } from '../catalog/ids.ts';
import { ProductStatusSchema, StockStatusSchema } from '../catalog/schemas.ts';

const productRef = { product_id: ProductIdSchema, category_slug: SlugSchema, sku: z.string() };

export const ProductCreatedSchema = eventEnvelope(
  'ProductCreated',
  z.strictObject({ ...productRef, name: z.string(), status: ProductStatusSchema }),
  'A product was created (as a draft).',
);
export const ProductUpdatedSchema = eventEnvelope(
  'ProductUpdated',
  z.strictObject({ ...productRef, status: ProductStatusSchema, changed_fields: z.array(z.string()) }),
  'A product changed: its fields, or its status (published, archived).',
);
export const ProductDeletedSchema = eventEnvelope(
  'ProductDeleted',
  z.strictObject(productRef),
  'A product was deleted.',
);
export const InventoryUpdatedSchema = eventEnvelope(
  'InventoryUpdated',
  z.strictObject({
    ...productRef,
    variant_id: VariantIdSchema,
    previous_stock: z.int().min(0),
    stock: z.int().min(0),
    status: StockStatusSchema,
  }),
  'Stock of one variant changed: set by staff, or taken or given back by an order (reserved at placement, released on cancellation or expiry).',
);
const categoryRef = z.strictObject({ slug: SlugSchema, parent_slug: z.union([SlugSchema, z.null()]) });
export const CategoryCreatedSchema = eventEnvelope('CategoryCreated', categoryRef, 'A category was created.');
export const CategoryUpdatedSchema = eventEnvelope('CategoryUpdated', categoryRef, 'A category changed.');
export const CategoryDeletedSchema = eventEnvelope('CategoryDeleted', categoryRef, 'A category was deleted.');
const bannerRef = z.strictObject({ banner_id: BannerIdSchema, placement: z.string() });
export const BannerCreatedSchema = eventEnvelope('BannerCreated', bannerRef, 'A banner was created.');
export const BannerUpdatedSchema = eventEnvelope('BannerUpdated', bannerRef, 'A banner changed.');
export const BannerDeletedSchema = eventEnvelope('BannerDeleted', bannerRef, 'A banner was deleted.');

/**
 * Every catalog event, by type: the Event Hub it travels on and the data field naming its
 * aggregate (the partition key, so one aggregate's events stay in order).
 */
export const CATALOG_EVENTS = {
  ProductCreated: { topic: 'product-events', key: 'product_id', schema: ProductCreatedSchema },
  ProductUpdated: { topic: 'product-events', key: 'product_id', schema: ProductUpdatedSchema },
  ProductDeleted: { topic: 'product-events', key: 'product_id', schema: ProductDeletedSchema },
  InventoryUpdated: { topic: 'product-events', key: 'product_id', schema: InventoryUpdatedSchema },
  CategoryCreated: { topic: 'product-events', key: 'slug', schema: CategoryCreatedSchema },
  CategoryUpdated: { topic: 'product-events', key: 'slug', schema: CategoryUpdatedSchema },
  CategoryDeleted: { topic: 'product-events', key: 'slug', schema: CategoryDeletedSchema },
  BannerCreated: { topic: 'product-events', key: 'banner_id', schema: BannerCreatedSchema },
  BannerUpdated: { topic: 'product-events', key: 'banner_id', schema: BannerUpdatedSchema },
  BannerDeleted: { topic: 'product-events', key: 'banner_id', schema: BannerDeletedSchema },
} as const;

export type CatalogEventType = keyof typeof CATALOG_EVENTS;
