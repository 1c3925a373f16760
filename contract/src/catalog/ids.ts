import * as z from 'zod';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const PRODUCT_ID_PATTERN = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z0-9]{12})$/;

export const SlugSchema = z
  .string()
  .min(2)
  .max(80)
  .regex(SLUG_PATTERN)
  .meta({ id: 'Slug', description: 'Lower-case words joined by hyphens.', example: 'electronics-laptops' });

/**
 * Path words of the product reads beside `/api/products/{id}` (`/search`, `/featured`,
 * `/filters`): a product with one of these slugs could not be opened by its slug.
 */
export const RESERVED_PRODUCT_SLUGS: readonly string[] = ['search', 'featured', 'filters'];

/** A product's slug: a slug that is not a reserved path word. The document shows it as `Slug`. */
export const ProductSlugSchema = SlugSchema.refine((slug) => !RESERVED_PRODUCT_SLUGS.includes(slug), {
  message: `reserved by the API's paths (${RESERVED_PRODUCT_SLUGS.join(', ')}): choose another slug`,
}).meta({ id: 'Slug' });

/**
 * A product id is `<category_slug>.<12-char token>`. It carries the product's Cosmos DB partition
 * key, so reading one product by id is a single point read, never a cross-partition query.
 */
export const ProductIdSchema = z
  .string()
  .max(93)
  .regex(PRODUCT_ID_PATTERN, 'not a product id (expected <category_slug>.<12 lower-case letters or digits>)')
  .meta({ id: 'ProductId', example: 'electronics-laptops.k3j9x2m4q8w1' });

/**
 * How a shopper's link names a product: its id, or its slug (`seo.canonical_url` is
 * `/product/<slug>`). Any string is accepted: one that names no active product, malformed or not,
 * is a 404, as a broken link should be.
 */
export const ProductRefSchema = z.string().min(1).meta({
  id: 'ProductRef',
  description:
    'A product id (`<category_slug>.<12 lower-case letters or digits>`) or a product slug (the last segment of `seo.canonical_url`, `/product/<slug>`). Anything that names no active product is a 404.',
  example: 'asus-nordic-gaming-laptop',
});

export const VariantIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/)
  .meta({ id: 'VariantId', example: 'var_silver_256' });

export const BannerIdSchema = z
  .string()
  .regex(/^bnr_[a-z0-9]{12}$/)
  .meta({ id: 'BannerId', example: 'bnr_h0l1d4yp34k1' });

/** The category slug a product id carries. */
export function categoryOfProductId(productId: string): string | undefined {
  return PRODUCT_ID_PATTERN.exec(productId)?.[1];
}

/** What a product reference (`ProductRefSchema`) is: a product id, a slug, or neither (it names nothing). */
export function productRefKind(ref: string): 'id' | 'slug' | 'none' {
  if (PRODUCT_ID_PATTERN.test(ref)) return 'id';
  return ref.length >= 2 && ref.length <= 80 && SLUG_PATTERN.test(ref) ? 'slug' : 'none';
}
