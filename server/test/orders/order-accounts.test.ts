/**
 * Orders and accounts over HTTP (the order-accounts consumer in process): a guest's order joins
 * the account signed up with its email once that email is verified through the mailed link, and
 * erasing the account de-identifies its orders and keeps them for the books.
 */
import { randomUUID } from 'node:crypto';
import type { Order } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProduct } from '../cart/cart-fixtures.ts';
import { login } from '../support/identity-http.ts';
import { api, mailedToken } from '../support/identity-client.ts';
import { STRONG_PASSWORD } from '../support/sample-requests.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { placed, readOrder, shopper } from './order-fixtures.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ products: 4, compose: { sweepIntervalMs: 0 } });
});
afterAll(() => server.close());

type Page = { items: { id: string }[] };

/** Polls `read` until `done` holds: the consumer runs after the answer. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a guest order and the account of its email', () => {
  it('joins the account once the email is verified, and is de-identified (kept) when the account is erased', async () => {
    const email = `guest-then-customer-${randomUUID().slice(0, 8)}@example.com`;
    const product = await makeProduct(server, { stock: 5 });
    const guest = await shopper(server, product);
    const { order } = await placed(server, guest, email);
    expect(order.customer_id).toBeNull();

    const signup = await api(server, 'POST', '/api/auth/signup', {
      body: { name: 'Guest Then Customer', email, password: STRONG_PASSWORD },
    });
    expect(signup.status).toBe(202);
    const before = await login(server.baseUrl, email, STRONG_PASSWORD);
    // Not verified yet: the order is not theirs (the consumer had time to act on the sign-up).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const unverified = await api<Page>(server, 'GET', '/api/users/me/orders', { token: before.access });
    expect(unverified.body.items).toEqual([]);
    const verified = await api(server, 'POST', '/api/auth/verify-email', {
      body: { token: mailedToken(server, email, /confirm your email/i) },
    });
    expect(verified.status).toBe(200);
    const account = await login(server.baseUrl, email, STRONG_PASSWORD);
    const mine = await eventually(
      () => api<Page>(server, 'GET', '/api/users/me/orders', { token: account.access }),
      (page) => page.body.items.length > 0,
    );
    expect(mine.body.items.map((o) => o.id)).toEqual([order.id]);
    const linked = await readOrder(server, account.access, order.id);
    expect(linked.body).toMatchObject({ id: order.id, customer_id: account.id, email });

    const erased = await api(server, 'DELETE', '/api/users/me', {
      token: account.access,
      body: { password: STRONG_PASSWORD },
    });
    expect(erased.status).toBe(204);
    const kept = await eventually(
      () => readOrder(server, server.tokens.staff, order.id),
      (read) => read.body.email === null,
    );
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject<Partial<Order>>({
      id: order.id,
      order_number: order.order_number,
      email: null,
      customer_id: null,
      shipping_address: null,
      items: order.items,
      totals: order.totals,
    });
    // The email no longer opens it, and staff no longer find it by that email.
    const byEmail = await readOrder(server, undefined, order.id, `?email=${encodeURIComponent(email)}`);
    expect(byEmail.status).toBe(404);
    const listed = await api<Page>(server, 'GET', `/api/staff/orders?email=${encodeURIComponent(email)}`, {
      token: server.tokens.staff,
    });
    expect(listed.body.items).toEqual([]);
  });
});
