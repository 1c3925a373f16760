import type { Container } from '@azure/cosmos';
import type { SlugClaim, Versioned } from '@holiday-peak-hub/core';
import { isNotFound } from '../platform/cosmos/cosmos-errors.ts';
import { asApiError } from '../platform/cosmos/write-errors.ts';

/**
 * A slug claim as stored in the products container (partition key `/category_slug`). Its id and
 * its partition key are both `slug_<slug>`: reading it is a point read, and Cosmos DB refuses a
 * second document with that id in that partition (409), which makes the claim unique under any
 * concurrency. `slug_…` can never be a category slug (no `_` in slugs), so claims never share a
 * partition with products, and they carry none of a product's fields (`product_id`, `slug`,
 * `sku`, `status`): product queries, which always test one of these, never see them.
 */
export interface SlugClaimDocument {
  id: string;
  category_slug: string;
  doc_type: 'slug_claim';
  claimed_slug: string;
  owner_id: string;
  owner_category: string;
  created_at: string;
}

const KIND = { name: 'Slug claim', conflict: 'Another product uses this slug' };

/** The id, and partition key, of the claim on a slug. Never changes: stored claims are found by it. */
export const slugClaimId = (slug: string) => `slug_${slug}`;

export function slugClaimDocument(claim: SlugClaim): SlugClaimDocument {
  const id = slugClaimId(claim.slug);
  return {
    id,
    category_slug: id,
    doc_type: 'slug_claim',
    claimed_slug: claim.slug,
    owner_id: claim.product_id,
    owner_category: claim.category_slug,
    created_at: claim.created_at,
  };
}

const claimOf = (doc: SlugClaimDocument & { _etag?: string }): Versioned<SlugClaim> => ({
  slug: doc.claimed_slug,
  product_id: doc.owner_id,
  category_slug: doc.owner_category,
  created_at: doc.created_at,
  _etag: doc._etag ?? '',
});

const ifMatch = (etag: string) => ({ accessCondition: { type: 'IfMatch', condition: etag } });

/** Slug claims in the products container: point reads and conditional writes, no events. */
export class CosmosSlugClaims {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  #item(slug: string) {
    const id = slugClaimId(slug);
    return this.#container.item(id, id);
  }

  async get(slug: string): Promise<Versioned<SlugClaim> | undefined> {
    try {
      const { resource } = await this.#item(slug).read<SlugClaimDocument>();
      return resource && claimOf(resource);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async create(claim: SlugClaim): Promise<Versioned<SlugClaim>> {
    try {
      const { resource } = await this.#container.items.create(slugClaimDocument(claim));
      if (!resource) throw new Error(`claim of the slug ${claim.slug} returned no document`);
      return claimOf(resource);
    } catch (err) {
      throw asApiError(err, KIND, { slug: claim.slug });
    }
  }

  async replace(claim: SlugClaim, etag: string): Promise<Versioned<SlugClaim>> {
    try {
      const { resource } = await this.#item(claim.slug).replace<SlugClaimDocument>(
        slugClaimDocument(claim),
        ifMatch(etag),
      );
      if (!resource) throw new Error(`claim of the slug ${claim.slug} returned no document`);
      return claimOf(resource);
    } catch (err) {
      throw asApiError(err, KIND, { slug: claim.slug });
    }
  }

  async delete(slug: string, etag: string): Promise<void> {
    try {
      await this.#item(slug).delete(ifMatch(etag));
    } catch (err) {
      throw asApiError(err, KIND, { slug });
    }
  }
}
