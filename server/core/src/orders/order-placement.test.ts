import { OrderPlacedSchema, type OrderPlace } from '@holiday-peak-hub/contract';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import type { Exchange } from '../pipeline/exchange.ts';
import { createOrderHandlers } from './handlers.ts';
import { toOrder } from './mapping.ts';
import { orderIdOf } from './order-id.ts';
import { promoCustomerKeyOf } from './placement-checks.ts';
import { address, ordersWorld, START, type OrdersWorld } from './orders-test-kit.ts';

/** Placing the cart as an order, on the in-memory adapters with Stripe's test mode in process. */

let w: OrdersWorld;
const customer: Caller = { role: 'customer', userId: 'usr_a', email: 'a@example.com', issuer: 'test', sessionId: 's1' };
const other: Caller = { role: 'customer', userId: 'usr_b', email: 'b@example.com', issuer: 'test', sessionId: 's2' };
const guest: Caller = { role: 'guest', userId: 'gst_g', email: null, issuer: 'test', sessionId: 's3' };
const body = (extra: Partial<OrderPlace> = {}): OrderPlace => ({ shipping_address: address(), ...extra });
const ctx = { requestId: 'req-place' };

/** The error a call fails with, as `status CODE`. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

const storedOrders = async () => (await w.repos.orders.listForStaff({}, { limit: 100 })).items;

beforeEach(() => {
  w = ordersWorld();
});

describe('placing an order', () => {
  it('freezes the cart as priced now: exact totals, lines, number, payment intent, events, cart removed', async () => {
    const a = await w.product(0, 19.99);
    await w.add(customer, a, 3); // 59.97, tax 4.95
    await w.add(customer, await w.product(1, 0.35), 1); // 0.35, tax 0.03
    await w.cart.service.applyPromo(customer, 'HOLIDAY10', ctx); // 6.03 off
    await w.ship(customer, 'express'); // UPS 14.99
    const { order, intent } = await w.placement.place(customer, body(), ctx);

    expect(order.id).toBe(await orderIdOf('usr_a', order.cart_version));
    expect(order.id).toMatch(/^ord_[a-z0-9]{20}$/);
    expect(order.order_number).toBe('HPH-2026-000001');
    expect(order).toMatchObject({
      status: 'pending_payment',
      placement: 'placed',
      customer_id: 'usr_a',
      user_id: 'usr_a',
      email: 'a@example.com',
      promo_code: 'HOLIDAY10',
      promo_state: 'redeemed',
      promo_customer_key: 'usr_a',
      stock_state: 'reserved',
      pay_by: new Date(START.getTime() + 30 * 60_000).toISOString(),
    });
    expect(order.totals).toEqual({
      subtotal: 60.32,
      discount: 6.03,
      tax: 4.98,
      shipping: 14.99,
      total: 74.26,
      currency: 'USD',
    });
    expect(order.items.map((l) => [l.quantity, l.unit_price, l.line_total])).toEqual([
      [3, 19.99, 59.97],
      [1, 0.35, 0.35],
    ]);
    expect(order.items[0]).toMatchObject({ name: a.name, sku: a.variants[0]!.sku, product_id: a.id });
    expect(order.shipment).toMatchObject({
      carrier: 'UPS',
      service_level: 'express',
      tracking_number: null,
      events: [],
    });
    expect(order.payment).toEqual({
      status: 'awaiting_payment',
      intent_id: intent.id,
      card: null,
      amount_authorized: 0,
      amount_captured: 0,
      amount_refunded: 0,
    });
    expect(intent).toMatchObject({ amount: 7426, currency: 'usd', status: 'requires_payment_method' });
    expect(intent.metadata).toMatchObject({ order_id: order.id });
    expect(order.status_history).toEqual([{ status: 'pending_payment', at: START.toISOString(), reason: null }]);

    // Stock taken, promo counted, cart gone.
    expect(await w.stockOf(a)).toBe(47);
    expect(await w.ledger.usesOf('HOLIDAY10', 'usr_a')).toBe(1);
    expect(w.carts.has('usr_a')).toBe(false);

    // The placement's events, correlated by the order's id.
    const types = w.events.filter((e) => e.correlation_id === order.id).map((e) => e.event_type);
    // One InventoryUpdated per variant taken (the catalog's), then the order's two.
    expect(types).toEqual(['InventoryUpdated', 'InventoryUpdated', 'OrderCreated', 'InventoryReserved']);
    expect(w.events.find((e) => e.event_type === 'OrderCreated')!.data).toMatchObject({
      order_id: order.id,
      order_number: 'HPH-2026-000001',
      customer_id: 'usr_a',
      totals: order.totals,
    });

    // Lines keep their price when the catalog changes.
    await w.product(0, 99);
    expect((await w.repos.orders.get(order.id))!.items[0]!.unit_price).toBe(19.99);

    // The next order gets the next number.
    await w.add(other, await w.product(2, 10), 1);
    await w.ship(other);
    expect((await w.placement.place(other, body(), ctx)).order.order_number).toBe('HPH-2026-000002');
  });

  it('answers 201 with the order, its payment and Location through the handler', async () => {
    await w.add(guest, await w.product(0, 25), 2);
    await w.ship(guest, 'standard');
    const handlers = createOrderHandlers({
      placement: w.placement,
      reads: w.reads,
      cancellation: w.cancellation,
      shipments: w.shipments,
    });
    const http = { ip: '203.0.113.9', userAgent: 'vitest' } as Exchange;
    const input = { body: body({ email: 'Guest@Example.com' }), headers: { 'idempotency-key': 'k1' } };
    const answer = await handlers.placeOrder({ input, caller: guest, requestId: 'req-h', http } as never);
    expect(answer.status).toBe(201);
    const placed = OrderPlacedSchema.parse(answer.body);
    expect(answer.headers).toEqual({ Location: `/api/orders/${placed.order.id}` });
    expect(placed.payment).toMatchObject({ order_id: placed.order.id, amount: 60.12, currency: 'USD' });
    expect(placed.order).toMatchObject({ customer_id: null });
    const stored = (await w.repos.orders.get(placed.order.id))!;
    expect(stored).toMatchObject({ email_key: 'guest@example.com', ip_address: '203.0.113.9', user_agent: 'vitest' });
    expect(Object.keys(toOrder(stored)).sort()).toEqual(Object.keys(placed.order).sort());
  });

  it('refuses with a 422 and its reason, taking nothing: empty, a line with an issue, no shipping, another destination, no email, a promo that no longer applies', async () => {
    const reason = async (caller: Caller, b = body()) => {
      const err = await failure(w.placement.place(caller, b, ctx));
      return err.code === 'UNPROCESSABLE_ENTITY'
        ? `${err.status} ${String(err.details.reason)}`
        : `${err.status} ${err.code}`;
    };
    expect(await reason(customer)).toBe('422 cart_empty');

    const doc = await w.product(0, 30, 5);
    await w.add(customer, doc, 2);
    expect(await reason(customer)).toBe('422 shipping_not_chosen');
    await w.ship(customer, 'standard');
    expect(await reason(customer, body({ shipping_address: address('CA', 'M5V 2T6') }))).toBe(
      '422 shipping_address_mismatch',
    );
    expect(await reason(customer, body({ shipping_address: address('US', '10001') }))).toBe(
      '422 shipping_address_mismatch',
    );

    await w.setStock(doc, 1);
    const short = await failure(w.placement.place(customer, body(), ctx));
    expect(`${short.status} ${short.code}`).toBe('409 INSUFFICIENT_STOCK');
    expect(short.details).toMatchObject({ product_id: doc.id, requested: 2, available: 1 });
    await w.setStock(doc, 5);

    await w.cart.service.applyPromo(customer, 'FREESHIP', ctx); // 60 ≥ 50
    const line = (await w.cart.service.get(customer)).cart.items[0]!;
    await w.cart.service.update(customer, line.id, 1, ctx); // 30 < 50
    expect(await reason(customer)).toBe('422 PROMO_MINIMUM_NOT_MET');

    await w.add(guest, await w.product(1, 20), 1);
    await w.ship(guest);
    expect(await reason(guest)).toBe('422 email_required');

    expect(w.stock.reserved).toEqual([]);
    expect(await storedOrders()).toEqual([]);
    expect(w.gateway.events()).toEqual([]);
    expect(await w.stockOf(doc)).toBe(5);
  });

  it('accepts the destination in any case and spacing of its postal code', async () => {
    await w.add(customer, await w.product(0, 30), 1);
    const choice = { country: 'gb', postal_code: 'sw1a 1aa', option_id: 'standard' } as const;
    await w.cart.service.chooseShipping(customer, choice, ctx);
    const { order } = await w.placement.place(customer, body({ shipping_address: address('GB', 'SW1A1AA') }), ctx);
    expect(order.shipment).toMatchObject({ carrier: 'DHL', service_level: 'standard' });
    expect(order.totals).toMatchObject({ shipping: 19.99, total: 30 + 2.48 + 19.99 });
  });

  it('refuses with 409 INSUFFICIENT_STOCK when another order took the last units meanwhile: nothing taken, no order, cart kept', async () => {
    const doc = await w.product(0, 40, 5);
    for (const caller of [customer, other]) {
      await w.add(caller, doc, 3);
      await w.cart.service.applyPromo(caller, 'HOLIDAY10', ctx);
      await w.ship(caller);
    }
    const results = await Promise.allSettled([customer, other].map((c) => w.placement.place(c, body(), ctx)));
    const [won, lost] = results[0]!.status === 'fulfilled' ? [customer, other] : [other, customer];
    const err = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as AppError;
    expect(`${err.status} ${err.code}`).toBe('409 INSUFFICIENT_STOCK');
    expect(err.details).toEqual({
      product_id: doc.id,
      variant_id: doc.variants[0]!.variant_id,
      requested: 3,
      available: 2,
    });
    expect(await w.stockOf(doc)).toBe(2);
    expect(w.stock.reserved).toHaveLength(1);
    expect(w.stock.released).toEqual([]);
    expect(await w.ledger.usesOf('HOLIDAY10', lost.userId!)).toBe(0);
    expect(await w.ledger.usesOf('HOLIDAY10', won.userId!)).toBe(1);
    expect((await storedOrders()).map((o) => o.customer_id)).toEqual([won.userId]);
    expect(w.carts.has(lost.userId!)).toBe(true);
  });

  it('gives the stock back when the ledger refuses the code (a guest email that used it already): the PROMO_* 422, no order', async () => {
    const guestKey = await promoCustomerKeyOf(null, 'Jane@Example.com');
    expect(guestKey).toMatch(/^email:[0-9a-f]{64}$/);
    await w.ledger.redeem('HOLIDAY10', 'ord_earlier', guestKey, START);
    const doc = await w.product(0, 40, 5);
    await w.add(guest, doc, 2);
    await w.cart.service.applyPromo(guest, 'HOLIDAY10', ctx);
    await w.ship(guest);
    const err = await failure(w.placement.place(guest, body({ email: 'Jane@Example.com' }), ctx));
    expect(`${err.status} ${err.code}`).toBe('422 PROMO_CUSTOMER_LIMIT_REACHED');
    expect(err.details).toMatchObject({ code: 'HOLIDAY10', reason: 'customer_limit_reached' });
    expect(w.stock.reserved).toHaveLength(1);
    expect(w.stock.released).toEqual(w.stock.reserved);
    expect(await w.stockOf(doc)).toBe(5);
    expect(await w.ledger.usesOf('HOLIDAY10', guestKey)).toBe(1);
    expect(await storedOrders()).toEqual([]);
    expect(w.gateway.events()).toEqual([]);
  });

  it('gives stock and promo use back when the payment provider is down (503), leaves no order, and a retry of the same cart places it', async () => {
    const doc = await w.product(0, 40, 5);
    await w.add(customer, doc, 2);
    await w.cart.service.applyPromo(customer, 'HOLIDAY10', ctx);
    await w.ship(customer);
    w.gateway.scenario.failNext(1);
    const err = await failure(w.placement.place(customer, body(), ctx));
    expect(`${err.status} ${err.code}`).toBe('503 SERVICE_UNAVAILABLE');
    expect(w.stock.released).toEqual(w.stock.reserved);
    expect(await w.stockOf(doc)).toBe(5);
    expect(await w.ledger.usesOf('HOLIDAY10', 'usr_a')).toBe(0);
    expect(await storedOrders()).toEqual([]);
    expect(w.events.filter((e) => e.event_type !== 'InventoryUpdated')).toEqual([]);
    expect(w.carts.has('usr_a')).toBe(true);

    const { order } = await w.placement.place(customer, body(), ctx);
    expect(order).toMatchObject({ placement: 'placed', promo_state: 'redeemed' });
    expect(await w.stockOf(doc)).toBe(3);
    expect(await w.ledger.usesOf('HOLIDAY10', 'usr_a')).toBe(1);
  });

  it('makes one order of one cart version under 20 parallel placements: 19 × 409 CONFLICT naming it', async () => {
    const doc = await w.product(0, 40, 50);
    await w.add(customer, doc, 2);
    await w.ship(customer);
    const createIntent = vi.spyOn(w.gateway, 'createIntent');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => w.placement.place(customer, body(), ctx)),
    );
    const placed = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as AppError);
    expect(placed).toHaveLength(1);
    const { order } = placed[0]!.value;
    expect(refused).toHaveLength(19);
    for (const err of refused) {
      expect(`${err.status} ${err.code}`).toBe('409 CONFLICT');
      expect(err.details).toEqual({ order_id: order.id, order_number: order.order_number });
    }
    expect(await storedOrders()).toHaveLength(1);
    expect(w.stock.reserved).toHaveLength(1);
    expect(await w.stockOf(doc)).toBe(48);
    expect(createIntent).toHaveBeenCalledTimes(1);
    expect(w.events.filter((e) => e.event_type === 'OrderCreated')).toHaveLength(1);
  });

  it('keeps a cart changed while the order was placed (only the version placed is removed)', async () => {
    await w.add(customer, await w.product(0, 40), 1);
    await w.ship(customer);
    const placing = w.placement.place(customer, body(), ctx);
    await w.add(customer, await w.product(1, 5), 1);
    const { order } = await placing;
    expect(order.items).toHaveLength(1);
    expect(w.carts.get('usr_a')!.lines).toHaveLength(2);
  });
});
