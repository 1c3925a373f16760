/** The checkout over HTTP for the fault tests: a cart with shipping chosen, its placement and payment, and reads of what was stored. */
import { randomUUID } from 'node:crypto';
import type { OrderPlaced, PaymentIntentView } from '@holiday-peak-hub/contract';
import type { OrderDocument } from '@holiday-peak-hub/core';
import { api, type Answer } from '../support/identity-client.ts';
import type { TestServer } from '../support/test-server.ts';

type Refused = { error?: { code: string; details: Record<string, unknown> } };

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

/** The Stripe fake as the server's payment provider (the real `stripe` client over HTTP). */
export const stripeEnv = (url: string) => ({
  STRIPE_SECRET_KEY: 'sk_test_fake',
  STRIPE_WEBHOOK_SECRET: 'whsec_faults',
  STRIPE_API_BASE: url,
});

/** A cart of `quantity` units of a product's first variant, standard shipping to San Francisco chosen, a promo applied if given. */
export async function readyCart(
  server: TestServer,
  token: string,
  productId: string,
  options: { quantity?: number; promo?: string } = {},
): Promise<void> {
  const added = await api(server, 'POST', '/api/cart/items', {
    token,
    body: { product_id: productId, quantity: options.quantity ?? 1 },
  });
  if (added.status !== 200) throw new Error(`add to cart: ${added.status} ${JSON.stringify(added.body)}`);
  const shipping = await api(server, 'PUT', '/api/checkout/shipping', {
    token,
    body: { country: 'US', postal_code: '94102', option_id: 'standard' },
  });
  if (shipping.status !== 200) throw new Error(`shipping: ${shipping.status} ${JSON.stringify(shipping.body)}`);
  if (options.promo !== undefined) {
    const promo = await api(server, 'POST', '/api/checkout/promo', { token, body: { code: options.promo } });
    if (promo.status !== 200) throw new Error(`promo: ${promo.status} ${JSON.stringify(promo.body)}`);
  }
}

/** `POST /api/orders` with an Idempotency-Key (a new one unless given); guests send an email (a new one unless given). */
export const placeOrder = (
  server: TestServer,
  token: string,
  options: { key?: string; guest?: boolean; email?: string } = {},
): Promise<Answer<OrderPlaced & Refused>> =>
  api<OrderPlaced & Refused>(server, 'POST', '/api/orders', {
    token,
    headers: { 'idempotency-key': options.key ?? randomUUID() },
    body: {
      ...(options.guest === false ? {} : { email: options.email ?? `guest-${randomUUID().slice(0, 8)}@example.com` }),
      shipping_address: SHIPPING_ADDRESS,
    },
  });

/** `POST /api/payments/confirm` with a Stripe test PaymentMethod. */
export const confirmPayment = (
  server: TestServer,
  token: string,
  orderId: string,
  paymentMethod = 'pm_card_visa',
): Promise<Answer<PaymentIntentView & Refused>> =>
  api<PaymentIntentView & Refused>(server, 'POST', '/api/payments/confirm', {
    token,
    body: { order_id: orderId, payment_method: paymentMethod },
  });

/** Every order document of this server's database, as stored. */
export async function storedOrders(server: TestServer): Promise<OrderDocument[]> {
  const { resources } = await server.composed.cosmos.database
    .container('orders')
    .items.query<OrderDocument>("SELECT * FROM c WHERE c.doc_type = 'order'")
    .fetchAll();
  return resources;
}

/** One order as stored (no session needed: a test's clock may be past its tokens' lifetime). */
export async function storedOrder(server: TestServer, id: string): Promise<OrderDocument | undefined> {
  const { resource } = await server.composed.cosmos.database.container('orders').item(id, id).read<OrderDocument>();
  return resource;
}

/** A variant's stock as stored in the catalog. */
export async function storedStock(server: TestServer, productId: string, variantId: string): Promise<number> {
  const { resources } = await server.composed.cosmos.database
    .container('products')
    .items.query<{ variants: { variant_id: string; stock: number }[] }>({
      query: 'SELECT c.variants FROM c WHERE c.id = @id',
      parameters: [{ name: '@id', value: productId }],
    })
    .fetchAll();
  const variant = resources[0]?.variants.find((v) => v.variant_id === variantId);
  if (!variant) throw new Error(`no variant ${productId}/${variantId}`);
  return variant.stock;
}

/** Letters the server's consumers gave up on (container `dead_letters`). */
export async function deadLetterCount(server: TestServer): Promise<number> {
  const { resources } = await server.composed.cosmos.database
    .container('dead_letters')
    .items.query<number>('SELECT VALUE COUNT(1) FROM c')
    .fetchAll();
  return resources[0] ?? 0;
}
