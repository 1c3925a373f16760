/**
 * Reservations exact per order, on Cosmos DB (the embedded stand-in, over HTTP) and in memory
 * alike: each take records the order's marker in the same atomic write, a release gives back what
 * the marker holds once (however often or concurrently it is asked), a commit removes markers
 * without giving units back, and staff edits of the product carry the markers along.
 */
import { randomUUID } from 'node:crypto';
import {
  toInventory,
  toPublicProduct,
  toStaffProduct,
  type DomainEvent,
  type EventOf,
} from '@holiday-peak-hub/contract';
import {
  createMemoryCatalogRepositories,
  createStockReservations,
  ProductService,
  reservationKeyOf,
  silentLogger,
  type ProductDocument,
  type ProductRepository,
  type StockReservations,
} from '@holiday-peak-hub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import { createCursorCodec } from '../platform/cosmos/cursor.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import { CosmosProductRepository } from './product-repository.ts';
import {
  recordingPublisher as recording,
  stockLine as line,
  stockProduct as product,
  STOCK_TEST_NOW as NOW,
} from './stock-test-products.ts';

interface Bed {
  products: ProductRepository;
  stock: StockReservations;
  staff: ProductService;
  events: DomainEvent[];
  add(doc: ProductDocument): Promise<void>;
}

let cosmos: CosmosConnection;
beforeAll(async () => {
  cosmos = await connectTestCosmos(`markers-${randomUUID().slice(0, 8)}`);
  await ensureContainers(cosmos.database);
});
afterAll(() => cosmos.close());

function bed(products: ProductRepository, events: DomainEvent[], add: Bed['add']): Bed {
  const deps = { clock: () => NOW, eventSource: 'test', logger: silentLogger };
  const stock = createStockReservations({ ...deps, products });
  // Edits of name and stock read no category.
  const staff = new ProductService({
    ...deps,
    products,
    categories: undefined as never,
    categoryTree: () => Promise.resolve([]),
  });
  return { products, stock, staff, events, add };
}

const beds: [string, () => Bed][] = [
  [
    'Cosmos DB (stand-in)',
    () => {
      const container = cosmos.database.container(CONTAINER.products);
      const events: DomainEvent[] = [];
      const outbox = { publisher: recording(events), logger: silentLogger as never };
      const products = new CosmosProductRepository(container, outbox, createCursorCodec(new Uint8Array(32)));
      return bed(products, events, async (doc) => void (await container.items.create(doc)));
    },
  ],
  [
    'memory',
    () => {
      const events: DomainEvent[] = [];
      const { products } = createMemoryCatalogRepositories({ publisher: recording(events), logger: silentLogger });
      return bed(products, events, (doc) => Promise.resolve(void products.upsert(doc)));
    },
  ],
];

describe.each(beds)('stock markers on %s', (_name, makeBed) => {
  let t: Bed;
  beforeAll(() => {
    t = makeBed();
  });
  const stored = async (doc: ProductDocument) => (await t.products.get(doc.id))!;
  const units = async (doc: ProductDocument) => {
    const now = await stored(doc);
    return { variants: Object.fromEntries(now.variants.map((v) => [v.variant_id, v.stock])), total: now.total_stock };
  };
  const markers = async (doc: ProductDocument) => (await stored(doc)).reservations ?? {};
  const inventoryOf = (doc: ProductDocument) =>
    t.events.filter(
      (e): e is EventOf<'InventoryUpdated'> => e.event_type === 'InventoryUpdated' && e.data.product_id === doc.id,
    );

  it('a take records the order marker with the units; taking again for the order is a no-op answered as taken', async () => {
    const doc = product({ Var_A: 10, b: 5 });
    await t.add(doc);
    const ref = { orderId: 'Ord-Twice' };
    const lines = [line(doc, 'Var_A', 3), line(doc, 'b', 2)];
    expect(await t.stock.reserve(lines, ref)).toEqual({ status: 'reserved' });
    expect(await t.stock.reserve(lines, ref)).toEqual({ status: 'reserved' });
    const again = await Promise.all(Array.from({ length: 10 }, () => t.stock.reserve(lines, ref)));
    expect(again.every((o) => o.status === 'reserved')).toBe(true);
    expect(await units(doc)).toEqual({ variants: { Var_A: 7, b: 3 }, total: 10 });
    expect(await markers(doc)).toEqual({
      [reservationKeyOf('Ord-Twice', 'Var_A')]: 3,
      [reservationKeyOf('Ord-Twice', 'b')]: 2,
    });
    expect(inventoryOf(doc)).toHaveLength(2);
    const written = await stored(doc);
    for (const view of [toStaffProduct(written), toPublicProduct(written), toInventory(written)].map((v) =>
      JSON.stringify(v),
    )) {
      expect(view).not.toContain('reservations');
      expect(view).not.toContain(reservationKeyOf('Ord-Twice', 'b'));
    }
  });

  it('releasing twice, or 10 times in parallel, gives the units back once', async () => {
    const doc = product({ Var_A: 10 });
    await t.add(doc);
    const first = { orderId: 'ord-1' };
    const second = { orderId: 'ord-2' };
    await t.stock.reserve([line(doc, 'Var_A', 4)], first);
    await t.stock.reserve([line(doc, 'Var_A', 2)], second);
    await t.stock.release([line(doc, 'Var_A', 4)], first);
    await t.stock.release([line(doc, 'Var_A', 4)], first);
    expect(await units(doc)).toEqual({ variants: { Var_A: 8 }, total: 8 });
    // The marker's units are given back, whatever quantity the caller names.
    await Promise.all(Array.from({ length: 10 }, () => t.stock.release([line(doc, 'Var_A', 9)], second)));
    expect(await units(doc)).toEqual({ variants: { Var_A: 10 }, total: 10 });
    expect(await markers(doc)).toEqual({});
    expect(inventoryOf(doc).map((e) => [e.data.previous_stock, e.data.stock])).toEqual([
      [10, 6],
      [6, 4],
      [4, 8],
      [8, 10],
    ]);
  });

  it('commit removes the markers without giving units back, and without an event; a release after it gives nothing', async () => {
    const doc = product({ Var_A: 5 });
    await t.add(doc);
    const ref = { orderId: 'shipped-1' };
    await t.stock.reserve([line(doc, 'Var_A', 2)], ref);
    await t.stock.reserve([line(doc, 'Var_A', 1)], { orderId: 'other' });
    const before = inventoryOf(doc).length;
    await t.stock.commit([line(doc, 'Var_A', 2)], ref);
    await t.stock.commit([line(doc, 'Var_A', 2)], ref);
    await t.stock.release([line(doc, 'Var_A', 2)], ref);
    expect(await units(doc)).toEqual({ variants: { Var_A: 2 }, total: 2 });
    expect(await markers(doc)).toEqual({ [reservationKeyOf('other', 'Var_A')]: 1 });
    expect(inventoryOf(doc)).toHaveLength(before);
  });

  it('staff edits (replacing the whole product) keep the markers: the release then gives back exactly', async () => {
    const doc = product({ Var_A: 10 });
    await t.add(doc);
    const ref = { orderId: 'edited-1' };
    await t.stock.reserve([line(doc, 'Var_A', 3)], ref);
    await t.staff.update(doc.id, { name: 'Renamed while reserved' }, { requestId: 'r1' });
    await t.staff.setStock(doc.id, 'Var_A', 20, { requestId: 'r2' });
    await t.staff.setStatus(doc.id, 'archived', { requestId: 'r3' });
    expect((await stored(doc)).name).toBe('Renamed while reserved');
    expect(await markers(doc)).toEqual({ [reservationKeyOf('edited-1', 'Var_A')]: 3 });
    await t.stock.release([line(doc, 'Var_A', 3)], ref);
    await t.stock.release([line(doc, 'Var_A', 3)], ref);
    expect(await units(doc)).toEqual({ variants: { Var_A: 23 }, total: 23 });
    expect(await markers(doc)).toEqual({});
  });

  it('a variant deleted while reserved: the release gives nothing and drops the marker', async () => {
    const doc = product({ Var_A: 4, b: 4 });
    await t.add(doc);
    const ref = { orderId: 'gone-1' };
    await t.stock.reserve([line(doc, 'Var_A', 1), line(doc, 'b', 1)], ref);
    const current = await stored(doc);
    await t.staff.update(
      doc.id,
      { variants: current.variants.filter((v) => v.variant_id === 'b') },
      { requestId: 'r' },
    );
    await t.stock.release([line(doc, 'Var_A', 1), line(doc, 'b', 1)], ref);
    expect(await units(doc)).toEqual({ variants: { b: 4 }, total: 4 });
    expect(await markers(doc)).toEqual({});
  });
});
