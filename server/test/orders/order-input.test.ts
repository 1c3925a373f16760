/**
 * Bad input to placing an order, over HTTP: prices or quantities in the body, lines that cannot
 * be bought, a country not shipped to, a missing key or email. Each is a 4xx in the envelope that
 * takes nothing (no order, no stock), never a 500.
 */
import { randomUUID } from 'node:crypto';
import { ErrorEnvelopeSchema } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItem, makeProduct, type MadeProduct } from '../cart/cart-fixtures.ts';
import { api, type Answer } from '../support/identity-client.ts';
import { ADDRESS } from '../support/sample-requests.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { place, shopper, stockOf } from './order-fixtures.ts';

let server: TestServer;
let product: MadeProduct;

beforeAll(async () => {
  server = await startTestServer({ products: 4, compose: { sweepIntervalMs: 0 } });
  product = await makeProduct(server, { stock: 10 });
});
afterAll(() => server.close());

/** The status and code of a refusal, after checking it is the error envelope. */
function refusal(answer: Answer<unknown>): [number, string, unknown] {
  const envelope = ErrorEnvelopeSchema.parse(answer.body);
  return [answer.status, envelope.error.code, envelope.error.details?.reason];
}

const body = (extra: Record<string, unknown> = {}) => ({
  email: 'tamper@example.com',
  shipping_address: ADDRESS,
  ...extra,
});

describe('POST /api/orders with bad input', () => {
  it('refuses prices, totals or lines in the body with 400, and places nothing', async () => {
    const token = await shopper(server, product);
    const tampered = [
      body({ total: 0.01 }),
      body({ totals: { total: 0.01, currency: 'USD' } }),
      body({ items: [{ product_id: product.id, variant_id: 'var_0', quantity: 1, unit_price: 0.01 }] }),
      body({ shipping_address: { ...ADDRESS, price: 0 } }),
      body({ promo_code: 'HOLIDAY10' }),
    ];
    for (const sent of tampered) {
      expect(refusal(await place(server, token, { body: sent }))).toEqual([400, 'INVALID_REQUEST', undefined]);
    }
    expect(await stockOf(server, product.id)).toBe(10);
    // The cart is still there and places at its own price.
    const fine = await place(server, token);
    expect(fine.status).toBe(201);
    expect(fine.body.order.totals.subtotal).toBe(19.99);
    expect(await stockOf(server, product.id)).toBe(9);
  });

  it('refuses a missing Idempotency-Key (400), a guest without email, an empty cart and no shipping choice (422)', async () => {
    const token = await shopper(server, product);
    const noKey = await api(server, 'POST', '/api/orders', { token, body: body() });
    expect(refusal(noKey).slice(0, 2)).toEqual([400, 'INVALID_REQUEST']);
    const noEmail = await place(server, token, { body: { shipping_address: ADDRESS } });
    expect(refusal(noEmail)).toEqual([422, 'UNPROCESSABLE_ENTITY', 'email_required']);
    const empty = await place(server, await server.freshToken('guest'));
    expect(refusal(empty)).toEqual([422, 'UNPROCESSABLE_ENTITY', 'cart_empty']);
    const unchosen = await server.freshToken('guest');
    await addItem(server, unchosen, { product_id: product.id, quantity: 1 });
    expect(refusal(await place(server, unchosen))).toEqual([422, 'UNPROCESSABLE_ENTITY', 'shipping_not_chosen']);
    const anonymous = await api(server, 'POST', '/api/orders', {
      headers: { 'idempotency-key': randomUUID() },
      body: body(),
    });
    expect(refusal(anonymous).slice(0, 2)).toEqual([401, 'UNAUTHORIZED']);
  });

  it('refuses a country not shipped to (422), and an address elsewhere than the option was chosen for (422)', async () => {
    const token = await shopper(server, product);
    const japan = await api(server, 'PUT', '/api/checkout/shipping', {
      token,
      body: { country: 'JP', postal_code: '1000001', option_id: 'standard' },
    });
    expect(refusal(japan)).toEqual([422, 'UNPROCESSABLE_ENTITY', 'unsupported_country']);
    const elsewhere = { ...ADDRESS, country: 'JP', postal_code: '1000001', state: null };
    const placedAbroad = await place(server, token, { body: body({ shipping_address: elsewhere }) });
    expect(refusal(placedAbroad)).toEqual([422, 'UNPROCESSABLE_ENTITY', 'shipping_address_mismatch']);
    const otherZip = await place(server, token, {
      body: body({ shipping_address: { ...ADDRESS, postal_code: '10001' } }),
    });
    expect(refusal(otherZip)).toEqual([422, 'UNPROCESSABLE_ENTITY', 'shipping_address_mismatch']);
  });

  it('refuses lines that cannot be bought: an unknown variant or product, quantity 0, negative, huge, fractional', async () => {
    const token = await server.freshToken('guest');
    const lines = [
      { product_id: product.id, variant_id: 'var_nope', quantity: 1 },
      { product_id: product.id.replace(/.$/, product.id.endsWith('z') ? 'y' : 'z'), quantity: 1 },
      { product_id: product.id, quantity: 0 },
      { product_id: product.id, quantity: -1 },
      { product_id: product.id, quantity: 1_000_000_000 },
      { product_id: product.id, quantity: 1e300 },
      { product_id: product.id, quantity: 1.5 },
      { product_id: product.id, quantity: 11 }, // more than on hand
    ];
    for (const line of lines) {
      const added = await addItem(server, token, line);
      expect([JSON.stringify(line), added.status >= 400 && added.status < 500]).toEqual([JSON.stringify(line), true]);
      ErrorEnvelopeSchema.parse(added.body);
    }
    expect((await api<{ items: unknown[] }>(server, 'GET', '/api/cart', { token })).body.items).toEqual([]);
  });
});
