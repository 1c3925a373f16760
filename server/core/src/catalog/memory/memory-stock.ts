import type { DomainEvent } from '@holiday-peak-hub/contract';
import { randomToken } from '../../platform/random.ts';
import type { ProductDocument } from '../documents.ts';
import {
  inventoryUpdatedEvent,
  type StockChange,
  type StockMarker,
  type StockReturn,
  type StockTake,
} from '../stock-reservations.ts';
import type { DocumentTable, MemoryStoreDeps } from './memory-document-store.ts';

/** The markers but one. */
function without(reservations: Record<string, number>, key: string): Record<string, number> {
  return Object.fromEntries(Object.entries(reservations).filter(([held]) => held !== key));
}

/**
 * Stock changes of the in-memory products, with the semantics of the Cosmos DB adapter's
 * conditional patches: each checks and writes in one synchronous step (nothing else runs in
 * between), the units and the order's marker together, gives the product a new `_etag`, and hands
 * its `InventoryUpdated` event to the publisher once written (a failed publish is logged, the
 * change stands).
 */
export class MemoryStock {
  readonly #table: DocumentTable<ProductDocument>;
  readonly #deps: MemoryStoreDeps;

  constructor(table: DocumentTable<ProductDocument>, deps: MemoryStoreDeps) {
    this.#table = table;
    this.#deps = deps;
  }

  async take(change: StockChange): Promise<StockTake> {
    const doc = this.#table.get(change.product_id);
    if (doc?.reservations?.[change.reservation] !== undefined) return { status: 'taken' };
    const variant = doc?.status === 'active' ? this.#variant(doc, change.variant_id) : undefined;
    if (!doc || !variant) return { status: 'short', available: 0 };
    if (variant.stock < change.quantity) return { status: 'short', available: variant.stock };
    const reservations = { ...doc.reservations, [change.reservation]: change.quantity };
    await this.#publish(this.#write(doc, change, -change.quantity, reservations));
    return { status: 'taken' };
  }

  async give(change: StockChange): Promise<StockReturn> {
    const doc = this.#table.get(change.product_id);
    if (!doc) return 'gone';
    const held = doc.reservations?.[change.reservation];
    if (held === undefined) return 'none';
    const reservations = without(doc.reservations!, change.reservation);
    if (!this.#variant(doc, change.variant_id)) {
      this.#table.set(doc.id, { ...doc, reservations, _etag: randomToken(16) });
      return 'gone';
    }
    await this.#publish(this.#write(doc, change, held, reservations));
    return 'returned';
  }

  commit(marker: StockMarker): Promise<void> {
    const doc = this.#table.get(marker.product_id);
    if (doc?.reservations?.[marker.reservation] !== undefined) {
      const reservations = without(doc.reservations, marker.reservation);
      this.#table.set(doc.id, { ...doc, reservations, _etag: randomToken(16) });
    }
    return Promise.resolve();
  }

  #variant(doc: ProductDocument, variantId: string) {
    return doc.variants.find((variant) => variant.variant_id === variantId);
  }

  /** Stores the product with the variant's units changed by `delta` and its markers; answers the change's event. */
  #write(doc: ProductDocument, change: StockChange, delta: number, reservations: Record<string, number>): DomainEvent {
    const previous = this.#variant(doc, change.variant_id)!.stock;
    const variants = doc.variants.map((v) =>
      v.variant_id === change.variant_id ? { ...v, stock: v.stock + delta } : v,
    );
    this.#table.set(doc.id, {
      ...doc,
      variants,
      total_stock: doc.total_stock + delta,
      reservations,
      updated_at: change.event.now.toISOString(),
      _etag: randomToken(16),
    });
    return inventoryUpdatedEvent(doc, change.variant_id, previous, previous + delta, change.event);
  }

  async #publish(event: DomainEvent): Promise<void> {
    try {
      await this.#deps.publisher.publish([event]);
    } catch (err) {
      this.#deps.logger.warn({ err, event: event.event_id }, 'memory store: publish failed after the stock change');
    }
  }
}
