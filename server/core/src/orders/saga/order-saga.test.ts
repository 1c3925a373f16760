import { CONSUMER_GROUPS, type DomainEvent, type EventOf } from '@holiday-peak-hub/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyEvent } from '../../platform/events/consumer.ts';
import { withStatus } from '../documents.ts';
import { address, ordersWorld, type OrdersWorld } from '../orders-test-kit.ts';
import { createPaymentStateRecorder, type PaymentStateRecorder } from '../payments/payment-state.ts';
import { OrderNotReadyError, orderSagaConsumer, trackingNumberOf } from './order-saga.ts';

/** The order SAGA on the in-memory orders: capture, shipment, and what redelivery and early events do. */

const customer = { role: 'customer', userId: 'usr_a', email: 'a@example.com', issuer: 't', sessionId: 's1' } as const;

let w: OrdersWorld;
let saga: ReturnType<typeof orderSagaConsumer>;
let record: PaymentStateRecorder;

beforeEach(() => {
  w = ordersWorld();
  const deps = { orders: w.repos.orders, clock: () => w.now, eventSource: 'test', logger: w.logger };
  saga = orderSagaConsumer({ ...deps, gateway: w.gateway });
  record = createPaymentStateRecorder(deps);
});

const ofType = <K extends DomainEvent['event_type']>(type: K) =>
  w.events.filter((e): e is EventOf<K> => e.event_type === type);

/** A placed order whose card was accepted and recorded: its `PaymentAuthorized` event. */
async function authorizedOrder() {
  await w.add(customer, await w.product(0, 30), 1);
  await w.ship(customer, 'express');
  const { order } = await w.placement.place(customer, { shipping_address: address() }, { requestId: 'r' });
  await record(order.id, await w.gateway.confirm(order.payment.intent_id!, 'pm_card_visa'), null);
  return { order, authorized: ofType('PaymentAuthorized')[0]! };
}

describe('the order SAGA', () => {
  it('is the contract’s order-saga consumer group', () => {
    expect([saga.name, saga.delivery]).toEqual([CONSUMER_GROUPS['order-saga'].name, 'shared']);
    expect(Object.keys(saga.handlers).sort()).toEqual([...CONSUMER_GROUPS['order-saga'].types].sort());
  });

  it('captures an authorized payment, then schedules the shipment; redelivery applies nothing twice', async () => {
    const { order, authorized } = await authorizedOrder();
    expect(await applyEvent(saga, authorized)).toBe('applied');
    const processed = ofType('PaymentProcessed');
    expect(processed.map((e) => [e.data.amount, e.correlation_id, e.causation_id])).toEqual([
      [order.totals.total, order.id, authorized.event_id],
    ]);
    expect(await applyEvent(saga, processed[0]!)).toBe('applied');
    const again = await Promise.all(
      [authorized, processed[0]!, authorized, processed[0]!].map((e) => applyEvent(saga, e)),
    );
    expect(again).toEqual(Array(4).fill('already-applied'));

    const stored = (await w.repos.orders.get(order.id))!;
    expect(stored.status_history.map((h) => h.status)).toEqual(['pending_payment', 'paid', 'processing']);
    expect(stored.payment).toMatchObject({ status: 'captured', amount_captured: order.totals.total });
    const tracking = await trackingNumberOf(order.id);
    expect(tracking).toMatch(/^1Z[0-9A-F]{16}$/);
    expect(stored.shipment).toMatchObject({ carrier: order.shipment.carrier, tracking_number: tracking });
    expect(ofType('ShipmentScheduled').map((e) => [e.data.tracking_number, e.causation_id])).toEqual([
      [tracking, processed[0]!.event_id],
    ]);
    expect(ofType('OrderStatusChanged').map((e) => [e.data.from, e.data.to])).toEqual([
      ['pending_payment', 'paid'],
      ['paid', 'processing'],
    ]);
    expect(w.gateway.events().filter((e) => e.type === 'payment_intent.succeeded')).toHaveLength(1);
  });

  it('retries an event that overtook its order: PaymentProcessed before the order shows paid', async () => {
    const { order, authorized } = await authorizedOrder();
    await applyEvent(saga, authorized);
    const processed = ofType('PaymentProcessed')[0]!;
    // The same event for an order that does not show paid yet (the capture's write is not visible).
    const stored = (await w.repos.orders.get(order.id))!;
    const unpaid = { ...stored, status: 'pending_payment' as const, status_history: stored.status_history.slice(0, 1) };
    const back = await w.repos.orders.replace(unpaid, [], stored._etag, w.now);
    await expect(applyEvent(saga, processed)).rejects.toBeInstanceOf(OrderNotReadyError);
    await w.repos.orders.replace(withStatus(back, 'paid', w.now), [], back._etag, w.now);
    await expect(applyEvent(saga, processed)).resolves.toBe('applied');
  });

  it('completes when the capture’s webhook was recorded before the SAGA wrote (captured, still pending)', async () => {
    const { order, authorized } = await authorizedOrder();
    const captured = await w.gateway.capture(order.payment.intent_id!);
    await record(order.id, captured, 'evt_succeeded');
    expect((await w.repos.orders.get(order.id))!).toMatchObject({
      status: 'pending_payment',
      payment: { status: 'captured' },
    });
    expect(ofType('PaymentAuthorized')).toHaveLength(1);
    expect(await applyEvent(saga, authorized)).toBe('applied');
    expect((await w.repos.orders.get(order.id))!.status).toBe('paid');
    expect(ofType('PaymentProcessed')).toHaveLength(1);
  });

  it('voids the hold of an order cancelled meanwhile, never capturing it; once', async () => {
    const { order, authorized } = await authorizedOrder();
    const stored = (await w.repos.orders.get(order.id))!;
    await w.repos.orders.replace(
      withStatus(stored, 'cancelled', w.now, 'cancelled_by_customer'),
      [],
      stored._etag,
      w.now,
    );
    const outcomes = await Promise.all([1, 2, 3].map(() => applyEvent(saga, authorized)));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(await w.gateway.retrieve(order.payment.intent_id!)).toMatchObject({
      status: 'canceled',
      amount_received: 0,
    });
    expect((await w.repos.orders.get(order.id))!.payment.status).toBe('voided');
    expect(ofType('PaymentVoided').map((e) => e.data.reason)).toEqual(['order_cancelled']);
    expect(ofType('PaymentProcessed')).toHaveLength(0);
  });

  it('gives the money back when its capture won a race with a cancellation', async () => {
    const { order, authorized } = await authorizedOrder();
    // The cancellation lands between the capture and the SAGA's write.
    const orders = w.repos.orders;
    const racing = orderSagaConsumer({
      orders: {
        get: (id) => orders.get(id),
        replace: async (doc, events, etag, now) => {
          const current = (await orders.get(doc.id))!;
          if (current.status === 'pending_payment') {
            await orders.replace(withStatus(current, 'cancelled', now, 'cancelled_by_staff'), [], current._etag, now);
          }
          return orders.replace(doc, events, etag, now);
        },
      },
      gateway: w.gateway,
      clock: () => w.now,
      eventSource: 'test',
      logger: w.logger,
    });
    expect(await applyEvent(racing, authorized)).toBe('applied');
    const stored = (await w.repos.orders.get(order.id))!;
    expect(stored).toMatchObject({ status: 'cancelled', payment: { status: 'refunded' } });
    expect(stored.payment.amount_refunded).toBe(order.totals.total);
    expect(ofType('RefundProcessed')).toHaveLength(1);
    expect(ofType('PaymentProcessed')).toHaveLength(0);
  });
});
