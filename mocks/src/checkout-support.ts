import type { Order, OrderPlaced, PaymentIntentView } from '@holiday-peak-hub/contract';
import type { mockTokens } from './wiring/fixed-tokens.ts';
import type { MockStore } from './wiring/mock-store.ts';
import { call, json } from './test-support.ts';

/* Checkout through the mocked API for tests: a cart filled and shipped, placed, paid. */

/** A fixed token's caller, or a session's access token (a guest started with `POST /api/auth/guest`). */
export type Who = keyof typeof mockTokens | { bearer: string };
const as = (who: Who) => (typeof who === 'string' ? { token: who } : who);

/** Where the orders of the tests go: the postal code the shipping option is chosen for. */
export const SHIPPING_ADDRESS = {
  name: 'Jane Doe',
  line1: '123 Main St',
  line2: null,
  city: 'San Francisco',
  state: 'CA',
  postal_code: '94102',
  country: 'US',
  phone: null,
};

/** An active product of the demo catalog and a variant of it with at least `units` in stock. */
export function stockedVariant(store: MockStore, units = 3, skip = 0) {
  const found = store.catalog.products
    .filter((p) => p.status === 'active' && p.variants.some((v) => v.stock >= units))
    .map((product) => ({ product, variant: product.variants.find((v) => v.stock >= units)! }))[skip];
  if (!found) throw new Error(`no active product with ${units} units in the demo catalog`);
  return { product_id: found.product.id, variant_id: found.variant.variant_id, stock: found.variant.stock };
}

/** Adds `quantity` of the variant to the caller's cart and chooses express shipping to 94102. */
export async function fillCart(who: Who, line: { product_id: string; variant_id: string }, quantity = 1) {
  const { product_id, variant_id } = line;
  const added = await call('post', '/api/cart/items', { ...as(who), body: { product_id, variant_id, quantity } });
  if (added.status !== 200) throw new Error(`addCartItem: ${added.status} ${await added.text()}`);
  const shipped = await call('put', '/api/checkout/shipping', {
    ...as(who),
    body: { country: 'US', postal_code: '94102', option_id: 'express' },
  });
  if (shipped.status !== 200) throw new Error(`chooseShipping: ${shipped.status} ${await shipped.text()}`);
}

let keys = 0;

/** `POST /api/orders` with a fresh Idempotency-Key (or the one given); guests send an email. */
export function placeOrder(who: Who, key = `key-${++keys}`): Promise<Response> {
  const guest = who === 'guest' || typeof who !== 'string';
  return call('post', '/api/orders', {
    ...as(who),
    headers: { 'Idempotency-Key': key },
    body: { shipping_address: SHIPPING_ADDRESS, ...(guest ? { email: 'guest@example.com' } : {}) },
  });
}

/** A cart of one unit of the first stocked variant, placed: the order and its payment. */
export async function placedOrder(store: MockStore, who: Who = 'customer'): Promise<OrderPlaced> {
  await fillCart(who, stockedVariant(store));
  const placed = await placeOrder(who);
  if (placed.status !== 201) throw new Error(`placeOrder: ${placed.status} ${await placed.text()}`);
  return json<OrderPlaced>(placed);
}

/** `POST /api/payments/confirm` of an order with a test PaymentMethod. */
export function confirmPayment(who: Who, orderId: string, paymentMethod = 'pm_card_visa'): Promise<Response> {
  return call('post', '/api/payments/confirm', {
    ...as(who),
    body: { order_id: orderId, payment_method: paymentMethod },
  });
}

/** The order as its owner reads it. */
export async function readOrder(who: Who, orderId: string): Promise<Order> {
  const response = await call('get', `/api/orders/${orderId}`, as(who));
  if (response.status !== 200) throw new Error(`getOrder: ${response.status} ${await response.text()}`);
  return json<Order>(response);
}

/** Waits (up to 2 s) until the order reaches a status: the SAGA runs on events after the answer. */
export async function orderReaching(who: Who, orderId: string, status: Order['status']): Promise<Order> {
  const until = Date.now() + 2_000;
  for (;;) {
    const order = await readOrder(who, orderId);
    if (order.status === status || Date.now() > until) return order;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A new guest session's access token. */
export async function newGuest(): Promise<Who> {
  const started = await call('post', '/api/auth/guest', { body: { token_delivery: 'body' } });
  if (started.status !== 201) throw new Error(`startGuestSession: ${started.status} ${await started.text()}`);
  return { bearer: (await json<{ tokens: { access_token: string } }>(started)).tokens.access_token };
}

/** A placed order paid with Visa and taken by the SAGA to `processing`. */
export async function processingOrder(store: MockStore, who: Who = 'customer'): Promise<Order> {
  const { order } = await placedOrder(store, who);
  const confirmed = await confirmPayment(who, order.id);
  const view = await json<PaymentIntentView>(confirmed);
  if (confirmed.status !== 200) throw new Error(`confirmPayment: ${confirmed.status} ${JSON.stringify(view)}`);
  const processing = await orderReaching(who, order.id, 'processing');
  if (processing.status !== 'processing') throw new Error(`order ${order.id} is ${processing.status}`);
  return processing;
}

/** The units in stock of a variant now, as `GET /api/products/{id}/inventory` answers them. */
export async function stockOf(line: { product_id: string; variant_id: string }): Promise<number> {
  const response = await call('get', `/api/products/${line.product_id}/inventory`);
  const inventory = await json<{ variants: { variant_id: string; stock: number }[] }>(response);
  const variant = inventory.variants.find((v) => v.variant_id === line.variant_id);
  if (!variant) throw new Error(`no variant ${line.variant_id} on ${line.product_id}`);
  return variant.stock;
}

/** Sets a variant's stock as staff do. */
export async function setStock(line: { product_id: string; variant_id: string }, stock: number): Promise<void> {
  const path = `/api/staff/products/${line.product_id}/variants/${line.variant_id}/stock`;
  const response = await call('put', path, { token: 'staff', body: { stock } });
  if (response.status !== 200) throw new Error(`setVariantStock: ${response.status} ${await response.text()}`);
}
