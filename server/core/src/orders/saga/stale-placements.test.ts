import { beforeEach, describe, expect, it } from 'vitest';
import type { ProductDocument } from '../../catalog/documents.ts';
import type { PaymentIntentState } from '../../payments/gateway.ts';
import type { Caller } from '../../pipeline/handler.ts';
import { address, ordersWorld, type OrdersWorld } from '../orders-test-kit.ts';
import { createPaymentStateRecorder } from '../payments/payment-state.ts';
import { createUnpaidSweeper, STALE_PLACEMENT_MS, type UnpaidSweeper } from './unpaid-sweeper.ts';

/**
 * Placements a crash left `placing` (stock taken, promo counted, no order): the sweeper gives back
 * exactly what they took, once however many sweeps run, and never what a placement still running takes.
 */

const shopper: Caller = { role: 'customer', userId: 'usr_1', email: 'c1@example.com', issuer: 't', sessionId: 's1' };

let w: OrdersWorld;
let sweeper: UnpaidSweeper;
let product: ProductDocument;
/** Lets the held payment step of the placement go on. */
let resume: () => void;

beforeEach(async () => {
  w = ordersWorld();
  product = await w.product(0, 120, 10);
  const deps = { orders: w.repos.orders, clock: () => w.now, eventSource: 'test', logger: w.logger };
  sweeper = createUnpaidSweeper({
    ...deps,
    gateway: w.gateway,
    stock: w.stock,
    ledger: w.ledger,
    record: createPaymentStateRecorder(deps),
  });
  // The placement stops at its payment step (as a process dying there would) until resumed.
  const held = new Promise<void>((resolve) => (resume = resolve));
  const createIntent = w.gateway.createIntent.bind(w.gateway);
  w.gateway.createIntent = async (input): Promise<PaymentIntentState> => {
    await held;
    return createIntent(input);
  };
});

/** Starts a placement of 3 units with a promo and waits until it holds the stock and the promo use. */
async function placementStuckAtPayment() {
  await w.add(shopper, product, 3);
  await w.cart.service.applyPromo(shopper, 'HOLIDAY10', { requestId: 'r' });
  await w.ship(shopper, 'standard');
  const placing = w.placement.place(shopper, { shipping_address: address() }, { requestId: 'r' });
  placing.catch(() => {});
  while (w.stock.reserved.length === 0 || (await w.ledger.usesOf('HOLIDAY10', 'usr_1')) === 0) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const [doc] = await w.repos.orders.listStalePlacements(new Date(w.now.getTime() + 1), 10);
  return { placing, id: doc!.id };
}

const later = (ms: number) => new Date(w.now.getTime() + ms);

describe('the sweeper of stale placements', () => {
  it('a crash after reserve: gives back exactly the stock and promo taken and removes the document, once under parallel sweeps', async () => {
    const { id } = await placementStuckAtPayment();
    expect(await w.stockOf(product)).toBe(7);
    expect(await sweeper.abandonStalePlacements(later(STALE_PLACEMENT_MS - 1))).toEqual({
      abandoned: 0,
      skipped: 0,
      failed: 0,
    });
    expect(await w.stockOf(product)).toBe(7);

    const now = later(STALE_PLACEMENT_MS + 1);
    const counts = await Promise.all(Array.from({ length: 5 }, () => sweeper.abandonStalePlacements(now)));
    expect(counts.reduce((sum, c) => sum + c.abandoned, 0)).toBe(1);
    expect(counts.reduce((sum, c) => sum + c.failed, 0)).toBe(0);
    expect(await w.stockOf(product)).toBe(10);
    expect(await w.ledger.usesOf('HOLIDAY10', 'usr_1')).toBe(0);
    expect(await w.repos.orders.get(id)).toBeUndefined();
    expect((await w.catalog.products.get(product.id))!.reservations).toEqual({});

    expect(await sweeper.abandonStalePlacements(later(STALE_PLACEMENT_MS * 3))).toEqual({
      abandoned: 0,
      skipped: 0,
      failed: 0,
    });
    await w.stock.release([{ product_id: product.id, variant_id: product.variants[0]!.variant_id, quantity: 3 }], {
      orderId: id,
    });
    expect(await w.stockOf(product)).toBe(10);
    expect(w.logger.errors).toEqual([]);
  });

  it('a placement that resumes after the sweep fails its final write and undoes itself: no order, no units given twice', async () => {
    const { placing, id } = await placementStuckAtPayment();
    expect(await sweeper.abandonStalePlacements(later(STALE_PLACEMENT_MS + 1))).toMatchObject({ abandoned: 1 });
    expect(await w.stockOf(product)).toBe(10);
    resume();
    await expect(placing).rejects.toThrow();
    expect(await w.stockOf(product)).toBe(10);
    expect(await w.ledger.usesOf('HOLIDAY10', 'usr_1')).toBe(0);
    expect(await w.repos.orders.get(id)).toBeUndefined();
  });

  it('a placement whose undo fails keeps its document for the sweeper, which gives the stock back once', async () => {
    resume();
    await w.add(shopper, product, 3);
    await w.ship(shopper, 'standard');
    const release = w.stock.release.bind(w.stock);
    let failing = true;
    w.stock.release = async (lines, ref) => {
      if (failing) throw new Error('storage down while giving stock back');
      return release(lines, ref);
    };
    w.gateway.scenario.unavailable(true);
    await expect(w.placement.place(shopper, { shipping_address: address() }, { requestId: 'r' })).rejects.toThrow();
    expect(await w.stockOf(product)).toBe(7);
    const [left] = await w.repos.orders.listStalePlacements(later(1), 10);
    expect(left).toMatchObject({ placement: 'placing' });

    failing = false;
    expect(await sweeper.abandonStalePlacements(later(STALE_PLACEMENT_MS + 1))).toMatchObject({ abandoned: 1 });
    expect(await w.stockOf(product)).toBe(10);
    expect(await w.repos.orders.get(left!.id)).toBeUndefined();
  });

  it('lists only placing orders created before the instant, oldest first, and checks its limit', async () => {
    await placementStuckAtPayment();
    expect(await w.repos.orders.listStalePlacements(w.now, 10)).toEqual([]);
    expect(await w.repos.orders.listStalePlacements(later(1), 10)).toHaveLength(1);
    expect(() => w.repos.orders.listStalePlacements(w.now, 0)).toThrow(RangeError);
    expect(() => w.repos.orders.listStalePlacements(w.now, 1001)).toThrow(RangeError);
  });
});
