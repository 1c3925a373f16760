import { fromMinor, type DomainEvent, type PaymentStatus } from '@holiday-peak-hub/contract';
import { createEvent, type EventContext } from '../../platform/events/create-event.ts';
import { retryOnConflict } from '../../platform/write-context.ts';
import type { IntentStatus, PaymentIntentState } from '../../payments/gateway.ts';
import { HOLDS_MONEY, type OrderDocument, type StoredOrder } from '../documents.ts';
import type { OrderRepository } from '../ports.ts';

/** The order's payment status an intent status stands for; undefined for those that change nothing (`processing`). */
export function paymentStatusOf(status: IntentStatus): PaymentStatus | undefined {
  switch (status) {
    case 'requires_payment_method':
    case 'requires_confirmation':
      return 'awaiting_payment';
    case 'requires_action':
      return 'requires_action';
    case 'requires_capture':
      return 'authorized';
    case 'succeeded':
      return 'captured';
    case 'canceled':
      return 'voided';
    case 'processing':
      return undefined;
  }
}

/**
 * How far a payment has come: a status is recorded only over a lower one, so a late report (the
 * webhook of an authorization arriving after the capture) changes nothing. The two statuses before
 * an authorization share a level (a 3-D Secure failure goes back to waiting for a card). Refunds
 * and voids are final for what an intent reports: only the refund and cancel paths write them.
 */
const LEVEL: Readonly<Record<PaymentStatus, number>> = {
  awaiting_payment: 0,
  requires_action: 0,
  authorized: 1,
  captured: 2,
  partially_refunded: 3,
  refunded: 3,
  voided: 3,
};

/** The order's events name it and carry its SAGA: correlation is the order, causation the report. */
export function orderEventContext(
  source: string,
  doc: Pick<OrderDocument, 'id'>,
  causationId: string | null,
  now: Date,
): EventContext {
  return { source, correlationId: doc.id, causationId, now };
}

const sameError = (a: OrderDocument['payment_error'], b: PaymentIntentState['last_error']) =>
  (a ?? null) === null
    ? b === null
    : b !== null && a?.code === b.code && a.decline_code === b.decline_code && a.message === b.message;

/**
 * The order after recording the intent's state, with the events of the change; undefined when the
 * state tells the order nothing new (already recorded, older, another intent, still being placed).
 */
export function applyIntentState(
  doc: OrderDocument,
  intent: PaymentIntentState,
  context: EventContext,
): { doc: OrderDocument; events: DomainEvent[] } | undefined {
  if (doc.placement !== 'placed' || doc.payment.intent_id !== intent.id) return undefined;
  const target = paymentStatusOf(intent.status);
  const current = doc.payment.status;
  if (target === undefined || LEVEL[current] === LEVEL.voided) return undefined;
  const ref = { order_id: doc.id, order_number: doc.order_number, intent_id: intent.id };
  const money = { currency: doc.totals.currency };
  const now = context.now.toISOString();
  const events: DomainEvent[] = [];
  let payment = { ...doc.payment };
  let paymentError = doc.payment_error ?? null;

  if (LEVEL[target] === 0) {
    if (LEVEL[current] > 0) return undefined;
    const declined = target === 'awaiting_payment' && intent.last_error !== null;
    const newDecline = declined && !sameError(paymentError, intent.last_error);
    if (target === current && !newDecline) return undefined;
    payment.status = target;
    if (newDecline && intent.last_error) {
      paymentError = { ...intent.last_error };
      const { code, decline_code } = intent.last_error;
      events.push(createEvent('PaymentFailed', { ...ref, code, decline_code }, context));
    }
  } else if (target === 'voided') {
    payment.status = 'voided';
  } else {
    if (LEVEL[target] <= LEVEL[current]) {
      // A webhook names the card by id only: a later report of the same money that shows the card fills it in, silently.
      if (payment.card !== null || !intent.card || !HOLDS_MONEY.includes(current)) return undefined;
      return { doc: { ...doc, payment: { ...payment, card: intent.card }, updated_at: now }, events };
    }
    if (LEVEL[current] === 0) {
      // The first report of money held (or, when the authorization's was lost, taken): the SAGA captures from here.
      payment = { ...payment, amount_authorized: fromMinor(intent.amount), card: intent.card ?? payment.card };
      paymentError = null;
      events.push(createEvent('PaymentAuthorized', { ...ref, amount: fromMinor(intent.amount), ...money }, context));
    }
    payment.status = target;
    if (target === 'captured') payment.amount_captured = fromMinor(intent.amount_received);
  }
  return { doc: { ...doc, payment, payment_error: paymentError, updated_at: now }, events };
}

export interface PaymentStateDeps {
  orders: Pick<OrderRepository, 'get' | 'replace'>;
  clock: () => Date;
  /** `source` of the events. */
  eventSource: string;
}

/** What recording did: the order as it is now (undefined: no such placed order), and whether this call changed it. */
export interface RecordedPayment {
  order: StoredOrder | undefined;
  changed: boolean;
}

/**
 * Records a PaymentIntent's state on its order: the one transition the confirm call, the webhook
 * and the unpaid sweeper all go through, whichever reports first. Each try reads the order and
 * writes it conditionally on that version (a concurrent write makes it read again), so two reports
 * of one state make one change and one event: `PaymentAuthorized` the first time money is held,
 * `PaymentFailed` once per decline.
 */
export type PaymentStateRecorder = (
  orderId: string,
  intent: PaymentIntentState,
  /** The event (a webhook's id, a SAGA event) that reported the state; null for a call of the shopper. */
  causationId: string | null,
) => Promise<RecordedPayment>;

export function createPaymentStateRecorder(deps: PaymentStateDeps): PaymentStateRecorder {
  return (orderId, intent, causationId) =>
    retryOnConflict(async () => {
      const order = await deps.orders.get(orderId);
      if (!order || order.placement !== 'placed') return { order: undefined, changed: false };
      const now = deps.clock();
      const next = applyIntentState(order, intent, orderEventContext(deps.eventSource, order, causationId, now));
      if (!next) return { order, changed: false };
      return { order: await deps.orders.replace(next.doc, next.events, order._etag, now), changed: true };
    });
}
