import type { DomainEvent, EventOf } from '@holiday-peak-hub/contract';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryCatalogCache } from '../platform/cache/memory-cache.ts';
import { randomToken } from '../platform/random.ts';
import { silentLogger } from '../ports/logger.ts';
import type { ProductDocument } from './documents.ts';
import { createMemoryCatalogRepositories, type MemoryCatalogRepositories } from './memory/memory-catalog.ts';
import { createCatalog } from './module.ts';
import type { ProductRepository } from './ports.ts';
import { productDocument } from './seed-documents.ts';
import {
  createStockReservations,
  mergeStockLines,
  type StockChange,
  type StockReservations,
} from './stock-reservations.ts';

/** Stock reservations on the in-memory products: the rules every adapter shares. */

const NOW = new Date('2026-11-15T12:00:00Z');
const [base] = demoCatalog({ products: 1, now: NOW }).products;

/** An active product (of the demo product's category) with these variants and units. */
function product(stock: Record<string, number>, status: ProductDocument['status'] = 'active'): ProductDocument {
  const token = randomToken();
  return productDocument({
    ...base!,
    id: `${base!.category_slug}.${token}`,
    slug: `stock-${token}`,
    sku: `STK-${token}`,
    status,
    variants: Object.entries(stock).map(([variant_id, units], i) => ({
      variant_id,
      sku: `STK-${token}-${i}`,
      attributes: {},
      price_adjustment: 0,
      stock: units,
    })),
  });
}

let repositories: MemoryCatalogRepositories;
let events: DomainEvent[];
let stock: StockReservations;
const ref = { orderId: 'ord-1', requestId: 'req-1' };

beforeEach(() => {
  events = [];
  const publisher = {
    publish: (e: readonly DomainEvent[]) => Promise.resolve(void events.push(...e)),
    close: () => Promise.resolve(),
  };
  repositories = createMemoryCatalogRepositories({ publisher, logger: silentLogger });
  stock = createStockReservations({
    products: repositories.products,
    clock: () => NOW,
    eventSource: 'test',
    logger: silentLogger,
  });
});

const add = (doc: ProductDocument) => repositories.products.upsert(doc);
const units = async (doc: ProductDocument) => {
  const stored = (await repositories.products.get(doc.id))!;
  return {
    variants: Object.fromEntries(stored.variants.map((v) => [v.variant_id, v.stock])),
    total: stored.total_stock,
  };
};
const inventoryEvents = () =>
  events.filter((e): e is EventOf<'InventoryUpdated'> => e.event_type === 'InventoryUpdated');

describe('mergeStockLines', () => {
  it('sums the quantities of one variant and orders by product id, then variant id', () => {
    const lines = mergeStockLines([
      { product_id: 'b.000000000000', variant_id: 'x', quantity: 1 },
      { product_id: 'a.000000000000', variant_id: 'y', quantity: 2 },
      { product_id: 'b.000000000000', variant_id: 'x', quantity: 3 },
      { product_id: 'a.000000000000', variant_id: 'X', quantity: 1 },
    ]);
    expect(lines.map((l) => [l.product_id, l.variant_id, l.quantity])).toEqual([
      ['a.000000000000', 'X', 1],
      ['a.000000000000', 'y', 2],
      ['b.000000000000', 'x', 4],
    ]);
  });

  it('refuses a quantity that is not a positive integer', () => {
    for (const quantity of [0, -1, 1.5, Number.NaN]) {
      expect(() => mergeStockLines([{ product_id: 'a.000000000000', variant_id: 'x', quantity }])).toThrow(RangeError);
    }
  });
});

describe('reserve and release (memory)', () => {
  it('takes the units, keeps total_stock, changes the version and publishes exact InventoryUpdated events', async () => {
    const doc = product({ Var_A: 10, var_b: 4 });
    const before = add(doc);
    expect(await stock.reserve([{ product_id: doc.id, variant_id: 'Var_A', quantity: 3 }], ref)).toEqual({
      status: 'reserved',
    });
    const after = (await repositories.products.get(doc.id))!;
    expect(await units(doc)).toEqual({ variants: { Var_A: 7, var_b: 4 }, total: 11 });
    expect(after._etag).not.toBe(before._etag);
    expect(after.updated_at).toBe(NOW.toISOString());
    expect(inventoryEvents().map((e) => e.data)).toEqual([
      expect.objectContaining({
        product_id: doc.id,
        variant_id: 'Var_A',
        previous_stock: 10,
        stock: 7,
        status: 'in_stock',
      }),
    ]);
    expect(inventoryEvents()[0]!.correlation_id).toBe('req-1');
  });

  it('sums two lines of one variant: 2 + 2 of 3 units is short by the sum, and changes nothing', async () => {
    const doc = product({ Var_A: 3 });
    add(doc);
    const line = { product_id: doc.id, variant_id: 'Var_A', quantity: 2 };
    expect(await stock.reserve([line, line], ref)).toEqual({
      status: 'insufficient',
      product_id: doc.id,
      variant_id: 'Var_A',
      requested: 4,
      available: 3,
    });
    expect(await units(doc)).toEqual({ variants: { Var_A: 3 }, total: 3 });
    expect(await stock.reserve([{ ...line, quantity: 1 }, line], ref)).toEqual({ status: 'reserved' });
    expect(await units(doc)).toEqual({ variants: { Var_A: 0 }, total: 0 });
  });

  it('all or nothing: a short variant gives back what the call took before it', async () => {
    // The product with units first in id order (ids are random: drawn again until they are).
    let [first, second] = [product({ a: 5 }), product({ b: 1 })];
    while (first.id > second.id) [first, second] = [product({ a: 5 }), product({ b: 1 })];
    add(first);
    add(second);
    const outcome = await stock.reserve(
      [
        { product_id: second.id, variant_id: 'b', quantity: 2 },
        { product_id: first.id, variant_id: 'a', quantity: 2 },
      ],
      ref,
    );
    expect(outcome).toMatchObject({ status: 'insufficient', product_id: second.id, requested: 2, available: 1 });
    expect(await units(first)).toEqual({ variants: { a: 5 }, total: 5 });
    expect(inventoryEvents().map((e) => [e.data.previous_stock, e.data.stock])).toEqual([
      [5, 3],
      [3, 5],
    ]);
  });

  it('touches variants in (product id, variant id) order whatever the order of the lines', async () => {
    const docs = [product({ z: 9, a: 9 }), product({ m: 9 })];
    docs.forEach(add);
    const touched: string[] = [];
    const products: Pick<ProductRepository, 'takeStock' | 'returnStock' | 'commitStock'> = {
      takeStock: (change: StockChange) => {
        touched.push(`${change.product_id}/${change.variant_id}`);
        return repositories.products.takeStock(change);
      },
      returnStock: (change) => repositories.products.returnStock(change),
      commitStock: (marker) => repositories.products.commitStock(marker),
    };
    const ordered = createStockReservations({ products, clock: () => NOW, eventSource: 'test', logger: silentLogger });
    const lines = docs.flatMap((d) =>
      d.variants.map((v) => ({ product_id: d.id, variant_id: v.variant_id, quantity: 1 })),
    );
    await ordered.reserve(lines.reverse(), ref);
    expect(touched).toEqual([...touched].sort());
    expect(touched).toHaveLength(3);
  });

  it('a product that is gone, not active, or lacks the variant: insufficient with 0 available', async () => {
    const draft = product({ a: 5 }, 'draft');
    const active = product({ a: 5 });
    add(draft);
    add(active);
    const short = (product_id: string, variant_id: string) =>
      stock.reserve([{ product_id, variant_id, quantity: 1 }], ref);
    expect(await short(draft.id, 'a')).toMatchObject({ status: 'insufficient', available: 0 });
    expect(await short(active.id, 'nope')).toMatchObject({ status: 'insufficient', available: 0 });
    expect(await short(`${base!.category_slug}.000000000000`, 'a')).toMatchObject({ available: 0 });
    expect(await short('not-an-id', 'a')).toMatchObject({ status: 'insufficient', available: 0 });
    expect(await units(draft)).toEqual({ variants: { a: 5 }, total: 5 });
    expect(events).toEqual([]);
  });

  it('release gives the units back (whatever the status since), and skips a deleted product', async () => {
    const doc = product({ a: 4, b: 2 });
    const gone = product({ c: 1 });
    add(doc);
    add(gone);
    const lines = [
      { product_id: doc.id, variant_id: 'a', quantity: 3 },
      { product_id: doc.id, variant_id: 'b', quantity: 2 },
      { product_id: gone.id, variant_id: 'c', quantity: 1 },
    ];
    expect(await stock.reserve(lines, ref)).toEqual({ status: 'reserved' });
    expect(await units(doc)).toEqual({ variants: { a: 1, b: 0 }, total: 1 });
    const archived = (await repositories.products.get(doc.id))!;
    await repositories.products.replace({ ...archived, status: 'archived' }, [], archived._etag, NOW);
    const stored = (await repositories.products.get(gone.id))!;
    await repositories.products.delete(stored, [], stored._etag, NOW);
    await stock.release(lines, ref);
    expect(await units(doc)).toEqual({ variants: { a: 4, b: 2 }, total: 6 });
    expect(
      inventoryEvents()
        .slice(-2)
        .map((e) => [e.data.variant_id, e.data.previous_stock, e.data.stock]),
    ).toEqual([
      ['a', 1, 4],
      ['b', 0, 2],
    ]);
  });

  it('a storage failure in the middle gives back what was taken, then throws', async () => {
    const [first, second] = [product({ v: 5 }), product({ v: 5 })].sort((x, y) => (x.id < y.id ? -1 : 1));
    add(first!);
    add(second!);
    const products: Pick<ProductRepository, 'takeStock' | 'returnStock' | 'commitStock'> = {
      takeStock: (change) =>
        change.product_id === second!.id
          ? Promise.reject(new Error('storage down'))
          : repositories.products.takeStock(change),
      returnStock: (change) => repositories.products.returnStock(change),
      commitStock: (marker) => repositories.products.commitStock(marker),
    };
    const failing = createStockReservations({ products, clock: () => NOW, eventSource: 'test', logger: silentLogger });
    const lines = [first!, second!].map((d) => ({
      product_id: d.id,
      variant_id: d.variants[0]!.variant_id,
      quantity: 2,
    }));
    await expect(failing.reserve(lines, ref)).rejects.toThrow('storage down');
    expect(await units(first!)).toEqual({ variants: { v: 5 }, total: 5 });
  });

  it('clears the catalog caches: the catalog module reserves through its cache-invalidating publisher', async () => {
    const cache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 300 });
    let cleared = 0;
    const spy = Object.assign(cache, { invalidateAll: () => Promise.resolve(void (cleared += 1)) });
    const doc = product({ a: 5 });
    const catalog = createCatalog({
      repositories: (publisher) => createMemoryCatalogRepositories({ publisher, logger: silentLogger }),
      events: { publish: () => Promise.resolve(), close: () => Promise.resolve() },
      cache: spy,
      categoryTreeCache: new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 300 }),
      clock: () => NOW,
      logger: silentLogger,
      eventSource: 'test',
    });
    catalog.repositories.products.upsert(doc);
    expect(await catalog.stock.reserve([{ product_id: doc.id, variant_id: 'a', quantity: 1 }], ref)).toEqual({
      status: 'reserved',
    });
    expect(cleared).toBe(1);
  });

  it('100 concurrent orders of 1 unit of a variant with 10: exactly 10 reserved, never below zero', async () => {
    const doc = product({ Var_A: 10, b: 3 });
    add(doc);
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        stock.reserve([{ product_id: doc.id, variant_id: 'Var_A', quantity: 1 }], { orderId: `ord-${i}` }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'reserved')).toHaveLength(10);
    expect(outcomes.filter((o) => o.status === 'insufficient' && o.available === 0)).toHaveLength(90);
    expect(await units(doc)).toEqual({ variants: { Var_A: 0, b: 3 }, total: 3 });
    expect(
      inventoryEvents()
        .map((e) => e.data.stock)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
