/**
 * Who may see and touch an order, over HTTP (Stripe's test mode in process): another guest or
 * customer gets exactly the 404 of a missing order on every operation, anyone with the order's
 * email may read it, staff see and filter all.
 */
import type { OrderPlaced, PaymentIntentView } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProduct } from '../cart/cart-fixtures.ts';
import { api, newCustomer, type Answer } from '../support/identity-client.ts';
import { MISSING_ORDER } from '../support/sample-requests.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { cancel, confirm, placed, readOrder, shopper, type Refused } from './order-fixtures.ts';

let server: TestServer;
let guestOrder: OrderPlaced;
let guestToken: string;
const EMAIL = 'Owner.Of.Order@Example.com';

beforeAll(async () => {
  server = await startTestServer({ products: 4, compose: { sweepIntervalMs: 0 } });
  const product = await makeProduct(server, { stock: 20 });
  guestToken = await shopper(server, product);
  guestOrder = await placed(server, guestToken, EMAIL);
});
afterAll(() => server.close());

/** An error answer without its request id: what a caller could compare. */
const seen = (answer: Answer<Partial<Refused>>) => {
  const { code, message, details } = answer.body.error ?? ({} as Refused['error']);
  return { status: answer.status, code, message, details };
};

/** Every operation on an order, by a session, for an order id. */
const touch = (token: string, id: string) =>
  Promise.all([
    readOrder(server, token, id),
    api<Refused>(server, 'GET', `/api/orders/${id}/tracking`, { token }),
    api<PaymentIntentView & Refused>(server, 'POST', '/api/payments/create-intent', { token, body: { order_id: id } }),
    confirm(server, token, id),
    cancel(server, token, id),
  ]);

describe('another session’s order', () => {
  it('another guest and another customer get, on all 5 operations, the exact answer of a missing order', async () => {
    const customer = await newCustomer(server, 'stranger');
    for (const token of [await server.freshToken('guest'), customer.token]) {
      const missing = (await touch(token, MISSING_ORDER)).map(seen);
      const other = (await touch(token, guestOrder.order.id)).map(seen);
      expect(other).toEqual(missing);
      for (const answer of other) expect([answer.status, answer.code]).toEqual([404, 'RESOURCE_NOT_FOUND']);
      // By number too.
      const byNumber = await readOrder(server, token, guestOrder.order.order_number);
      expect(seen(byNumber)).toEqual(missing[0]);
    }
    // Nothing happened to it.
    const read = await readOrder(server, guestToken, guestOrder.order.id);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'pending_payment', payment: { status: 'awaiting_payment' } });
  });

  it('without a session: the right email (any case) reads it and its tracking; a wrong or no email is the missing order’s 404', async () => {
    const { id, order_number } = guestOrder.order;
    for (const ref of [id, order_number]) {
      const read = await readOrder(server, undefined, ref, `?email=${encodeURIComponent(EMAIL.toLowerCase())}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id, email: EMAIL.toLowerCase() });
    }
    const tracking = await api(
      server,
      'GET',
      `/api/orders/${order_number}/tracking?email=${encodeURIComponent(EMAIL)}`,
    );
    expect(tracking.status).toBe(200);
    expect(tracking.body).toMatchObject({ order_number, status: 'pending_payment' });
    const missing = seen(await readOrder(server, undefined, MISSING_ORDER, '?email=owner.of.order%40example.com'));
    expect(missing).toMatchObject({ status: 404, code: 'RESOURCE_NOT_FOUND' });
    expect(seen(await readOrder(server, undefined, id, '?email=someone.else%40example.com'))).toEqual(missing);
    expect(seen(await readOrder(server, undefined, id))).toEqual(missing);
    const wrongTracking = await api<Refused>(server, 'GET', `/api/orders/${id}/tracking?email=x%40example.com`);
    expect(seen(wrongTracking)).toEqual(missing);
  });

  it('its owner reads, tracks and pays it; staff read every order and filter by status and email', async () => {
    const customer = await newCustomer(server, 'owner');
    const product = await makeProduct(server, { stock: 5 });
    await shopper(server, product, { token: customer.token });
    const mine = await placed(server, customer.token);
    expect(mine.order).toMatchObject({ email: customer.email, customer_id: customer.id });
    expect((await readOrder(server, customer.token, mine.order.id)).status).toBe(200);
    expect((await confirm(server, customer.token, mine.order.id)).body.status).toBe('requires_capture');
    for (const id of [mine.order.id, guestOrder.order.id]) {
      expect((await readOrder(server, server.tokens.staff, id)).status).toBe(200);
    }
    type Page = { items: { id: string; status: string }[] };
    const byEmail = await api<Page>(server, 'GET', `/api/staff/orders?email=${encodeURIComponent(EMAIL)}`, {
      token: server.tokens.staff,
    });
    expect(byEmail.body.items.map((o) => o.id)).toEqual([guestOrder.order.id]);
    const pending = await api<Page>(server, 'GET', '/api/staff/orders?status=pending_payment&limit=100', {
      token: server.tokens.staff,
    });
    expect(pending.body.items.map((o) => o.id)).toContain(guestOrder.order.id);
    expect(pending.body.items.every((o) => o.status === 'pending_payment')).toBe(true);
    const customers = await api(server, 'GET', '/api/staff/orders', { token: customer.token });
    expect(customers.status).toBe(403);
    const listed = await api<Page>(server, 'GET', '/api/users/me/orders', { token: customer.token });
    expect(listed.body.items.map((o) => o.id)).toEqual([mine.order.id]);
  });
});
