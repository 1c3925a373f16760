/**
 * A placement a crash left behind, on Cosmos DB (the embedded stand-in): its document still
 * `placing`, its stock taken under its markers. The sweeper gives back exactly what it took and
 * removes the document, once however many sweeps run together; a fresh placement is left alone.
 */
import { randomUUID } from 'node:crypto';
import {
  createStockReservations,
  createUnpaidSweeper,
  silentLogger,
  STALE_PLACEMENT_MS,
  type OrderDocument,
} from '@holiday-peak-hub/core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosmosProductRepository } from '../catalog/product-repository.ts';
import { stockProduct } from '../catalog/stock-test-products.ts';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import { createCursorCodec } from '../platform/cosmos/cursor.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import { CosmosOrderRepository } from './order-repository.ts';
import { testOrder } from './test-orders.ts';

const logger = pino({ level: 'silent' });
const publisher = { publish: () => Promise.resolve(), close: () => Promise.resolve() };
const NOW = new Date('2026-11-15T12:00:00Z');

let cosmos: CosmosConnection;
beforeAll(async () => {
  cosmos = await connectTestCosmos(`stale-${randomUUID().slice(0, 8)}`);
  await ensureContainers(cosmos.database);
});
afterAll(() => cosmos.close());

function world() {
  const cursors = createCursorCodec(new Uint8Array(32));
  const products = new CosmosProductRepository(
    cosmos.database.container(CONTAINER.products),
    { publisher, logger },
    cursors,
  );
  const orders = new CosmosOrderRepository(cosmos.database.container(CONTAINER.orders), { publisher, logger }, cursors);
  const stock = createStockReservations({ products, clock: () => NOW, eventSource: 'test', logger: silentLogger });
  const errors: unknown[] = [];
  const sweeper = createUnpaidSweeper({
    orders,
    stock,
    gateway: {
      retrieve: () => Promise.reject(new Error('not asked')),
      cancel: () => Promise.reject(new Error('no intent')),
      refund: () => Promise.reject(new Error('no payment')),
    },
    ledger: { release: () => Promise.reject(new Error('no promo')) },
    record: () => Promise.reject(new Error('not asked')),
    eventSource: 'test',
    logger: { ...silentLogger, error: (fields: unknown) => void errors.push(fields) },
  });
  return { products, orders, stock, sweeper, errors };
}

describe('stale placements on Cosmos DB (stand-in)', () => {
  it('a crash after reserve: exactly what was taken comes back, the document goes, once under 5 parallel sweeps', async () => {
    const { products, orders, stock, sweeper, errors } = world();
    const doc = stockProduct({ Var_A: 10, b: 6 });
    await cosmos.database.container(CONTAINER.products).items.create(doc);
    const units = async () => (await products.get(doc.id))!.variants.map((v) => v.stock);
    const placing = (createdAt: Date): OrderDocument =>
      testOrder(createdAt, {
        placement: 'placing',
        items: (['Var_A', 'b'] as const).map((variant_id, i) => ({
          ...testOrder(createdAt).items[0]!,
          product_id: doc.id,
          variant_id,
          quantity: i + 2,
        })),
      });
    const crashed = placing(new Date(NOW.getTime() - STALE_PLACEMENT_MS - 1000));
    const running = placing(new Date(NOW.getTime() - 1000));
    for (const order of [crashed, running]) {
      await orders.create(order, [], NOW);
      const lines = order.items.map(({ product_id, variant_id, quantity }) => ({ product_id, variant_id, quantity }));
      expect(await stock.reserve(lines, { orderId: order.id })).toEqual({ status: 'reserved' });
    }
    expect(await units()).toEqual([6, 0]);

    const counts = await Promise.all(Array.from({ length: 5 }, () => sweeper.abandonStalePlacements(NOW)));
    expect(counts.reduce((sum, c) => sum + c.abandoned, 0)).toBe(1);
    expect(counts.reduce((sum, c) => sum + c.failed, 0)).toBe(0);
    expect(errors).toEqual([]);
    expect(await units()).toEqual([8, 3]);
    expect(await orders.get(crashed.id)).toBeUndefined();
    expect(await orders.get(running.id)).toMatchObject({ placement: 'placing' });

    expect(await sweeper.abandonStalePlacements(NOW)).toEqual({ abandoned: 0, skipped: 0, failed: 0 });
    expect(await units()).toEqual([8, 3]);
    expect(Object.keys((await products.get(doc.id))!.reservations ?? {})).toHaveLength(2);
  });
});
