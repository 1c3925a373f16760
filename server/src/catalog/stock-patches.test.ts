/**
 * The Cosmos DB side of stock changes: one conditional patch carrying its event in the product's
 * outbox, published and removed after the write, left for the relay when the publish fails; and
 * the literals of the patch conditions, which the stand-in lower-cases.
 */
import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventOf } from '@holiday-peak-hub/contract';
import {
  createStockReservations,
  silentLogger,
  type EventPublisher,
  type ProductDocument,
} from '@holiday-peak-hub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import { createCursorCodec } from '../platform/cosmos/cursor.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import type { OutboxFields } from '../platform/events/outbox.ts';
import { startOutboxRelay } from '../platform/events/outbox-relay.ts';
import { CosmosProductRepository } from './product-repository.ts';
import { sqlString } from './stock-patches.ts';
import {
  recordingPublisher as recording,
  stockLine as line,
  stockProduct as product,
  STOCK_TEST_NOW as NOW,
} from './stock-test-products.ts';

let cosmos: CosmosConnection;
beforeAll(async () => {
  cosmos = await connectTestCosmos(`stock-patches-${randomUUID().slice(0, 8)}`);
  await ensureContainers(cosmos.database);
});
afterAll(() => cosmos.close());

const container = () => cosmos.database.container(CONTAINER.products);

/** The product as stored, its outbox fields included. */
async function stored(doc: ProductDocument) {
  const { resource } = await container().item(doc.id, doc.category_slug).read<ProductDocument & OutboxFields>();
  return resource!;
}

/** Stock reservations on the Cosmos DB products, publishing to `publisher`. */
function reservations(publisher: EventPublisher) {
  const products = new CosmosProductRepository(
    container(),
    { publisher, logger: silentLogger as never },
    createCursorCodec(new Uint8Array(32)),
  );
  return createStockReservations({ products, clock: () => NOW, eventSource: 'test', logger: silentLogger });
}

describe('sqlString', () => {
  it('escapes every character but lower-case letters, digits, _ . -', () => {
    expect(sqlString('var_a-1.b')).toBe("'var_a-1.b'");
    expect(sqlString("Var_A'; x")).toBe("'\\u0056ar_\\u0041\\u0027\\u003b\\u0020x'");
  });

  it('matches the stored value on the stand-in, where a plain literal with capitals does not', async () => {
    const doc = product({ Var_A: 1 });
    await container().items.create(doc);
    const patch = (literal: string) =>
      container()
        .item(doc.id, doc.category_slug)
        .patch({
          condition: `from c where c.variants[0].variant_id = ${literal}`,
          operations: [{ op: 'incr', path: '/total_stock', value: 0 }],
        })
        .then(
          () => 'applied',
          (err: { code?: number }) => err.code,
        );
    expect(await patch("'Var_A'")).toBe(412);
    expect(await patch(sqlString('Var_A'))).toBe('applied');
    expect(await patch(sqlString('var_a'))).toBe(412);
  });
});

describe('stock changes in the outbox (Cosmos DB)', () => {
  it('a failed publish leaves the event in the product document; the relay publishes it later', async () => {
    const published: DomainEvent[] = [];
    let down = true;
    const publisher = {
      publish: (batch: readonly DomainEvent[]) =>
        down ? Promise.reject(new Error('hub down')) : Promise.resolve(void published.push(...batch)),
      close: () => Promise.resolve(),
    };
    const stock = reservations(publisher);
    const doc = product({ Var_A: 3 });
    await container().items.create(doc);
    expect(await stock.reserve([line(doc, 'Var_A', 2)], { orderId: 'ord-1' })).toEqual({ status: 'reserved' });
    const written = await stored(doc);
    const pending = Object.values(written.pending_events ?? {}) as EventOf<'InventoryUpdated'>[];
    expect(pending.map((e) => [e.event_type, e.data.previous_stock, e.data.stock])).toEqual([
      ['InventoryUpdated', 3, 1],
    ]);
    expect(written.pending_since).toBe(NOW.toISOString());
    down = false;
    const relay = startOutboxRelay({
      sources: [{ container: container(), partitionKeyField: 'category_slug' }],
      publisher,
      logger: silentLogger as never,
      clock: () => new Date(),
      olderThanMs: 0,
    });
    await relay.runOnce();
    await relay.stop();
    expect(published.filter((e) => e.event_id === pending[0]!.event_id)).toHaveLength(1);
    const after = await stored(doc);
    expect(after.pending_events).toBeUndefined();
    expect(after.pending_since).toBeUndefined();
  });

  it('a published stock change leaves no pending event behind, even under 30 concurrent ones', async () => {
    const events: DomainEvent[] = [];
    const stock = reservations(recording(events));
    const doc = product({ Var_A: 30 });
    await container().items.create(doc);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => stock.reserve([line(doc, 'Var_A')], { orderId: `ord-${i}` })),
    );
    const after = await stored(doc);
    expect(Object.keys(after.pending_events ?? {})).toEqual([]);
    expect(after.pending_since).toBeUndefined();
    expect(events).toHaveLength(30);
  });
});
