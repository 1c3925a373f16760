import { stockStatusOf, type EventOf } from '@holiday-peak-hub/contract';
import { createEvent, type EventContext } from '../platform/events/create-event.ts';
import type { Logger } from '../ports/logger.ts';
import type { ProductDocument } from './documents.ts';
import type { ProductRepository } from './ports.ts';

/** Units of one variant an order wants (a cart line). */
export interface StockLine {
  product_id: string;
  variant_id: string;
  /** A positive integer. */
  quantity: number;
}

/** The order a reservation or a release is for; its request (or the event handled) correlates the events. */
export interface StockRef {
  orderId: string;
  /** The request id of the HTTP call (the events' correlation id); default: the order id. */
  requestId?: string | undefined;
  /** The event being handled, when a consumer releases (the events' causation id). */
  causationId?: string | null | undefined;
}

export type ReserveOutcome =
  | { status: 'reserved' }
  /**
   * One variant could not give `requested` units (the first short one, in the fixed order):
   * nothing is reserved. A product that is gone, not active, or lacks the variant has `available` 0.
   */
  | { status: 'insufficient'; product_id: string; variant_id: string; requested: number; available: number };

/**
 * Stock reservation for order placement, atomic per variant under any concurrency, exact per order:
 *
 * - `reserve` takes every line's units or none. Quantities of one variant are summed first, then
 *   the variants are taken one by one in a fixed order (product id, then variant id), each by one
 *   atomic conditional write that takes the units only if the variant has them and the product is
 *   active, so stock never goes below zero and 100 concurrent orders of 1 unit of a variant with 10
 *   reserve exactly 10. The same write records the order's marker on the product
 *   (`reservations[reservationKeyOf(order, variant)]` = units taken) and only runs while there is
 *   none: taking again for the same order and variant is a no-op answered as taken. At the first
 *   variant short of units, the ones this call took are given back and the answer names that
 *   variant. The fixed order makes two orders wanting the same variants meet at the same first
 *   one, so the last units go to one of them whole instead of to neither (each holding half and
 *   failing the other). Nothing is ever locked: no deadlock.
 * - `release` gives back, per line's variant, exactly the units the order's marker holds, removing
 *   the marker in the same atomic write (whatever the product's status since). It is idempotent:
 *   a variant without the order's marker (released already, committed, never taken) is left as it
 *   is, so releasing twice, or concurrently, gives back once, and a crash anywhere can be repaired
 *   by releasing again. A variant deleted meanwhile has nothing to give back to (its marker goes).
 * - `commit` removes the order's markers without giving units back (the order shipped them).
 *
 * A storage failure in the middle throws after giving back what this call took; a write whose
 * outcome is unknown (a timeout) may leave its units taken, under the order's marker: releasing
 * the order gives them back. Every change of units publishes an `InventoryUpdated` event (which
 * also clears the catalog caches), as a staff stock change does; a commit publishes none.
 */
export interface StockReservations {
  reserve(lines: readonly StockLine[], ref: StockRef): Promise<ReserveOutcome>;
  release(lines: readonly StockLine[], ref: StockRef): Promise<void>;
  commit(lines: readonly StockLine[], ref: StockRef): Promise<void>;
}

/** One order's units of one variant, changed (or committed) with its marker, as storage does it atomically. */
export interface StockChange extends StockLine {
  /** The order's marker on the product (`reservationKeyOf`). */
  reservation: string;
  /** For the `InventoryUpdated` event of the change. */
  event: EventContext;
}

/**
 * What taking units of one variant did: `taken` also when the order's marker was there already
 * (nothing changed); `short` changed nothing (`available` 0: no such active product or variant).
 */
export type StockTake = { status: 'taken' } | { status: 'short'; available: number };
/**
 * What giving an order's units back did: `returned` (the marker's units), `none` when the product
 * holds no marker of the order (released or committed already), `gone` when the product or the
 * variant no longer exists (a marker left on the product is removed).
 */
export type StockReturn = 'returned' | 'none' | 'gone';

/** The product's marker of one order's units of one variant. */
export type StockMarker = Pick<StockChange, 'product_id' | 'variant_id' | 'reservation'>;

const hex = (value: string) =>
  Array.from(new TextEncoder().encode(value), (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * The key of an order's marker of a variant on the product (`reservations.<key>`): `r` and the
 * lower-case hex of `<orderId>|<variantId>`, a property name safe in a Cosmos DB path and query
 * and unchanged by case folding, one per order and variant.
 */
export function reservationKeyOf(orderId: string, variantId: string): string {
  return `r${hex(`${orderId}|${variantId}`)}`;
}

/** The event of one variant's change from `previous` to `stock` units. */
export function inventoryUpdatedEvent(
  product: Pick<ProductDocument, 'id' | 'category_slug' | 'sku'>,
  variantId: string,
  previous: number,
  stock: number,
  context: EventContext,
): EventOf<'InventoryUpdated'> {
  return createEvent(
    'InventoryUpdated',
    {
      product_id: product.id,
      category_slug: product.category_slug,
      sku: product.sku,
      variant_id: variantId,
      previous_stock: previous,
      stock,
      status: stockStatusOf(stock),
    },
    context,
  );
}

const byProductThenVariant = (a: StockLine, b: StockLine) =>
  a.product_id < b.product_id ? -1 : a.product_id > b.product_id ? 1 : a.variant_id < b.variant_id ? -1 : 1;

/** One line per variant (quantities summed), in the fixed order reservations follow. */
export function mergeStockLines(lines: readonly StockLine[]): StockLine[] {
  const merged = new Map<string, StockLine>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      throw new RangeError(`quantity must be a positive integer (got ${line.quantity})`);
    }
    const key = JSON.stringify([line.product_id, line.variant_id]);
    const seen = merged.get(key);
    merged.set(key, { ...line, quantity: (seen?.quantity ?? 0) + line.quantity });
  }
  return [...merged.values()].sort(byProductThenVariant);
}

export interface StockReservationDeps {
  /** The catalog's products (their atomic stock changes). */
  products: Pick<ProductRepository, 'takeStock' | 'returnStock' | 'commitStock'>;
  clock: () => Date;
  /** `source` of the events. */
  eventSource: string;
  logger: Logger;
}

/** Stock reservations over the products' atomic per-variant changes (Cosmos DB or memory alike). */
export function createStockReservations(deps: StockReservationDeps): StockReservations {
  const context = (ref: StockRef): EventContext => ({
    source: deps.eventSource,
    correlationId: ref.requestId ?? ref.orderId,
    causationId: ref.causationId ?? null,
    now: deps.clock(),
  });

  const change = (line: StockLine, ref: StockRef): StockChange => ({
    ...line,
    reservation: reservationKeyOf(ref.orderId, line.variant_id),
    event: context(ref),
  });

  /** Gives every line back (or commits it), each tried even when one fails; the first failure is thrown at the end. */
  async function giveBack(lines: readonly StockLine[], ref: StockRef, commit = false): Promise<void> {
    let failure: Error | undefined;
    for (const line of lines) {
      try {
        await (commit ? deps.products.commitStock(change(line, ref)) : deps.products.returnStock(change(line, ref)));
      } catch (err) {
        deps.logger.error({ err, order_id: ref.orderId, line, commit }, 'stock: giving units back failed');
        failure ??= err instanceof Error ? err : new Error(String(err));
      }
    }
    if (failure !== undefined) throw failure;
  }

  return {
    async reserve(lines, ref) {
      const taken: StockLine[] = [];
      for (const line of mergeStockLines(lines)) {
        let outcome: StockTake;
        try {
          outcome = await deps.products.takeStock(change(line, ref));
        } catch (err) {
          await giveBack(taken, ref);
          throw err;
        }
        if (outcome.status === 'taken') {
          taken.push(line);
          continue;
        }
        await giveBack(taken, ref);
        const { product_id, variant_id, quantity } = line;
        return { status: 'insufficient', product_id, variant_id, requested: quantity, available: outcome.available };
      }
      return { status: 'reserved' };
    },
    release: (lines, ref) => giveBack(mergeStockLines(lines), ref),
    commit: (lines, ref) => giveBack(mergeStockLines(lines), ref, true),
  };
}
