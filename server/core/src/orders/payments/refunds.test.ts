import { fromMinor, toMinor, type EventOf } from '@holiday-peak-hub/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../pipeline/errors.ts';
import type { Caller } from '../../pipeline/handler.ts';
import { applyEvent } from '../../platform/events/consumer.ts';
import { address, ordersWorld, type OrdersWorld } from '../orders-test-kit.ts';
import { orderSagaConsumer } from '../saga/order-saga.ts';
import { createPaymentHandlers } from './handlers.ts';
import { createPaymentStateRecorder } from './payment-state.ts';
import { MemoryProcessedWebhooks } from './processed-webhooks.ts';

/** Refunds by staff: never beyond what was captured, whatever runs in parallel. */

const customer: Caller = { role: 'customer', userId: 'usr_a', email: 'a@example.com', issuer: 't', sessionId: 's1' };
const staff: Caller = { role: 'staff', userId: 'usr_s', email: 's@example.com', issuer: 't', sessionId: 's3' };

let w: OrdersWorld;
let handlers: ReturnType<typeof createPaymentHandlers>;

beforeEach(() => {
  w = ordersWorld();
  const deps = { orders: w.repos.orders, clock: () => w.now, eventSource: 'test', logger: w.logger };
  const record = createPaymentStateRecorder(deps);
  handlers = createPaymentHandlers({
    ...deps,
    gateway: w.gateway,
    record,
    webhooks: new MemoryProcessedWebhooks(() => w.now),
  });
});

/** An order placed, confirmed with a card and captured by the SAGA. */
async function capturedOrder() {
  await w.add(customer, await w.product(0, 40), 2);
  await w.ship(customer, 'standard');
  const { order } = await w.placement.place(customer, { shipping_address: address() }, { requestId: 'r' });
  const input = { body: { order_id: order.id, payment_method: 'pm_card_visa' }, headers: {} };
  await handlers.confirmPayment({ input, caller: customer, requestId: 'r', http: {} } as never);
  const authorized = w.events.find((e) => e.event_type === 'PaymentAuthorized')!;
  const saga = orderSagaConsumer({
    orders: w.repos.orders,
    gateway: w.gateway,
    clock: () => w.now,
    eventSource: 't',
    logger: w.logger,
  });
  await applyEvent(saga, authorized);
  return (await w.repos.orders.get(order.id))!;
}

const refund = (orderId: string, key: string, amount?: number) =>
  handlers.refundPayment({
    input: {
      body: { order_id: orderId, reason: 'damaged', ...(amount === undefined ? {} : { amount }) },
      headers: { 'idempotency-key': key },
    },
    caller: staff,
    requestId: `req-${key}`,
    http: {},
  } as never);

async function settle<T>(promise: Promise<T>): Promise<T | AppError> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

describe('refunds', () => {
  it('10 parallel partial refunds never exceed what was captured', async () => {
    const order = await capturedOrder();
    const captured = toMinor(order.payment.amount_captured);
    expect(captured).toBe(toMinor(order.totals.total));
    const part = Math.floor(captured / 4);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => settle(refund(order.id, `k${i}`, fromMinor(part)))),
    );
    const ok = answers.filter((a) => !(a instanceof AppError));
    const refused = answers.filter((a): a is AppError => a instanceof AppError);
    expect(ok).toHaveLength(4);
    expect(refused.map((e) => e.status)).toEqual(Array(6).fill(422));
    const stored = (await w.repos.orders.get(order.id))!;
    expect(toMinor(stored.payment.amount_refunded)).toBe(4 * part);
    expect(stored.payment.status).toBe('partially_refunded');
    const atProvider = w.gateway.events().filter((e) => e.type === 'refund.created');
    expect(atProvider.reduce((sum, e) => sum + (e.data.object.amount as number), 0)).toBe(4 * part);
    const events = w.events.filter((e): e is EventOf<'RefundProcessed'> => e.event_type === 'RefundProcessed');
    expect(events.map((e) => [e.correlation_id, e.data.amount])).toEqual(Array(4).fill([order.id, fromMinor(part)]));

    // The rest, without an amount; then nothing is left.
    const rest = await refund(order.id, 'rest');
    expect(rest.body).toMatchObject({ amount: fromMinor(captured - 4 * part), payment: { status: 'refunded' } });
    expect(((await settle(refund(order.id, 'more', 0.01))) as AppError).status).toBe(422);
  });

  it('refuses an order with nothing captured (422) and an unknown order (404)', async () => {
    await w.add(customer, await w.product(0, 40), 1);
    await w.ship(customer, 'standard');
    const { order } = await w.placement.place(customer, { shipping_address: address() }, { requestId: 'r' });
    expect(((await settle(refund(order.id, 'a', 1))) as AppError).status).toBe(422);
    expect(((await settle(refund('ord_00000000000000000000', 'b', 1))) as AppError).status).toBe(404);
  });

  it('gives the claimed amount back when the provider is down (503), so a retry can refund it', async () => {
    const order = await capturedOrder();
    w.gateway.scenario.failNext(1);
    expect(((await settle(refund(order.id, 'down', 10))) as AppError).status).toBe(503);
    expect((await w.repos.orders.get(order.id))!.payment).toMatchObject({ status: 'captured', amount_refunded: 0 });
    await expect(refund(order.id, 'down', 10)).resolves.toMatchObject({ body: { amount: 10 } });
    expect(w.events.filter((e) => e.event_type === 'RefundProcessed')).toHaveLength(1);
  });
});
