/** Shoppers with a placeable cart, order and payment calls, and a server paying through the local Stripe fake. */
import { randomUUID } from 'node:crypto';
import type { Inventory, Order, OrderPlaced, PaymentIntentView } from '@holiday-peak-hub/contract';
import { expect } from 'vitest';
import { addItem, type MadeProduct } from '../cart/cart-fixtures.ts';
import { api, type Answer } from '../support/identity-client.ts';
import { ADDRESS } from '../support/sample-requests.ts';
import { startStripeFake, type StripeFake } from '../support/stripe-fake.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

export type Refused = { error: { code: string; message: string; details?: Record<string, unknown> } };

/** A guest (or the session given) with `quantity` units of the product's first variant, standard shipping to ADDRESS, and a code if told. */
export async function shopper(
  server: TestServer,
  product: MadeProduct,
  options: { quantity?: number; promo?: string; token?: string } = {},
): Promise<string> {
  const token = options.token ?? (await server.freshToken('guest'));
  const added = await addItem(server, token, { product_id: product.id, quantity: options.quantity ?? 1 });
  expect(added.status, JSON.stringify(added.body)).toBe(200);
  const shipping = { country: ADDRESS.country, postal_code: ADDRESS.postal_code, option_id: 'standard' };
  const chosen = await api(server, 'PUT', '/api/checkout/shipping', { token, body: shipping });
  expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
  if (options.promo) {
    const applied = await api(server, 'POST', '/api/checkout/promo', { token, body: { code: options.promo } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  }
  return token;
}

/** `POST /api/orders` with a new Idempotency-Key unless one is given; guests send an email. */
export const place = (
  server: TestServer,
  token: string,
  options: { key?: string; email?: string; body?: Record<string, unknown> } = {},
): Promise<Answer<OrderPlaced & Refused>> =>
  api<OrderPlaced & Refused>(server, 'POST', '/api/orders', {
    token,
    headers: { 'idempotency-key': options.key ?? randomUUID() },
    body: options.body ?? {
      email: options.email ?? `buyer-${randomUUID().slice(0, 8)}@example.com`,
      shipping_address: ADDRESS,
    },
  });

/** Places and expects 201. */
export async function placed(server: TestServer, token: string, email?: string): Promise<OrderPlaced> {
  const answer = await place(server, token, { email });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

export const confirm = (server: TestServer, token: string, orderId: string, paymentMethod = 'pm_card_visa') =>
  api<PaymentIntentView & Refused>(server, 'POST', '/api/payments/confirm', {
    token,
    body: { order_id: orderId, payment_method: paymentMethod },
  });

export const readOrder = (server: TestServer, token: string | undefined, ref: string, query = '') =>
  api<Order & Refused>(server, 'GET', `/api/orders/${ref}${query}`, token === undefined ? {} : { token });

export const cancel = (server: TestServer, token: string, ref: string) =>
  api<Order & Refused>(server, 'POST', `/api/orders/${ref}/cancel`, { token, body: { reason: 'Changed my mind' } });

/** Units on hand of a variant. */
export async function stockOf(server: TestServer, productId: string, variantId = 'var_0'): Promise<number> {
  const inventory = await api<Inventory>(server, 'GET', `/api/products/${productId}/inventory`);
  return inventory.body.variants.find((v) => v.variant_id === variantId)!.stock;
}

/** Sets units on hand as staff. */
export async function setStock(server: TestServer, productId: string, stock: number, variantId = 'var_0') {
  const set = await api(server, 'PUT', `/api/staff/products/${productId}/variants/${variantId}/stock`, {
    token: server.tokens.staff,
    body: { stock },
  });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
}

/** Reads the order (as staff) until `done` holds: the SAGA runs after the answer. */
export async function orderWhen(server: TestServer, id: string, done: (order: Order) => boolean): Promise<Order> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const read = await readOrder(server, server.tokens.staff, id);
    if (done(read.body)) return read.body;
    if (Date.now() > deadline) throw new Error(`order ${id} stayed ${JSON.stringify(read.body.status_history)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** How many answers had each `status error.code`. */
export const tallyCodes = (answers: readonly Answer<Partial<Refused>>[]) =>
  answers.reduce<Record<string, number>>((acc, a) => {
    const key = a.body?.error ? `${a.status} ${a.body.error.code}` : String(a.status);
    return { ...acc, [key]: (acc[key] ?? 0) + 1 };
  }, {});

export const WEBHOOK_SECRET = 'whsec_orders_fake_endpoint';

/** A test server whose payments go through the `stripe` client to a local Stripe fake. */
export async function startStripeServer(products = 4): Promise<{ server: TestServer; fake: StripeFake }> {
  const fake = await startStripeFake();
  const server = await startTestServer({
    products,
    env: { STRIPE_SECRET_KEY: 'sk_test_fake', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: fake.url },
    compose: { sweepIntervalMs: 0 },
  });
  return { server, fake };
}
