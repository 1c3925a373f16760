import type { Container } from '@azure/cosmos';
import type { ItemRoster, OwnedItems, StoredRoster } from '@holiday-peak-hub/core';
import { isNotFound } from '../platform/cosmos/cosmos-errors.ts';
import { writeIfUnchanged } from '../platform/cosmos/write-if-unchanged.ts';
import { queryAll } from '../platform/cosmos/query-page.ts';

/**
 * The owner's roster of items, in the owner's partition next to the items: one per partition, so
 * its id is the same in every partition (a point read by this id and the owner's id).
 */
export const ROSTER_ID = 'roster';

interface RosterDocument extends ItemRoster {
  id: typeof ROSTER_ID;
  doc_type: 'roster';
}

/**
 * Small sets of documents one user owns (addresses, payment methods) in a container partitioned by
 * `/user_id`: every access names the owner's partition, so nobody can reach another user's item
 * by its id, and listing one user's items is one single-partition query. The owner's roster
 * (which items exist, which is the default) is one more document of that partition, written with
 * `If-Match` on the version read (a create when there is none): a 412, or a 409 from a concurrent
 * first write, means it changed meanwhile and is answered as `false`, for the core to read again.
 */
export class CosmosOwnedItems<D extends { id: string; user_id: string; created_at: string }> implements OwnedItems<D> {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  /** The owner's items (not the roster), newest first. */
  list(userId: string): Promise<D[]> {
    return queryAll<D>(
      this.#container,
      {
        query: 'SELECT * FROM c WHERE c.user_id = @pk AND c.id != @roster ORDER BY c.created_at DESC',
        parameters: [
          { name: '@pk', value: userId },
          { name: '@roster', value: ROSTER_ID },
        ],
      },
      userId,
    );
  }

  async get(userId: string, id: string): Promise<D | undefined> {
    if (id === ROSTER_ID) return undefined;
    try {
      const { resource } = await this.#container.item(id, userId).read<D>();
      return resource;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async create(doc: D): Promise<void> {
    await this.#container.items.create(doc);
  }

  async replace(doc: D): Promise<void> {
    await this.#container.item(doc.id, doc.user_id).replace(doc);
  }

  /** Idempotent: an item already gone is fine. */
  async delete(userId: string, id: string): Promise<void> {
    try {
      await this.#container.item(id, userId).delete();
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** The items and the roster. */
  async deleteAll(userId: string): Promise<void> {
    await this.delete(userId, ROSTER_ID);
    for (const item of await this.list(userId)) await this.delete(userId, item.id);
  }

  async roster(userId: string): Promise<StoredRoster | undefined> {
    try {
      const { resource } = await this.#container.item(ROSTER_ID, userId).read<RosterDocument & { _etag: string }>();
      if (!resource) return undefined;
      const { user_id, items, default_id, _etag } = resource;
      return { user_id, items, default_id, _etag };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  saveRoster(roster: ItemRoster, etag: string | null): Promise<boolean> {
    const { user_id, items, default_id } = roster;
    const doc: RosterDocument = { id: ROSTER_ID, doc_type: 'roster', user_id, items, default_id };
    return writeIfUnchanged(this.#container, doc, user_id, etag);
  }
}
