/**
 * Stock reservations under real parallelism, on Cosmos DB (the embedded stand-in, over HTTP) and
 * in memory alike: the same calls, the same outcomes.
 */
import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventOf } from '@holiday-peak-hub/contract';
import {
  createMemoryCatalogRepositories,
  createStockReservations,
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
  inIdOrder,
  missingProductId,
  recordingPublisher as recording,
  stockLine as line,
  stockProduct as product,
  STOCK_TEST_NOW as NOW,
} from './stock-test-products.ts';

interface Bed {
  products: ProductRepository;
  stock: StockReservations;
  events: DomainEvent[];
  add(doc: ProductDocument): Promise<void>;
}

let cosmos: CosmosConnection;
beforeAll(async () => {
  cosmos = await connectTestCosmos(`stock-${randomUUID().slice(0, 8)}`);
  await ensureContainers(cosmos.database);
});
afterAll(() => cosmos.close());

function bed(products: ProductRepository, events: DomainEvent[], add: Bed['add']): Bed {
  const stock = createStockReservations({ products, clock: () => NOW, eventSource: 'test', logger: silentLogger });
  return { products, stock, events, add };
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

describe.each(beds)('stock reservations on %s', (_name, makeBed) => {
  let t: Bed;
  beforeAll(() => {
    t = makeBed();
  });
  const units = async (doc: ProductDocument) => {
    const stored = (await t.products.get(doc.id))!;
    return {
      variants: Object.fromEntries(stored.variants.map((v) => [v.variant_id, v.stock])),
      total: stored.total_stock,
    };
  };
  const inventoryOf = (doc: ProductDocument) =>
    t.events.filter(
      (e): e is EventOf<'InventoryUpdated'> => e.event_type === 'InventoryUpdated' && e.data.product_id === doc.id,
    );

  it('100 concurrent orders of 1 unit of a variant with 10: exactly 10 reserved, 90 insufficient, never below zero', async () => {
    const doc = product({ Var_A: 10, b: 3 });
    await t.add(doc);
    const seen: number[] = [];
    let running = true;
    const watcher = (async () => {
      while (running) seen.push((await units(doc)).variants.Var_A!);
    })();
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) => t.stock.reserve([line(doc, 'Var_A')], { orderId: `ord-${i}` })),
    );
    running = false;
    await watcher;
    expect(outcomes.filter((o) => o.status === 'reserved')).toHaveLength(10);
    expect(outcomes.filter((o) => o.status === 'insufficient' && o.available === 0 && o.requested === 1)).toHaveLength(
      90,
    );
    expect(await units(doc)).toEqual({ variants: { Var_A: 0, b: 3 }, total: 3 });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n >= 0 && n <= 10)).toBe(true);
    // One event per change, each with the exact units of its own change (corrected under contention).
    const changes = inventoryOf(doc).map((e) => [e.data.previous_stock, e.data.stock]);
    expect(new Map(inventoryOf(doc).map((e) => [e.event_id, e])).size).toBe(10);
    expect(changes.sort((a, b) => a[1]! - b[1]!)).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, i]));
  });

  it('two lines of one variant are summed: 10 concurrent orders of 1 + 1 of 5 units, exactly 2 reserved', async () => {
    const doc = product({ Var_A: 5 });
    await t.add(doc);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.stock.reserve([line(doc, 'Var_A'), line(doc, 'Var_A')], { orderId: `ord-${i}` }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'reserved')).toHaveLength(2);
    const refused = outcomes.filter((o) => o.status === 'insufficient');
    expect(refused).toHaveLength(8);
    expect(refused.every((o) => o.requested === 2 && o.available <= 1)).toBe(true);
    expect(await units(doc)).toEqual({ variants: { Var_A: 1 }, total: 1 });
  });

  it('2 × 20 concurrent orders of two variants in opposite line orders: all settle, nothing partial', async () => {
    const [first, second] = inIdOrder({ Var_A: 40 }, { Var_B: 15 });
    const [a, b] = [first.variants[0]!.variant_id, second.variants[0]!.variant_id];
    await t.add(first);
    await t.add(second);
    const lines = [line(first, a), line(second, b)];
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.stock.reserve(i % 2 === 0 ? lines : [...lines].reverse(), { orderId: `ord-${i}` }),
      ),
    );
    // Everyone gets the first variant; exactly 15 the second; the 25 others gave the first back.
    expect(outcomes.filter((o) => o.status === 'reserved')).toHaveLength(15);
    expect(await units(first)).toEqual({ variants: { [a]: 25 }, total: 25 });
    expect(await units(second)).toEqual({ variants: { [b]: 0 }, total: 0 });
  });

  it('2 × 20 concurrent orders on two scarce variants: reserved + remaining = initial for each', async () => {
    const [first, second] = inIdOrder({ Var_A: 12 }, { Var_B: 12 });
    const [a, b] = [first.variants[0]!.variant_id, second.variants[0]!.variant_id];
    await t.add(first);
    await t.add(second);
    const lines = [line(first, a, 2), line(second, b, 1)];
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.stock.reserve(i % 2 === 0 ? lines : [...lines].reverse(), { orderId: `ord-${i}` }),
      ),
    );
    const reserved = outcomes.filter((o) => o.status === 'reserved').length;
    expect(reserved).toBeGreaterThan(0);
    expect(reserved).toBeLessThanOrEqual(6);
    expect(await units(first)).toEqual({ variants: { [a]: 12 - 2 * reserved }, total: 12 - 2 * reserved });
    expect(await units(second)).toEqual({ variants: { [b]: 12 - reserved }, total: 12 - reserved });
  });

  it('release restores the units (concurrently, whatever the status since); a deleted product is skipped', async () => {
    const doc = product({ Var_A: 10, b: 4 });
    const gone = product({ c: 5 });
    await t.add(doc);
    await t.add(gone);
    const orders = Array.from({ length: 5 }, (_, i) => ({
      ref: { orderId: `ord-${i}` },
      lines: [line(doc, 'Var_A', 2), line(doc, 'b'), line(gone, 'c')],
    }));
    const reserved = await Promise.all(orders.map((o) => t.stock.reserve(o.lines, o.ref)));
    expect(reserved.filter((o) => o.status === 'reserved')).toHaveLength(4);
    expect(await units(doc)).toEqual({ variants: { Var_A: 2, b: 0 }, total: 2 });
    const held = orders.filter((_, i) => reserved[i]!.status === 'reserved');
    const removed = (await t.products.get(gone.id))!;
    await t.products.delete(removed, [], removed._etag, NOW);
    const current = (await t.products.get(doc.id))!;
    await t.products.replace({ ...current, status: 'archived' }, [], current._etag, NOW);
    await Promise.all(held.map((o) => t.stock.release(o.lines, o.ref)));
    expect(await units(doc)).toEqual({ variants: { Var_A: 10, b: 4 }, total: 14 });
  });

  it('a product not active, or without the variant: insufficient with 0 available, nothing changed', async () => {
    const draft = product({ Var_A: 5 }, 'draft');
    const active = product({ Var_A: 5 });
    await t.add(draft);
    await t.add(active);
    const refused = (product_id: string, variant_id: string) => ({
      status: 'insufficient',
      product_id,
      variant_id,
      requested: 1,
      available: 0,
    });
    expect(await t.stock.reserve([line(draft, 'Var_A')], { orderId: 'o' })).toEqual(refused(draft.id, 'Var_A'));
    expect(await t.stock.reserve([line(active, 'var_a')], { orderId: 'o' })).toEqual(refused(active.id, 'var_a'));
    const missing = missingProductId();
    expect(await t.stock.reserve([{ ...line(active, 'Var_A'), product_id: missing }], { orderId: 'o' })).toEqual(
      refused(missing, 'Var_A'),
    );
    expect(await units(draft)).toEqual({ variants: { Var_A: 5 }, total: 5 });
    expect(await units(active)).toEqual({ variants: { Var_A: 5 }, total: 5 });
    expect([...inventoryOf(draft), ...inventoryOf(active)]).toEqual([]);
  });
});
