import { z } from '../zod.ts';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const PRODUCT_ID_PATTERN = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z0-9]{12})$/;

export const SlugSchema = z
  .string()
  .min(2)
  .max(80)
  .regex(SLUG_PATTERN)
  .openapi('Slug', { description: 'Lower-case words joined by hyphens.', example: 'electronics-laptops' });

/**
 * A product id is `<category_slug>.<12-char token>`. It carries the product's Cosmos DB partition
 * key, so reading one product by id is a single point read, never a cross-partition query.
 */
export const ProductIdSchema = z
  .string()
  .max(93)
  .regex(PRODUCT_ID_PATTERN, 'not a product id (expected <category_slug>.<12 lower-case letters or digits>)')
  .openapi('ProductId', { example: 'electronics-laptops.k3j9x2m4q8w1' });

export const VariantIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/)
  .openapi('VariantId', { example: 'var_silver_256' });

export const BannerIdSchema = z
  .string()
  .regex(/^bnr_[a-z0-9]{12}$/)
  .openapi('BannerId', { example: 'bnr_h0l1d4yp34k1' });

/** The category slug a product id carries. */
export function categoryOfProductId(productId: string): string | undefined {
  return PRODUCT_ID_PATTERN.exec(productId)?.[1];
}
