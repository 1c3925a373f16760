import type { Inventory, Product, ProductSummary, StaffProduct } from './schemas.ts';
import { stockStatusOf } from './stock.ts';

/*
 * The projections of a stored product onto the contract's views, written once for the server
 * (from its Cosmos DB documents) and the mocks (from their in-memory products). Every field is
 * copied by name: whatever else the source holds (`_etag`, `search_text`, `doc_type`, ...) can
 * never reach a client. Nested values are copied, so a view never aliases its source.
 */

/** A stored product: every field of the staff view but the derived stock status, plus units on hand. */
export type ProductSource = Omit<StaffProduct, 'stock_status'> & { readonly total_stock: number };

/** The fields a summary is projected from (the server reads only these in list queries). */
export type ProductSummarySource = Pick<
  ProductSource,
  'id' | 'name' | 'slug' | 'category_slug' | 'brand' | 'price' | 'images' | 'total_stock' | 'featured'
>;

/** The fields inventory is projected from. */
export type InventorySource = Pick<ProductSource, 'id' | 'variants' | 'total_stock' | 'updated_at'>;

const priceOf = ({ amount, currency, compare_at, tax_rate }: StaffProduct['price']): StaffProduct['price'] => ({
  amount,
  currency,
  compare_at,
  tax_rate,
});

function sharedFields(source: ProductSource): Omit<StaffProduct, 'status' | 'analytics'> {
  return {
    id: source.id,
    sku: source.sku,
    name: source.name,
    slug: source.slug,
    category_slug: source.category_slug,
    description: source.description,
    long_description: source.long_description,
    brand: source.brand,
    price: priceOf(source.price),
    images: source.images.map((image) => ({ url: image.url, alt: image.alt, order: image.order })),
    variants: source.variants.map((variant) => ({
      variant_id: variant.variant_id,
      sku: variant.sku,
      attributes: { ...variant.attributes },
      price_adjustment: variant.price_adjustment,
      stock: variant.stock,
    })),
    attributes: { ...source.attributes },
    seo: {
      meta_title: source.seo.meta_title,
      meta_description: source.seo.meta_description,
      canonical_url: source.seo.canonical_url,
    },
    featured: source.featured,
    stock_status: stockStatusOf(source.total_stock),
    created_at: source.created_at,
    updated_at: source.updated_at,
    published_at: source.published_at,
  };
}

/** The staff view: any status, with analytics. */
export function toStaffProduct(source: ProductSource): StaffProduct {
  const { views, add_to_cart, purchases, conversion_rate } = source.analytics;
  return {
    ...sharedFields(source),
    status: source.status,
    analytics: { views, add_to_cart, purchases, conversion_rate },
  };
}

/** The shopper's view: no analytics. Only call it for an active product. */
export function toPublicProduct(source: ProductSource): Product {
  return { ...sharedFields(source), status: 'active' };
}

/** A product in a list: its first image (lowest `order`) and its stock status. */
export function toProductSummary(source: ProductSummarySource): ProductSummary {
  const first = [...source.images].sort((a, b) => a.order - b.order)[0];
  return {
    id: source.id,
    name: source.name,
    slug: source.slug,
    category_slug: source.category_slug,
    brand: source.brand,
    price: priceOf(source.price),
    image: first ? { url: first.url, alt: first.alt, order: first.order } : null,
    stock_status: stockStatusOf(source.total_stock),
    featured: source.featured,
  };
}

/** Stock of a product and of each of its variants. */
export function toInventory(source: InventorySource): Inventory {
  return {
    product_id: source.id,
    status: stockStatusOf(source.total_stock),
    total_stock: source.total_stock,
    variants: source.variants.map((variant) => ({
      variant_id: variant.variant_id,
      sku: variant.sku,
      stock: variant.stock,
      status: stockStatusOf(variant.stock),
    })),
    updated_at: source.updated_at,
  };
}
