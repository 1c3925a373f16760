import { categoryOfProductId, productRefKind } from '@holiday-peak-hub/contract';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../pipeline/errors.ts';
import type { ClaimKind, ProductClaim, ProductDocument, Versioned } from './documents.ts';
import type { ProductRepository } from './ports.ts';

/*
 * Slugs and SKUs are unique across the catalog through a claim each (`ProductClaim`), as emails
 * are across accounts: a product claims its slug, its own SKU and its variants' SKUs before it is
 * written (or before a write that brings new ones), and a second claim of the same kind and value
 * is a 409, whatever the category and however many writes race. The slug's claim also finds a
 * product by its slug in two point reads (claim, then product).
 *
 * A product's claims are made one by one in a fixed order (`claimKeys`): two writes wanting some
 * of the same values meet on the first of them, so one of them gets all it wants rather than each
 * a part. A write that fails gives up the claims it made.
 *
 * A claim outlives its product only when a write died half-way (the product never written, or its
 * old claims not given up). Reads check that the product still carries the value, and a claim
 * whose product does not is taken over once it is older than `STALE_CLAIM_MS` (younger, it may
 * belong to a write still in flight).
 */
export const STALE_CLAIM_MS = 60_000;

/** A value a product claims: its kind, and the slug or SKU. */
export interface ClaimKey {
  kind: ClaimKind;
  value: string;
}

const keyId = (key: ClaimKey) => `${key.kind}_${key.value}`;

/** What a product claims: its slug, and its SKUs (its own and its variants', each once), in claiming order. */
export function claimKeys(product: Pick<ProductDocument, 'slug' | 'sku' | 'variants'>): ClaimKey[] {
  const keys = new Map<string, ClaimKey>();
  const add = (key: ClaimKey) => keys.set(keyId(key), key);
  add({ kind: 'slug', value: product.slug });
  add({ kind: 'sku', value: product.sku });
  for (const variant of product.variants) add({ kind: 'sku', value: variant.sku });
  return [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, key]) => key);
}

/** The keys of `keys` that are not in `others`. */
export function claimKeysMissing(keys: readonly ClaimKey[], others: readonly ClaimKey[]): ClaimKey[] {
  const known = new Set(others.map(keyId));
  return keys.filter((key) => !known.has(keyId(key)));
}

const carries = (product: Pick<ProductDocument, 'slug' | 'sku' | 'variants'>, key: ClaimKey) =>
  claimKeys(product).some((own) => keyId(own) === keyId(key));

function taken(key: ClaimKey, productId: string): ConflictError {
  return key.kind === 'slug'
    ? new ConflictError('Another product uses this slug', { slug: key.value, product_id: productId })
    : new ConflictError('Another product uses this SKU', { sku: key.value, product_id: productId });
}

/** The product a reference names (its id, or its slug through the claim), in any status; undefined when none. */
export async function findProduct(
  products: ProductRepository,
  ref: string,
): Promise<Versioned<ProductDocument> | undefined> {
  switch (productRefKind(ref)) {
    case 'id':
      return products.get(ref);
    case 'slug': {
      const claim = await products.getClaim('slug', ref);
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
 * Claims one value for the product `productId`: true when this call made (or took over) the claim,
 * false when the product already held it, a 409 when another product does. A stale claim (see
 * above) is taken over.
 */
async function claimOne(products: ProductRepository, key: ClaimKey, productId: string, now: Date): Promise<boolean> {
  const claim: ProductClaim = {
    ...key,
    product_id: productId,
    category_slug: categoryOfProductId(productId) ?? '',
    created_at: now.toISOString(),
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      await products.createClaim(claim);
      return true;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
    const current = await products.getClaim(key.kind, key.value);
    if (current === undefined) continue; // given up meanwhile: claim it again
    if (current.product_id === productId) return false;
    if (attempt >= 3 || !(await isStale(products, current, now))) throw taken(key, current.product_id);
    try {
      await products.replaceClaim(claim, current._etag);
      return true;
    } catch (err) {
      if (!(err instanceof PreconditionFailedError || err instanceof NotFoundError)) throw err;
    }
  }
}

async function isStale(products: ProductRepository, claim: ProductClaim, now: Date): Promise<boolean> {
  if (now.getTime() - Date.parse(claim.created_at) < STALE_CLAIM_MS) return false;
  const owner = await products.get(claim.product_id);
  return owner === undefined || !carries(owner, claim);
}

/**
 * Claims every value of `keys` for the product `productId`, in the order given (`claimKeys`'s): a
 * 409 naming the first value another product holds. On any failure the claims this call made are
 * given up; on success it answers them (what to give up should the write then fail).
 */
export async function claimAll(
  products: ProductRepository,
  keys: readonly ClaimKey[],
  productId: string,
  now: Date,
): Promise<ClaimKey[]> {
  const made: ClaimKey[] = [];
  try {
    for (const key of keys) if (await claimOne(products, key, productId, now)) made.push(key);
    return made;
  } catch (err) {
    await releaseAll(products, made, productId);
    throw err;
  }
}

/**
 * Gives up the product's claims on `keys` (a claim held by another product is left alone). Never
 * fails: it runs after the write that made it due, and a claim left behind is only stale.
 */
export async function releaseAll(products: ProductRepository, keys: readonly ClaimKey[], productId: string) {
  await Promise.all(
    keys.map(async (key) => {
      try {
        const current = await products.getClaim(key.kind, key.value);
        if (current?.product_id === productId) await products.deleteClaim(key.kind, key.value, current._etag);
      } catch {
        // Stale, then taken over by the next product claiming the value.
      }
    }),
  );
}
