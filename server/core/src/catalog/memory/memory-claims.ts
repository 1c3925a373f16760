import { ConflictError, NotFoundError, PreconditionFailedError } from '../../pipeline/errors.ts';
import { randomToken } from '../../platform/random.ts';
import type { ClaimKind, ProductClaim, Versioned } from '../documents.ts';
import { copy } from './memory-document-store.ts';

const TAKEN: Record<ClaimKind, string> = {
  slug: 'Another product uses this slug',
  sku: 'Another product uses this SKU',
};

/** A claim's key in the table: its kind and value, as the Cosmos DB adapter's id (`slug_…`, `sku_…`). */
const keyOf = (kind: ClaimKind, value: string) => `${kind}_${value}`;
const detailsOf = (kind: ClaimKind, value: string) => ({ [kind]: value });

/**
 * Product claims (slugs, SKUs) in memory, by kind and value, with the Cosmos DB adapter's
 * semantics: 409 for a claim that exists, 412 for a stale etag, 404 for a missing claim, a new
 * `_etag` on every write.
 */
export class MemoryClaims {
  readonly #table: Map<string, Versioned<ProductClaim>>;

  constructor(table: Map<string, Versioned<ProductClaim>> = new Map()) {
    this.#table = table;
  }

  get(kind: ClaimKind, value: string): Versioned<ProductClaim> | undefined {
    const claim = this.#table.get(keyOf(kind, value));
    return claim && copy(claim);
  }

  /** Writes a claim as it is, with no check (seeding). */
  upsert(claim: ProductClaim): Versioned<ProductClaim> {
    return this.#store(claim);
  }

  create(claim: ProductClaim): Versioned<ProductClaim> {
    if (this.#table.has(keyOf(claim.kind, claim.value))) {
      throw new ConflictError(TAKEN[claim.kind], detailsOf(claim.kind, claim.value));
    }
    return this.#store(claim);
  }

  replace(claim: ProductClaim, etag: string): Versioned<ProductClaim> {
    this.#check(claim.kind, claim.value, etag);
    return this.#store(claim);
  }

  delete(kind: ClaimKind, value: string, etag: string): void {
    this.#check(kind, value, etag);
    this.#table.delete(keyOf(kind, value));
  }

  #check(kind: ClaimKind, value: string, etag: string): void {
    const current = this.#table.get(keyOf(kind, value));
    if (!current) throw new NotFoundError(kind === 'slug' ? 'Slug claim' : 'SKU claim', detailsOf(kind, value));
    if (current._etag !== etag) throw new PreconditionFailedError(undefined, detailsOf(kind, value));
  }

  #store(claim: ProductClaim): Versioned<ProductClaim> {
    const stored = { ...copy(claim), _etag: randomToken(16) };
    this.#table.set(keyOf(claim.kind, claim.value), stored);
    return copy(stored);
  }
}
