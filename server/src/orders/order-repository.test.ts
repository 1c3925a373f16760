/**
 * Order writes on Cosmos DB (the embedded stand-in, over HTTP): a taken id is a 409 under any
 * concurrency (the placement lock), a stale version a 412, and events reach the publisher once the
 * write is stored, or later through the relay when the publisher was down.
 */
import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@holiday-peak-hub/contract';
import { ConflictError, NotFoundError, PreconditionFailedError, type EventPublisher } from '@holiday-peak-hub/core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import { createCursorCodec } from '../platform/cosmos/cursor.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import { startOutboxRelay } from '../platform/events/outbox-relay.ts';
import { CosmosOrderNumbers } from './order-numbers.ts';
import { CosmosOrderRepository } from './order-repository.ts';
import { testEvent, testOrder } from './test-orders.ts';

const NOW = new Date('2026-11-15T12:00:00Z');
const logger = pino({ level: 'silent' });

/** Records what it was handed, with whether each event's order was stored at that moment. */
class RecordingPublisher implements EventPublisher {
  readonly published: { event: DomainEvent; stored: boolean }[] = [];
  down = false;
  readonly #isStored: (orderId: string) => Promise<boolean>;
  constructor(isStored: (orderId: string) => Promise<boolean>) {
    this.#isStored = isStored;
  }
  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (this.down) throw new Error('event transport down');
    for (const event of events) {
      const orderId = (event.data as { order_id: string }).order_id;
      this.published.push({ event, stored: await this.#isStored(orderId) });
    }
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  #of(orderId: string) {
    return this.published.filter(({ event }) => (event.data as { order_id: string }).order_id === orderId);
  }
  idsOf(orderId: string): string[] {
    return this.#of(orderId).map(({ event }) => event.event_id);
  }
  storedWhenPublished(orderId: string): boolean[] {
    return this.#of(orderId).map(({ stored }) => stored);
  }
}

let cosmos: CosmosConnection;
let orders: CosmosOrderRepository;
let publisher: RecordingPublisher;

beforeAll(async () => {
  cosmos = await connectTestCosmos(`orders-${randomUUID().slice(0, 8)}`);
  await ensureContainers(cosmos.database);
  const container = cosmos.database.container(CONTAINER.orders);
  publisher = new RecordingPublisher(async (id) => {
    const { resource } = await container.item(id, id).read<{ id: string }>();
    return resource !== undefined;
  });
  orders = new CosmosOrderRepository(container, { publisher, logger }, createCursorCodec(new Uint8Array(32)));
});
afterAll(() => cosmos.close());

describe('creating an order', () => {
  it('stores it with a version, and hands its events to the publisher after the write, once', async () => {
    const doc = testOrder(NOW);
    const events = [testEvent(doc.id, NOW), testEvent(doc.id, NOW, 'InventoryReserved')];
    const stored = await orders.create(doc, events, NOW);
    expect(stored._etag).toEqual(expect.any(String));
    expect(stored).not.toHaveProperty('pending_events');
    const read = await orders.get(doc.id);
    expect(read).toMatchObject({ ...doc, _etag: stored._etag });
    expect(read).not.toHaveProperty('pending_events');
    expect(publisher.idsOf(doc.id)).toEqual(events.map((e) => e.event_id));
    expect(publisher.storedWhenPublished(doc.id)).toEqual([true, true]);
  });

  it('20 concurrent creates of one id: exactly one stored, 19 conflicts naming the order, events of one only', async () => {
    const doc = testOrder(NOW);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        orders.create({ ...doc, cart_version: `v${i}` }, [testEvent(doc.id, NOW)], NOW),
      ),
    );
    const created = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const err of refused) {
      expect(err).toBeInstanceOf(ConflictError);
      expect((err as ConflictError).details).toEqual({ order_id: doc.id });
    }
    expect(publisher.idsOf(doc.id)).toHaveLength(1);
    expect((await orders.get(doc.id))?.cart_version).toBe(created[0]!.value.cart_version);
  });

  it('a placing order reads like any other (the service decides); a missing one is undefined', async () => {
    const doc = testOrder(NOW, { placement: 'placing' });
    await orders.create(doc, [], NOW);
    expect((await orders.get(doc.id))?.placement).toBe('placing');
    expect(await orders.get('ord_nosuchorder000000000')).toBeUndefined();
  });

  it("the year's number counter never reads as an order", async () => {
    await new CosmosOrderNumbers(cosmos.database.container(CONTAINER.orders)).next(2031);
    expect(await orders.get('counter.2031')).toBeUndefined();
  });
});

describe('replacing an order', () => {
  it('succeeds on the version read, with a new version and its events; a stale version is a 412', async () => {
    const first = await orders.create(testOrder(NOW), [], NOW);
    const later = new Date(NOW.getTime() + 1000);
    const paid = await orders.replace(
      { ...first, status: 'paid' },
      [testEvent(first.id, later, 'PaymentProcessed')],
      first._etag,
      later,
    );
    expect(paid._etag).not.toBe(first._etag);
    expect((await orders.get(first.id))?.status).toBe('paid');
    expect(publisher.idsOf(first.id)).toHaveLength(1);
    const stale = orders.replace({ ...first, status: 'cancelled' }, [testEvent(first.id, later)], first._etag, later);
    await expect(stale).rejects.toBeInstanceOf(PreconditionFailedError);
    expect((await orders.get(first.id))?.status).toBe('paid');
    expect(publisher.idsOf(first.id)).toHaveLength(1);
  });

  it('10 concurrent replaces of one version: exactly one applies', async () => {
    const stored = await orders.create(testOrder(NOW), [], NOW);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        orders.replace({ ...stored, user_agent: `agent-${i}` }, [testEvent(stored.id, NOW)], stored._etag, NOW),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof PreconditionFailedError)).toHaveLength(
      9,
    );
    expect((await orders.get(stored.id))?.user_agent).toBe(won[0]!.value.user_agent);
    expect(publisher.idsOf(stored.id)).toHaveLength(1);
  });
});

describe('deleting an order', () => {
  it('removes it on its version only: a stale version is a 412, a gone order a 404', async () => {
    const placing = await orders.create(testOrder(NOW, { placement: 'placing' }), [], NOW);
    const moved = await orders.replace({ ...placing, stock_state: 'released' }, [], placing._etag, NOW);
    await expect(orders.delete(placing, placing._etag)).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await orders.get(placing.id)).toBeDefined();
    await orders.delete(moved, moved._etag);
    expect(await orders.get(placing.id)).toBeUndefined();
    await expect(orders.delete(moved, moved._etag)).rejects.toBeInstanceOf(NotFoundError);
    // The id is free again: a new placement of the same cart version may take it.
    await expect(orders.create(testOrder(NOW, { id: placing.id }), [], NOW)).resolves.toMatchObject({ id: placing.id });
  });
});

describe('the outbox', () => {
  it('keeps the events of a write made while the publisher is down, and the relay publishes them', async () => {
    publisher.down = true;
    const doc = testOrder(NOW);
    const event = testEvent(doc.id, NOW);
    try {
      await orders.create(doc, [event], NOW);
    } finally {
      publisher.down = false;
    }
    const container = cosmos.database.container(CONTAINER.orders);
    const { resource } = await container.item(doc.id, doc.id).read<{ pending_events?: object }>();
    expect(Object.keys(resource?.pending_events ?? {})).toEqual([event.event_id]);
    expect(publisher.idsOf(doc.id)).toEqual([]);

    const relay = startOutboxRelay({
      sources: [{ container, partitionKeyField: 'order_id' }],
      publisher,
      logger,
      clock: () => new Date(NOW.getTime() + 60_000),
      intervalMs: 3_600_000,
      olderThanMs: 0,
    });
    try {
      expect(await relay.runOnce()).toBeGreaterThanOrEqual(1);
    } finally {
      await relay.stop();
    }
    expect(publisher.idsOf(doc.id)).toEqual([event.event_id]);
    expect(await orders.get(doc.id)).not.toHaveProperty('pending_events');
  });
});
