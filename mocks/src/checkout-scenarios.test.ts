import { CartSchema, OrderSchema, PaymentIntentViewSchema, type OrderPlaced } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import {
  confirmPayment,
  fillCart,
  orderReaching,
  placedOrder,
  placeOrder,
  readOrder,
  stockedVariant,
  stockOf,
} from './checkout-support.ts';
import { MOCK_DECLINE_CODES } from './index.ts';
import { call, json, useMockApi } from './test-support.ts';

const { store, scenarios } = useMockApi();
const { checkout } = scenarios;

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };
const errorOf = async (response: Response) => ({ status: response.status, ...(await json<ErrorBody>(response)).error });

describe('checkout scenario controls', () => {
  it('declineNextPayment: the next confirm declines with the chosen code whatever the card, then cards pay again', async () => {
    expect(MOCK_DECLINE_CODES).toEqual([
      'expired_card',
      'generic_decline',
      'incorrect_cvc',
      'insufficient_funds',
      'lost_card',
    ]);
    const { order } = await placedOrder(store);
    checkout.declineNextPayment('insufficient_funds');
    expect(await errorOf(await confirmPayment('customer', order.id, 'pm_card_visa'))).toMatchObject({
      status: 402,
      code: 'PAYMENT_DECLINED',
      message: 'Your card has insufficient funds.',
      details: { decline_code: 'insufficient_funds', code: 'card_declined' },
    });
    expect((await readOrder('customer', order.id)).status).toBe('pending_payment');
    const retried = await confirmPayment('customer', order.id, 'pm_card_visa');
    expect(retried.status).toBe(200);
    expect((await orderReaching('customer', order.id, 'processing')).status).toBe('processing');
  });

  it('declineNextPayment: times, the default code, and an unknown code refused naming the codes', async () => {
    const { order } = await placedOrder(store);
    checkout.declineNextPayment(undefined, 2);
    for (let i = 0; i < 2; i += 1) {
      expect(await errorOf(await confirmPayment('customer', order.id))).toMatchObject({
        status: 402,
        details: { decline_code: 'generic_decline' },
      });
    }
    expect((await confirmPayment('customer', order.id)).status).toBe(200);
    expect(() => checkout.declineNextPayment('stolen_card')).toThrow(/use one of expired_card, generic_decline/);
  });

  it('outOfStock: the stock is really 0, the cart shows the line short, placing is a 409 INSUFFICIENT_STOCK', async () => {
    const line = stockedVariant(store);
    await fillCart('customer', line);
    await checkout.outOfStock(line.product_id, line.variant_id);
    expect(await stockOf(line)).toBe(0);
    const cart = CartSchema.parse(await json(await call('get', '/api/cart', { token: 'customer' })));
    expect(cart.items[0]?.issues).toEqual(['insufficient_stock']);
    expect(await errorOf(await placeOrder('customer'))).toMatchObject({
      status: 409,
      code: 'INSUFFICIENT_STOCK',
      details: { product_id: line.product_id, variant_id: line.variant_id, available: 0 },
    });
  });

  it('sellOutNextPlacement: the next placement finds the units gone (409 INSUFFICIENT_STOCK), the cart kept', async () => {
    const line = stockedVariant(store, 3);
    await fillCart('customer', line, 2);
    checkout.sellOutNextPlacement();
    expect(await errorOf(await placeOrder('customer'))).toMatchObject({
      status: 409,
      code: 'INSUFFICIENT_STOCK',
      details: { product_id: line.product_id, variant_id: line.variant_id, requested: 2, available: 0 },
    });
    expect(await stockOf(line)).toBe(0);
    const cart = CartSchema.parse(await json(await call('get', '/api/cart', { token: 'customer' })));
    expect(cart.items.map((i) => [i.product_id, i.quantity, i.issues])).toEqual([
      [line.product_id, 2, ['insufficient_stock']],
    ]);
    // Only the next one: another cart places.
    const other = stockedVariant(store, 3, 1);
    await fillCart('guest', other);
    expect((await placeOrder('guest')).status).toBe(201);
  });

  it('slowPayments: placing and confirming wait for the provider', async () => {
    checkout.slowPayments(250);
    await fillCart('customer', stockedVariant(store));
    let started = Date.now();
    const placed = await placeOrder('customer');
    expect(placed.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    const { order } = await json<OrderPlaced>(placed);
    started = Date.now();
    expect((await confirmPayment('customer', order.id)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    checkout.slowPayments(0);
  });

  it('paymentsDown: placing is a 503 with Retry-After, nothing kept; the same key places once it is back', async () => {
    const line = stockedVariant(store, 3);
    const before = await stockOf(line);
    await fillCart('customer', line);
    checkout.paymentsDown(true);
    const down = await placeOrder('customer', 'retry-me');
    expect(down.headers.get('retry-after')).toBe('5');
    expect(await errorOf(down)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(await stockOf(line)).toBe(before);
    const none = await json<{ items: unknown[] }>(await call('get', '/api/users/me/orders', { token: 'customer' }));
    expect(none.items.filter((o) => (o as { status: string }).status !== 'failed')).toEqual([]);
    checkout.paymentsDown(false);
    // A 5xx releases the key: the retry with the same key runs again.
    expect((await placeOrder('customer', 'retry-me')).status).toBe(201);
    expect(await stockOf(line)).toBe(before - 1);
  });

  it('paymentsDown({ times }): the next confirm is a 503, the one after pays', async () => {
    const { order } = await placedOrder(store);
    checkout.paymentsDown({ times: 1 });
    expect(await errorOf(await confirmPayment('customer', order.id))).toMatchObject({ status: 503 });
    expect((await confirmPayment('customer', order.id)).status).toBe(200);
  });

  it('completeAuthentication succeed: a 3-D Secure payment authorized, the order goes on to processing', async () => {
    const { order, payment } = await placedOrder(store);
    const challenged = await confirmPayment('customer', order.id, 'pm_card_authenticationRequired');
    expect(challenged.status).toBe(200);
    expect(PaymentIntentViewSchema.parse(await challenged.json()).status).toBe('requires_action');
    const intent = await checkout.completeAuthentication(order.id, 'succeed');
    expect(intent).toMatchObject({ id: payment.intent_id, status: 'requires_capture' });
    expect((await orderReaching('customer', order.id, 'processing')).status).toBe('processing');
  });

  it('completeAuthentication fail: the order still awaits payment and another card pays it', async () => {
    const { order } = await placedOrder(store);
    await confirmPayment('customer', order.id, 'pm_card_authenticationRequired');
    expect((await readOrder('customer', order.id)).payment.status).toBe('requires_action');
    const intent = await checkout.completeAuthentication(order.id, 'fail');
    expect(intent.status).toBe('requires_payment_method');
    expect(intent.last_error?.code).toBe('payment_intent_authentication_failure');
    const after = await readOrder('customer', order.id);
    // The provider's webhook of the failure reached the order: no longer waiting for the bank.
    expect([after.status, after.payment.status]).toEqual(['pending_payment', 'awaiting_payment']);
    expect((await confirmPayment('customer', order.id, 'pm_card_mastercard')).status).toBe(200);
    expect((await orderReaching('customer', order.id, 'processing')).status).toBe('processing');
    // Nothing left to authenticate: a clear error for the developer.
    await expect(checkout.completeAuthentication(order.id, 'succeed')).rejects.toThrow(/cannot be authenticated/);
  });

  it('expireUnpaidOrders: the sweep leaves fresh orders; with now they expire, stock and promo given back', async () => {
    const line = stockedVariant(store, 3);
    const before = await stockOf(line);
    await fillCart('customer', line, 2);
    await call('post', '/api/checkout/promo', { token: 'customer', body: { code: 'HOLIDAY10' } });
    const { order } = await json<OrderPlaced>(await placeOrder('customer'));
    await fillCart('guest', stockedVariant(store, 3, 1));
    const paid = (await json<OrderPlaced>(await placeOrder('guest'))).order;
    await confirmPayment('guest', paid.id);

    expect(await checkout.expireUnpaidOrders()).toEqual({ expired: 0, recovered: 0, skipped: 0, failed: 0 });
    expect(await checkout.expireUnpaidOrders({ now: true })).toMatchObject({ expired: 1, failed: 0 });
    const expired = OrderSchema.parse(await readOrder('customer', order.id));
    expect(expired.status).toBe('cancelled');
    expect(expired.status_history.at(-1)).toMatchObject({ status: 'cancelled', reason: 'payment_expired' });
    expect(expired.payment.status).toBe('voided');
    expect(await stockOf(line)).toBe(before);
    expect((await orderReaching('guest', paid.id, 'processing')).status).toBe('processing');
  });

  it('expireUnpaidOrders({ orderId }) expires that order only; scenarios.reset() turns every switch off', async () => {
    const first = (await placedOrder(store)).order;
    const second = (await placedOrder(store, 'guest')).order;
    expect(await checkout.expireUnpaidOrders({ orderId: first.id })).toMatchObject({ expired: 1 });
    expect((await readOrder('customer', first.id)).status).toBe('cancelled');
    expect((await readOrder('guest', second.id)).status).toBe('pending_payment');

    checkout.declineNextPayment();
    checkout.paymentsDown(true);
    checkout.sellOutNextPlacement();
    scenarios.reset();
    expect((await confirmPayment('guest', second.id)).status).toBe(200);
    await fillCart('customer', stockedVariant(store));
    expect((await placeOrder('customer')).status).toBe(201);
  });
});
