import { fromMinor, toMinor, type DomainEvent, type OrderPayment } from '@holiday-peak-hub/contract';
import type { StockReservations } from '../catalog/stock-reservations.ts';
import { PaymentIntentStateError } from '../payments/errors.ts';
import type { PaymentGateway } from '../payments/gateway.ts';
import { OrderNotCancellableError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import { createEvent, type EventContext } from '../platform/events/create-event.ts';
import { retryOnConflict } from '../platform/write-context.ts';
import type { Logger } from '../ports/logger.ts';
import type { RedemptionLedger } from '../promotions/ports.ts';
import {
  CANCELLABLE,
  SETTLE_LEASE_MS,
  withStatus,
  type OrderDocument,
  type OrderSettlement,
  type SettlementItem,
  type StoredOrder,
} from './documents.ts';
import { stockLinesOf } from './order-draft.ts';
import { findOrder, isOwner, isStaff, orderNotFound } from './order-reads.ts';
import type { OrderRepository } from './ports.ts';

export interface OrderCancelDeps {
  orders: OrderRepository;
  stock: Pick<StockReservations, 'release'>;
  ledger: Pick<RedemptionLedger, 'release'>;
  payments: Pick<PaymentGateway, 'cancel' | 'refund' | 'retrieve'>;
  clock: () => Date;
  eventSource: string;
  logger: Logger;
}

/** What settling needs: the cancellation's dependencies, of the orders only reads and replaces. */
export type SettlementDeps = Omit<OrderCancelDeps, 'orders'> & { orders: Pick<OrderRepository, 'get' | 'replace'> };

/** What voiding or refunding did to the order's payment, and its event. */
interface PaymentOutcome {
  payment: Partial<OrderPayment>;
  event: DomainEvent;
}

/**
 * What cancelling `before` owes back (its stock, its promo use, its payment voided or refunded),
 * or null when nothing: written in the same conditional replace that cancels it, so exactly one
 * writer owes it, and the sweeper finds what a failure left.
 */
export function settlementOf(before: OrderDocument, reason: string, now: Date): OrderSettlement | null {
  const owed: SettlementItem[] = [];
  if (before.stock_state === 'reserved') owed.push('stock');
  if (before.promo_state === 'redeemed' && before.promo_code !== null) owed.push('promo');
  const { payment } = before;
  if (payment.intent_id !== null && payment.status !== 'voided' && payment.status !== 'refunded') owed.push('payment');
  const captured = payment.status === 'captured' || payment.status === 'partially_refunded';
  const refund = captured ? toMinor(payment.amount_captured) - toMinor(payment.amount_refunded) : null;
  return owed.length === 0 ? null : { owed, reason, refund, attempt_at: now.toISOString() };
}

/**
 * `POST /api/orders/{id}/cancel`: one conditional replace of the order (on the version read; a
 * concurrent change is read again) moves it to `cancelled`, marks its stock and promo use released
 * and records what it owes back (`settlement`). Only the call whose replace won then settles it,
 * so ten parallel cancels release once; a step that fails (a provider down) stays owed, the order
 * answers cancelled, and the sweeper's next pass retries it (`OrderSettlements.retry`).
 */
export class OrderCancellation {
  readonly #deps: OrderCancelDeps;
  readonly #settlements: OrderSettlements;

  constructor(deps: OrderCancelDeps) {
    this.#deps = deps;
    this.#settlements = new OrderSettlements(deps);
  }

  async cancel(caller: Caller, ref: string, reason: string | undefined): Promise<StoredOrder> {
    const { orders } = this.#deps;
    const found = await findOrder(orders, ref);
    if (!found || !(isOwner(caller, found) || isStaff(caller))) throw orderNotFound();
    const code = isOwner(caller, found) ? 'cancelled_by_customer' : 'cancelled_by_staff';
    const why = reason ?? code;
    const outcome = await retryOnConflict(async () => {
      const stored = await orders.get(found.id);
      if (!stored) throw orderNotFound();
      if (stored.status === 'cancelled') return { order: stored, won: false };
      if (!CANCELLABLE.includes(stored.status)) throw new OrderNotCancellableError(stored.status);
      const { _etag, ...before } = stored;
      const now = this.#deps.clock();
      const next: OrderDocument = {
        ...withStatus(before, 'cancelled', now, code),
        stock_state: before.stock_state === 'reserved' ? 'released' : before.stock_state,
        promo_state: before.promo_state === 'redeemed' ? 'released' : before.promo_state,
        settlement: settlementOf(before, why, now),
      };
      const events = this.#cancelEvents(before, why, this.#context(before.id, now));
      return { order: await orders.replace(next, events, _etag, now), won: true };
    });
    return outcome.won ? this.#settlements.settle(outcome.order) : outcome.order;
  }

  #context(orderId: string, now: Date): EventContext {
    return { source: this.#deps.eventSource, correlationId: orderId, causationId: null, now };
  }

  #cancelEvents(before: OrderDocument, why: string, context: EventContext): DomainEvent[] {
    const order = { order_id: before.id, order_number: before.order_number };
    return [
      createEvent('OrderCancelled', { ...order, previous_status: before.status, reason: why }, context),
      ...(before.stock_state === 'reserved'
        ? [createEvent('InventoryReleased', { ...order, items: stockLinesOf(before), reason: why }, context)]
        : []),
      createEvent('OrderStatusChanged', { ...order, from: before.status, to: 'cancelled', reason: why }, context),
    ];
  }
}

/**
 * Gives back what a cancelled (or expired) order owes, each item cleared from its `settlement` by
 * a conditional write once done; every step is idempotent (the stock markers and the ledger give
 * back once, the provider's cancel is, a refund sends the key `cancel:<order id>` with the amount
 * fixed at the cancellation), so a retry after a failure or a crash does each once.
 */
export class OrderSettlements {
  readonly #deps: SettlementDeps;

  constructor(deps: SettlementDeps) {
    this.#deps = deps;
  }

  /**
   * A sweep's retry: claims the settlement (a conditional write of its `attempt_at`, only once the
   * last attempt's `SETTLE_LEASE_MS` passed), so of sweeps running together one works on it.
   */
  async retry(orderId: string, now: Date): Promise<'settled' | 'pending' | 'busy'> {
    const { orders } = this.#deps;
    const claimed = await retryOnConflict(async () => {
      const order = await orders.get(orderId);
      if (!order?.settlement || Date.parse(order.settlement.attempt_at) + SETTLE_LEASE_MS > now.getTime()) {
        return undefined;
      }
      const { _etag, ...doc } = order;
      const settlement = { ...order.settlement, attempt_at: now.toISOString() };
      return orders.replace({ ...doc, settlement }, [], _etag, now);
    });
    if (!claimed) return 'busy';
    return (await this.settle(claimed)).settlement ? 'pending' : 'settled';
  }

  /** Each owed item in turn, by the caller that holds the settlement; a failure is logged and stays owed. */
  async settle(order: StoredOrder): Promise<StoredOrder> {
    let current = order;
    for (const item of order.settlement?.owed ?? []) {
      try {
        const outcome = await this.#give(item, current);
        current = await this.#clear(current.id, item, outcome);
      } catch (err) {
        this.#deps.logger.error(
          { err, order_id: order.id, what: item },
          'order settlement: a step failed; it stays owed for the next sweep',
        );
      }
    }
    return current;
  }

  async #give(item: SettlementItem, order: StoredOrder): Promise<PaymentOutcome | undefined> {
    const { stock, ledger } = this.#deps;
    if (item === 'stock') await stock.release(stockLinesOf(order), { orderId: order.id });
    if (item === 'promo' && order.promo_code !== null) await ledger.release(order.promo_code, order.id);
    if (item !== 'payment') return undefined;
    const { payment } = order;
    // The SAGA may have voided or refunded it meanwhile (and said so): nothing to do or record twice.
    if (payment.intent_id === null || payment.status === 'voided' || payment.status === 'refunded') return undefined;
    return this.#voidOrRefund(order, payment.intent_id);
  }

  /** The item removed from what the order owes, with the payment's outcome (read again: the SAGA writes too). */
  #clear(orderId: string, item: SettlementItem, outcome: PaymentOutcome | undefined): Promise<StoredOrder> {
    return retryOnConflict(async () => {
      const current = (await this.#deps.orders.get(orderId))!;
      const { _etag, ...doc } = current;
      if (!doc.settlement?.owed.includes(item)) return current;
      const owed = doc.settlement.owed.filter((owes) => owes !== item);
      const now = this.#deps.clock();
      const done = doc.payment.status === 'voided' || doc.payment.status === 'refunded';
      const next: OrderDocument = {
        ...doc,
        settlement: owed.length === 0 ? null : { ...doc.settlement, owed },
        payment: outcome && !done ? { ...doc.payment, ...outcome.payment } : doc.payment,
        updated_at: now.toISOString(),
      };
      return this.#deps.orders.replace(next, outcome && !done ? [outcome.event] : [], _etag, now);
    });
  }

  async #voidOrRefund(order: StoredOrder, intentId: string): Promise<PaymentOutcome> {
    const { payments } = this.#deps;
    const why = order.settlement?.reason ?? 'order_cancelled';
    const fixed = order.settlement?.refund ?? null;
    if (fixed !== null) return this.#refund(order, intentId, fixed, why);
    try {
      await payments.cancel(intentId);
    } catch (err) {
      // Captured meanwhile (the SAGA won the race): what was charged is given back instead, as the SAGA would.
      if (!(err instanceof PaymentIntentStateError)) throw err;
      const state = await payments.retrieve(intentId);
      if (state?.status !== 'succeeded') throw err;
      return this.#refund(order, intentId, state.amount_received - toMinor(order.payment.amount_refunded), why);
    }
    const event = createEvent(
      'PaymentVoided',
      { order_id: order.id, order_number: order.order_number, intent_id: intentId, reason: why },
      this.#context(order),
    );
    return { payment: { status: 'voided' }, event };
  }

  async #refund(order: StoredOrder, intentId: string, amount: number, why: string): Promise<PaymentOutcome> {
    const refund = await this.#deps.payments.refund(intentId, amount, `cancel:${order.id}`);
    if (refund.status === 'failed') throw new Error(`refund ${refund.id} failed`);
    const event = createEvent(
      'RefundProcessed',
      {
        order_id: order.id,
        order_number: order.order_number,
        intent_id: intentId,
        refund_id: refund.id,
        amount: fromMinor(refund.amount),
        currency: order.totals.currency,
        reason: why,
      },
      this.#context(order),
    );
    const total = toMinor(order.payment.amount_refunded) + amount;
    const payment: Partial<OrderPayment> = {
      status: 'refunded',
      amount_captured: fromMinor(total),
      amount_refunded: fromMinor(total),
    };
    return { payment, event };
  }

  #context(order: OrderDocument): EventContext {
    return { source: this.#deps.eventSource, correlationId: order.id, causationId: null, now: this.#deps.clock() };
  }
}
