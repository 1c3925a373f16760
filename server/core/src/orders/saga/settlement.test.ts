import type { DomainEvent, EventOf } from '@holiday-peak-hub/contract';
import { toMinor } from '@holiday-peak-hub/contract';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProductDocument } from '../../catalog/documents.ts';
import type { Caller } from '../../pipeline/handler.ts';
import { applyEvent } from '../../platform/events/consumer.ts';
import { PAYMENT_WINDOW_MS, SETTLE_LEASE_MS } from '../documents.ts';
import { address, ordersWorld, type OrdersWorld } from '../orders-test-kit.ts';
import { createPaymentStateRecorder, type PaymentStateRecorder } from '../payments/payment-state.ts';
import { orderSagaConsumer } from './order-saga.ts';
import { createUnpaidSweeper, type UnpaidSweeper } from './unpaid-sweeper.ts';

/**
 * Settlements: what a cancellation or an expiry owes back is recorded with it and retried by the
 * sweeper until done, each step once; unpaid orders holding money never block the expiry.
 */

const shopper = (n: number): Caller => ({
  role: 'customer',
  userId: `usr_${n}`,
  email: `c${n}@example.com`,
  issuer: 't',
  sessionId: `s${n}`,
});

let w: OrdersWorld;
let sweeper: UnpaidSweeper;
let record: PaymentStateRecorder;
let saga: ReturnType<typeof orderSagaConsumer>;
let product: ProductDocument;

beforeEach(async () => {
  w = ordersWorld();
  product = await w.product(0, 30, 200);
  const deps = { orders: w.repos.orders, clock: () => w.now, eventSource: 'test', logger: w.logger };
  record = createPaymentStateRecorder(deps);
  saga = orderSagaConsumer({ ...deps, gateway: w.gateway });
  sweeper = createUnpaidSweeper({ ...deps, gateway: w.gateway, stock: w.stock, ledger: w.ledger, record });
});

async function place(n: number) {
  const caller = shopper(n);
  await w.add(caller, product, 1);
  await w.ship(caller, 'standard');
  return (await w.placement.place(caller, { shipping_address: address() }, { requestId: 'r' })).order;
}

/** A placed order whose card was accepted and recorded (authorized, not captured). */
async function authorized(n: number) {
  const order = await place(n);
  await record(order.id, await w.gateway.confirm(order.payment.intent_id!, 'pm_card_visa'), null);
  return order;
}

const ofType = <K extends DomainEvent['event_type']>(type: K, orderId?: string) =>
  w.events.filter((e): e is EventOf<K> => e.event_type === type && (!orderId || e.correlation_id === orderId));
const later = (ms: number) => new Date(w.now.getTime() + ms);
const stored = async (id: string) => (await w.repos.orders.get(id))!;

describe('settling a cancelled order', () => {
  it('cancels a paid order while the provider is down; the next of 10 parallel sweeps refunds it once', async () => {
    const order = await authorized(1);
    expect(await applyEvent(saga, ofType('PaymentAuthorized', order.id)[0]!)).toBe('applied');
    expect((await stored(order.id)).status).toBe('paid');
    const refund = vi.spyOn(w.gateway, 'refund');

    w.gateway.scenario.unavailable(true);
    const cancelled = await w.cancellation.cancel(shopper(1), order.id, undefined);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      payment: { status: 'captured' },
      settlement: { owed: ['payment'], refund: toMinor(order.totals.total) },
    });
    expect(refund).toHaveBeenCalledTimes(1);
    await expect(refund.mock.results[0]!.value).rejects.toThrow();
    // Cancelling again answers the order as it is: the settlement stays the sweeper's.
    expect((await w.cancellation.cancel(shopper(1), order.id, undefined)).settlement?.owed).toEqual(['payment']);
    expect(refund).toHaveBeenCalledTimes(1);

    w.gateway.scenario.unavailable(false);
    // Within the lease of the attempt that failed, a sweep leaves it.
    await sweeper.expireUnpaidOrders(later(SETTLE_LEASE_MS - 1));
    expect(refund).toHaveBeenCalledTimes(1);

    const now = later(SETTLE_LEASE_MS + 1);
    w.gateway.scenario.delay(20); // a slow provider: the other sweeps run while the refund is under way
    const counts = await Promise.all(Array.from({ length: 10 }, () => sweeper.settleCancelledOrders(now)));
    expect(counts.reduce((sum, c) => sum + c.settled, 0)).toBe(1);
    expect(counts.reduce((sum, c) => sum + c.busy, 0)).toBe(9);
    expect(refund).toHaveBeenCalledTimes(2);
    expect(refund.mock.calls.map(([, amount, key]) => [amount, key])).toEqual([
      [toMinor(order.totals.total), `cancel:${order.id}`],
      [toMinor(order.totals.total), `cancel:${order.id}`],
    ]);
    expect(await stored(order.id)).toMatchObject({
      settlement: null,
      payment: { status: 'refunded', amount_refunded: order.totals.total },
    });
    expect(ofType('RefundProcessed', order.id).map((e) => e.data.amount)).toEqual([order.totals.total]);

    expect(await sweeper.settleCancelledOrders(later(10 * SETTLE_LEASE_MS))).toEqual({
      settled: 0,
      pending: 0,
      busy: 0,
      failed: 0,
    });
    expect(refund).toHaveBeenCalledTimes(2);
  });

  it('gives the stock back with the next sweep when its release failed once, the units once', async () => {
    const order = await place(2);
    const before = await w.stockOf(product);
    vi.spyOn(w.stock, 'release').mockRejectedValueOnce(new Error('catalog unavailable'));
    const cancelled = await w.cancellation.cancel(shopper(2), order.id, undefined);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      stock_state: 'released',
      payment: { status: 'voided' },
      settlement: { owed: ['stock'] },
    });
    expect(await w.stockOf(product)).toBe(before);
    expect(w.logger.errors.map((e) => [e.fields.order_id, e.fields.what])).toEqual([[order.id, 'stock']]);

    const now = later(SETTLE_LEASE_MS + 1);
    await Promise.all(Array.from({ length: 10 }, () => sweeper.expireUnpaidOrders(now)));
    expect(await w.stockOf(product)).toBe(before + 1);
    expect(w.stock.released).toHaveLength(1);
    expect((await stored(order.id)).settlement).toBeNull();
    await sweeper.expireUnpaidOrders(later(10 * SETTLE_LEASE_MS));
    expect(await w.stockOf(product)).toBe(before + 1);
  });
});

describe('unpaid orders holding money', () => {
  it('60 authorized orders the SAGA left do not stop the expiry of an unpaid one; each is sent to the SAGA again', async () => {
    const stuck = [];
    for (let n = 0; n < 60; n += 1) stuck.push(await authorized(100 + n));
    w.now = later(60_000);
    const unpaid = await place(1);
    const authorizations = ofType('PaymentAuthorized').length;

    const now = later(PAYMENT_WINDOW_MS + 60_000);
    expect(await sweeper.expireUnpaidOrders(now)).toEqual({ expired: 1, recovered: 50, skipped: 0, failed: 0 });
    expect(await stored(unpaid.id)).toMatchObject({ status: 'cancelled', payment: { status: 'voided' } });
    // The 10 others come next (the 50 were touched now), then none until another window passed.
    expect(await sweeper.expireUnpaidOrders(now)).toEqual({ expired: 0, recovered: 10, skipped: 0, failed: 0 });
    expect(await sweeper.expireUnpaidOrders(now)).toEqual({ expired: 0, recovered: 0, skipped: 0, failed: 0 });
    const again = ofType('PaymentAuthorized').slice(authorizations);
    expect(new Set(again.map((e) => e.correlation_id))).toEqual(new Set(stuck.map((o) => o.id)));

    // The SAGA completes one from its event sent again.
    expect(await applyEvent(saga, again[0]!)).toBe('applied');
    expect((await stored(again[0]!.correlation_id)).status).toBe('paid');
    for (const order of stuck) expect((await stored(order.id)).status).not.toBe('cancelled');
  });

  it('expires an authorized order whose intent was canceled at the provider, giving its stock back', async () => {
    const order = await authorized(3);
    const before = await w.stockOf(product);
    await w.gateway.cancel(order.payment.intent_id!);
    const cancel = vi.spyOn(w.gateway, 'cancel');

    const now = later(PAYMENT_WINDOW_MS + 60_000);
    expect(await sweeper.expireUnpaidOrders(now)).toEqual({ expired: 1, recovered: 0, skipped: 0, failed: 0 });
    const expired = await stored(order.id);
    expect(expired).toMatchObject({ status: 'cancelled', payment: { status: 'voided' }, settlement: null });
    expect(expired.status_history.at(-1)?.reason).toBe('payment_expired');
    expect(await w.stockOf(product)).toBe(before + 1);
    expect(cancel).not.toHaveBeenCalled();
    await sweeper.expireUnpaidOrders(later(2 * PAYMENT_WINDOW_MS));
    expect(await w.stockOf(product)).toBe(before + 1);
  });
});
