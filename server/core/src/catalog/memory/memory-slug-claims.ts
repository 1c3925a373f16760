import { ConflictError, NotFoundError, PreconditionFailedError } from '../../pipeline/errors.ts';
import { randomToken } from '../../platform/random.ts';
import type { SlugClaim, Versioned } from '../documents.ts';
import { copy } from './memory-document-store.ts';

const SLUG_TAKEN = 'Another product uses this slug';

/**
 * Slug claims in memory, by slug, with the Cosmos DB adapter's semantics: 409 for a claim that
 * exists, 412 for a stale etag, 404 for a missing claim, a new `_etag` on every write.
 */
export class MemorySlugClaims {
  readonly #table: Map<string, Versioned<SlugClaim>>;

  constructor(table: Map<string, Versioned<SlugClaim>> = new Map()) {
    this.#table = table;
  }

  get(slug: string): Versioned<SlugClaim> | undefined {
    const claim = this.#table.get(slug);
    return claim && copy(claim);
  }

  /** Writes a claim as it is, with no check (seeding). */
  upsert(claim: SlugClaim): Versioned<SlugClaim> {
    return this.#store(claim);
  }

  create(claim: SlugClaim): Versioned<SlugClaim> {
    if (this.#table.has(claim.slug)) throw new ConflictError(SLUG_TAKEN, { slug: claim.slug });
    return this.#store(claim);
  }

  replace(claim: SlugClaim, etag: string): Versioned<SlugClaim> {
    this.#check(claim.slug, etag);
    return this.#store(claim);
  }

  delete(slug: string, etag: string): void {
    this.#check(slug, etag);
    this.#table.delete(slug);
  }

  #check(slug: string, etag: string): void {
    const current = this.#table.get(slug);
    if (!current) throw new NotFoundError('Slug claim', { slug });
    if (current._etag !== etag) throw new PreconditionFailedError(undefined, { slug });
  }

  #store(claim: SlugClaim): Versioned<SlugClaim> {
    const stored = { ...copy(claim), _etag: randomToken(16) };
    this.#table.set(claim.slug, stored);
    return copy(stored);
  }
}
