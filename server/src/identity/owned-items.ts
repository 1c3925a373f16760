import type { Container } from '@azure/cosmos';
import type { OwnedItems } from '@holiday-peak-hub/core';
import { isNotFound } from '../platform/cosmos/cosmos-errors.ts';
import { queryAll } from '../platform/cosmos/query-page.ts';

/**
 * Small sets of documents one user owns (addresses, payment methods) in a container partitioned by
 * `/user_id`: every access names the owner's partition, so nobody can reach another user's item
 * by its id, and listing one user's items is one single-partition query.
 */
export class CosmosOwnedItems<D extends { id: string; user_id: string; created_at: string }> implements OwnedItems<D> {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  /** The owner's items, newest first. */
  list(userId: string): Promise<D[]> {
    return queryAll<D>(
      this.#container,
      {
        query: 'SELECT * FROM c WHERE c.user_id = @pk ORDER BY c.created_at DESC',
        parameters: [{ name: '@pk', value: userId }],
      },
      userId,
    );
  }

  async get(userId: string, id: string): Promise<D | undefined> {
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

  async deleteAll(userId: string): Promise<void> {
    for (const item of await this.list(userId)) await this.delete(userId, item.id);
  }
}
