/**
 * Cart writes racing with real parallel requests against the composed server (Cosmos DB stand-in):
 * without If-Match every conflict is retried on a fresh read, so no add is lost, no limit is
 * passed and no guest line is merged twice.
 */
import { MAX_LINE_QUANTITY, type Cart } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, newCustomer } from '../support/identity-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { addItem, getCart, makeProduct, tally } from './cart-fixtures.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ products: 4 });
});
afterAll(() => server.close());

describe('parallel cart writes', () => {
  it('20 parallel adds of different variants to one cart: all 200, 20 lines', async () => {
    const product = await makeProduct(server, { variants: 20, stock: 5 });
    const guest = await server.freshToken('guest');
    const answers = await Promise.all(
      product.variants.map((variant) =>
        addItem(server, guest, { product_id: product.id, variant_id: variant, quantity: 2 }),
      ),
    );
    console.info('20 parallel POST /api/cart/items (20 variants):', tally(answers));
    expect(tally(answers)).toEqual({ 200: 20 });
    const cart = (await getCart(server, guest)).body;
    expect(cart.items.map((l) => l.variant_id).sort()).toEqual([...product.variants].sort());
    expect(cart.item_count).toBe(40);
  });

  it('30 parallel adds of 10 units of one variant: the quantity is the sum of those accepted, never above the limit', async () => {
    const product = await makeProduct(server, { stock: 1000 });
    const guest = await server.freshToken('guest');
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => addItem(server, guest, { product_id: product.id, quantity: 10 })),
    );
    console.info('30 parallel POST /api/cart/items (one variant, 10 units each):', tally(answers));
    const accepted = answers.filter((a) => a.status === 200).length;
    expect(tally(answers)).toEqual({ 200: 9, 422: 21 });
    for (const refused of answers.filter((a) => a.status === 422)) {
      expect(refused.body).toMatchObject({ error: { details: { reason: 'line_limit' } } });
    }
    const cart = (await getCart(server, guest)).body;
    expect(cart.items).toHaveLength(1);
    expect(cart.items[0]!.quantity).toBe(10 * accepted);
    expect(cart.items[0]!.quantity).toBeLessThanOrEqual(MAX_LINE_QUANTITY);
    for (const answer of answers.filter((a) => a.status === 200)) {
      expect(answer.body.items[0]!.quantity).toBeLessThanOrEqual(MAX_LINE_QUANTITY);
    }
  });

  it('10 parallel merges of one guest cart: each guest line counted once, the guest cart gone', async () => {
    const product = await makeProduct(server, { variants: 3, stock: 50 });
    const guest = await server.freshToken('guest');
    const customer = await newCustomer(server);
    await addItem(server, customer.token, { product_id: product.id, variant_id: 'var_0', quantity: 1 });
    for (const [variant, quantity] of [
      ['var_0', 2],
      ['var_1', 3],
      ['var_2', 4],
    ] as const) {
      await addItem(server, guest, { product_id: product.id, variant_id: variant, quantity });
    }
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api<Cart>(server, 'POST', '/api/cart/merge', { token: customer.token, body: { guest_token: guest } }),
      ),
    );
    console.info('10 parallel POST /api/cart/merge:', tally(answers));
    expect(tally(answers)).toEqual({ 200: 10 });
    const cart = (await getCart(server, customer.token)).body;
    expect(cart.items.map((l) => [l.variant_id, l.quantity])).toEqual([
      ['var_0', 3],
      ['var_1', 3],
      ['var_2', 4],
    ]);
    expect((await getCart(server, guest)).body.items).toEqual([]);
  });
});
