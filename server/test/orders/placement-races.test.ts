/**
 * Placements racing with real parallel requests against the composed server (Cosmos DB stand-in):
 * 100 shoppers for 10 units sell exactly 10, and 50 shoppers for a code limited to 10 uses get
 * exactly 10 discounts; the refused keep their stock and are told why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProduct } from '../cart/cart-fixtures.ts';
import { api, type Answer } from '../support/identity-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { place, setStock, shopper, stockOf, tallyCodes } from './order-fixtures.ts';

let server: TestServer;
/** Each test makes 50–100 shoppers (3 requests each) before its burst: more than the default 30 s on a loaded CI machine. */
const BURST_TIMEOUT_MS = 90_000;

beforeAll(async () => {
  server = await startTestServer({ products: 4, compose: { sweepIntervalMs: 0 } });
});
afterAll(() => server.close());

/** `count` shoppers made 10 at a time (each a guest session, a line, a shipping choice, maybe a code). */
async function shoppers(count: number, make: () => Promise<string>): Promise<string[]> {
  const tokens: string[] = [];
  while (tokens.length < count) tokens.push(...(await Promise.all(Array.from({ length: 10 }, make))));
  return tokens;
}

/** The bodies of answers with another status than expected, for the failure message. */
const unexpected = (answers: readonly Answer<unknown>[], statuses: number[]) =>
  JSON.stringify(answers.filter((a) => !statuses.includes(a.status)).map((a) => [a.status, a.body]));

describe('oversell', () => {
  it(
    '100 concurrent placements of 1 unit for 10 in stock: exactly 10 × 201, the 90 others sold out, stock 0',
    async () => {
      const product = await makeProduct(server, { stock: 500 });
      const tokens = await shoppers(100, () => shopper(server, product));
      await setStock(server, product.id, 10);
      const answers = await Promise.all(tokens.map((token) => place(server, token)));
      const counts = tallyCodes(answers);
      console.info('100 parallel POST /api/orders (10 units):', counts);
      // Whether it read the cart before or after the units ran out, a placement that gets none is the
      // reservation's 409 INSUFFICIENT_STOCK, naming what is left; it takes nothing.
      expect(counts[201], unexpected(answers, [201, 409])).toBe(10);
      expect(counts['409 INSUFFICIENT_STOCK']).toBe(90);
      for (const refused of answers.filter((a) => a.status === 409)) {
        expect(refused.body.error.details).toEqual({
          product_id: product.id,
          variant_id: 'var_0',
          requested: 1,
          available: 0,
        });
      }
      const orders = answers.filter((a) => a.status === 201).map((a) => a.body.order);
      expect(new Set(orders.map((o) => o.id)).size).toBe(10);
      expect(new Set(orders.map((o) => o.order_number)).size).toBe(10);
      for (const order of orders) expect(order).toMatchObject({ status: 'pending_payment', items: [{ quantity: 1 }] });
      expect(await stockOf(server, product.id)).toBe(0);
      // The refused carts are kept: placing them again is refused again, and stock never goes below zero.
      const refusedTokens = tokens.filter((_, i) => answers[i]!.status !== 201).slice(0, 20);
      const again = await Promise.all(refusedTokens.map((token) => place(server, token)));
      expect(again.every((a) => a.status === 409)).toBe(true);
      expect(await stockOf(server, product.id)).toBe(0);
    },
    BURST_TIMEOUT_MS,
  );
});

describe('promo usage limit', () => {
  it(
    '50 concurrent placements with a code limited to 10 uses: exactly 10 discounted orders, 40 × 422, stock kept, count 10',
    async () => {
      const code = `RACE${Date.now().toString(36).toUpperCase()}`;
      const created = await api(server, 'POST', '/api/staff/promotions', {
        token: server.tokens.staff,
        body: { code, kind: 'percent', percent_off: 20, starts_at: '2020-01-01T00:00:00Z', usage_limit_total: 10 },
      });
      expect(created.status).toBe(201);
      const product = await makeProduct(server, { stock: 100, amount: 50 });
      const tokens = await shoppers(50, () => shopper(server, product, { promo: code }));
      const answers = await Promise.all(tokens.map((token) => place(server, token)));
      console.info('50 parallel POST /api/orders (code limited to 10):', tallyCodes(answers));
      expect(tallyCodes(answers), unexpected(answers, [201])).toEqual({
        201: 10,
        '422 PROMO_USAGE_LIMIT_REACHED': 40,
      });
      for (const answer of answers.filter((a) => a.status === 201)) {
        // 50.00 at 20 % off: 10.00 discount.
        expect(answer.body.order).toMatchObject({ promo_code: code, totals: { subtotal: 50, discount: 10 } });
      }
      for (const refused of answers.filter((a) => a.status === 422)) {
        expect(refused.body.error.details).toMatchObject({ code });
      }
      expect(await stockOf(server, product.id)).toBe(90);
      const promotion = await api<{ redemption_count: number }>(server, 'GET', `/api/staff/promotions/${code}`, {
        token: server.tokens.staff,
      });
      expect(promotion.body.redemption_count).toBe(10);
    },
    BURST_TIMEOUT_MS,
  );
});
