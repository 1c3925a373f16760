import type { Banner, Category, StaffProduct } from '@holiday-peak-hub/contract';
import type { BannerDocument, CategoryDocument, ProductClaim, ProductDocument } from './documents.ts';
import { claimKeys } from './product-claims.ts';
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

/** A product's claims on its slug and its SKUs, as of its creation (seeding writes them with the product). */
export const claimsOf = (
  product: Pick<StaffProduct, 'id' | 'slug' | 'sku' | 'variants' | 'category_slug' | 'created_at'>,
): ProductClaim[] =>
  claimKeys(product).map((key) => ({
    ...key,
    product_id: product.id,
    category_slug: product.category_slug,
    created_at: product.created_at,
  }));

export const categoryDocument = (category: Category): CategoryDocument => ({
  ...category,
  id: category.slug,
  doc_type: 'category',
});

export const bannerDocument = (banner: Banner): BannerDocument => ({ ...banner, doc_type: 'banner' });
