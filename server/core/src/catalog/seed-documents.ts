import type { Banner, Category, StaffProduct } from '@holiday-peak-hub/contract';
import type { BannerDocument, CategoryDocument, ProductDocument, SlugClaim } from './documents.ts';
import { derivedFields } from './product-derived.ts';

/** A catalog in contract shapes, e.g. the demo catalog (`demoCatalog` of '@holiday-peak-hub/contract/fixtures'). */
export interface CatalogSeed {
  categories: readonly Category[];
  products: readonly StaffProduct[];
  banners: readonly Banner[];
}

/** The stored form of a product: its query fields derived, `stock_status` left to reads. */
export function productDocument(product: StaffProduct): ProductDocument {
  const fields: Partial<StaffProduct> = { ...product };
  delete fields.stock_status; // derived from total_stock when read
  return { ...(fields as Omit<StaffProduct, 'stock_status'>), product_id: product.id, ...derivedFields(product) };
}

/** A product's claim on its slug, as of its creation (seeding writes one per product). */
export const slugClaimOf = (
  product: Pick<StaffProduct, 'id' | 'slug' | 'category_slug' | 'created_at'>,
): SlugClaim => ({
  slug: product.slug,
  product_id: product.id,
  category_slug: product.category_slug,
  created_at: product.created_at,
});

export const categoryDocument = (category: Category): CategoryDocument => ({
  ...category,
  id: category.slug,
  doc_type: 'category',
});

export const bannerDocument = (banner: Banner): BannerDocument => ({ ...banner, doc_type: 'banner' });
