import { NotFoundError, PreconditionFailedError } from '../../pipeline/errors.ts';
import { createEvent } from '../../platform/events/create-event.ts';
import { retryOnConflict } from '../../platform/write-context.ts';
import type { Logger } from '../../ports/logger.ts';
import type { StockReservations } from '../../catalog/stock-reservations.ts';
import type { PaymentGateway } from '../../payments/gateway.ts';
import type { RedemptionLedger } from '../../promotions/ports.ts';
import {
  HOLDS_MONEY,
  PAYMENT_WINDOW_MS,
  SETTLE_LEASE_MS,
  withStatus,
  type OrderDocument,
  type StoredOrder,
} from '../documents.ts';
import { OrderSettlements, settlementOf } from '../order-cancel.ts';
import { stockLinesOf } from '../order-draft.ts';
import type { OrderRepository } from '../ports.ts';
import { orderEventContext, type PaymentStateRecorder } from '../payments/payment-state.ts';

export interface UnpaidSweeperDeps {
  orders: Pick<
    OrderRepository,
    'get' | 'replace' | 'delete' | 'listUnpaidBefore' | 'listHeldUnpaidBefore' | 'listUnsettled' | 'listStalePlacements'
  >;
  gateway: Pick<PaymentGateway, 'retrieve' | 'cancel' | 'refund'>;
  stock: Pick<StockReservations, 'release'>;
  ledger: Pick<RedemptionLedger, 'release'>;
  /** The payment state transition (`createPaymentStateRecorder`), for payments whose webhook was lost. */
  record: PaymentStateRecorder;
  /** `source` of the events. */
  eventSource: string;
  logger: Logger;
}

/** What one sweep did with the settlements that cancellations and expiries left owed. */
export interface SettleCounts {
  /** Everything given back by this sweep. */
  settled: number;
  /** Some step failed again (logged): the next sweep tries it. */
  pending: number;
  /** Being settled by someone else (its attempt is recent). */
  busy: number;
  /** Failed (logged); the next sweep tries them again. */
  failed: number;
}

/** What one sweep did with the overdue orders it found. */
export interface SweepCounts {
  /** Cancelled as `payment_expired` by this sweep (their settlement done, or owed to the next sweeps). */
  expired: number;
  /**
   * Found paid at the provider (the webhook was lost), or holding money the SAGA left: recorded,
   * and `PaymentAuthorized` sent again, so the SAGA captures them.
   */
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

/** The overdue order cancelled, owing its stock, promo use and hold back (`settlement`), with the events. */
function expiredOrder(order: StoredOrder, now: Date, source: string) {
  const context = orderEventContext(source, order, null, now);
  const ref = { order_id: order.id, order_number: order.order_number };
  const doc: OrderDocument = {
    ...withStatus(order, 'cancelled', now, PAYMENT_EXPIRED),
    stock_state: 'released',
    promo_state: order.promo_state === 'redeemed' ? 'released' : order.promo_state,
    settlement: settlementOf(order, PAYMENT_EXPIRED, now),
  };
  const events = [
    createEvent('OrderCancelled', { ...ref, previous_status: order.status, reason: PAYMENT_EXPIRED }, context),
    createEvent('InventoryReleased', { ...ref, items: stockLinesOf(order), reason: PAYMENT_EXPIRED }, context),
    createEvent(
      'OrderStatusChanged',
      { ...ref, from: order.status, to: 'cancelled', reason: PAYMENT_EXPIRED },
      context,
    ),
  ];
  return { doc, events };
}

/**
 * The sweeper of unpaid orders: orders still `pending_payment` after their `pay_by` are cancelled
 * (`payment_expired`). The provider is asked first: an intent actually authorized or captured
 * means its webhook was lost, so that state is recorded instead (the SAGA then captures). The
 * cancellation is one conditional write of the order that also records what it owes back
 * (`settlement`): of sweeps running together (several replicas, or a late confirmation recording
 * the payment) one wins, and only the winner gives the stock and the promo use back and cancels
 * the intent, so each is released once. Each sweep first retries the settlements a failure left,
 * and reconciles the unpaid orders whose payment holds money (kept out of the expiry's batch).
 */
export function createUnpaidSweeper(deps: UnpaidSweeperDeps) {
  /** Settlements by this sweep: their events are dated at its `now`. */
  const settlementsAt = (now: Date) => new OrderSettlements({ ...deps, payments: deps.gateway, clock: () => now });

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
      return deps.orders.replace(doc, events, order._etag, now);
    });
  }

  async function expire(orderId: string, now: Date): Promise<keyof SweepCounts> {
    const cancelled = await cancelIfStillDue(orderId, now);
    if (!cancelled) return 'skipped';
    await settlementsAt(now).settle(cancelled);
    return 'expired';
  }

  async function sweepOne(order: StoredOrder, now: Date): Promise<keyof SweepCounts> {
    const intentId = order.payment.intent_id;
    const intent = intentId === null ? undefined : await deps.gateway.retrieve(intentId);
    if (intent && (intent.status === 'requires_capture' || intent.status === 'succeeded')) {
      await deps.record(order.id, intent, null);
      return 'recovered';
    }
    return expire(order.id, now);
  }

  /**
   * An unpaid order whose payment holds money, untouched for a payment window: the SAGA did not
   * complete it (its capture failed past its retries, or its event was lost). Money held or taken
   * at the provider → recorded, and `PaymentAuthorized` emitted again with a write of the order
   * (the SAGA's capture is idempotent, and stays the one path from authorized to paid); the write
   * also moves the order to the back of this list, so stuck orders never hide the others. An
   * intent canceled at the provider (hold expired, voided in the dashboard) → recorded voided and
   * the order expired, its stock and promo use given back.
   */
  async function reconcileHeld(order: StoredOrder, now: Date): Promise<keyof SweepCounts> {
    const intent = order.payment.intent_id === null ? undefined : await deps.gateway.retrieve(order.payment.intent_id);
    if (intent?.status === 'canceled') {
      await deps.record(order.id, intent, null);
      return expire(order.id, now);
    }
    const held = intent?.status === 'requires_capture' || intent?.status === 'succeeded';
    if (intent && held) await deps.record(order.id, intent, null);
    return retryOnConflict(async () => {
      const current = await deps.orders.get(order.id);
      if (current?.status !== 'pending_payment' || !HOLDS_MONEY.includes(current.payment.status)) return 'skipped';
      const { _etag, ...doc } = current;
      const { payment } = doc;
      const context = orderEventContext(deps.eventSource, doc, null, now);
      const authorized = createEvent(
        'PaymentAuthorized',
        {
          order_id: doc.id,
          order_number: doc.order_number,
          intent_id: payment.intent_id!,
          amount: payment.amount_authorized,
          currency: doc.totals.currency,
        },
        context,
      );
      await deps.orders.replace({ ...doc, updated_at: now.toISOString() }, held ? [authorized] : [], _etag, now);
      return held ? 'recovered' : 'skipped';
    });
  }

  /** Retries up to `SWEEP_BATCH` settlements whose last attempt is `SETTLE_LEASE_MS` old, oldest first. */
  async function settleCancelledOrders(now: Date): Promise<SettleCounts> {
    const counts: SettleCounts = { settled: 0, pending: 0, busy: 0, failed: 0 };
    const before = new Date(now.getTime() - SETTLE_LEASE_MS);
    for (const order of await deps.orders.listUnsettled(before, SWEEP_BATCH)) {
      try {
        counts[await settlementsAt(now).retry(order.id, now)] += 1;
      } catch (err) {
        deps.logger.error({ err, order_id: order.id }, 'unpaid sweeper: a settlement failed');
        counts.failed += 1;
      }
    }
    if (counts.settled + counts.pending + counts.failed > 0) deps.logger.warn(counts, 'unpaid sweeper: settlements');
    return counts;
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
    await deps.stock.release(stockLinesOf(doc), { orderId: doc.id });
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

    /** Retries up to `SWEEP_BATCH` owed settlements (also the first step of `expireUnpaidOrders`). */
    settleCancelledOrders,

    /**
     * Retries owed settlements, reconciles up to `SWEEP_BATCH` unpaid orders holding money left
     * for a payment window, then expires up to `SWEEP_BATCH` orders unpaid at `now`, oldest first;
     * the lead schedules it. The counts are of the last two.
     */
    async expireUnpaidOrders(now: Date): Promise<SweepCounts> {
      const counts: SweepCounts = { expired: 0, recovered: 0, skipped: 0, failed: 0 };
      await settleCancelledOrders(now);
      const passes: [(order: StoredOrder, now: Date) => Promise<keyof SweepCounts>, StoredOrder[]][] = [
        [
          reconcileHeld,
          await deps.orders.listHeldUnpaidBefore(new Date(now.getTime() - PAYMENT_WINDOW_MS), SWEEP_BATCH),
        ],
        [sweepOne, await deps.orders.listUnpaidBefore(now, SWEEP_BATCH)],
      ];
      for (const [pass, orders] of passes) {
        for (const order of orders) {
          try {
            counts[await pass(order, now)] += 1;
          } catch (err) {
            deps.logger.error({ err, order_id: order.id }, 'unpaid sweeper: an order failed');
            counts.failed += 1;
          }
        }
      }
      return counts;
    },
  };
}

export type UnpaidSweeper = ReturnType<typeof createUnpaidSweeper>;
