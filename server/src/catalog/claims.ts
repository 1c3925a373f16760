import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { ClaimKind, ProductClaim, Versioned } from '@holiday-peak-hub/core';
import { isNotFound } from '../platform/cosmos/cosmos-errors.ts';
import { asApiError } from '../platform/cosmos/write-errors.ts';

/**
 * A product's claim on its slug or one of its SKUs, as stored in the products container (partition
 * key `/category_slug`). Its id and its partition key are both `<kind>_<value>` (`slug_…`, `sku_…`,
 * see `claimId`): reading it is a point read, and Cosmos DB refuses a second document with that id
 * in that partition (409), which makes the claim unique under any concurrency, and a slug and a SKU
 * of the same text two claims. A claim's partition can never be a category slug (no `_` in slugs),
 * so claims never share a partition with products, and they carry none of a product's fields
 * (`product_id`, `slug`, `sku`, `status`): product queries, which always test one of these, never
 * see them.
 */
export interface ClaimDocument {
  id: string;
  category_slug: string;
  doc_type: `${ClaimKind}_claim`;
  /** The value, in `claimed_slug` or `claimed_sku` (slug claims were stored so before SKUs had claims). */
  claimed_slug?: string;
  claimed_sku?: string;
  owner_id: string;
  owner_category: string;
  created_at: string;
}

const KIND: Record<ClaimKind, { name: string; conflict: string }> = {
  slug: { name: 'Slug claim', conflict: 'Another product uses this slug' },
  sku: { name: 'SKU claim', conflict: 'Another product uses this SKU' },
};

/** Values an id holds as they are: slugs always, most SKUs. */
const PLAIN = /^[A-Za-z0-9._~-]{1,200}$/;

/**
 * The id, and partition key, of the claim on a value. Never changes: stored claims are found by it.
 * A value with characters an id may not hold (`/`, `\`, `?`, `#`, spaces, non-ASCII...) is named
 * by its SHA-256 after a `=`, which plain values never contain.
 */
export const claimId = (kind: ClaimKind, value: string) =>
  PLAIN.test(value) ? `${kind}_${value}` : `${kind}_=${createHash('sha256').update(value).digest('hex')}`;

export function claimDocument(claim: ProductClaim): ClaimDocument {
  const id = claimId(claim.kind, claim.value);
  return {
    id,
    category_slug: id,
    doc_type: `${claim.kind}_claim`,
    ...(claim.kind === 'slug' ? { claimed_slug: claim.value } : { claimed_sku: claim.value }),
    owner_id: claim.product_id,
    owner_category: claim.category_slug,
    created_at: claim.created_at,
  };
}

const claimOf = (kind: ClaimKind, doc: ClaimDocument & { _etag?: string }): Versioned<ProductClaim> => ({
  kind,
  value: (kind === 'slug' ? doc.claimed_slug : doc.claimed_sku) ?? '',
  product_id: doc.owner_id,
  category_slug: doc.owner_category,
  created_at: doc.created_at,
  _etag: doc._etag ?? '',
});

const ifMatch = (etag: string) => ({ accessCondition: { type: 'IfMatch', condition: etag } });
const detailsOf = (kind: ClaimKind, value: string) => ({ [kind]: value });

/** Product claims in the products container: point reads and conditional writes, no events. */
export class CosmosClaims {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  #item(kind: ClaimKind, value: string) {
    const id = claimId(kind, value);
    return this.#container.item(id, id);
  }

  async get(kind: ClaimKind, value: string): Promise<Versioned<ProductClaim> | undefined> {
    try {
      const { resource } = await this.#item(kind, value).read<ClaimDocument>();
      return resource && claimOf(kind, resource);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async create(claim: ProductClaim): Promise<Versioned<ProductClaim>> {
    try {
      const { resource } = await this.#container.items.create(claimDocument(claim));
      if (!resource) throw new Error(`claim of the ${claim.kind} ${claim.value} returned no document`);
      return claimOf(claim.kind, resource);
    } catch (err) {
      throw asApiError(err, KIND[claim.kind], detailsOf(claim.kind, claim.value));
    }
  }

  async replace(claim: ProductClaim, etag: string): Promise<Versioned<ProductClaim>> {
    try {
      const { resource } = await this.#item(claim.kind, claim.value).replace<ClaimDocument>(
        claimDocument(claim),
        ifMatch(etag),
      );
      if (!resource) throw new Error(`claim of the ${claim.kind} ${claim.value} returned no document`);
      return claimOf(claim.kind, resource);
    } catch (err) {
      throw asApiError(err, KIND[claim.kind], detailsOf(claim.kind, claim.value));
    }
  }

  async delete(kind: ClaimKind, value: string, etag: string): Promise<void> {
    try {
      await this.#item(kind, value).delete(ifMatch(etag));
    } catch (err) {
      throw asApiError(err, KIND[kind], detailsOf(kind, value));
    }
  }
}
