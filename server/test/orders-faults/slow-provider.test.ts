/**
 * The payment provider slower than the client's timeout: the provider does the work, the API
 * gives up waiting. The client's timeout is shortened (0.4 s, one retry) so a test does not wait
 * out Stripe's 10 s × 3; the Stripe fake answers after 1 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProduct, type MadeProduct } from '../cart/cart-fixtures.ts';
import { eventually } from '../support/event-hubs-test-bed.ts';
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

let fake: StripeFake;
let server: TestServer;
const products: MadeProduct[] = [];

beforeAll(async () => {
  fake = await startStripeFake();
  server = await startTestServer({
    products: 4,
    env: stripeEnv(fake.url),
    configure: (config) => {
      // The composition hands these settings to the `stripe` client (createStripeGateway's options).
      const stripe = { ...config.stripe!, stripeOptions: { timeout: 400, maxNetworkRetries: 1 } };
      config.stripe = stripe;
    },
    compose: { sweepIntervalMs: 0 },
  });
  for (let i = 0; i < 2; i += 1) products.push(await makeProduct(server, { stock: 5 }));
}, 60_000);

afterAll(async () => {
  await server?.close();
  await fake?.close();
});

const created = (orderId: string) =>
  fake.gateway
    .events()
    .filter((e) => e.type === 'payment_intent.created')
    .filter((e) => (e.data.object.metadata as Record<string, string>).order_id === orderId);

describe('a provider slower than the client waits', () => {
  it('at placement: 503, no stock held, no order; the retry places the order with an intent of its own', async () => {
    const product = products[0]!;
    const token = await server.freshToken('guest');
    await readyCart(server, token, product.id);
    const before = (await storedOrders(server)).length;

    fake.slow(1_000);
    const refused = await placeOrder(server, token, { key: 'slow-placement', email: 'slow@example.com' });
    fake.slow(0);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await storedStock(server, product.id, product.variants[0]!)).toBe(5);
    expect((await storedOrders(server)).length).toBe(before);

    const placed = await placeOrder(server, token, { key: 'slow-placement', email: 'slow@example.com' });
    expect(placed.status).toBe(201);
    expect(await storedStock(server, product.id, product.variants[0]!)).toBe(4);
    // The attempt that timed out made an intent at the provider, never handed out (no client secret
    // left the API) and never confirmed: no money held. The retry is another attempt with its own.
    const intents = created(placed.body.order.id).map((e) => e.data.object.id as string);
    expect(intents).toHaveLength(2);
    expect(intents[1]).toBe(placed.body.payment.intent_id);
    expect((await fake.gateway.retrieve(intents[0]!))?.status).toBe('requires_payment_method');
  }, 60_000);

  it('at confirmation: 503 while the provider authorized; the customer trying again is answered the authorization and the order completes', async () => {
    const product = products[1]!;
    const token = await server.freshToken('guest');
    await readyCart(server, token, product.id);
    const placed = await placeOrder(server, token);
    expect(placed.status).toBe(201);
    const { id } = placed.body.order;
    const intentId = placed.body.payment.intent_id;

    fake.slow(1_000);
    const first = await confirmPayment(server, token, id);
    expect(first.status).toBe(503);
    fake.slow(0);
    // The provider finished the attempt the client gave up on (its webhook is not sent here).
    await eventually(async () =>
      (await fake.gateway.retrieve(intentId))?.status === 'requires_capture' ? true : undefined,
    );
    expect((await storedOrder(server, id))?.status).toBe('pending_payment');

    const again = await confirmPayment(server, token, id);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('requires_capture');
    const done = await eventually(async () => {
      const order = await storedOrder(server, id);
      return order?.status === 'processing' ? order : undefined;
    });
    expect(done.payment.status).toBe('captured');
    expect(
      fake.gateway.events().filter((e) => e.type === 'payment_intent.succeeded' && e.data.object.id === intentId),
    ).toHaveLength(1);
  }, 60_000);
});
