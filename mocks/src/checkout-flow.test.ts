import {
  CartSchema,
  OrderPageSchema,
  OrderPlacedSchema,
  OrderSchema,
  PaymentIntentViewSchema,
  type OrderPlaced,
} from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import {
  confirmPayment,
  fillCart,
  newGuest,
  orderReaching,
  placeOrder,
  setStock,
  stockedVariant,
  stockOf,
  type Who,
} from './checkout-support.ts';
import { call, json, useMockApi } from './test-support.ts';

const { store } = useMockApi();

type ErrorBody = { error: { code: string; details?: Record<string, unknown> } };

/** The intents the test gateway made for an order. */
const intentsOf = (orderId: string) =>
  new Set(
    store.payments
      .events()
      .filter(
        (e) =>
          e.type === 'payment_intent.created' && (e.data.object.metadata as { order_id?: string }).order_id === orderId,
      )
      .map((e) => e.data.object.id),
  );

describe('checkout through the mocks (the server core on in-memory adapters)', () => {
  it('cart → order → confirm → processing → shipped → delivered, stock taken once and the cart emptied', async () => {
    const line = stockedVariant(store, 3);
    const before = await stockOf(line);
    await fillCart('customer', line, 2);

    const placed = await placeOrder('customer');
    expect(placed.status).toBe(201);
    const { order, payment } = OrderPlacedSchema.parse(await placed.json());
    expect(placed.headers.get('location')).toBe(`/api/orders/${order.id}`);
    expect(order).toMatchObject({ status: 'pending_payment', email: 'customer@holidaypeakhub.dev' });
    expect(order.order_number).toMatch(/^HPH-2026-\d{6}$/);
    expect(order.items.map((i) => [i.product_id, i.variant_id, i.quantity])).toEqual([
      [line.product_id, line.variant_id, 2],
    ]);
    expect(payment).toMatchObject({
      order_id: order.id,
      status: 'requires_payment_method',
      amount: order.totals.total,
    });
    expect(await stockOf(line)).toBe(before - 2);
    expect(CartSchema.parse(await json(await call('get', '/api/cart', { token: 'customer' }))).items).toEqual([]);

    const confirmed = await confirmPayment('customer', order.id, 'pm_card_visa');
    expect(confirmed.status).toBe(200);
    expect(PaymentIntentViewSchema.parse(await confirmed.json())).toMatchObject({
      intent_id: payment.intent_id,
      status: 'requires_capture',
    });
    // The SAGA (on the in-process events) captures, then schedules the shipment.
    const processing = await orderReaching('customer', order.id, 'processing');
    expect(processing.status).toBe('processing');
    expect(processing.payment).toMatchObject({ status: 'captured', amount_captured: order.totals.total });
    expect(processing.shipment.tracking_number).not.toBeNull();
    expect(processing.status_history.map((h) => h.status)).toEqual(['pending_payment', 'paid', 'processing']);

    for (const [status, expected] of [
      ['picked_up', 'shipped'],
      ['delivered', 'delivered'],
    ] as const) {
      const event = await call('post', `/api/staff/orders/${order.id}/shipment-events`, {
        token: 'staff',
        body: { status, description: status, location: null },
      });
      expect(event.status).toBe(200);
      expect(OrderSchema.parse(await event.json()).status).toBe(expected);
    }
    const cancel = await call('post', `/api/orders/${order.id}/cancel`, { token: 'customer', body: {} });
    expect(cancel.status).toBe(409);
    expect((await json<ErrorBody>(cancel)).error.code).toBe('ORDER_NOT_CANCELLABLE');
    const mine = OrderPageSchema.parse(await json(await call('get', '/api/users/me/orders', { token: 'customer' })));
    expect(mine.items.map((o) => [o.id, o.status])).toEqual([[order.id, 'delivered']]);
    expect(await stockOf(line)).toBe(before - 2);
  });

  it('a guest reads the order by number with its email; a wrong email answers as a missing order', async () => {
    const guest = await newGuest();
    await fillCart(guest, stockedVariant(store));
    const { order } = await json<OrderPlaced>(await placeOrder(guest));
    const read = await call('get', `/api/orders/${order.order_number}?email=GUEST%40example.com`);
    expect(read.status).toBe(200);
    expect(OrderSchema.parse(await read.json()).id).toBe(order.id);
    const wrong = await call('get', `/api/orders/${order.order_number}?email=other%40example.com`);
    expect(wrong.status).toBe(404);
    expect((await json<ErrorBody>(wrong)).error.code).toBe('RESOURCE_NOT_FOUND');
  });

  it('20 parallel placements of one cart (20 keys: a double click, two tabs) make one order', async () => {
    const line = stockedVariant(store, 3);
    const before = await stockOf(line);
    await fillCart('customer', line, 1);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => placeOrder('customer', `tab-${i}`)));
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(1);
    const { order } = await json<OrderPlaced>(created[0]!);
    for (const answer of answers.filter((a) => a.status !== 201)) {
      const { error } = await json<ErrorBody>(answer);
      // Racing the first: the same order named (409); after it: the cart is already empty (422).
      if (answer.status === 409) expect(error).toMatchObject({ code: 'CONFLICT', details: { order_id: order.id } });
      else expect([answer.status, error.code]).toEqual([422, 'UNPROCESSABLE_ENTITY']);
    }
    const mine = OrderPageSchema.parse(await json(await call('get', '/api/users/me/orders', { token: 'customer' })));
    expect(mine.items.map((o) => o.id)).toEqual([order.id]);
    expect(await stockOf(line)).toBe(before - 1);
    expect(intentsOf(order.id).size).toBe(1);
  });

  it('20 parallel placements with one Idempotency-Key run once; a retry replays the answer', async () => {
    await fillCart('customer', stockedVariant(store), 1);
    const answers = await Promise.all(Array.from({ length: 20 }, () => placeOrder('customer', 'same-key')));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 201)) {
      expect([answer.status, (await json<ErrorBody>(answer)).error.code]).toEqual([409, 'IDEMPOTENCY_KEY_IN_USE']);
    }
    const first = await json<OrderPlaced>(answers.find((a) => a.status === 201)!);
    const retry = await placeOrder('customer', 'same-key');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(retry)).toEqual(first);
  });

  it('8 guests racing for the last 3 units: 3 orders, 5 refused (409 INSUFFICIENT_STOCK or 422), stock 0', async () => {
    const line = stockedVariant(store, 3);
    const guests: Who[] = await Promise.all(Array.from({ length: 8 }, () => newGuest()));
    for (const guest of guests) await fillCart(guest, line, 1);
    await setStock(line, 3);
    const answers = await Promise.all(guests.map((guest, i) => placeOrder(guest, `guest-${i}`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(5);
    for (const answer of refused) {
      const { error } = await json<ErrorBody>(answer);
      // Priced before or after the units went, the reservation refuses: 409 naming what is left.
      expect([answer.status, error]).toMatchObject([
        409,
        {
          code: 'INSUFFICIENT_STOCK',
          details: { product_id: line.product_id, variant_id: line.variant_id, requested: 1, available: 0 },
        },
      ]);
    }
    expect(await stockOf(line)).toBe(0);
  });

  it('10 parallel confirms of one order: one authorization, one capture', async () => {
    await fillCart('customer', stockedVariant(store), 1);
    const { order, payment } = await json<OrderPlaced>(await placeOrder('customer'));
    const answers = await Promise.all(Array.from({ length: 10 }, () => confirmPayment('customer', order.id)));
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers.filter((a) => a.status !== 200)) expect(answer.status).toBe(409);
    expect((await orderReaching('customer', order.id, 'processing')).status).toBe('processing');
    const of = (type: string) =>
      store.payments.events().filter((e) => e.type === type && e.data.object.id === payment.intent_id);
    expect(of('payment_intent.amount_capturable_updated')).toHaveLength(1);
    expect(of('payment_intent.succeeded')).toHaveLength(1);
  });

  it('10 parallel cancels of an unpaid order: all answer it cancelled, the stock is given back once', async () => {
    const line = stockedVariant(store, 3);
    const before = await stockOf(line);
    await fillCart('customer', line, 2);
    const { order, payment } = await json<OrderPlaced>(await placeOrder('customer'));
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call('post', `/api/orders/${order.id}/cancel`, { token: 'customer', body: {} })),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(OrderSchema.parse(await answer.json()).status).toBe('cancelled');
    }
    expect(await stockOf(line)).toBe(before);
    expect((await store.payments.retrieve(payment.intent_id))?.status).toBe('canceled');
  });
});
