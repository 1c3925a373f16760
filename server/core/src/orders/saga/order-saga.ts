import { CONSUMER_GROUPS, fromMinor, toMinor, type DomainEvent, type EventOf } from '@holiday-peak-hub/contract';
import { createEvent, type EventContext } from '../../platform/events/create-event.ts';
import type { Applied, EventConsumer } from '../../platform/events/consumer.ts';
import { retryOnConflict } from '../../platform/write-context.ts';
import type { Logger } from '../../ports/logger.ts';
import { PaymentIntentStateError } from '../../payments/errors.ts';
import type { PaymentGateway, PaymentIntentState } from '../../payments/gateway.ts';
import { withStatus, type OrderDocument, type StoredOrder } from '../documents.ts';
import type { OrderRepository } from '../ports.ts';
import { orderEventContext } from '../payments/payment-state.ts';

export interface OrderSagaDeps {
  orders: Pick<OrderRepository, 'get' | 'replace'>;
  gateway: Pick<PaymentGateway, 'retrieve' | 'capture' | 'cancel' | 'refund'>;
  clock: () => Date;
  /** `source` of the events. */
  eventSource: string;
  logger: Logger;
}

/**
 * The event came before the order shows what it reports (its delivery overtook the write it
 * follows): thrown so the consumer retries it later, by which time the order has caught up.
 */
export class OrderNotReadyError extends Error {
  constructor(orderId: string, expected: string, found: string) {
    super(`order ${orderId}: expected ${expected}, found ${found}; retry later`);
    this.name = 'OrderNotReadyError';
  }
}

const PAST_PAYMENT: readonly OrderDocument['status'][] = ['paid', 'processing', 'shipped', 'delivered'];
const PAST_SHIPMENT: readonly OrderDocument['status'][] = ['processing', 'shipped', 'delivered'];

/** A carrier-like tracking number (`1Z` and 16 characters), the same for an order every time. */
export async function trackingNumberOf(orderId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(orderId)));
  const hex = Array.from(digest.slice(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `1Z${hex.toUpperCase()}`;
}

const ref = (doc: OrderDocument) => ({ order_id: doc.id, order_number: doc.order_number });

function statusChanged(from: OrderDocument, to: OrderDocument, context: EventContext): DomainEvent {
  const reason = to.status_history[to.status_history.length - 1]?.reason ?? null;
  return createEvent('OrderStatusChanged', { ...ref(to), from: from.status, to: to.status, reason }, context);
}

/**
 * The order SAGA (consumer group `order-saga`): an authorized payment of an order whose stock is
 * reserved is captured and the order is paid; a paid order gets its shipment scheduled and is
 * processing. Every step re-reads the order and acts on its state, writing conditionally on the
 * version it read, so a redelivered event, two consumers racing, or a retry after a crash change
 * nothing twice; an event that overtook the write it follows is retried (`OrderNotReadyError`).
 */
export function orderSagaConsumer(deps: OrderSagaDeps): EventConsumer {
  const contextOf = (doc: OrderDocument, event: DomainEvent) =>
    orderEventContext(deps.eventSource, doc, event.event_id, deps.clock());

  /**
   * A cancelled order's payment is never captured: a hold is voided (`PaymentVoided`). Only when
   * a capture won a race with the cancellation is the money taken: then it is given back, with
   * the cancellation's own refund key (`cancel:<order>`), so the two paths make one refund.
   */
  async function settleCancelled(order: StoredOrder, event: DomainEvent): Promise<Applied> {
    const intentId = order.payment.intent_id;
    if (intentId === null) return 'ignored';
    const intent = await deps.gateway.retrieve(intentId);
    const context = contextOf(order, event);
    const now = context.now;
    if (intent?.status === 'succeeded') {
      const left = intent.amount_received - toMinor(order.payment.amount_refunded);
      if (order.payment.status === 'refunded' || left <= 0) return 'already-applied';
      const refund = await deps.gateway.refund(intentId, left, `cancel:${order.id}`);
      const payment = {
        ...order.payment,
        status: 'refunded' as const,
        amount_captured: fromMinor(intent.amount_received),
        amount_refunded: fromMinor(intent.amount_received),
      };
      const data = { ...ref(order), intent_id: intentId, refund_id: refund.id, amount: fromMinor(left) };
      const events = [
        createEvent(
          'RefundProcessed',
          { ...data, currency: order.totals.currency, reason: 'order_cancelled' },
          context,
        ),
      ];
      await deps.orders.replace({ ...order, payment, updated_at: now.toISOString() }, events, order._etag, now);
      return 'applied';
    }
    if (intent && intent.status !== 'canceled') await deps.gateway.cancel(intentId);
    if (order.payment.status !== 'authorized') return 'already-applied';
    const payment = { ...order.payment, status: 'voided' as const };
    const voided = createEvent(
      'PaymentVoided',
      { ...ref(order), intent_id: intentId, reason: 'order_cancelled' },
      context,
    );
    await deps.orders.replace({ ...order, payment, updated_at: now.toISOString() }, [voided], order._etag, now);
    return 'applied';
  }

  async function capture(event: EventOf<'PaymentAuthorized'>): Promise<Applied> {
    return retryOnConflict(async () => {
      const order = await deps.orders.get(event.data.order_id);
      if (!order || order.placement !== 'placed') return 'ignored';
      if (PAST_PAYMENT.includes(order.status)) return 'already-applied';
      if (order.status === 'cancelled') return settleCancelled(order, event);
      const { payment } = order;
      if (payment.intent_id === null || (payment.status !== 'authorized' && payment.status !== 'captured')) {
        throw new OrderNotReadyError(order.id, 'an authorized payment', payment.status);
      }
      if (order.stock_state !== 'reserved') {
        throw new OrderNotReadyError(order.id, 'reserved stock', order.stock_state);
      }
      let captured: PaymentIntentState;
      try {
        captured = await deps.gateway.capture(payment.intent_id);
      } catch (err) {
        // The intent was voided meanwhile (the order is being cancelled): settle from the order's new state.
        const now = err instanceof PaymentIntentStateError ? await deps.orders.get(order.id) : undefined;
        if (now?.status === 'cancelled') return settleCancelled(now, event);
        throw err;
      }
      const context = contextOf(order, event);
      const amount = fromMinor(captured.amount_received);
      const paid = withStatus(
        { ...order, payment: { ...payment, status: 'captured', amount_captured: amount } },
        'paid',
        context.now,
      );
      const events = [
        createEvent(
          'PaymentProcessed',
          { ...ref(order), intent_id: payment.intent_id, amount, currency: order.totals.currency },
          context,
        ),
        statusChanged(order, paid, context),
      ];
      await deps.orders.replace(paid, events, order._etag, context.now);
      return 'applied';
    });
  }

  async function scheduleShipment(event: EventOf<'PaymentProcessed'>): Promise<Applied> {
    const trackingNumber = await trackingNumberOf(event.data.order_id);
    return retryOnConflict(async () => {
      const order = await deps.orders.get(event.data.order_id);
      if (!order || order.placement !== 'placed' || order.status === 'cancelled') return 'ignored';
      if (PAST_SHIPMENT.includes(order.status)) return 'already-applied';
      if (order.status !== 'paid') throw new OrderNotReadyError(order.id, 'paid', order.status);
      const context = contextOf(order, event);
      const shipment = { ...order.shipment, tracking_number: trackingNumber };
      const processing = withStatus({ ...order, shipment }, 'processing', context.now);
      const { carrier, service_level, estimated_delivery } = shipment;
      const events = [
        createEvent(
          'ShipmentScheduled',
          { ...ref(order), carrier, service_level, tracking_number: trackingNumber, estimated_delivery },
          context,
        ),
        statusChanged(order, processing, context),
      ];
      await deps.orders.replace(processing, events, order._etag, context.now);
      return 'applied';
    });
  }

  const { name, delivery } = CONSUMER_GROUPS['order-saga'];
  return {
    name,
    delivery,
    handlers: { PaymentAuthorized: capture, PaymentProcessed: scheduleShipment },
  };
}
