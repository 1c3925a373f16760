import { OrderSchema, OrderTrackingSchema, type OrderStatus } from '@holiday-peak-hub/contract';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import { errorResponse } from '../pipeline/run-operation.ts';
import { silentLogger } from '../ports/logger.ts';
import { withStatus, type OrderDocument, type StoredOrder } from './documents.ts';
import { toOrder } from './mapping.ts';
import { address, ordersWorld, START, type OrdersWorld } from './orders-test-kit.ts';

/** Reading, cancelling and shipping placed orders, on the in-memory adapters with Stripe's test mode in process. */

let w: OrdersWorld;
const owner: Caller = {
  role: 'customer',
  userId: 'usr_o',
  email: 'owner@example.com',
  issuer: 'test',
  sessionId: 's1',
};
const stranger: Caller = { role: 'customer', userId: 'usr_x', email: 'x@example.com', issuer: 'test', sessionId: 's2' };
const guest: Caller = { role: 'guest', userId: 'gst_g', email: null, issuer: 'test', sessionId: 's3' };
const staff: Caller = { role: 'staff', userId: 'usr_s', email: 's@example.com', issuer: 'test', sessionId: 's4' };
const anonymous: Caller = { role: 'anonymous', userId: null, email: null, issuer: null, sessionId: null };
const ctx = { requestId: 'req-life' };

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

/** A placed order of 2 units at 40 USD (with HOLIDAY10 when `promo`), express shipping. */
async function placed(caller: Caller = owner, options: { email?: string; promo?: boolean } = {}): Promise<StoredOrder> {
  const { email, promo = false } = options;
  const doc = await w.product(0, 40, 10);
  await w.add(caller, doc, 2);
  if (promo) await w.cart.service.applyPromo(caller, 'HOLIDAY10', ctx);
  await w.ship(caller);
  return (await w.placement.place(caller, { shipping_address: address(), ...(email ? { email } : {}) }, ctx)).order;
}

/** The stored order changed by `change` (as the SAGA's writes would). */
async function patch(id: string, change: (doc: OrderDocument) => OrderDocument): Promise<StoredOrder> {
  const { _etag, ...doc } = (await w.repos.orders.get(id))!;
  return w.repos.orders.replace(change(doc), [], _etag, w.now);
}

/** Moves an order along the SAGA's course up to `status`, its payment authorized then captured at the provider. */
async function advance(order: StoredOrder, status: OrderStatus | 'authorized'): Promise<StoredOrder> {
  const intent = order.payment.intent_id!;
  await w.gateway.confirm(intent, 'pm_card_visa');
  const total = order.totals.total;
  let doc = await patch(order.id, (d) => ({
    ...d,
    payment: { ...d.payment, status: 'authorized', amount_authorized: total },
  }));
  if (status === 'authorized') return doc;
  await w.gateway.capture(intent);
  doc = await patch(order.id, (d) => ({
    ...withStatus(d, 'paid', w.now),
    payment: { ...d.payment, status: 'captured', amount_captured: total },
  }));
  const steps: OrderStatus[] = ['processing', 'shipped', 'delivered'];
  for (const step of steps.slice(0, steps.indexOf(status) + 1)) {
    doc = await patch(order.id, (d) => ({
      ...withStatus(d, step, w.now),
      shipment: { ...d.shipment, tracking_number: '1Z999AA10123456784' },
    }));
  }
  return doc;
}

const eventsOf = (id: string, type: string) => w.events.filter((e) => e.correlation_id === id && e.event_type === type);

beforeEach(() => {
  w = ordersWorld();
});

describe('reading an order', () => {
  it('is open to its owner (by id or number), staff, and anyone with its email in any case', async () => {
    const order = await placed();
    for (const [caller, ref, email] of [
      [owner, order.id, undefined],
      [owner, order.order_number, undefined],
      [staff, order.id, undefined],
      [anonymous, order.order_number, 'OWNER@example.com'],
      [stranger, order.id, 'owner@example.com'],
    ] as const) {
      expect(OrderSchema.parse(toOrder(await w.reads.get(caller, ref, email)))).toEqual(toOrder(order));
    }
    const tracking = OrderTrackingSchema.parse(await w.reads.tracking(anonymous, order.id, 'owner@example.com'));
    expect(tracking).toEqual({
      order_number: order.order_number,
      status: 'pending_payment',
      status_history: order.status_history,
      shipment: order.shipment,
    });
  });

  it('answers a wrong email, a stranger and a missing order with the same 404, word for word', async () => {
    const order = await placed();
    const bodies = await Promise.all(
      [
        w.reads.get(anonymous, order.id, 'wrong@example.com'),
        w.reads.get(stranger, order.order_number),
        w.reads.get(anonymous, 'ord_aaaaaaaaaaaaaaaaaaaa', 'owner@example.com'),
        w.reads.get(staff, 'HPH-2026-999999'),
        w.reads.tracking(anonymous, order.id, 'wrong@example.com'),
      ].map(async (call) => {
        const { status, body } = errorResponse(await failure(call), 'req-same', {
          logger: silentLogger,
          clock: () => w.now,
        });
        return JSON.stringify({ status, body });
      }),
    );
    expect(new Set(bodies).size).toBe(1);
    const { status, body } = JSON.parse(bodies[0]!) as { status: number; body: string };
    expect(status).toBe(404);
    expect(JSON.parse(body)).toMatchObject({
      error: { code: 'RESOURCE_NOT_FOUND', message: 'Order not found', details: {} },
    });
  });

  it('hides an order whose placement is still running, even from its owner', async () => {
    const order = await placed();
    await patch(order.id, (d) => ({ ...d, placement: 'placing' }));
    expect((await failure(w.reads.get(owner, order.id))).status).toBe(404);
    expect((await failure(w.reads.get(staff, order.order_number))).status).toBe(404);
    expect((await w.reads.listForStaff({}, { limit: 10 })).items).toEqual([]);
  });

  it('lists an account’s orders newest first, by status, and staff’s by email (any case)', async () => {
    const first = await placed();
    w.now = new Date(START.getTime() + 60_000);
    const second = await placed();
    w.now = new Date(START.getTime() + 120_000);
    await placed(guest, { email: 'Owner@Example.com' });
    const mine = await w.reads.listMine(owner, undefined, { limit: 10 });
    expect(mine.items.map((o) => o.id)).toEqual([second.id, first.id]);
    await w.cancellation.cancel(owner, first.id, undefined);
    expect((await w.reads.listMine(owner, 'cancelled', { limit: 10 })).items.map((o) => o.id)).toEqual([first.id]);
    const byEmail = await w.reads.listForStaff({ email: 'OWNER@EXAMPLE.COM' }, { limit: 10 });
    expect(byEmail.items.map((o) => o.customer_id)).toEqual([null, 'usr_o', 'usr_o']);
  });
});

describe('cancelling an order', () => {
  it('voids the payment of an unpaid order, gives its stock and promo use back, once', async () => {
    const order = await placed(owner, { promo: true });
    const product = (await w.catalog.products.get(order.items[0]!.product_id))!;
    expect(await w.stockOf(product)).toBe(8);
    const cancelled = await w.cancellation.cancel(owner, order.id, undefined);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      stock_state: 'released',
      promo_state: 'released',
      payment: { status: 'voided', intent_id: order.payment.intent_id },
    });
    expect(cancelled.status_history.at(-1)).toMatchObject({ status: 'cancelled', reason: 'cancelled_by_customer' });
    expect(await w.stockOf(product)).toBe(10);
    expect(await w.ledger.usesOf('HOLIDAY10', 'usr_o')).toBe(0);
    expect((await w.gateway.retrieve(order.payment.intent_id!))!.status).toBe('canceled');
    for (const type of ['OrderCancelled', 'InventoryReleased', 'OrderStatusChanged', 'PaymentVoided']) {
      expect(eventsOf(order.id, type), type).toHaveLength(1);
    }
    expect(eventsOf(order.id, 'OrderStatusChanged')[0]!.data).toMatchObject({
      from: 'pending_payment',
      to: 'cancelled',
    });
  });

  it('voids an authorized hold, and refunds in full what was captured (paid, processing)', async () => {
    const authorized = await advance(await placed(), 'authorized');
    expect((await w.cancellation.cancel(owner, authorized.id, 'changed my mind')).payment.status).toBe('voided');
    expect(eventsOf(authorized.id, 'OrderCancelled')[0]!.data).toMatchObject({ reason: 'changed my mind' });

    for (const status of ['paid', 'processing'] as const) {
      const order = await advance(await placed(), status);
      const refund = vi.spyOn(w.gateway, 'refund');
      const cancelled = await w.cancellation.cancel(staff, order.id, undefined);
      expect(cancelled.payment).toMatchObject({
        status: 'refunded',
        amount_captured: order.totals.total,
        amount_refunded: order.totals.total,
      });
      expect(cancelled.status_history.at(-1)).toMatchObject({ reason: 'cancelled_by_staff' });
      expect(refund).toHaveBeenCalledExactlyOnceWith(order.payment.intent_id, 10159, `cancel:${order.id}`);
      expect(eventsOf(order.id, 'RefundProcessed')[0]!.data).toMatchObject({ amount: 101.59, currency: 'USD' });
      refund.mockRestore();
    }
  });

  it('refuses a shipped or delivered order with 409 ORDER_NOT_CANCELLABLE, answers a cancelled one as it is, and hides it from strangers', async () => {
    for (const status of ['shipped', 'delivered'] as const) {
      const order = await advance(await placed(), status);
      const err = await failure(w.cancellation.cancel(owner, order.id, undefined));
      expect([err.status, err.code, err.details]).toEqual([409, 'ORDER_NOT_CANCELLABLE', { status }]);
    }
    const order = await placed();
    expect((await failure(w.cancellation.cancel(stranger, order.id, undefined))).status).toBe(404);
    const cancelled = await w.cancellation.cancel(owner, order.id, undefined);
    const count = w.events.length;
    expect(await w.cancellation.cancel(owner, order.id, undefined)).toEqual(cancelled);
    expect(w.events.length).toBe(count);
  });

  it('of 10 parallel cancels, one releases stock and voids the payment; all answer the cancelled order', async () => {
    const order = await placed(owner, { promo: true });
    const cancel = vi.spyOn(w.gateway, 'cancel');
    const release = vi.spyOn(w.ledger, 'release');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => w.cancellation.cancel(owner, order.id, undefined)),
    );
    expect(results.every((r) => r.status === 'cancelled')).toBe(true);
    expect(w.stock.released).toHaveLength(1);
    expect(release).toHaveBeenCalledTimes(1);
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(eventsOf(order.id, 'OrderCancelled')).toHaveLength(1);
    expect(eventsOf(order.id, 'PaymentVoided')).toHaveLength(1);
    expect((await w.repos.orders.get(order.id))!.payment.status).toBe('voided');
  });

  it('stays cancelled when the provider is down, its payment as it was, the failure logged with the order id', async () => {
    const order = await placed();
    w.gateway.scenario.unavailable(true);
    const cancelled = await w.cancellation.cancel(owner, order.id, undefined);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      stock_state: 'released',
      payment: { status: 'awaiting_payment' },
      settlement: { owed: ['payment'] },
    });
    expect(w.stock.released).toHaveLength(1);
    expect(w.logger.errors.map((e) => e.fields.order_id)).toEqual([order.id]);
    expect(w.logger.errors[0]!.message).toMatch(/stays owed for the next sweep/);
  });
});

describe('shipment events', () => {
  const event = (status: 'label_created' | 'picked_up' | 'in_transit' | 'out_for_delivery' | 'delivered') => ({
    status,
    description: status,
    location: 'Oakland, CA',
  });

  it('follow the shipment’s course: picked_up ships (stock committed), delivered delivers, with their events', async () => {
    const order = await advance(await placed(), 'processing');
    expect((await w.shipments.record(order.id, event('label_created'))).status).toBe('processing');
    const shipped = await w.shipments.record(order.order_number, event('picked_up'));
    expect(shipped).toMatchObject({ status: 'shipped', stock_state: 'committed' });
    // The order's markers leave the product, its units stay taken: a release now gives nothing back.
    const item = order.items[0]!;
    const units = async () => (await w.catalog.products.get(item.product_id))!;
    expect([w.stock.committed.length, (await units()).reservations]).toEqual([1, {}]);
    const before = (await units()).total_stock;
    await w.stock.release([{ ...item }], { orderId: order.id });
    expect((await units()).total_stock).toBe(before);
    expect((await failure(w.shipments.record(order.id, event('label_created')))).status).toBe(409);
    await w.shipments.record(order.id, event('out_for_delivery'));
    const late = await failure(w.shipments.record(order.id, event('in_transit')));
    expect([late.status, late.code, late.details]).toEqual([
      409,
      'CONFLICT',
      { status: 'shipped', last_event: 'out_for_delivery', event: 'in_transit' },
    ]);
    const delivered = await w.shipments.record(order.id, event('delivered'));
    expect(delivered.status).toBe('delivered');
    expect(delivered.shipment.events.map((e) => e.status)).toEqual([
      'label_created',
      'picked_up',
      'out_for_delivery',
      'delivered',
    ]);
    expect((await failure(w.shipments.record(order.id, event('delivered')))).status).toBe(409);
    expect(eventsOf(order.id, 'ShipmentStatusUpdated')).toHaveLength(4);
    expect(eventsOf(order.id, 'OrderStatusChanged').map((e) => (e.data as { to: string }).to)).toEqual([
      'shipped',
      'delivered',
    ]);
  });

  it('are refused on an order without a shipment under way (409), and on a missing one (404)', async () => {
    const order = await placed();
    expect((await failure(w.shipments.record(order.id, event('picked_up')))).status).toBe(409);
    const paid = await advance(await placed(), 'paid');
    expect((await failure(w.shipments.record(paid.id, event('label_created')))).status).toBe(409);
    expect((await failure(w.shipments.record('ord_aaaaaaaaaaaaaaaaaaaa', event('picked_up')))).status).toBe(404);
    const processing = await advance(await placed(), 'processing');
    expect((await failure(w.shipments.record(processing.id, event('in_transit')))).status).toBe(409);
  });
});
