/**
 * The cart over HTTP against the composed server (Cosmos DB stand-in, real sessions): who may
 * call, prices from the catalog at read time, input rules and limits, flags, If-Match, another
 * caller's lines, TTL of the stored document, and the merge of a guest cart.
 */
import { MAX_CART_LINES, MAX_LINE_QUANTITY, type Cart } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, newCustomer } from '../support/identity-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { addItem, getCart, makeProduct, type MadeProduct } from './cart-fixtures.ts';

let server: TestServer;
let product: MadeProduct;

beforeAll(async () => {
  server = await startTestServer({ products: 4 });
  product = await makeProduct(server, { variants: 3, stock: 8 });
});
afterAll(() => server.close());

const line = (variant = 0, quantity = 1) => ({
  product_id: product.id,
  variant_id: product.variants[variant],
  quantity,
});
const errorOf = (body: unknown) => (body as { error: { code: string; details: Record<string, unknown> } }).error;

describe('who has a cart', () => {
  it('anonymous callers get 401; a guest, a customer, staff each have an empty cart to start with', async () => {
    expect((await api(server, 'GET', '/api/cart')).status).toBe(401);
    expect((await api(server, 'POST', '/api/cart/items', { body: line() })).status).toBe(401);
    for (const token of [await server.freshToken('guest'), (await newCustomer(server)).token, server.tokens.staff]) {
      const answer = await getCart(server, token);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ items: [], item_count: 0, updated_at: null });
      expect(answer.headers.get('etag')).toBe('"empty"');
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('a guest may not merge (403): merging is for accounts', async () => {
    const guest = await server.freshToken('guest');
    const answer = await api(server, 'POST', '/api/cart/merge', { token: guest, body: { guest_token: guest } });
    expect(answer.status).toBe(403);
  });
});

describe('lines priced from the catalog', () => {
  it('answers names, SKUs and prices from the catalog, totals in exact cents', async () => {
    const guest = await server.freshToken('guest');
    const answer = await addItem(server, guest, line(2, 3));
    expect(answer.status).toBe(200);
    expect(answer.body.items[0]).toMatchObject({
      product_id: product.id,
      variant_id: 'var_2',
      quantity: 3,
      variant_name: 'S2',
      unit_price: 21.99,
      line_total: 65.97,
      available_quantity: 8,
      issues: [],
    });
    expect(answer.body.items[0]!.sku).toMatch(/-V2$/);
    // 65.97 × 8 % = 5.2776 → 5.28
    expect(answer.body.totals).toEqual({
      subtotal: 65.97,
      discount: 0,
      tax_estimate: 5.28,
      shipping: 0,
      total_estimate: 71.25,
      currency: 'USD',
    });
    expect(answer.headers.get('etag')).toMatch(/^"[^"]+"$/);
  });

  it('refuses a price (or any unknown field) in the body, and quantities of 0, below 0, huge or fractional (400)', async () => {
    const guest = await server.freshToken('guest');
    for (const body of [
      { ...line(), unit_price: 0.01 },
      { ...line(), price: { amount: 0.01 } },
      line(0, 0),
      line(0, -2),
      line(0, MAX_LINE_QUANTITY + 1),
      line(0, 1e12),
      line(0, 1.5),
      { product_id: product.id, variant_id: 'var_0' },
    ]) {
      const answer = await addItem(server, guest, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(answer.body).code).toBe('INVALID_REQUEST');
    }
    expect((await getCart(server, guest)).body.items).toEqual([]);
  });

  it('refuses unknown products and variants, more than the stock and more than the line limit (422)', async () => {
    const guest = await server.freshToken('guest');
    const refusals = [
      [{ ...line(), product_id: 'electronics-laptops.zzzzzzzzzzzz' }, 'unknown_product'],
      [{ ...line(), variant_id: 'var_9' }, 'unknown_variant'],
      [{ product_id: product.id, quantity: 1 }, 'variant_required'],
      [line(0, 9), 'insufficient_stock'],
    ] as const;
    for (const [body, reason] of refusals) {
      const answer = await addItem(server, guest, body);
      expect(answer.status, reason).toBe(422);
      expect(errorOf(answer.body)).toMatchObject({ code: 'UNPROCESSABLE_ENTITY', details: { reason } });
    }
    const big = await makeProduct(server, { stock: 500 });
    const bigLine = { product_id: big.id, quantity: 60 };
    expect((await addItem(server, guest, bigLine)).status).toBe(200);
    const over = await addItem(server, guest, bigLine);
    expect(over.status).toBe(422);
    expect(errorOf(over.body).details).toMatchObject({ reason: 'line_limit', max_quantity: MAX_LINE_QUANTITY });
  });

  it(`holds at most ${MAX_CART_LINES} lines`, async () => {
    const many = await makeProduct(server, { variants: MAX_CART_LINES + 1, stock: 3 });
    const guest = await server.freshToken('guest');
    for (const variant of many.variants.slice(0, MAX_CART_LINES)) {
      expect((await addItem(server, guest, { product_id: many.id, variant_id: variant, quantity: 1 })).status).toBe(
        200,
      );
    }
    const full = await addItem(server, guest, { product_id: many.id, variant_id: many.variants.at(-1), quantity: 1 });
    expect(full.status).toBe(422);
    expect(errorOf(full.body).details).toMatchObject({ reason: 'cart_full', max_lines: MAX_CART_LINES });
  });

  it('keeps and flags a line whose product was archived or whose stock fell; prices change at read time', async () => {
    const [gone, short, repriced] = [
      await makeProduct(server, { stock: 6 }),
      await makeProduct(server, { stock: 6 }),
      await makeProduct(server, { stock: 6 }),
    ];
    const guest = await server.freshToken('guest');
    for (const made of [gone, short, repriced]) await addItem(server, guest, { product_id: made.id, quantity: 5 });
    const staff = { token: server.tokens.staff };
    const changes = [
      await api(server, 'PUT', `/api/staff/products/${short.id}/variants/var_0/stock`, {
        ...staff,
        body: { stock: 2 },
      }),
      await api(server, 'PATCH', `/api/staff/products/${repriced.id}`, {
        ...staff,
        body: { price: { amount: 1.1, currency: 'USD', compare_at: null, tax_rate: 0.1 } },
      }),
      await api(server, 'POST', `/api/staff/products/${gone.id}/archive`, staff),
    ];
    expect(changes.map((c) => c.status)).toEqual([200, 200, 200]);
    const cart = (await getCart(server, guest)).body;
    expect(cart.items.map((l) => [l.issues, l.available_quantity])).toEqual([
      [['unavailable'], 0],
      [['insufficient_stock'], 2],
      [[], 6],
    ]);
    expect(cart.items[0]).toMatchObject({ unit_price: null, line_total: null, quantity: 5 });
    expect(cart.items[1]).toMatchObject({ unit_price: 19.99, line_total: 99.95 });
    expect(cart.items[2]).toMatchObject({ unit_price: 1.1, line_total: 5.5 });
    // 99.95 × 8 % = 7.996 → 8.00; 5.50 × 10 % = 0.55
    expect(cart.totals).toEqual({
      subtotal: 105.45,
      discount: 0,
      tax_estimate: 8.55,
      shipping: 0,
      total_estimate: 114,
      currency: 'USD',
    });
  });
});

describe('changes', () => {
  it('PUT sets a quantity, DELETE removes a line, DELETE /api/cart empties it; another caller’s line is a 404', async () => {
    const guest = await server.freshToken('guest');
    const other = await server.freshToken('guest');
    const id = (await addItem(server, guest, line(0, 1))).body.items[0]!.id;
    for (const [method, body] of [
      ['PUT', { quantity: 2 }],
      ['DELETE', undefined],
    ] as const) {
      const answer = await api(server, method, `/api/cart/items/${id}`, { token: other, body });
      expect(answer.status).toBe(404);
      expect(errorOf(answer.body).code).toBe('RESOURCE_NOT_FOUND');
    }
    expect(
      (await api<Cart>(server, 'PUT', `/api/cart/items/${id}`, { token: guest, body: { quantity: 4 } })).body
        .item_count,
    ).toBe(4);
    expect((await api(server, 'PUT', `/api/cart/items/${id}`, { token: guest, body: { quantity: 0 } })).status).toBe(
      400,
    );
    expect((await api(server, 'PUT', `/api/cart/items/${id}`, { token: guest, body: { quantity: 9 } })).status).toBe(
      422,
    );
    expect(
      (await api(server, 'PUT', '/api/cart/items/not-a-line', { token: guest, body: { quantity: 1 } })).status,
    ).toBe(400);
    expect((await api<Cart>(server, 'DELETE', `/api/cart/items/${id}`, { token: guest })).body.items).toEqual([]);
    expect((await api(server, 'DELETE', `/api/cart/items/${id}`, { token: guest })).status).toBe(404);
    await addItem(server, guest, line(1, 1));
    const cleared = await api<Cart>(server, 'DELETE', '/api/cart', { token: guest });
    expect(cleared.status).toBe(200);
    expect(cleared.body.items).toEqual([]);
    expect((await api(server, 'DELETE', '/api/cart', { token: guest })).status).toBe(200);
  });

  it('honours If-Match on every write: the ETag just answered passes, a stale one is a 412', async () => {
    const guest = await server.freshToken('guest');
    const first = await addItem(server, guest, line(0, 1), { 'if-match': '"empty"' });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const stale = await addItem(server, guest, line(0, 1), { 'if-match': '"empty"' });
    expect(stale.status).toBe(412);
    expect(errorOf(stale.body).code).toBe('PRECONDITION_FAILED');
    const id = first.body.items[0]!.id;
    const second = await api(server, 'PUT', `/api/cart/items/${id}`, {
      token: guest,
      body: { quantity: 3 },
      headers: { 'if-match': etag },
    });
    expect(second.status).toBe(200);
    for (const [method, path, body] of [
      ['PUT', `/api/cart/items/${id}`, { quantity: 1 }],
      ['DELETE', `/api/cart/items/${id}`, undefined],
      ['DELETE', '/api/cart', undefined],
      ['POST', '/api/cart/items', line(1, 1)],
    ] as const) {
      expect((await api(server, method, path, { token: guest, body, headers: { 'if-match': etag } })).status).toBe(412);
    }
    expect((await getCart(server, guest)).body.item_count).toBe(3);
    expect((await getCart(server, guest)).headers.get('etag')).toBe(second.headers.get('etag'));
  });

  it('stores one document per owner in the cart container with a TTL: 14 days for guests, 90 for customers', async () => {
    const guest = await server.freshToken('guest');
    const customer = await newCustomer(server);
    await addItem(server, guest, line(0, 1));
    await addItem(server, customer.token, line(0, 1));
    const container = server.composed.cosmos.database.container('cart');
    const { resources } = await container.items
      .query<{ user_id: string; ttl: number; lines: unknown[] }>('SELECT * FROM c')
      .fetchAll();
    const ttls = resources.filter((d) => d.lines.length > 0).map((d) => [d.user_id.slice(0, 4), d.ttl]);
    expect(ttls).toContainEqual(['gst_', 14 * 24 * 3600]);
    expect(ttls).toContainEqual(['usr_', 90 * 24 * 3600]);
    const cart = (await getCart(server, customer.token)).body;
    expect(Date.parse(cart.expires_at!) - Date.parse(cart.updated_at!)).toBe(90 * 24 * 3600_000);
  });
});

describe('merging a guest cart on sign-in', () => {
  it('joins the lines (same variant summed, capped by stock), deletes the guest cart; merging again changes nothing', async () => {
    const guest = await server.freshToken('guest');
    const customer = await newCustomer(server);
    await addItem(server, customer.token, line(0, 5));
    await addItem(server, guest, line(0, 6));
    await addItem(server, guest, line(1, 2));
    const merged = await api<Cart>(server, 'POST', '/api/cart/merge', {
      token: customer.token,
      body: { guest_token: guest },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.items.map((l) => [l.variant_id, l.quantity])).toEqual([
      ['var_0', 8],
      ['var_1', 2],
    ]);
    expect((await getCart(server, guest)).body.items).toEqual([]);
    const again = await api<Cart>(server, 'POST', '/api/cart/merge', {
      token: customer.token,
      body: { guest_token: guest },
    });
    expect(again.body).toEqual(merged.body);
    expect(again.headers.get('etag')).toBe(merged.headers.get('etag'));
  });

  it("refuses another account's token, a signed-out guest's and a forged one (422)", async () => {
    const customer = await newCustomer(server);
    const ended = await server.freshToken('guest');
    await api(server, 'POST', '/api/auth/logout', { token: ended });
    for (const token of [server.tokens.customer, ended, 'not-a-token', `${server.tokens.guest}x`]) {
      const answer = await api(server, 'POST', '/api/cart/merge', {
        token: customer.token,
        body: { guest_token: token },
      });
      expect(answer.status).toBe(422);
      expect(errorOf(answer.body).details).toEqual({ field: 'guest_token' });
    }
  });
});
