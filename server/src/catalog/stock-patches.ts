import type { Container, PatchOperation } from '@azure/cosmos';
import { categoryOfProductId, stockStatusOf, type DomainEvent } from '@holiday-peak-hub/contract';
import {
  inventoryUpdatedEvent,
  ServiceUnavailableError,
  type ProductDocument,
  type StockChange,
  type StockMarker,
  type StockReturn,
  type StockTake,
} from '@holiday-peak-hub/core';
import { cosmosStatus, isNotFound } from '../platform/cosmos/cosmos-errors.ts';
import type { OutboxDeps, OutboxFields, Stored } from '../platform/events/outbox.ts';

type Product = ProductDocument & OutboxFields;

/** Patches of one change that keep failing their condition while the variant still has the units: then a 503. */
const MAX_TRIES = 10;

/**
 * A Cosmos DB SQL string literal of `value`, every character but `[a-z0-9_.-]` written as a
 * `\uXXXX` escape: the stand-in lower-cases a patch condition before running it (a literal
 * `'Var_A'` would never match), and escapes mean the same on Cosmos DB. No quote can break out.
 */
export function sqlString(value: string): string {
  let literal = '';
  for (let i = 0; i < value.length; i += 1) {
    const char = value.charAt(i);
    literal += /[a-z0-9_.-]/.test(char) ? char : `\\u${value.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return `'${literal}'`;
}

/**
 * Stock changes of products on Cosmos DB, each ONE conditional patch of the product document:
 * `incr` of `/variants/<i>/stock` and `/total_stock`, the order's marker (`/reservations/<key>`:
 * set to take, removed to give back), `set` of `/updated_at`, and the change's `InventoryUpdated`
 * event added to the document's outbox (`pending_events`) in the same patch, so the change, its
 * marker and its event are saved together or not at all. The filter predicate
 * (`c.variants[<i>].variant_id = <v>`; to take: `c.variants[<i>].stock >= <q>`, the product
 * active, no marker of the order; to give back: the marker with the units read) makes the check
 * and the write one atomic step: a 412 changed nothing. Keys are lower-case hex (`r…`), which the
 * stand-in's case folding of conditions leaves as they are.
 *
 * The event is written with the units read just before (`previous_stock`, `stock`); the patch
 * answers the document as written, so when a concurrent change came in between, the pending event
 * is corrected to the exact values of this change before it is published. After the write the
 * event is published (the catalog's publisher clears the caches first) and only THIS event is
 * removed from the outbox: under a burst of orders on one product the writers do not clear (and
 * republish) each other's events. What a failed publish or a crash leaves is the relay's, as for
 * every write; a crash between the patch and the correction publishes the event with the values read.
 */
export class CosmosStock {
  readonly #container: Container;
  readonly #outbox: OutboxDeps;

  constructor(container: Container, outbox: OutboxDeps) {
    this.#container = container;
    this.#outbox = outbox;
  }

  async take(change: StockChange): Promise<StockTake> {
    const outcome = await this.#change(change, true);
    if (outcome === 'done') return { status: 'taken' };
    return { status: 'short', available: typeof outcome === 'number' ? outcome : 0 };
  }

  async give(change: StockChange): Promise<StockReturn> {
    const outcome = await this.#change(change, false);
    return outcome === 'done' ? 'returned' : outcome === 'none' ? 'none' : 'gone';
  }

  /** Removes the order's marker (no units change, no event); a marker or product already gone is fine. */
  async commit(marker: StockMarker): Promise<void> {
    const category = categoryOfProductId(marker.product_id);
    if (category === undefined) return;
    try {
      await this.#container.item(marker.product_id, category).patch({
        condition: `from c where is_defined(c.reservations.${marker.reservation})`,
        operations: [{ op: 'remove', path: `/reservations/${marker.reservation}` }],
      });
    } catch (err) {
      if (cosmosStatus(err) !== 412 && !isNotFound(err)) throw err;
    }
  }

  /**
   * Takes the change's units under the order's marker (`done` also when the marker is there), or
   * gives the marker's units back (`none`: no marker); `gone`, or (taking) the units available when short.
   */
  async #change(change: StockChange, taking: boolean): Promise<'done' | 'none' | 'gone' | number> {
    const category = categoryOfProductId(change.product_id);
    if (category === undefined) return 'gone';
    for (let tries = 1; ; tries += 1) {
      const doc = await this.#read(change.product_id, category);
      if (!doc) return 'gone';
      const held = doc.reservations?.[change.reservation];
      if (taking && held !== undefined) return 'done';
      if (!taking && held === undefined) return 'none';
      const index = doc.variants.findIndex((variant) => variant.variant_id === change.variant_id);
      if (index < 0 || (taking && doc.status !== 'active')) {
        // A variant deleted while reserved: its units went with it, the marker goes too.
        if (!taking) await this.commit(change);
        return 'gone';
      }
      const delta = taking ? -change.quantity : held!;
      const previous = doc.variants[index]!.stock;
      if (taking && previous < change.quantity) return previous;
      const event = inventoryUpdatedEvent(doc, change.variant_id, previous, previous + delta, change.event);
      const written = await this.#patch(doc, index, { delta, key: change.reservation }, event);
      if (written === 'gone') return 'gone';
      if (written === 'changed') {
        if (tries >= MAX_TRIES) {
          throw new ServiceUnavailableError('Too many concurrent changes of this product: try again', {
            product_id: change.product_id,
          });
        }
        continue;
      }
      const stock = written.variants[index]!.stock;
      const exact = stock === previous + delta ? event : await this.#correct(written, event, stock - delta, stock);
      await this.#flush(written, exact);
      return 'done';
    }
  }

  /** The conditional patch; `changed` when its condition no longer holds (412), `gone` when the product is (404). */
  async #patch(doc: Stored<Product>, i: number, marker: { delta: number; key: string }, event: DomainEvent) {
    const { delta, key } = marker;
    const variantId = doc.variants[i]!.variant_id;
    const conditions = [`c.variants[${i}].variant_id = ${sqlString(variantId)}`, 'not is_defined(c.deleted_at)'];
    if (delta < 0) conditions.push(`c.variants[${i}].stock >= ${-delta}`, `c.status = 'active'`);
    // `set` cannot create a missing parent: the outbox (and the markers) are added whole when the read had none.
    const outbox = doc.pending_events !== undefined;
    conditions.push(outbox ? 'is_defined(c.pending_events)' : 'not is_defined(c.pending_events)');
    const operations: PatchOperation[] = [
      { op: 'incr', path: `/variants/${i}/stock`, value: delta },
      { op: 'incr', path: '/total_stock', value: delta },
      { op: 'set', path: '/updated_at', value: event.timestamp },
      outbox
        ? { op: 'set', path: `/pending_events/${event.event_id}`, value: event }
        : { op: 'set', path: '/pending_events', value: { [event.event_id]: event } },
    ];
    if (delta > 0) {
      conditions.push(`c.reservations.${key} = ${delta}`);
      operations.push({ op: 'remove', path: `/reservations/${key}` });
    } else {
      const markers = doc.reservations !== undefined;
      conditions.push(`not is_defined(c.reservations.${key})`);
      conditions.push(markers ? 'is_defined(c.reservations)' : 'not is_defined(c.reservations)');
      operations.push(
        markers
          ? { op: 'set', path: `/reservations/${key}`, value: -delta }
          : { op: 'set', path: '/reservations', value: { [key]: -delta } },
      );
    }
    // An older pending event keeps its (older) time: the relay looks for old ones.
    if (doc.pending_since === undefined) operations.push({ op: 'set', path: '/pending_since', value: event.timestamp });
    try {
      const { resource } = await this.#item(doc).patch<Product>({
        condition: `from c where ${conditions.join(' and ')}`,
        operations,
      });
      if (!resource) throw new Error(`stock patch of ${doc.id} returned no document`);
      return resource as Stored<Product>;
    } catch (err) {
      if (cosmosStatus(err) === 412) return 'changed';
      if (isNotFound(err)) return 'gone';
      throw err;
    }
  }

  /** The pending event with the values this change really made (another change came in between). */
  async #correct(written: Stored<Product>, event: DomainEvent, previous: number, stock: number): Promise<DomainEvent> {
    const data = { ...event.data, previous_stock: previous, stock, status: stockStatusOf(stock) };
    await this.#patchIgnoringRaces(this.#item(written), `from c where is_defined(${this.#pendingPath(event)})`, [
      { op: 'set', path: `/pending_events/${event.event_id}/data`, value: data },
    ]);
    // Failing that (already published by another writer, with the values read), at-least-once allows it.
    return { ...event, data } as DomainEvent;
  }

  /** Publishes the change's event, then removes it (and the outbox's time once empty) from the document. */
  async #flush(written: Stored<Product>, event: DomainEvent): Promise<void> {
    const item = this.#item(written);
    try {
      await this.#outbox.publisher.publish([event]);
    } catch (err) {
      this.#outbox.logger.warn(
        { err: err instanceof Error ? err.message : String(err), id: written.id, events: [event.event_id] },
        'outbox: publish failed, events stay pending for the relay',
      );
      // Another writer may have cleared the time the patch relied on: the relay finds the document by it.
      await this.#patchIgnoringRaces(item, 'from c where not is_defined(c.pending_since)', [
        { op: 'set', path: '/pending_since', value: event.timestamp },
      ]);
      return;
    }
    const { resource } = await this.#patchIgnoringRaces(item, `from c where is_defined(${this.#pendingPath(event)})`, [
      { op: 'remove', path: `/pending_events/${event.event_id}` },
    ]);
    if (!resource?.pending_since || Object.keys(resource.pending_events ?? {}).length > 0) return;
    try {
      await item.patch([{ op: 'remove', path: '/pending_since' }], {
        accessCondition: { type: 'IfMatch', condition: resource._etag },
      });
    } catch (err) {
      // Changed meanwhile: that writer's events keep the time.
      if (cosmosStatus(err) !== 412 && !isNotFound(err))
        this.#outbox.logger.warn({ err, id: written.id }, 'outbox: clearing failed');
    }
  }

  /** A housekeeping patch of the outbox: its condition failing (another writer got there) is fine; other failures are logged. */
  async #patchIgnoringRaces(item: ReturnType<Container['item']>, condition: string, operations: PatchOperation[]) {
    try {
      return await item.patch<Product>({ condition, operations });
    } catch (err) {
      if (cosmosStatus(err) !== 412 && !isNotFound(err)) {
        this.#outbox.logger.warn({ err, id: item.id }, 'outbox: updating pending events failed, the relay will retry');
      }
      return { resource: undefined };
    }
  }

  #pendingPath(event: DomainEvent): string {
    return `c.pending_events[${sqlString(event.event_id)}]`;
  }

  #item(doc: ProductDocument) {
    return this.#container.item(doc.id, doc.category_slug);
  }

  /** One point read; a missing document or a tombstone reads as undefined. */
  async #read(id: string, category: string): Promise<Stored<Product> | undefined> {
    try {
      const { resource } = await this.#container.item(id, category).read<Stored<Product>>();
      return resource && !resource.deleted_at ? resource : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}
