import { toInventory, toProductSummary, toPublicProduct, toStaffProduct } from '@holiday-peak-hub/contract';
import type { Banner, Category } from '@holiday-peak-hub/contract';
import type { BannerDocument, CategoryDocument } from './documents.ts';

/*
 * Document → contract DTO. Every field is copied by name: internal fields (the outbox,
 * `_etag`/`_rid`/`_ts`, `search_text`, `attr_pairs`, `doc_type`...) can never reach a client.
 * Product documents use the contract's projections, which the mocks share (a product document is
 * a `ProductSource`: it stores `total_stock`).
 */

export { toInventory, toProductSummary, toStaffProduct };

/** The shopper's view; only call it for an active product. */
export const toProduct = toPublicProduct;

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
