import { stockStatusOf } from '@holiday-peak-hub/contract';
import type { Banner, Category, Inventory, Product, ProductSummary, StaffProduct } from '@holiday-peak-hub/contract';
import type { BannerDocument, CategoryDocument, ProductDocument, ProductSummaryRow } from './documents.ts';

/*
 * Document → contract DTO. Every field is copied by name: internal fields (the outbox,
 * `_etag`/`_rid`/`_ts`, `search_text`, `attr_pairs`, `doc_type`...) can never reach a client.
 */

export function toStaffProduct(doc: ProductDocument): StaffProduct {
  return {
    id: doc.id,
    sku: doc.sku,
    name: doc.name,
    slug: doc.slug,
    category_slug: doc.category_slug,
    description: doc.description,
    long_description: doc.long_description,
    brand: doc.brand,
    price: { ...doc.price },
    images: doc.images.map((image) => ({ ...image })),
    variants: doc.variants.map((variant) => ({ ...variant, attributes: { ...variant.attributes } })),
    attributes: { ...doc.attributes },
    seo: { ...doc.seo },
    featured: doc.featured,
    stock_status: stockStatusOf(doc.total_stock),
    status: doc.status,
    analytics: { ...doc.analytics },
    created_at: doc.created_at,
    updated_at: doc.updated_at,
    published_at: doc.published_at,
  };
}

/** The shopper's view; only call it for an active product. */
export function toProduct(doc: ProductDocument): Product {
  const staff: Partial<StaffProduct> = toStaffProduct(doc);
  delete staff.analytics;
  return { ...(staff as Omit<StaffProduct, 'analytics'>), status: 'active' };
}

export function toProductSummary(row: ProductSummaryRow): ProductSummary {
  const first = [...row.images].sort((a, b) => a.order - b.order)[0];
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    category_slug: row.category_slug,
    brand: row.brand,
    price: { ...row.price },
    image: first ? { ...first } : null,
    stock_status: stockStatusOf(row.total_stock),
    featured: row.featured,
  };
}

export function toInventory(doc: ProductDocument): Inventory {
  return {
    product_id: doc.id,
    status: stockStatusOf(doc.total_stock),
    total_stock: doc.total_stock,
    variants: doc.variants.map((variant) => ({
      variant_id: variant.variant_id,
      sku: variant.sku,
      stock: variant.stock,
      status: stockStatusOf(variant.stock),
    })),
    updated_at: doc.updated_at,
  };
}

export function toCategory(doc: CategoryDocument): Category {
  return {
    slug: doc.slug,
    name: doc.name,
    description: doc.description,
    parent_slug: doc.parent_slug,
    image_url: doc.image_url,
    sort_order: doc.sort_order,
    created_at: doc.created_at,
    updated_at: doc.updated_at,
  };
}

export function toBanner(doc: BannerDocument): Banner {
  return {
    id: doc.id,
    title: doc.title,
    subtitle: doc.subtitle,
    image_url: doc.image_url,
    link_url: doc.link_url,
    placement: doc.placement,
    priority: doc.priority,
    starts_at: doc.starts_at,
    ends_at: doc.ends_at,
    enabled: doc.enabled,
    created_at: doc.created_at,
    updated_at: doc.updated_at,
  };
}
