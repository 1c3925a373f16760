import type { DomainEvent } from '@holiday-peak-hub/contract';
import { randomToken } from '../../platform/random.ts';
import type { ProductDocument } from '../documents.ts';
import { inventoryUpdatedEvent, type StockChange, type StockReturn, type StockTake } from '../stock-reservations.ts';
import type { DocumentTable, MemoryStoreDeps } from './memory-document-store.ts';

/**
 * Stock changes of the in-memory products, with the semantics of the Cosmos DB adapter's
 * conditional patches: each checks and writes in one synchronous step (nothing else runs in
 * between), gives the product a new `_etag`, and hands its `InventoryUpdated` event to the
 * publisher once written (a failed publish is logged, the change stands).
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
    const variant = doc?.status === 'active' ? this.#variant(doc, change.variant_id) : undefined;
    if (!doc || !variant) return { status: 'short', available: 0 };
    if (variant.stock < change.quantity) return { status: 'short', available: variant.stock };
    await this.#publish(this.#write(doc, change, -change.quantity));
    return { status: 'taken' };
  }

  async give(change: StockChange): Promise<StockReturn> {
    const doc = this.#table.get(change.product_id);
    if (!doc || !this.#variant(doc, change.variant_id)) return 'gone';
    await this.#publish(this.#write(doc, change, change.quantity));
    return 'returned';
  }

  #variant(doc: ProductDocument, variantId: string) {
    return doc.variants.find((variant) => variant.variant_id === variantId);
  }

  /** Stores the product with the variant's units changed by `delta`; answers the change's event. */
  #write(doc: ProductDocument, change: StockChange, delta: number): DomainEvent {
    const previous = this.#variant(doc, change.variant_id)!.stock;
    const variants = doc.variants.map((v) =>
      v.variant_id === change.variant_id ? { ...v, stock: v.stock + delta } : v,
    );
    this.#table.set(doc.id, {
      ...doc,
      variants,
      total_stock: doc.total_stock + delta,
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
