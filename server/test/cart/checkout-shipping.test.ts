/**
 * Shipping options and the choice of one over HTTP, against the composed server (Cosmos DB
 * stand-in): the options (delivery dates from today plus business days, by the contract's rule;
 * fixed dates are checked in contract/src/cart/shipping.test.ts), a country not shipped to, the
 * choice in the totals (exact cents), free standard shipping from 100 USD and FREESHIP.
 */
import { addBusinessDays, toMinor, type Cart, type ShippingOptionList } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/identity-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { addItem, makeProduct } from './cart-fixtures.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ products: 4 });
});
afterAll(() => server.close());

type Refused = { error: { code: string; details: Record<string, unknown> } };
const options = (token: string, query: string) =>
  api<ShippingOptionList & Refused>(server, 'GET', `/api/checkout/shipping-options?${query}`, { token });
const choose = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api<Cart & Refused>(server, 'PUT', '/api/checkout/shipping', { token, body, headers });

async function cartWith(amount: number, quantity: number) {
  const product = await makeProduct(server, { amount, stock: 50 });
  const token = await server.freshToken('guest');
  const added = await addItem(server, token, { product_id: product.id, quantity });
  expect(added.status).toBe(200);
  return { token, line: added.body.items[0]! };
}

function expectExactTotals(cart: Cart) {
  const lines = cart.items.reduce((sum, line) => sum + toMinor(line.line_total ?? 0), 0);
  const { discount, tax_estimate, shipping, total_estimate } = cart.totals;
  expect(toMinor(total_estimate)).toBe(lines - toMinor(discount) + toMinor(tax_estimate) + toMinor(shipping));
}

describe('GET /api/checkout/shipping-options', () => {
  it('answers the US options with carrier, price and delivery dates from now plus business days', async () => {
    const { token } = await cartWith(19.99, 2);
    const today = new Date();
    const day = (n: number) => addBusinessDays(today, n);
    const list = await options(token, 'country=us&postal_code=94102');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      country: 'US',
      postal_code: '94102',
      options: [
        {
          id: 'standard',
          carrier: 'USPS',
          service_level: 'standard',
          price: { amount: 5.99, currency: 'USD' },
          estimated_delivery: { earliest: day(3), latest: day(5) },
        },
        {
          id: 'express',
          carrier: 'UPS',
          service_level: 'express',
          price: { amount: 14.99, currency: 'USD' },
          estimated_delivery: { earliest: day(2), latest: day(3) },
        },
        {
          id: 'overnight',
          carrier: 'FedEx',
          service_level: 'overnight',
          price: { amount: 29.99, currency: 'USD' },
          estimated_delivery: { earliest: day(1), latest: day(1) },
        },
      ],
    });
  });

  it('refuses a country not shipped to (422 unsupported_country), a malformed one (400), anonymous callers (401)', async () => {
    const { token } = await cartWith(10, 1);
    const refused = await options(token, 'country=JP&postal_code=1000001');
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'UNPROCESSABLE_ENTITY',
      details: { reason: 'unsupported_country', country: 'JP' },
    });
    expect((await options(token, 'country=USA&postal_code=94102')).status).toBe(400);
    expect((await options(token, 'country=US')).status).toBe(400);
    expect((await api(server, 'GET', '/api/checkout/shipping-options?country=US&postal_code=94102')).status).toBe(401);
  });
});

describe('PUT /api/checkout/shipping', () => {
  it('keeps the option on the cart: totals = Σ lines − discount + tax + shipping; repriced when the cart changes', async () => {
    const { token, line } = await cartWith(30, 2);
    const chosen = await choose(token, { country: 'us', postal_code: '94102', option_id: 'standard' });
    expect(chosen.status).toBe(200);
    expect(chosen.body.shipping).toMatchObject({ country: 'US', option: { id: 'standard', carrier: 'USPS' } });
    expect(chosen.body.totals).toMatchObject({
      subtotal: 60,
      tax_estimate: 4.8,
      shipping: 5.99,
      total_estimate: 70.79,
    });
    expectExactTotals(chosen.body);
    const grown = await api<Cart>(server, 'PUT', `/api/cart/items/${line.id}`, { token, body: { quantity: 4 } });
    expect(grown.body.totals).toMatchObject({ subtotal: 120, shipping: 0, total_estimate: 129.6 });
    const express = await choose(token, { country: 'US', postal_code: '94102', option_id: 'express' });
    expect(express.body.totals).toMatchObject({ shipping: 14.99, total_estimate: 144.59 });
    expectExactTotals(express.body);
  });

  it('with FREESHIP and HOLIDAY10: shipping 0 under FREESHIP, the line discount under HOLIDAY10', async () => {
    const { token } = await cartWith(30, 2);
    await choose(token, { country: 'CA', postal_code: 'K1A 0B1', option_id: 'express' });
    const free = await api<Cart>(server, 'POST', '/api/checkout/promo', { token, body: { code: 'FREESHIP' } });
    expect(free.body.totals).toMatchObject({ subtotal: 60, discount: 0, shipping: 0, total_estimate: 64.8 });
    expect(free.body.shipping!.option.price.amount).toBe(29.99);
    const percent = await api<Cart>(server, 'POST', '/api/checkout/promo', { token, body: { code: 'HOLIDAY10' } });
    expect(percent.body.totals).toMatchObject({ discount: 6, shipping: 29.99, total_estimate: 88.79 });
    expectExactTotals(percent.body);
  });

  it('refuses an option not offered there (422) and a stale If-Match (412), changing nothing', async () => {
    const { token } = await cartWith(10, 1);
    const overnight = await choose(token, { country: 'DE', postal_code: '10115', option_id: 'overnight' });
    expect([overnight.status, overnight.body.error.details.reason]).toEqual([422, 'unknown_option']);
    const stale = await choose(
      token,
      { country: 'US', postal_code: '94102', option_id: 'standard' },
      { 'if-match': '"empty"' },
    );
    expect(stale.status).toBe(412);
    const cart = await api<Cart>(server, 'GET', '/api/cart', { token });
    expect(cart.body).toMatchObject({ shipping: null, totals: { shipping: 0 } });
  });
});
