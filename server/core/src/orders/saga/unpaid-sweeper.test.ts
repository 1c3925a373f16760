import type { DomainEvent } from '@holiday-peak-hub/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProductDocument } from '../../catalog/documents.ts';
import type { Caller } from '../../pipeline/handler.ts';
import { PAYMENT_WINDOW_MS } from '../documents.ts';
import { address, ordersWorld, type OrdersWorld } from '../orders-test-kit.ts';
import { createPaymentStateRecorder } from '../payments/payment-state.ts';
import { createUnpaidSweeper, type UnpaidSweeper } from './unpaid-sweeper.ts';

/** Expiring unpaid orders: only overdue ones, released once however many sweeps run. */

const shopper = (n: number): Caller => ({
  role: 'customer',
  userId: `usr_${n}`,
  email: `c${n}@example.com`,
  issuer: 't',
  sessionId: `s${n}`,
});

let w: OrdersWorld;
let sweeper: UnpaidSweeper;
let product: ProductDocument;

beforeEach(async () => {
  w = ordersWorld();
  product = await w.product(0, 120);
  const deps = { orders: w.repos.orders, clock: () => w.now, eventSource: 'test', logger: w.logger };
  sweeper = createUnpaidSweeper({
    ...deps,
    gateway: w.gateway,
    stock: w.stock,
    ledger: w.ledger,
    record: createPaymentStateRecorder(deps),
  });
});

async function place(n: number, promo?: string) {
  const caller = shopper(n);
  await w.add(caller, product, 2);
  if (promo) await w.cart.service.applyPromo(caller, promo, { requestId: 'r' });
  await w.ship(caller, 'standard');
  return (await w.placement.place(caller, { shipping_address: address() }, { requestId: 'r' })).order;
}

const minutes = (m: number) => m * 60_000;
const ofType = (type: DomainEvent['event_type']) => w.events.filter((e) => e.event_type === type);

describe('the unpaid order sweeper', () => {
  it('expires only overdue unpaid orders, releasing stock and promo once even when two sweeps run in parallel', async () => {
    const start = w.now.getTime();
    const late = await place(1, 'HOLIDAY10');
    w.now = new Date(start + minutes(10));
    const alsoLate = await place(2);
    w.now = new Date(start + minutes(25));
    const fresh = await place(3);
    const stockBefore = await w.stockOf(product);
    expect(await w.ledger.usesOf('HOLIDAY10', 'usr_1')).toBe(1);

    const now = new Date(start + PAYMENT_WINDOW_MS + minutes(11));
    const [a, b] = await Promise.all([sweeper.expireUnpaidOrders(now), sweeper.expireUnpaidOrders(now)]);
    expect(a.expired + b.expired).toBe(2);
    expect(a.skipped + b.skipped).toBe(2);
    expect(w.stock.released).toHaveLength(2);
    expect(w.stock.released.flat().map((line) => [line.product_id, line.quantity])).toEqual([
      [product.id, 2],
      [product.id, 2],
    ]);
    expect(await w.stockOf(product)).toBe(stockBefore + 4);
    expect(await w.ledger.usesOf('HOLIDAY10', 'usr_1')).toBe(0);

    for (const order of [late, alsoLate]) {
      const stored = (await w.repos.orders.get(order.id))!;
      expect(stored).toMatchObject({ status: 'cancelled', stock_state: 'released', payment: { status: 'voided' } });
      expect(stored.status_history.at(-1)).toEqual({
        status: 'cancelled',
        at: now.toISOString(),
        reason: 'payment_expired',
      });
      expect(await w.gateway.retrieve(order.payment.intent_id!)).toMatchObject({ status: 'canceled' });
    }
    expect((await w.repos.orders.get(late.id))!.promo_state).toBe('released');
    expect((await w.repos.orders.get(fresh.id))!.status).toBe('pending_payment');
    for (const type of ['OrderCancelled', 'InventoryReleased', 'PaymentVoided'] as const) {
      expect(
        ofType(type)
          .map((e) => e.correlation_id)
          .sort(),
      ).toEqual([late.id, alsoLate.id].sort());
    }
    expect(ofType('OrderStatusChanged').filter((e) => (e.data as { to: string }).to === 'cancelled')).toHaveLength(2);

    // A later sweep finds nothing more to do.
    await expect(sweeper.expireUnpaidOrders(now)).resolves.toEqual({ expired: 0, recovered: 0, skipped: 0, failed: 0 });
  });

  it('records an authorization whose webhook was lost instead of expiring the order', async () => {
    const order = await place(1);
    await w.gateway.confirm(order.payment.intent_id!, 'pm_card_visa'); // nobody recorded it
    const counts = await sweeper.expireUnpaidOrders(new Date(w.now.getTime() + PAYMENT_WINDOW_MS + 1));
    expect(counts).toEqual({ expired: 0, recovered: 1, skipped: 0, failed: 0 });
    const stored = (await w.repos.orders.get(order.id))!;
    expect(stored).toMatchObject({
      status: 'pending_payment',
      stock_state: 'reserved',
      payment: { status: 'authorized' },
    });
    expect(ofType('PaymentAuthorized').map((e) => e.correlation_id)).toEqual([order.id]);
    expect(w.stock.released).toHaveLength(0);
  });

  it('keeps an order whose payment was recorded while the sweep ran', async () => {
    const order = await place(1);
    const state = await w.gateway.confirm(order.payment.intent_id!, 'pm_card_visa');
    await createPaymentStateRecorder({ orders: w.repos.orders, clock: () => w.now, eventSource: 't' })(
      order.id,
      state,
      null,
    );
    // Listed as unpaid by a query that ran just before the recording.
    const stale = { ...order, payment: { ...order.payment, status: 'awaiting_payment' as const } };
    const counts = await createUnpaidSweeper({
      orders: {
        ...w.repos.orders,
        get: (id) => w.repos.orders.get(id),
        replace: (...a) => w.repos.orders.replace(...a),
        delete: (...a) => w.repos.orders.delete(...a),
        listUnpaidBefore: () => Promise.resolve([stale]),
        listHeldUnpaidBefore: () => Promise.resolve([]),
        listUnsettled: () => Promise.resolve([]),
        listStalePlacements: () => Promise.resolve([]),
      },
      gateway: {
        retrieve: () => Promise.resolve(undefined),
        cancel: (id) => w.gateway.cancel(id),
        refund: () => Promise.reject(new Error('not asked')),
      },
      stock: w.stock,
      ledger: w.ledger,
      record: () => Promise.reject(new Error('not asked')),
      eventSource: 'test',
      logger: w.logger,
    }).expireUnpaidOrders(new Date(w.now.getTime() + PAYMENT_WINDOW_MS + 1));
    expect(counts).toEqual({ expired: 0, recovered: 0, skipped: 1, failed: 0 });
    expect((await w.repos.orders.get(order.id))!.status).toBe('pending_payment');
    expect(w.stock.released).toHaveLength(0);
  });
});
