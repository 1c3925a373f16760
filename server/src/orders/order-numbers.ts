import type { Container } from '@azure/cosmos';
import type { OrderNumbers } from '@holiday-peak-hub/core';
import { cosmosStatus, isNotFound } from '../platform/cosmos/cosmos-errors.ts';

/** A year's order number counter: its own partition of the `orders` container. */
interface OrderCounter {
  id: string;
  /** Same as id (the container's partition key). */
  order_id: string;
  doc_type: 'order_counter';
  year: number;
  /** The last number given out (0 before the first). */
  last: number;
}

export const counterId = (year: number) => `counter.${year}`;

/**
 * Order numbers on Cosmos DB: one counter document per year, beside the orders (containers.ts),
 * advanced by an `incr` patch, which Cosmos DB (and the stand-in) applies atomically to one
 * document; the number is the value in the patched document it answers, so no two calls ever get
 * the same one, and a failed placement leaves a gap rather than a duplicate. The counter is created
 * on its year's first use; a concurrent create of it (409) is fine: the patch then finds it.
 */
export class CosmosOrderNumbers implements OrderNumbers {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async next(year: number): Promise<number> {
    // Numbers read HPH-YYYY-NNNNNN: four-digit years only.
    if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError('year must have four digits');
    const id = counterId(year);
    try {
      return await this.#advance(id);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const counter: OrderCounter = { id, order_id: id, doc_type: 'order_counter', year, last: 0 };
    try {
      await this.#container.items.create(counter);
    } catch (err) {
      if (cosmosStatus(err) !== 409) throw err;
    }
    return this.#advance(id);
  }

  async #advance(id: string): Promise<number> {
    const { resource } = await this.#container
      .item(id, id)
      .patch<OrderCounter>([{ op: 'incr', path: '/last', value: 1 }]);
    if (typeof resource?.last !== 'number') throw new Error(`order number counter ${id} answered no number`);
    return resource.last;
  }
}
