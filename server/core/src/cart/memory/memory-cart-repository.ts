import { PreconditionFailedError } from '../../pipeline/errors.ts';
import { randomToken } from '../../platform/random.ts';
import type { CartDocument, StoredCart } from '../documents.ts';
import type { CartRepository } from '../ports.ts';

/** Where the in-memory carts live: by owner id (e.g. the `cart.carts` table of `MemoryTables`). */
export type CartTable = Map<string, StoredCart>;

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Carts in a Map, with the Cosmos DB adapter's semantics: copies in and out, a new `_etag` on
 * every write, 412 for a write on a version that is no longer stored. (TTL is applied by the
 * services on read, as for a store that has not removed an expired document yet.)
 */
export class MemoryCartRepository implements CartRepository {
  readonly #table: CartTable;

  constructor(table: CartTable = new Map()) {
    this.#table = table;
  }

  get(userId: string): Promise<StoredCart | undefined> {
    const doc = this.#table.get(userId);
    return Promise.resolve(doc && copy(doc));
  }

  save(doc: CartDocument, etag: string | null): Promise<StoredCart> {
    const current = this.#table.get(doc.user_id);
    if ((current?._etag ?? null) !== etag) {
      return Promise.reject(new PreconditionFailedError(undefined, { resource: 'cart' }));
    }
    const stored: StoredCart = { ...copy(doc), _etag: randomToken(16) };
    this.#table.set(doc.user_id, stored);
    return Promise.resolve(copy(stored));
  }

  remove(userId: string, etag: string): Promise<void> {
    const current = this.#table.get(userId);
    if (current && current._etag !== etag) {
      return Promise.reject(new PreconditionFailedError(undefined, { resource: 'cart' }));
    }
    this.#table.delete(userId);
    return Promise.resolve();
  }
}
