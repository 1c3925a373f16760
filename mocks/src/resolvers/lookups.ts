import { ifMatchHits, type Banner, type Category, type StaffProduct } from '@holiday-peak-hub/contract';
import { etagOf } from '../http/etag.ts';
import { MockHttpError, notFound } from '../http/mock-error.ts';
import { isPublic } from '@holiday-peak-hub/core';
import type { MockStore } from '../store/mock-store.ts';

/** A product in any status (staff), or 404. */
export function staffProductOr404(store: MockStore, id: string): StaffProduct {
  const product = store.products.get(id);
  if (!product) throw notFound('Product', { product_id: id });
  return product;
}

/** An active product, or 404: drafts and archived products do not exist for shoppers. */
export function publicProductOr404(store: MockStore, id: string): StaffProduct {
  const product = store.products.get(id);
  if (!product || !isPublic(product)) throw notFound('Product', { product_id: id });
  return product;
}

export function categoryOr404(store: MockStore, slug: string): Category {
  const category = store.categories.get(slug);
  if (!category) throw notFound('Category', { slug });
  return category;
}

export function bannerOr404(store: MockStore, id: string): Banner {
  const banner = store.banners.get(id);
  if (!banner) throw notFound('Banner', { banner_id: id });
  return banner;
}

/**
 * 412 when `If-Match` is given and names another version of the resource, with the server's message
 * and `details` (the resource's id: `{ product_id }`, `{ slug }`, …).
 */
export function checkIfMatch(ifMatch: string | undefined, resource: unknown, details: Record<string, unknown>): void {
  if (ifMatch === undefined) return;
  if (!ifMatchHits(ifMatch, etagOf(resource))) {
    throw new MockHttpError(
      'PRECONDITION_FAILED',
      'The resource changed since you read it: read it again and retry with its new ETag',
      details,
    );
  }
}
