/**
 * Cancelling and refunding over HTTP, with the server in Stripe mode against the local fake (what
 * reached "Stripe" is checked there): before payment the hold is voided and stock and the promo use
 * come back; after capture the charge is refunded; once picked up it cannot be cancelled. Staff
 * refunds: partial, the rest, never more than captured, a retried key never paid twice.
 */
import { randomUUID } from 'node:crypto';
import type { Order } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProduct } from '../cart/cart-fixtures.ts';
import { api } from '../support/identity-client.ts';
import type { StripeFake } from '../support/stripe-fake.ts';
import type { TestServer } from '../support/test-server.ts';
import {
  cancel,
  confirm,
  orderWhen,
  placed,
  shopper,
  startStripeServer,
  stockOf,
  type Refused,
} from './order-fixtures.ts';

let server: TestServer;
let fake: StripeFake;

beforeAll(async () => {
  ({ server, fake } = await startStripeServer());
});
afterAll(async () => {
  await server.close();
  await fake.close();
});

const statuses = (order: Order) => order.status_history.map((change) => change.status);
const staffCall = <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  api<T & Refused>(server, method, path, { token: server.tokens.staff, body, headers });
const refund = (orderId: string, amount?: number, key = randomUUID()) =>
  staffCall<{ amount: number; payment: Order['payment'] }>(
    'POST',
    '/api/payments/refund',
    { order_id: orderId, reason: 'Customer complaint', ...(amount === undefined ? {} : { amount }) },
    { 'idempotency-key': key },
  );

/** A guest's order of 2 units (priced 50.00), paid and scheduled for shipment. */
async function processingOrder(product: { id: string; variants: string[] }) {
  const token = await shopper(server, product, { quantity: 2 });
  const { order } = await placed(server, token);
  expect((await confirm(server, token, order.id)).status).toBe(200);
  return { token, order: await orderWhen(server, order.id, (o) => o.status === 'processing') };
}

describe('POST /api/orders/{id}/cancel', () => {
  it('before payment: cancelled, the hold voided at Stripe, stock and the promo use given back; again answers it', async () => {
    const code = `CANCEL${Date.now().toString(36).toUpperCase()}`;
    const made = await staffCall('POST', '/api/staff/promotions', {
      code,
      kind: 'percent',
      percent_off: 10,
      starts_at: '2020-01-01T00:00:00Z',
      usage_limit_total: 1,
    });
    expect(made.status).toBe(201);
    const product = await makeProduct(server, { stock: 5 });
    const token = await shopper(server, product, { quantity: 2, promo: code });
    const { order, payment } = await placed(server, token);
    expect(await stockOf(server, product.id)).toBe(3);
    const cancelled = await cancel(server, token, order.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', payment: { status: 'voided', amount_captured: 0 } });
    expect(statuses(cancelled.body)).toEqual(['pending_payment', 'cancelled']);
    expect(await stockOf(server, product.id)).toBe(5);
    expect((await fake.gateway.retrieve(payment.intent_id))!.status).toBe('canceled');
    const promotion = await staffCall<{ redemption_count: number }>('GET', `/api/staff/promotions/${code}`);
    expect(promotion.body.redemption_count).toBe(0);
    const again = await cancel(server, token, order.id);
    expect([again.status, again.body.status]).toEqual([200, 'cancelled']);
    expect(await stockOf(server, product.id)).toBe(5);
    // A cancelled order takes no card.
    expect((await confirm(server, token, order.id)).status).toBe(409);
  });

  it('after capture: cancelled and refunded in full at Stripe, stock back', async () => {
    const product = await makeProduct(server, { stock: 5, amount: 50 });
    const { token, order } = await processingOrder(product);
    const refundsBefore = fake.calls('refund');
    const cancelled = await cancel(server, token, order.id);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(statuses(cancelled.body)).toEqual(['pending_payment', 'paid', 'processing', 'cancelled']);
    expect(cancelled.body.payment).toMatchObject({
      status: 'refunded',
      amount_captured: order.totals.total,
      amount_refunded: order.totals.total,
    });
    expect(fake.calls('refund') - refundsBefore).toBe(1);
    expect(await stockOf(server, product.id)).toBe(5);
  });

  it('after a picked_up shipment event: 409 ORDER_NOT_CANCELLABLE for its owner and for staff, nothing changed', async () => {
    const product = await makeProduct(server, { stock: 5 });
    const { token, order } = await processingOrder(product);
    const event = { status: 'picked_up', description: 'Picked up', location: 'Oakland, CA' };
    const shipped = await staffCall<Order>('POST', `/api/staff/orders/${order.id}/shipment-events`, event);
    expect([shipped.status, shipped.body.status]).toEqual([200, 'shipped']);
    for (const who of [token, server.tokens.staff]) {
      const refused = await cancel(server, who, order.id);
      expect([refused.status, refused.body.error.code]).toEqual([409, 'ORDER_NOT_CANCELLABLE']);
    }
    expect(await stockOf(server, product.id)).toBe(3);
    // Out of course: a second pick-up is a 409 CONFLICT.
    const twice = await staffCall('POST', `/api/staff/orders/${order.id}/shipment-events`, event);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'CONFLICT']);
  });
});

describe('POST /api/payments/refund (staff)', () => {
  it('partial, then over the rest (422), then the rest; a retried key is not paid twice; nothing left is a 422', async () => {
    const product = await makeProduct(server, { stock: 5, amount: 50 });
    const { order } = await processingOrder(product);
    const total = order.totals.total;
    const refundsBefore = fake.calls('refund');
    const key = randomUUID();
    const partial = await refund(order.id, 5, key);
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    expect(partial.body.payment).toMatchObject({ status: 'partially_refunded', amount_refunded: 5 });
    const retried = await refund(order.id, 5, key);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body).toEqual(partial.body);
    const over = await refund(order.id, total);
    expect([over.status, over.body.error.code]).toEqual([422, 'UNPROCESSABLE_ENTITY']);
    const rest = await refund(order.id);
    expect(rest.status).toBe(200);
    expect(rest.body.amount).toBe(Math.round((total - 5) * 100) / 100);
    expect(rest.body.payment).toMatchObject({ status: 'refunded', amount_refunded: total });
    expect(fake.calls('refund') - refundsBefore).toBe(2);
    const nothing = await refund(order.id, 1);
    expect([nothing.status, nothing.body.error.code]).toEqual([422, 'UNPROCESSABLE_ENTITY']);
    const byOwner = await api(server, 'POST', '/api/payments/refund', {
      token: server.tokens.customer,
      headers: { 'idempotency-key': randomUUID() },
      body: { order_id: order.id, reason: 'Mine' },
    });
    expect(byOwner.status).toBe(403);
  });
});
