import { createMockApi, createMockStore, mockTokens } from '@holiday-peak-hub/mocks';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addCartItem,
  chooseShipping,
  type Client,
  createHolidayPeakClient,
  createIdempotencyKey,
  isHolidayPeakApiError,
  listMyOrders,
  placeOrderAndPay,
  type PaymentIntentView,
  unwrap,
} from './index.ts';

const BASE_URL = 'http://api.test';
const store = createMockStore();
const api = createMockApi({ baseUrl: BASE_URL, store });
const server = setupServer(...api.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  store.reset();
  api.scenarios.reset();
});
afterAll(() => server.close());

const address = { name: 'Jane Doe', line1: '1 Market St', city: 'San Francisco', postal_code: '94102', country: 'US' };
const fast = { timeoutMs: 5000, intervalMs: 20 };

function clientOf(who: keyof typeof mockTokens, fetch?: typeof globalThis.fetch) {
  return createHolidayPeakClient({
    baseUrl: BASE_URL,
    getToken: () => mockTokens[who],
    retry: { maxDelayMs: 0 },
    ...(fetch && { fetch }),
  });
}

/** One unit of an in-stock variant of the demo catalog in the caller's cart, express shipping to 94102. */
async function fillCart(client: Client): Promise<void> {
  const product = store.catalog.products.find((p) => p.status === 'active' && p.variants.some((v) => v.stock >= 3));
  const variant = product?.variants.find((v) => v.stock >= 3);
  if (!product || !variant) throw new Error('no stocked product in the demo catalog');
  await unwrap(addCartItem({ client, body: { product_id: product.id, variant_id: variant.variant_id, quantity: 1 } }));
  await unwrap(chooseShipping({ client, body: { country: 'US', postal_code: '94102', option_id: 'express' } }));
}

/** What Stripe does after Stripe.js confirmed: it tells the API's webhook (the gateway's latest event, signed). */
async function deliverLatestWebhook(): Promise<void> {
  const event = store.payments.events().at(-1);
  if (!event) throw new Error('no payment event');
  const { body, signature } = await store.payments.signedWebhook(event);
  const response = await fetch(`${BASE_URL}/api/payments/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body,
  });
  if (!response.ok) throw new Error(`webhook: ${response.status} ${await response.text()}`);
}

/** Stands in for `stripe.confirmCardPayment(client_secret, …)` with a card that is accepted. */
async function stripeJsConfirm(payment: PaymentIntentView): Promise<void> {
  expect(payment.client_secret).toMatch(/_secret_/);
  await store.payments.confirm(payment.intent_id, 'pm_card_visa');
  await deliverLatestWebhook();
}

describe('placeOrderAndPay', () => {
  it('server confirmation: places, confirms with the PaymentMethod and waits until the order is paid', async () => {
    const client = clientOf('customer');
    await fillCart(client);
    const result = await placeOrderAndPay({
      client,
      body: { shipping_address: address },
      paymentMethod: 'pm_card_visa',
      waitFor: fast,
    });
    expect(result.payment.status).toBe('requires_capture');
    expect(result.order.status).not.toBe('pending_payment');
    expect(['paid', 'processing']).toContain(result.order.status);
    expect(result.order.payment.status).toBe('captured');
  });

  it('Stripe.js confirmation: hands the client_secret to `confirm`, then sees the webhook-paid order (guest)', async () => {
    const client = clientOf('guest');
    await fillCart(client);
    const seen: string[] = [];
    const result = await placeOrderAndPay({
      client,
      body: { email: 'guest@example.com', shipping_address: address },
      confirm: async (payment, order) => {
        seen.push(`${order.status} ${payment.status}`);
        await stripeJsConfirm(payment);
      },
      waitFor: fast,
    });
    expect(seen).toEqual(['pending_payment requires_payment_method']);
    expect(['paid', 'processing']).toContain(result.order.status);
  });

  it('3-D Secure: a server confirmation answering requires_action goes to `confirm` (handleNextAction)', async () => {
    const client = clientOf('customer');
    await fillCart(client);
    const actions: string[] = [];
    const result = await placeOrderAndPay({
      client,
      body: { shipping_address: address },
      paymentMethod: 'pm_card_authenticationRequired',
      confirm: async (payment) => {
        actions.push(`${payment.status} ${payment.next_action?.type}`);
        await store.payments.authenticate(payment.intent_id, 'succeed');
        await deliverLatestWebhook();
      },
      waitFor: fast,
    });
    expect(actions).toEqual(['requires_action use_stripe_sdk']);
    expect(['paid', 'processing']).toContain(result.order.status);
  });

  it('a declined card rejects with PAYMENT_DECLINED; the same key with another card pays the same order', async () => {
    const client = clientOf('customer');
    await fillCart(client);
    const idempotencyKey = createIdempotencyKey();
    const attempt = (paymentMethod: string) =>
      placeOrderAndPay({ client, body: { shipping_address: address }, paymentMethod, idempotencyKey, waitFor: fast });

    const refused = await attempt('pm_card_chargeDeclined').catch((error: unknown) => error);
    expect(isHolidayPeakApiError(refused) && [refused.code, refused.status]).toEqual(['PAYMENT_DECLINED', 402]);

    const paid = await attempt('pm_card_visa');
    expect(paid.idempotencyKey).toBe(idempotencyKey);
    expect(['paid', 'processing']).toContain(paid.order.status);
    const mine = await unwrap(listMyOrders({ client }));
    expect(mine.items.map((order) => order.id)).toEqual([paid.order.id]);
  });

  it('the same key after the order was paid: answers the order, confirms nothing again', async () => {
    const client = clientOf('customer');
    await fillCart(client);
    const body = { shipping_address: address };
    const first = await placeOrderAndPay({ client, body, paymentMethod: 'pm_card_visa', waitFor: fast });
    const confirms = () => store.payments.events().filter((event) => event.type.startsWith('payment_intent')).length;
    const before = confirms();
    const again = await placeOrderAndPay({
      client,
      body,
      idempotencyKey: first.idempotencyKey,
      paymentMethod: 'pm_card_chargeDeclined', // would be refused, were it tried
      confirm: () => Promise.reject(new Error('confirm must not be called')),
      waitFor: fast,
    });
    expect(again.order.id).toBe(first.order.id);
    expect(again.order.status).toBe(first.order.status);
    expect(confirms()).toBe(before);
  });

  it("a card refused in Stripe.js (its { error } result) rejects with PAYMENT_DECLINED and Stripe's codes", async () => {
    const client = clientOf('customer');
    await fillCart(client);
    const refused = await placeOrderAndPay({
      client,
      body: { shipping_address: address },
      confirm: () =>
        Promise.resolve({ error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'No funds' } }),
      waitFor: fast,
    }).catch((error: unknown) => error);
    expect(isHolidayPeakApiError(refused)).toBe(true);
    if (!isHolidayPeakApiError(refused)) return;
    expect([refused.code, refused.message]).toEqual(['PAYMENT_DECLINED', 'No funds']);
    expect(refused.details).toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds' });
  });

  it('a lost answer to the placement: the retry re-sends the same key and gets the one order', async () => {
    const keys: Array<string | null> = [];
    let dropped = false;
    const lossy: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      const placing = request.method === 'POST' && new URL(request.url).pathname === '/api/orders';
      if (placing) keys.push(request.headers.get('idempotency-key'));
      const response = await fetch(request);
      if (placing && !dropped) {
        dropped = true;
        throw new TypeError('fetch failed: connection reset');
      }
      return response;
    };
    const client = clientOf('customer', lossy);
    await fillCart(client);
    const result = await placeOrderAndPay({
      client,
      body: { shipping_address: address },
      paymentMethod: 'pm_card_visa',
      waitFor: fast,
    });
    expect(keys).toEqual([result.idempotencyKey, result.idempotencyKey]);
    expect(['paid', 'processing']).toContain(result.order.status);
    const mine = await unwrap(listMyOrders({ client }));
    expect(mine.items).toHaveLength(1);
  });

  it('stops waiting at the timeout and answers the order still pending_payment', async () => {
    const client = clientOf('customer');
    await fillCart(client);
    const started = Date.now();
    const result = await placeOrderAndPay({
      client,
      body: { shipping_address: address },
      confirm: () => Promise.resolve(), // the customer closed the Stripe.js dialog
      waitFor: { timeoutMs: 300, intervalMs: 50 },
    });
    expect(result.order.status).toBe('pending_payment');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('needs `confirm` or `paymentMethod`', async () => {
    await expect(
      placeOrderAndPay({ client: clientOf('customer'), body: { shipping_address: address } }),
    ).rejects.toThrow(TypeError);
  });
});
