/**
 * The payment provider failing under the orders, with the real `stripe` client against the Stripe
 * fake: down at placement (nothing held, a retry places), down at confirmation (the order waits,
 * then expires and gives everything back), and an authorization whose webhook was lost (the
 * sweeper finds it and the SAGA completes the order). The sweeper runs on its timer; the clock is
 * moved past the 30-minute payment window.
 */
import { randomUUID } from 'node:crypto';
import type { Promotion } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProduct, type MadeProduct } from '../cart/cart-fixtures.ts';
import { eventually } from '../support/event-hubs-test-bed.ts';
import { api, newCustomer } from '../support/identity-client.ts';
import { startStripeFake, type StripeFake } from '../support/stripe-fake.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import {
  confirmPayment,
  placeOrder,
  readyCart,
  storedOrder,
  storedOrders,
  storedStock,
  stripeEnv,
} from './order-flow.ts';

const PAYMENT_WINDOW_MS = 30 * 60 * 1000;
let fake: StripeFake;
let server: TestServer;
/** How far the server's clock is ahead of the real one. */
let ahead = 0;
const products: MadeProduct[] = [];
const promo = `FAULT${randomUUID().slice(0, 6).toUpperCase()}`;

beforeAll(async () => {
  fake = await startStripeFake();
  server = await startTestServer({
    products: 4,
    clock: () => new Date(Date.now() + ahead),
    env: stripeEnv(fake.url),
    compose: { sweepIntervalMs: 100 },
  });
  // Made now: the staff token ends before the clock is moved on.
  for (let i = 0; i < 3; i += 1) products.push(await makeProduct(server, { stock: 5 }));
  const day = 24 * 3600 * 1000;
  const created = await api(server, 'POST', '/api/staff/promotions', {
    token: server.tokens.staff,
    body: {
      code: promo,
      kind: 'percent',
      percent_off: 10,
      starts_at: new Date(Date.now() - day).toISOString(),
      ends_at: new Date(Date.now() + 30 * day).toISOString(),
    },
  });
  expect(created.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
});

const redemptions = async () =>
  (await api<Promotion>(server, 'GET', `/api/staff/promotions/${promo}`, { token: server.tokens.staff })).body
    .redemption_count;
const captureEvents = (intentId: string) =>
  fake.gateway.events().filter((e) => e.type === 'payment_intent.succeeded' && e.data.object.id === intentId).length;
/** Moves the server's clock past the payment window of orders placed now. */
const pastPaymentWindow = () => void (ahead += PAYMENT_WINDOW_MS + 60_000);

describe('the provider down when an order is placed', () => {
  it('answers 503 with Retry-After, holds no stock, counts no promo use and leaves no order; a retry places it', async () => {
    const [product] = products;
    const customer = await newCustomer(server, 'provider-down');
    await readyCart(server, customer.token, product!.id, { quantity: 2, promo });
    const ordersBefore = (await storedOrders(server)).length;
    const key = randomUUID();

    fake.unavailable(true);
    const started = Date.now();
    const refused = await placeOrder(server, customer.token, { key, guest: false });
    const took = Date.now() - started;
    const attempts = fake.calls('create');
    fake.unavailable(false);
    expect(refused.status).toBe(503);
    expect(refused.body.error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The client asked, and retried twice (its maxNetworkRetries), before giving up.
    expect(attempts).toBe(3);
    expect(await storedStock(server, product!.id, product!.variants[0]!)).toBe(5);
    expect(await redemptions()).toBe(0);
    expect((await storedOrders(server)).length).toBe(ordersBefore);
    const mine = await api<{ items: unknown[] }>(server, 'GET', '/api/users/me/orders', { token: customer.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([]);

    // The same request again (same key: a 5xx is not kept) once the provider is back.
    const placed = await placeOrder(server, customer.token, { key, guest: false });
    expect(placed.status).toBe(201);
    expect(placed.body.order.status).toBe('pending_payment');
    expect(placed.body.payment.status).toBe('requires_payment_method');
    expect(await storedStock(server, product!.id, product!.variants[0]!)).toBe(3);
    expect(await redemptions()).toBe(1);
    const after = await api<{ items: { id: string }[] }>(server, 'GET', '/api/users/me/orders', {
      token: customer.token,
    });
    expect(after.body.items.map((o) => o.id)).toEqual([placed.body.order.id]);
    process.stdout.write(`placement with the provider down answered 503 after ${took} ms (${attempts} create calls)\n`);
  }, 60_000);
});

describe('the provider down when the order is paid', () => {
  it('answers 503 and keeps the order waiting with its stock; past its deadline the sweeper cancels it and gives the stock back', async () => {
    const product = products[1]!;
    const variant = product.variants[0]!;
    const token = await server.freshToken('guest');
    await readyCart(server, token, product.id);
    const placed = await placeOrder(server, token);
    expect(placed.status).toBe(201);
    const { id } = placed.body.order;
    const intentId = placed.body.payment.intent_id;

    fake.unavailable(true);
    const confirmed = await confirmPayment(server, token, id);
    fake.unavailable(false);
    expect(confirmed.status).toBe(503);
    expect(Number(confirmed.headers.get('retry-after'))).toBeGreaterThan(0);
    const waiting = await storedOrder(server, id);
    expect(waiting?.status).toBe('pending_payment');
    expect(waiting?.payment.status).toBe('awaiting_payment');
    expect(await storedStock(server, product.id, variant)).toBe(4);
    // Still within the window: the sweeper (every 100 ms) leaves it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await storedOrder(server, id))?.status).toBe('pending_payment');

    pastPaymentWindow();
    const expired = await eventually(async () => {
      const order = await storedOrder(server, id);
      return order?.status === 'cancelled' ? order : undefined;
    });
    expect(expired.status_history.at(-1)).toMatchObject({ status: 'cancelled', reason: 'payment_expired' });
    expect(expired.stock_state).toBe('released');
    // The hold voided by the settlement's write, right after the cancelling one.
    await eventually(
      async () => ((await storedOrder(server, id))?.payment.status === 'voided' ? true : undefined),
      5_000,
    );
    // Given back by the sweep that cancelled it, right after its write.
    await eventually(async () => ((await storedStock(server, product.id, variant)) === 5 ? true : undefined), 5_000);
    await eventually(
      async () => ((await fake.gateway.retrieve(intentId))?.status === 'canceled' ? true : undefined),
      5_000,
    );
    // A card confirmed late (Stripe.js) finds the intent voided: never paid without stock.
    await expect(fake.gateway.confirm(intentId, 'pm_card_visa')).rejects.toThrow();
    expect(captureEvents(intentId)).toBe(0);
    // Released once, however many sweeps ran since.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await storedStock(server, product.id, variant)).toBe(5);
  }, 60_000);
});

describe('an authorization whose webhook was lost', () => {
  it('is found by the sweeper at the deadline, recorded, captured once by the SAGA: the order completes', async () => {
    const product = products[2]!;
    const variant = product.variants[0]!;
    const token = await server.freshToken('guest');
    await readyCart(server, token, product.id);
    const placed = await placeOrder(server, token);
    expect(placed.status).toBe(201);
    const { id } = placed.body.order;
    const intentId = placed.body.payment.intent_id;
    // Paid in the browser (Stripe.js): the provider authorized it, its webhook never arrived.
    expect((await fake.gateway.confirm(intentId, 'pm_card_visa')).status).toBe('requires_capture');
    const capturesBefore = fake.calls('capture');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await storedOrder(server, id))?.payment.status).toBe('awaiting_payment');

    pastPaymentWindow();
    const done = await eventually(async () => {
      const order = await storedOrder(server, id);
      return order?.status === 'processing' ? order : undefined;
    });
    expect(done.status_history.map((h) => h.status)).toEqual(['pending_payment', 'paid', 'processing']);
    expect(done.payment.status).toBe('captured');
    expect(done.payment.amount_captured).toBe(done.totals.total);
    expect(done.stock_state).toBe('reserved');
    expect(await storedStock(server, product.id, variant)).toBe(4);
    expect((await fake.gateway.retrieve(intentId))?.status).toBe('succeeded');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(captureEvents(intentId)).toBe(1);
    expect(fake.calls('capture') - capturesBefore).toBe(1);
  }, 60_000);
});
