import type { Container } from '@azure/cosmos';
import {
  CART_DOCUMENT_ID,
  PreconditionFailedError,
  type CartDocument,
  type CartRepository,
  type StoredCart,
} from '@holiday-peak-hub/core';
import { cosmosStatus, isNotFound } from '../platform/cosmos/cosmos-errors.ts';

const conflict = () => new PreconditionFailedError(undefined, { resource: 'cart' });

/**
 * Carts in the `cart` container (partition `/user_id`): one document per owner, id `cart`, so every
 * access is a point read or a conditional write in the owner's partition. The document's `ttl`
 * (renewed on every write) makes Cosmos DB delete a cart left alone: 14 days for guests, 90 for
 * accounts (the container has TTL on, without a default).
 */
export class CosmosCartRepository implements CartRepository {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async get(userId: string): Promise<StoredCart | undefined> {
    try {
      const { resource } = await this.#container.item(CART_DOCUMENT_ID, userId).read<StoredCart>();
      return resource;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Created when read as absent, else replaced on the etag read: 412, 409 (a concurrent first write) and 404 (deleted meanwhile) are a conflict. */
  async save(doc: CartDocument, etag: string | null): Promise<StoredCart> {
    try {
      const { resource } =
        etag === null
          ? await this.#container.items.create<StoredCart>(doc as StoredCart)
          : await this.#container
              .item(CART_DOCUMENT_ID, doc.user_id)
              .replace<StoredCart>(doc as StoredCart, { accessCondition: { type: 'IfMatch', condition: etag } });
      if (!resource) throw new Error('Cosmos DB answered a cart write without the document');
      return resource;
    } catch (err) {
      const status = cosmosStatus(err);
      if (status === 412 || status === 409 || status === 404) throw conflict();
      throw err;
    }
  }

  async remove(userId: string, etag: string): Promise<void> {
    try {
      await this.#container
        .item(CART_DOCUMENT_ID, userId)
        .delete({ accessCondition: { type: 'IfMatch', condition: etag } });
    } catch (err) {
      if (isNotFound(err)) return;
      if (cosmosStatus(err) === 412) throw conflict();
      throw err;
    }
  }
}
