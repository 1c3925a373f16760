import { OrderPageSchema, OrderSchema, OrderTrackingSchema } from '@holiday-peak-hub/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Exchange } from '../pipeline/exchange.ts';
import type { Caller } from '../pipeline/handler.ts';
import { withStatus } from './documents.ts';
import { createOrderHandlers, type OrderHandlers } from './handlers.ts';
import { address, ordersWorld, type OrdersWorld } from './orders-test-kit.ts';

/** The order handlers answer the contract's shapes (what the pipeline checks in development and tests). */

let w: OrdersWorld;
let handlers: OrderHandlers;
const owner: Caller = { role: 'customer', userId: 'usr_h', email: 'h@example.com', issuer: 'test', sessionId: 's1' };
const staff: Caller = { role: 'staff', userId: 'usr_s', email: 's@example.com', issuer: 'test', sessionId: 's2' };
const http = { ip: '198.51.100.7', userAgent: null } as Exchange;
/** Calls a handler with an input as the pipeline passes it once validated. */
const call = <K extends keyof OrderHandlers>(op: K, caller: Caller, input: unknown) =>
  (handlers[op] as (ctx: unknown) => Promise<{ status: number; body: unknown }>)({
    input,
    caller,
    requestId: 'req-h',
    http,
  });

beforeEach(() => {
  w = ordersWorld();
  handlers = createOrderHandlers(w);
});

describe('the order handlers', () => {
  it('read, list, track, ship and cancel with bodies the contract accepts', async () => {
    await w.add(owner, await w.product(0, 12.5, 10), 4);
    await w.ship(owner, 'overnight');
    const { order } = await w.placement.place(owner, { shipping_address: address() }, { requestId: 'r' });
    const read = await call('getOrder', owner, { params: { id: order.order_number }, query: {} });
    expect(read.status).toBe(200);
    expect(OrderSchema.parse(read.body)).toMatchObject({ id: order.id, totals: { total: 50 + 4.13 + 29.99 } });

    const mine = await call('listMyOrders', owner, { query: { limit: 20 } });
    expect(OrderPageSchema.parse(mine.body)).toMatchObject({
      items: [{ id: order.id, item_count: 4, status: 'pending_payment' }],
      next_cursor: null,
    });
    const all = await call('staffListOrders', staff, { query: { status: 'pending_payment', limit: 20 } });
    expect(OrderPageSchema.parse(all.body).items.map((o) => o.id)).toEqual([order.id]);

    const { _etag, ...doc } = (await w.repos.orders.get(order.id))!;
    const processing = withStatus(withStatus(doc, 'paid', w.now), 'processing', w.now);
    await w.repos.orders.replace(
      { ...processing, shipment: { ...processing.shipment, tracking_number: '1Z0001' } },
      [],
      _etag,
      w.now,
    );
    const shipped = await call('recordShipmentEvent', staff, {
      params: { id: order.id },
      body: { status: 'picked_up', description: 'Picked up', location: null },
    });
    expect(OrderSchema.parse(shipped.body).status).toBe('shipped');
    const tracking = await call('getOrderTracking', owner, { params: { id: order.id }, query: {} });
    expect(OrderTrackingSchema.parse(tracking.body).shipment.events).toHaveLength(1);
    await expect(call('cancelOrder', owner, { params: { id: order.id }, body: {} })).rejects.toMatchObject({
      code: 'ORDER_NOT_CANCELLABLE',
    });
  });
});
