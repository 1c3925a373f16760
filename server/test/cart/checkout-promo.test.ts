/**
 * Promo codes on the cart over HTTP, against the composed server (Cosmos DB stand-in, the demo
 * codes HOLIDAY10, FREESHIP and LAPTOPS50): applying and removing, each refusal, the code evaluated
 * again at every read, and two different codes applied by parallel requests.
 */
import { toMinor, type Cart } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosmosRedemptionLedger } from '../../src/promotions/redemption-ledger.ts';
import { CONTAINER } from '../../src/platform/cosmos/containers.ts';
import { api, newCustomer, type Answer } from '../support/identity-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { addItem, getCart, makeProduct, tally } from './cart-fixtures.ts';

let server: TestServer;
let ledger: CosmosRedemptionLedger;

beforeAll(async () => {
  server = await startTestServer({ products: 4 });
  ledger = new CosmosRedemptionLedger(server.composed.cosmos.database.container(CONTAINER.promotions));
});
afterAll(() => server.close());

type Refused = { error: { code: string; details: Record<string, unknown> } };
const apply = (token: string, code: string, headers: Record<string, string> = {}) =>
  api<Cart & Refused>(server, 'POST', '/api/checkout/promo', { token, body: { code }, headers });
const remove = (token: string, headers: Record<string, string> = {}) =>
  api<Cart>(server, 'DELETE', '/api/checkout/promo', { token, headers });
const staff = (method: string, path: string, body?: unknown) =>
  api<{ code: string }>(server, method, path, { token: server.tokens.staff, body });

/** A cart of `quantity` units of a new product priced `amount`; its token and the line. */
async function cartWith(amount: number, quantity: number, options: { category?: string; token?: string } = {}) {
  const product = await makeProduct(server, { amount, stock: 50, category: options.category });
  const token = options.token ?? (await server.freshToken('guest'));
  const added = await addItem(server, token, { product_id: product.id, quantity });
  expect(added.status).toBe(200);
  return { token, line: added.body.items.at(-1)! };
}

/** The totals add up in cents: Σ line totals − discount + tax = total. */
function expectExactTotals(cart: Cart) {
  const lines = cart.items.reduce((sum, line) => sum + toMinor(line.line_total ?? 0), 0);
  const { subtotal, discount, tax_estimate, total_estimate } = cart.totals;
  expect(toMinor(subtotal)).toBe(lines);
  expect(toMinor(total_estimate)).toBe(lines - toMinor(discount) + toMinor(tax_estimate));
}

let serial = 0;
const ownCode = async (fields: Record<string, unknown>) => {
  const code = `CHK${Date.now().toString(36).toUpperCase()}${serial++}`;
  const created = await staff('POST', '/api/staff/promotions', { code, kind: 'percent', percent_off: 20, ...fields });
  expect(created.status).toBe(201);
  return code;
};

describe('POST /api/checkout/promo', () => {
  it('applies HOLIDAY10 (any case) for a guest: the discount in the totals, the code on the cart, exact cents', async () => {
    const { token } = await cartWith(19.99, 3);
    const applied = await apply(token, 'holiday10');
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ promo_code: 'HOLIDAY10', promo_issue: null });
    // 59.97 at 8 %: tax 4.80; 10 % of 59.97 = 5.997 → 6.00.
    expect(applied.body.totals).toEqual({
      subtotal: 59.97,
      discount: 6,
      tax_estimate: 4.8,
      shipping: 0,
      total_estimate: 58.77,
      currency: 'USD',
    });
    expectExactTotals(applied.body);
    const read = await getCart(server, token);
    expect(read.body).toEqual(applied.body);
    expect(read.headers.get('etag')).toBe(applied.headers.get('etag'));
  });

  it('applies LAPTOPS50 to laptops for a customer, and a second code replaces the first', async () => {
    const customer = await newCustomer(server, 'promo');
    await cartWith(300, 2, { token: customer.token });
    const laptops = await apply(customer.token, 'LAPTOPS50');
    expect(laptops.body.totals).toMatchObject({ subtotal: 600, discount: 50, tax_estimate: 48, total_estimate: 598 });
    const percent = await apply(customer.token, 'HOLIDAY10');
    expect(percent.body).toMatchObject({ promo_code: 'HOLIDAY10', totals: { discount: 60 } });
    expectExactTotals(percent.body);
  });

  it('refuses each code that does not apply with its 422 PROMO_* code and changes nothing', async () => {
    const customer = await newCustomer(server, 'refused');
    const { token } = await cartWith(600, 1, { token: customer.token, category: 'home-kitchen-cookware' });
    const notYet = await ownCode({ starts_at: '2099-01-01T00:00:00Z' });
    const past = await ownCode({ starts_at: '2020-01-01T00:00:00Z', ends_at: '2020-02-01T00:00:00Z' });
    const used = await ownCode({ starts_at: '2020-01-01T00:00:00Z', usage_limit_total: 1 });
    expect(await ledger.redeem(used, 'ord_other', 'usr_someone', new Date())).toEqual({ status: 'redeemed' });
    expect(await ledger.redeem('HOLIDAY10', 'ord_mine', customer.id, new Date())).toEqual({ status: 'redeemed' });
    const before = await getCart(server, token);
    const cases: [string, string][] = [
      ['NOSUCHCODE', 'PROMO_CODE_INVALID'],
      [notYet, 'PROMO_CODE_NOT_YET_VALID'],
      [past, 'PROMO_CODE_EXPIRED'],
      [used, 'PROMO_USAGE_LIMIT_REACHED'],
      ['HOLIDAY10', 'PROMO_CUSTOMER_LIMIT_REACHED'],
      ['LAPTOPS50', 'PROMO_NOT_APPLICABLE'], // no laptop in the cart
    ];
    for (const [code, expected] of cases) {
      const refused = await apply(token, code);
      expect([code, refused.status, refused.body.error.code]).toEqual([code, 422, expected]);
    }
    const after = await getCart(server, token);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    expect(after.body).toMatchObject({ promo_code: null, totals: { subtotal: 600, discount: 0 } });
    const small = await cartWith(20, 1);
    const minimum = await apply(small.token, 'FREESHIP');
    expect(minimum.status).toBe(422);
    expect(minimum.body.error).toMatchObject({
      code: 'PROMO_MINIMUM_NOT_MET',
      details: { code: 'FREESHIP', minimum: { amount: 50, currency: 'USD' } },
    });
  });

  it('answers 400 for a malformed code, 401 without a session, 412 on a stale If-Match', async () => {
    const { token } = await cartWith(10, 1);
    expect((await apply(token, 'x')).status).toBe(400);
    expect((await api(server, 'POST', '/api/checkout/promo', { body: { code: 'HOLIDAY10' } })).status).toBe(401);
    const stale = await apply(token, 'HOLIDAY10', { 'if-match': '"empty"' });
    expect([stale.status, stale.body.error.code]).toEqual([412, 'PRECONDITION_FAILED']);
    const current = (await getCart(server, token)).headers.get('etag')!;
    expect((await apply(token, 'HOLIDAY10', { 'if-match': current })).status).toBe(200);
  });
});

describe('the applied code at every read', () => {
  it('falls below the minimum when the cart changes: no discount, promo_issue says why; back above, it applies again', async () => {
    const { token, line } = await cartWith(30, 2);
    const code = await ownCode({
      starts_at: '2020-01-01T00:00:00Z',
      minimum_subtotal: { amount: 50, currency: 'USD' },
    });
    expect((await apply(token, code)).body.totals.discount).toBe(12);
    const lowered = await api<Cart>(server, 'PUT', `/api/cart/items/${line.id}`, { token, body: { quantity: 1 } });
    expect(lowered.body).toMatchObject({ promo_code: code, promo_issue: 'PROMO_MINIMUM_NOT_MET' });
    expect(lowered.body.totals).toMatchObject({ subtotal: 30, discount: 0, total_estimate: 32.4 });
    expectExactTotals(lowered.body);
    const raised = await api<Cart>(server, 'PUT', `/api/cart/items/${line.id}`, { token, body: { quantity: 3 } });
    expect(raised.body).toMatchObject({ promo_issue: null, totals: { subtotal: 90, discount: 18 } });
  });

  it('expires: staff end the code, the next read shows PROMO_CODE_EXPIRED and no discount', async () => {
    const { token } = await cartWith(25, 2);
    const code = await ownCode({ starts_at: '2020-01-01T00:00:00Z' });
    expect((await apply(token, code)).body.totals.discount).toBe(10);
    const ended = await staff('PATCH', `/api/staff/promotions/${code}`, { ends_at: '2021-01-01T00:00:00Z' });
    expect(ended.status).toBe(200);
    const read = await getCart(server, token);
    expect(read.body).toMatchObject({ promo_code: code, promo_issue: 'PROMO_CODE_EXPIRED', totals: { discount: 0 } });
    expectExactTotals(read.body);
  });
});

describe('DELETE /api/checkout/promo', () => {
  it('takes the code off; again changes nothing', async () => {
    const { token } = await cartWith(10, 1);
    await apply(token, 'HOLIDAY10');
    const removed = await remove(token);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ promo_code: null, promo_issue: null, totals: { discount: 0, subtotal: 10 } });
    const again = await remove(token);
    expect(again.headers.get('etag')).toBe(removed.headers.get('etag'));
  });
});

describe('parallel applies', () => {
  it('two different codes at once: the cart holds exactly one, and its totals are that code’s', async () => {
    for (let round = 0; round < 5; round += 1) {
      const customer = await newCustomer(server, `race${round}`);
      await cartWith(450, 2, { token: customer.token });
      const answers: Answer<Cart & Refused>[] = await Promise.all([
        apply(customer.token, 'HOLIDAY10'),
        apply(customer.token, 'LAPTOPS50'),
      ]);
      expect(tally(answers)).toEqual({ 200: 2 });
      const cart = (await getCart(server, customer.token)).body;
      const expected = { HOLIDAY10: 90, LAPTOPS50: 50 } as Record<string, number>;
      expect(Object.keys(expected)).toContain(cart.promo_code);
      expect(cart.totals.discount).toBe(expected[cart.promo_code!]);
      expect(cart.totals.total_estimate).toBe(900 - expected[cart.promo_code!]! + 72);
      expectExactTotals(cart);
    }
  });
});
