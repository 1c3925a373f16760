import {
  fromMinor,
  IDEMPOTENCY_KEY_HEADER,
  toMinor,
  type confirmPayment,
  type createPaymentIntent,
  type receivePaymentWebhook,
  type refundPayment,
} from '@holiday-peak-hub/contract';
import { ConflictError, InvalidRequestError } from '../../pipeline/errors.ts';
import type { Caller, Handler } from '../../pipeline/handler.ts';
import type { Logger } from '../../ports/logger.ts';
import { PaymentDeclinedError, PaymentIntentStateError, PaymentRequestRefusedError } from '../../payments/errors.ts';
import type { PaymentGateway, PaymentIntentState } from '../../payments/gateway.ts';
import type { StoredOrder } from '../documents.ts';
import { toPaymentIntentView } from '../mapping.ts';
import { intentKeyOf } from '../order-id.ts';
import { isOwner, orderNotFound } from '../order-reads.ts';
import type { OrderRepository } from '../ports.ts';
import type { PaymentStateRecorder } from './payment-state.ts';
import type { ProcessedWebhooks } from './processed-webhooks.ts';
import { createRefunds } from './refunds.ts';

/** The payment operations' handlers (the same as `HandlersFor` of their ids). */
export interface PaymentHandlers {
  createPaymentIntent: Handler<typeof createPaymentIntent>;
  confirmPayment: Handler<typeof confirmPayment>;
  refundPayment: Handler<typeof refundPayment>;
  receivePaymentWebhook: Handler<typeof receivePaymentWebhook>;
}

export interface PaymentHandlerDeps {
  orders: Pick<OrderRepository, 'get' | 'replace'>;
  gateway: PaymentGateway;
  /** The one transition of an order's payment state (`createPaymentStateRecorder`). */
  record: PaymentStateRecorder;
  webhooks: ProcessedWebhooks;
  clock: () => Date;
  /** `source` of the events. */
  eventSource: string;
  logger: Logger;
}

/**
 * The payment operations: the intent and a server-side confirm for the order's owner (another
 * session's order is a 404, as a missing one: ids are not confirmed to strangers), refunds for
 * staff, and the provider's webhook, which only ever updates the payment of an existing order.
 */
export function createPaymentHandlers(deps: PaymentHandlerDeps): PaymentHandlers {
  const refund = createRefunds(deps);

  async function ownOrder(caller: Caller, orderId: string): Promise<StoredOrder> {
    const order = await deps.orders.get(orderId);
    if (!order || order.placement !== 'placed' || !isOwner(caller, order)) throw orderNotFound();
    return order;
  }

  function awaitingPayment(order: StoredOrder): void {
    if (order.status !== 'pending_payment') {
      throw new ConflictError('The order is not awaiting payment', { order_id: order.id, status: order.status });
    }
  }

  /** The order's intent: the one it has, or (placement lost it) the one its id is the key of, kept on the order. */
  async function intentOf(order: StoredOrder): Promise<PaymentIntentState> {
    const known = order.payment.intent_id === null ? undefined : await deps.gateway.retrieve(order.payment.intent_id);
    if (known) return known;
    const intent = await deps.gateway.createIntent({
      amount: toMinor(order.totals.total),
      currency: order.totals.currency,
      orderId: order.id,
      email: order.email,
      // The placement's key: the provider answers the intent the placement made, if it did.
      idempotencyKey: intentKeyOf(order),
    });
    if (order.payment.intent_id !== intent.id) {
      const now = deps.clock();
      const payment = { ...order.payment, intent_id: intent.id };
      await deps.orders.replace({ ...order, payment, updated_at: now.toISOString() }, [], order._etag, now);
    }
    return intent;
  }

  return {
    createPaymentIntent: async ({ input: { body }, caller }) => {
      const order = await ownOrder(caller, body.order_id);
      awaitingPayment(order);
      return { status: 200, body: toPaymentIntentView(order.id, await intentOf(order)) };
    },

    confirmPayment: async ({ input: { body }, caller }) => {
      const order = await ownOrder(caller, body.order_id);
      awaitingPayment(order);
      const intentId = order.payment.intent_id;
      if (intentId === null) throw new ConflictError('The order has no payment yet', { order_id: order.id });
      let intent: PaymentIntentState;
      try {
        intent = await deps.gateway.confirm(intentId, body.payment_method);
      } catch (err) {
        if (err instanceof PaymentRequestRefusedError) {
          throw new InvalidRequestError(err.message, [{ in: 'body', path: 'payment_method', message: err.message }]);
        }
        if (!(err instanceof PaymentIntentStateError)) throw err;
        // An earlier attempt went through though its answer was lost (a timeout, then the customer
        // tries again): the authorization is recorded and answered, not refused.
        const current = await deps.gateway.retrieve(intentId);
        if (current?.status !== 'requires_capture' && current?.status !== 'succeeded') throw err;
        intent = current;
      }
      // Recorded before answering, a decline too: the webhook of the same change then finds it done.
      await deps.record(order.id, intent, null);
      if (intent.status === 'requires_payment_method' && intent.last_error)
        throw new PaymentDeclinedError(intent.last_error);
      return { status: 200, body: toPaymentIntentView(order.id, intent) };
    },

    refundPayment: async ({ input, requestId }) => {
      const key = (input.headers as Record<string, unknown> | undefined)?.[IDEMPOTENCY_KEY_HEADER];
      const { order_id, amount, reason } = input.body;
      const done = await refund({
        orderId: order_id,
        amount,
        reason,
        idempotencyKey: typeof key === 'string' ? key : undefined,
        requestId,
      });
      const { payment } = done.order;
      return {
        status: 200,
        body: {
          refund_id: done.refund.id,
          order_id,
          amount: fromMinor(done.refund.amount),
          status: done.refund.status,
          payment,
        },
      };
    },

    receivePaymentWebhook: async ({ input: { headers }, http, requestId }) => {
      if (http.rawBody === undefined) throw new Error('receivePaymentWebhook: the adapter kept no raw body');
      const event = await deps.gateway.parseWebhook(http.rawBody, headers['stripe-signature']);
      if (await deps.webhooks.has(event.id)) return { status: 200, body: { received: true } };
      const orderId = event.intent?.metadata.order_id;
      if (event.intent && orderId) {
        const { order, changed } = await deps.record(orderId, event.intent, event.id);
        deps.logger.info(
          {
            webhook_event: event.id,
            type: event.type,
            order_id: orderId,
            known: order !== undefined,
            changed,
            request_id: requestId,
          },
          'payment webhook applied',
        );
      }
      await deps.webhooks.add(event.id, deps.clock());
      return { status: 200, body: { received: true } };
    },
  };
}
