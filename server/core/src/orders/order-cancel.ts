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
import { CANCELLABLE, withStatus, type OrderDocument, type StoredOrder } from './documents.ts';
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

/** What voiding or refunding did to the order's payment, and its event. */
interface PaymentOutcome {
  payment: Partial<OrderPayment>;
  event: DomainEvent;
}

/**
 * `POST /api/orders/{id}/cancel`: one conditional replace of the order (on the version read; a
 * concurrent change is read again) moves it to `cancelled` and marks its stock and promo use
 * released. Only the call whose replace won gives them back and voids or refunds the payment, so
 * ten parallel cancels release once. The payment's outcome is a second conditional replace; a
 * provider that is down leaves the order cancelled, its payment as it was, and an error logged.
 */
export class OrderCancellation {
  readonly #deps: OrderCancelDeps;

  constructor(deps: OrderCancelDeps) {
    this.#deps = deps;
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
      if (stored.status === 'cancelled') return { order: stored };
      if (!CANCELLABLE.includes(stored.status)) throw new OrderNotCancellableError(stored.status);
      const { _etag, ...before } = stored;
      const now = this.#deps.clock();
      const next: OrderDocument = {
        ...withStatus(before, 'cancelled', now, code),
        stock_state: before.stock_state === 'reserved' ? 'released' : before.stock_state,
        promo_state: before.promo_state === 'redeemed' ? 'released' : before.promo_state,
      };
      const events = this.#cancelEvents(before, why, this.#context(before.id, now));
      return { order: await orders.replace(next, events, _etag, now), before };
    });
    if (!outcome.before) return outcome.order;
    await this.#giveBack(outcome.before);
    return this.#settlePayment(outcome.order, why);
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

  /** Stock and promo use back, each once (this call's replace won); a failure is logged, the order stays cancelled. */
  async #giveBack(before: OrderDocument): Promise<void> {
    const { stock, ledger, logger } = this.#deps;
    if (before.stock_state === 'reserved') {
      try {
        await stock.release(stockLinesOf(before), { orderId: before.id });
      } catch (err) {
        logger.error({ err, order_id: before.id }, 'order cancel: its stock could not be given back');
      }
    }
    if (before.promo_state === 'redeemed' && before.promo_code !== null) {
      try {
        await ledger.release(before.promo_code, before.id);
      } catch (err) {
        logger.error({ err, order_id: before.id }, 'order cancel: its promo use could not be given back');
      }
    }
  }

  /** Voids the hold or refunds what was captured, then records it on the order (read again: the SAGA writes too). */
  async #settlePayment(order: StoredOrder, why: string): Promise<StoredOrder> {
    const { payment } = order;
    if (payment.intent_id === null || payment.status === 'voided' || payment.status === 'refunded') return order;
    let outcome: PaymentOutcome;
    try {
      outcome = await this.#voidOrRefund(order, payment.intent_id, why);
    } catch (err) {
      this.#deps.logger.error(
        { err, order_id: order.id, intent_id: payment.intent_id },
        'order cancel: the payment could not be voided or refunded; the order stays cancelled',
      );
      return order;
    }
    return retryOnConflict(async () => {
      const current = (await this.#deps.orders.get(order.id))!;
      // The SAGA may have voided or refunded it meanwhile (and said so): then there is nothing to record twice.
      if (current.payment.status === 'voided' || current.payment.status === 'refunded') return current;
      const { _etag, ...doc } = current;
      const now = this.#deps.clock();
      const next = { ...doc, payment: { ...doc.payment, ...outcome.payment }, updated_at: now.toISOString() };
      return this.#deps.orders.replace(next, [outcome.event], _etag, now);
    });
  }

  async #voidOrRefund(order: OrderDocument, intentId: string, why: string): Promise<PaymentOutcome> {
    const { payments } = this.#deps;
    const refunded = toMinor(order.payment.amount_refunded);
    if (order.payment.status === 'captured' || order.payment.status === 'partially_refunded') {
      return this.#refund(order, intentId, toMinor(order.payment.amount_captured), refunded, why);
    }
    try {
      await payments.cancel(intentId);
    } catch (err) {
      // Captured meanwhile (the SAGA won the race): what was charged is given back instead.
      if (!(err instanceof PaymentIntentStateError)) throw err;
      const state = await payments.retrieve(intentId);
      if (state?.status !== 'succeeded') throw err;
      return this.#refund(order, intentId, state.amount_received, refunded, why);
    }
    const event = createEvent(
      'PaymentVoided',
      { order_id: order.id, order_number: order.order_number, intent_id: intentId, reason: why },
      this.#context(order.id, this.#deps.clock()),
    );
    return { payment: { status: 'voided' }, event };
  }

  async #refund(
    order: OrderDocument,
    intentId: string,
    captured: number,
    refunded: number,
    why: string,
  ): Promise<PaymentOutcome> {
    const refund = await this.#deps.payments.refund(intentId, captured - refunded, `cancel:${order.id}`);
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
      this.#context(order.id, this.#deps.clock()),
    );
    const payment: Partial<OrderPayment> = {
      status: 'refunded',
      amount_captured: fromMinor(captured),
      amount_refunded: fromMinor(captured),
    };
    return { payment, event };
  }
}
