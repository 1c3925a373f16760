import { categoryOfProductId, productRefKind } from '@holiday-peak-hub/contract';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../pipeline/errors.ts';
import type { ProductDocument, Versioned } from './documents.ts';
import type { ProductRepository } from './ports.ts';

/*
 * Slugs are unique across the catalog through a claim each (`SlugClaim`), as emails are across
 * accounts: the claim is created before the product is written (or its slug changed) and a second
 * claim of the same slug is a 409, whatever the category and however many creations race. The
 * claim also finds a product by its slug in two point reads (claim, then product).
 *
 * A claim outlives its product only when a write died half-way (the product never written, or its
 * old claim not given up). Reads check that the product still carries the slug, and a claim whose
 * product does not use it is taken over once it is older than `STALE_CLAIM_MS` (younger, it may
 * belong to a creation still in flight).
 */
export const STALE_CLAIM_MS = 60_000;

const taken = (slug: string, productId: string) =>
  new ConflictError('Another product uses this slug', { slug, product_id: productId });

/** The product a reference names (its id, or its slug through the claim), in any status; undefined when none. */
export async function findProduct(
  products: ProductRepository,
  ref: string,
): Promise<Versioned<ProductDocument> | undefined> {
  switch (productRefKind(ref)) {
    case 'id':
      return products.get(ref);
    case 'slug': {
      const claim = await products.getSlugClaim(ref);
      const doc = claim && (await products.get(claim.product_id));
      return doc?.slug === ref ? doc : undefined;
    }
    default:
      return undefined;
  }
}

/** What a 404 about a reference reports: the id or the slug it looked like, else nothing (junk is not echoed). */
export function refDetails(ref: string): Record<string, unknown> {
  const kind = productRefKind(ref);
  return kind === 'id' ? { product_id: ref } : kind === 'slug' ? { slug: ref } : {};
}

/**
 * Claims `slug` for the product `productId`: done when the product already holds it, a 409 when
 * another product does. A stale claim (see above) is taken over.
 */
export async function claimSlug(
  products: ProductRepository,
  slug: string,
  productId: string,
  now: Date,
): Promise<void> {
  const claim = {
    slug,
    product_id: productId,
    category_slug: categoryOfProductId(productId) ?? '',
    created_at: now.toISOString(),
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      await products.createSlugClaim(claim);
      return;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
    const current = await products.getSlugClaim(slug);
    if (current === undefined) continue; // given up meanwhile: claim it again
    if (current.product_id === productId) return;
    if (attempt >= 3 || !(await isStale(products, current, now))) throw taken(slug, current.product_id);
    try {
      await products.replaceSlugClaim(claim, current._etag);
      return;
    } catch (err) {
      if (!(err instanceof PreconditionFailedError || err instanceof NotFoundError)) throw err;
    }
  }
}

async function isStale(
  products: ProductRepository,
  claim: { slug: string; product_id: string; created_at: string },
  now: Date,
): Promise<boolean> {
  if (now.getTime() - Date.parse(claim.created_at) < STALE_CLAIM_MS) return false;
  const owner = await products.get(claim.product_id);
  return owner?.slug !== claim.slug;
}

/**
 * Gives up the product's claim on `slug` (a claim held by another product is left alone). Never
 * fails: it runs after the write that made it due, and a claim left behind is only stale.
 */
export async function releaseSlug(products: ProductRepository, slug: string, productId: string): Promise<void> {
  try {
    const current = await products.getSlugClaim(slug);
    if (current?.product_id === productId) await products.deleteSlugClaim(slug, current._etag);
  } catch {
    // Stale, then taken over by the next product claiming the slug.
  }
}
