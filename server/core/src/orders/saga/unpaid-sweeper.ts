import { NotFoundError, PreconditionFailedError } from '../../pipeline/errors.ts';
import { createEvent } from '../../platform/events/create-event.ts';
import { retryOnConflict } from '../../platform/write-context.ts';
import type { Logger } from '../../ports/logger.ts';
import type { StockReservations } from '../../catalog/stock-reservations.ts';
import type { PaymentGateway } from '../../payments/gateway.ts';
import type { RedemptionLedger } from '../../promotions/ports.ts';
import { HOLDS_MONEY, withStatus, type OrderDocument, type StoredOrder } from '../documents.ts';
import type { OrderRepository } from '../ports.ts';
import { orderEventContext, type PaymentStateRecorder } from '../payments/payment-state.ts';

export interface UnpaidSweeperDeps {
  orders: Pick<OrderRepository, 'get' | 'replace' | 'delete' | 'listUnpaidBefore' | 'listStalePlacements'>;
  gateway: Pick<PaymentGateway, 'retrieve' | 'cancel'>;
  stock: Pick<StockReservations, 'release'>;
  ledger: Pick<RedemptionLedger, 'release'>;
  /** The payment state transition (`createPaymentStateRecorder`), for payments whose webhook was lost. */
  record: PaymentStateRecorder;
  /** `source` of the events. */
  eventSource: string;
  logger: Logger;
}

/** What one sweep did with the overdue orders it found. */
export interface SweepCounts {
  /** Cancelled as `payment_expired`, their stock and promo use given back, by this sweep. */
  expired: number;
  /** Found paid at the provider (the webhook was lost): recorded, so the SAGA captures them. */
  recovered: number;
  /** Already expired or paid by someone else meanwhile (another sweep, a late confirmation). */
  skipped: number;
  /** Failed (logged); the next sweep tries them again. */
  failed: number;
}

/** What one sweep did with the placements left `placing` too long. */
export interface PlacementCleanupCounts {
  /** Given back (stock, promo use, intent) and removed by this sweep. */
  abandoned: number;
  /** Completed, or removed by someone else, meanwhile. */
  skipped: number;
  /** Failed (logged); the next sweep tries them again. */
  failed: number;
}

/** A placement still `placing` this long after it started was left by a crash (placements take seconds). */
export const STALE_PLACEMENT_MS = 2 * 60 * 1000;

/** How many overdue orders one sweep takes on. */
export const SWEEP_BATCH = 50;

/** The reason an unpaid order is cancelled with. */
export const PAYMENT_EXPIRED = 'payment_expired';

const units = (doc: OrderDocument) =>
  doc.items.map(({ product_id, variant_id, quantity }) => ({ product_id, variant_id, quantity }));

/** The overdue order cancelled, stock and promo released, payment voided, with the events of all that. */
function expiredOrder(order: StoredOrder, now: Date, source: string) {
  const context = orderEventContext(source, order, null, now);
  const ref = { order_id: order.id, order_number: order.order_number };
  const intentId = order.payment.intent_id;
  const doc: OrderDocument = {
    ...withStatus(order, 'cancelled', now, PAYMENT_EXPIRED),
    stock_state: 'released',
    promo_state: order.promo_state === 'redeemed' ? 'released' : order.promo_state,
    payment: { ...order.payment, status: intentId === null ? order.payment.status : 'voided' },
  };
  const events = [
    createEvent('OrderCancelled', { ...ref, previous_status: order.status, reason: PAYMENT_EXPIRED }, context),
    createEvent('InventoryReleased', { ...ref, items: units(order), reason: PAYMENT_EXPIRED }, context),
    createEvent(
      'OrderStatusChanged',
      { ...ref, from: order.status, to: 'cancelled', reason: PAYMENT_EXPIRED },
      context,
    ),
    ...(intentId === null
      ? []
      : [createEvent('PaymentVoided', { ...ref, intent_id: intentId, reason: PAYMENT_EXPIRED }, context)]),
  ];
  return { doc, events };
}

/**
 * The sweeper of unpaid orders: orders still `pending_payment` after their `pay_by` are cancelled
 * (`payment_expired`). The provider is asked first: an intent actually authorized or captured
 * means its webhook was lost, so that state is recorded instead (the SAGA then captures). The
 * cancellation is one conditional write of the order: of sweeps running together (several
 * replicas, or a late confirmation recording the payment) one wins, and only the winner gives the
 * stock and the promo use back and cancels the intent, so each is released once.
 */
export function createUnpaidSweeper(deps: UnpaidSweeperDeps) {
  /** The order cancelled by this call, or undefined when it no longer is an overdue unpaid order. */
  function cancelIfStillDue(orderId: string, now: Date): Promise<StoredOrder | undefined> {
    return retryOnConflict(async () => {
      const order = await deps.orders.get(orderId);
      if (
        !order ||
        order.placement !== 'placed' ||
        order.status !== 'pending_payment' ||
        Date.parse(order.pay_by) >= now.getTime() ||
        HOLDS_MONEY.includes(order.payment.status)
      ) {
        return undefined;
      }
      const { doc, events } = expiredOrder(order, now, deps.eventSource);
      await deps.orders.replace(doc, events, order._etag, now);
      return order;
    });
  }

  /** What the winner gives back; each step is tried whatever the others did, failures logged. */
  async function release(order: StoredOrder): Promise<void> {
    const steps: [string, () => Promise<unknown>][] = [];
    if (order.stock_state === 'reserved') {
      steps.push(['stock', () => deps.stock.release(units(order), { orderId: order.id })]);
    }
    if (order.promo_state === 'redeemed' && order.promo_code !== null) {
      const code = order.promo_code;
      steps.push(['promo', () => deps.ledger.release(code, order.id)]);
    }
    const intentId = order.payment.intent_id;
    if (intentId !== null) steps.push(['payment', () => deps.gateway.cancel(intentId)]);
    for (const [what, step] of steps) {
      try {
        await step();
      } catch (err) {
        deps.logger.error({ err, order_id: order.id, what }, 'unpaid sweeper: releasing an expired order failed');
      }
    }
  }

  async function sweepOne(order: StoredOrder, now: Date): Promise<keyof SweepCounts> {
    const intentId = order.payment.intent_id;
    const intent = intentId === null ? undefined : await deps.gateway.retrieve(intentId);
    if (intent && (intent.status === 'requires_capture' || intent.status === 'succeeded')) {
      await deps.record(order.id, intent, null);
      return 'recovered';
    }
    const cancelled = await cancelIfStillDue(order.id, now);
    if (!cancelled) return 'skipped';
    await release(cancelled);
    return 'expired';
  }

  /**
   * A stale placement undone: first claimed by a conditional rewrite (a placement still running
   * then fails its final write and undoes itself, so what is given back here is never an order's),
   * then its stock (per the order's markers: exactly what was taken, once) and promo use given
   * back and its intent cancelled, all idempotent, then the document removed if still the one
   * claimed. A failure leaves the document for the next sweep, which repeats it all harmlessly.
   */
  async function abandonOne(found: StoredOrder, before: Date, now: Date): Promise<keyof PlacementCleanupCounts> {
    const order = await deps.orders.get(found.id);
    if (!order || order.placement !== 'placing' || order.created_at >= before.toISOString()) return 'skipped';
    const { _etag, ...doc } = order;
    let claimed: StoredOrder;
    try {
      claimed = await deps.orders.replace(doc, [], _etag, now);
    } catch (err) {
      if (err instanceof PreconditionFailedError || err instanceof NotFoundError) return 'skipped';
      throw err;
    }
    await deps.stock.release(units(doc), { orderId: doc.id });
    if (doc.promo_code !== null) await deps.ledger.release(doc.promo_code, doc.id);
    if (doc.payment.intent_id !== null) await deps.gateway.cancel(doc.payment.intent_id);
    try {
      await deps.orders.delete(doc, claimed._etag);
    } catch (err) {
      if (err instanceof PreconditionFailedError || err instanceof NotFoundError) return 'skipped';
      throw err;
    }
    return 'abandoned';
  }

  return {
    /** Removes up to `SWEEP_BATCH` placements left `placing` for `STALE_PLACEMENT_MS` at `now`, oldest first. */
    async abandonStalePlacements(now: Date): Promise<PlacementCleanupCounts> {
      const counts: PlacementCleanupCounts = { abandoned: 0, skipped: 0, failed: 0 };
      const before = new Date(now.getTime() - STALE_PLACEMENT_MS);
      for (const order of await deps.orders.listStalePlacements(before, SWEEP_BATCH)) {
        try {
          counts[await abandonOne(order, before, now)] += 1;
        } catch (err) {
          deps.logger.error({ err, order_id: order.id }, 'unpaid sweeper: a stale placement failed');
          counts.failed += 1;
        }
      }
      if (counts.abandoned + counts.failed > 0) deps.logger.warn(counts, 'unpaid sweeper: stale placements');
      return counts;
    },

    /** Expires up to `SWEEP_BATCH` orders unpaid at `now`, oldest first; the lead schedules it. */
    async expireUnpaidOrders(now: Date): Promise<SweepCounts> {
      const counts: SweepCounts = { expired: 0, recovered: 0, skipped: 0, failed: 0 };
      for (const order of await deps.orders.listUnpaidBefore(now, SWEEP_BATCH)) {
        try {
          counts[await sweepOne(order, now)] += 1;
        } catch (err) {
          deps.logger.error({ err, order_id: order.id }, 'unpaid sweeper: an order failed');
          counts.failed += 1;
        }
      }
      return counts;
    },
  };
}

export type UnpaidSweeper = ReturnType<typeof createUnpaidSweeper>;
