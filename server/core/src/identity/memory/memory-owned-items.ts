import { randomToken } from '../../platform/random.ts';
import type { ItemRoster, OwnedItems, StoredRoster } from '../ports.ts';
import { jsonCopy, ownTables, type TableSource } from './tables.ts';

/**
 * A user's small set of items (addresses, saved cards) in memory, keyed by owner and id as the
 * Cosmos DB adapter partitions them: nobody reaches another user's item by its id. A create of a
 * taken id and a replace of a missing item fail as storage failures do there (a 500, not an API
 * error): the services never ask for either.
 *
 * The owner's roster is kept with a version (`_etag`, new on every write) and written only if the
 * version named is still the stored one, checked and written in one step as Cosmos DB does: the
 * services read it, await other things, and may find it changed when they write.
 */
export class MemoryOwnedItems<D extends { id: string; user_id: string; created_at: string }> implements OwnedItems<D> {
  readonly #items: Map<string, D>;
  readonly #rosters: Map<string, StoredRoster>;

  /** `name` is the table's (`identity.addresses`...), rosters are in `<name>.rosters`; own Maps by default. */
  constructor(name: string, tables: TableSource = ownTables()) {
    this.#items = tables.table<D>(name);
    this.#rosters = tables.table<StoredRoster>(`${name}.rosters`);
  }

  list(userId: string): Promise<D[]> {
    const mine = [...this.#items.values()].filter((item) => item.user_id === userId);
    return Promise.resolve(mine.sort((a, b) => b.created_at.localeCompare(a.created_at)).map(jsonCopy));
  }

  get(userId: string, id: string): Promise<D | undefined> {
    const item = this.#items.get(keyOf(userId, id));
    return Promise.resolve(item && jsonCopy(item));
  }

  create(doc: D): Promise<void> {
    const key = keyOf(doc.user_id, doc.id);
    if (this.#items.has(key)) return Promise.reject(new Error(`create of ${doc.id}: the id is taken`));
    this.#items.set(key, jsonCopy(doc));
    return Promise.resolve();
  }

  replace(doc: D): Promise<void> {
    const key = keyOf(doc.user_id, doc.id);
    if (!this.#items.has(key)) return Promise.reject(new Error(`replace of ${doc.id}: no such item`));
    this.#items.set(key, jsonCopy(doc));
    return Promise.resolve();
  }

  delete(userId: string, id: string): Promise<void> {
    this.#items.delete(keyOf(userId, id));
    return Promise.resolve();
  }

  async deleteAll(userId: string): Promise<void> {
    this.#rosters.delete(userId);
    for (const item of await this.list(userId)) await this.delete(userId, item.id);
  }

  roster(userId: string): Promise<StoredRoster | undefined> {
    const roster = this.#rosters.get(userId);
    return Promise.resolve(roster && jsonCopy(roster));
  }

  saveRoster(roster: ItemRoster, etag: string | null): Promise<boolean> {
    const current = this.#rosters.get(roster.user_id);
    if ((current?._etag ?? null) !== etag) return Promise.resolve(false);
    this.#rosters.set(roster.user_id, { ...jsonCopy(roster), _etag: randomToken(16) });
    return Promise.resolve(true);
  }
}

const keyOf = (userId: string, id: string) => `${userId}/${id}`;
