import { fromMinor, toMinor, type DomainEvent, type OrderPayment } from '@holiday-peak-hub/contract';
import { NotFoundError, UnprocessableError } from '../../pipeline/errors.ts';
import { createEvent } from '../../platform/events/create-event.ts';
import { retryOnConflict } from '../../platform/write-context.ts';
import type { Logger } from '../../ports/logger.ts';
import { PaymentRequestRefusedError } from '../../payments/errors.ts';
import type { PaymentGateway, RefundState } from '../../payments/gateway.ts';
import type { OrderDocument, StoredOrder } from '../documents.ts';
import type { OrderRepository } from '../ports.ts';
import { orderEventContext } from './payment-state.ts';

export interface RefundDeps {
  orders: Pick<OrderRepository, 'get' | 'replace'>;
  gateway: Pick<PaymentGateway, 'refund'>;
  clock: () => Date;
  eventSource: string;
  logger: Logger;
}

export interface RefundRequest {
  orderId: string;
  /** Major units; absent: the rest of what was captured. */
  amount?: number | undefined;
  reason: string;
  /** The caller's `Idempotency-Key`, when it sent one: the provider's key for this refund. */
  idempotencyKey?: string | undefined;
  /** The staff member's request (logs). */
  requestId: string;
}

export interface RefundDone {
  refund: RefundState;
  order: StoredOrder;
}

const REFUNDABLE: readonly OrderPayment['status'][] = ['captured', 'partially_refunded'];

/** The payment with `minor` more (or, negative, less) refunded. */
function refunded(doc: OrderDocument, minor: number, now: Date): OrderDocument {
  const total = toMinor(doc.payment.amount_refunded) + minor;
  const status =
    total === 0 ? 'captured' : total >= toMinor(doc.payment.amount_captured) ? 'refunded' : 'partially_refunded';
  return {
    ...doc,
    payment: { ...doc.payment, status, amount_refunded: fromMinor(total) },
    updated_at: now.toISOString(),
  };
}

/**
 * Refunds of captured orders, never beyond what was captured under any concurrency: the order is
 * written first, claiming the amount on its version (parallel refunds read again and check again
 * after a conflict), and only the claim's winner asks the provider, with a key unique to the claim
 * (the caller's `Idempotency-Key`, else `refund:<order>:<cents refunded before>`). A provider that
 * refuses or fails gives the claim back; `RefundProcessed` is written once the money moved.
 */
export function createRefunds(deps: RefundDeps) {
  async function adjust(orderId: string, minor: number, extra?: (doc: OrderDocument, now: Date) => DomainEvent[]) {
    return retryOnConflict(async () => {
      const current = await deps.orders.get(orderId);
      if (!current) throw new NotFoundError('Order', { order_id: orderId });
      const now = deps.clock();
      const events = extra?.(current, now) ?? [];
      return deps.orders.replace(refunded(current, minor, now), events, current._etag, now);
    });
  }

  async function claim(request: RefundRequest): Promise<{ minor: number; before: number; intentId: string }> {
    return retryOnConflict(async () => {
      const order = await deps.orders.get(request.orderId);
      if (!order || order.placement !== 'placed') throw new NotFoundError('Order', { order_id: request.orderId });
      const { payment } = order;
      if (!REFUNDABLE.includes(payment.status) || payment.intent_id === null) {
        throw new UnprocessableError('The order has no captured payment to refund', {
          order_id: order.id,
          payment_status: payment.status,
        });
      }
      const before = toMinor(payment.amount_refunded);
      const refundable = toMinor(payment.amount_captured) - before;
      const minor = request.amount === undefined ? refundable : toMinor(request.amount);
      if (minor < 1 || minor > refundable) {
        throw new UnprocessableError('A refund must be above 0 and at most what is left of the captured amount', {
          order_id: order.id,
          requested: request.amount ?? fromMinor(refundable),
          refundable: fromMinor(refundable),
        });
      }
      const now = deps.clock();
      await deps.orders.replace(refunded(order, minor, now), [], order._etag, now);
      return { minor, before, intentId: payment.intent_id };
    });
  }

  return async function refund(request: RefundRequest): Promise<RefundDone> {
    const { minor, before, intentId } = await claim(request);
    const key = request.idempotencyKey ?? `refund:${request.orderId}:${before}`;
    let state: RefundState;
    try {
      state = await deps.gateway.refund(intentId, minor, key);
      if (state.status === 'failed')
        throw new UnprocessableError('The payment provider refused the refund', { order_id: request.orderId });
    } catch (err) {
      await adjust(request.orderId, -minor).catch((undo: unknown) =>
        deps.logger.error(
          { err: undo, order_id: request.orderId, amount: minor, request_id: request.requestId },
          'refund: giving back the claimed amount failed',
        ),
      );
      if (err instanceof PaymentRequestRefusedError) {
        throw new UnprocessableError(err.message, { order_id: request.orderId });
      }
      throw err;
    }
    const order = await adjust(request.orderId, 0, (doc, now) => [
      createEvent(
        'RefundProcessed',
        {
          order_id: doc.id,
          order_number: doc.order_number,
          intent_id: intentId,
          refund_id: state.id,
          amount: fromMinor(minor),
          currency: doc.totals.currency,
          reason: request.reason,
        },
        orderEventContext(deps.eventSource, doc, null, now),
      ),
    ]);
    return { refund: state, order };
  };
}

export type Refunds = ReturnType<typeof createRefunds>;
