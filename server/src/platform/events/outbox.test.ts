import type { Container } from '@azure/cosmos';
import type { DomainEvent } from '@holiday-peak-hub/contract';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../cosmos/connect.ts';
import { connectTestCosmos } from '../cosmos/test-cosmos.ts';
import { createEvent, type EventPublisher } from '@holiday-peak-hub/core';
import { createWithOutbox, deleteWithOutbox, replaceWithOutbox, type OutboxFields } from './outbox.ts';
import { startOutboxRelay } from './outbox-relay.ts';

const logger = pino({ level: 'silent' });
let cosmos: CosmosConnection;
let container: Container;

/** A publisher that records what it delivers and can be switched off. */
function recordingPublisher() {
  const delivered: DomainEvent[] = [];
  let down = false;
  const publisher: EventPublisher = {
    publish: (events) => {
      if (down) return Promise.reject(new Error('event hub unreachable'));
      delivered.push(...events);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
  return { publisher, delivered, setDown: (value: boolean) => (down = value) };
}

type Doc = OutboxFields & { id: string; category_slug: string; name: string };

const at = (iso: string) => new Date(iso);
const event = (id: string, now: Date) =>
  createEvent(
    'ProductDeleted',
    { product_id: id, category_slug: 'outbox', sku: 'SKU-1' },
    { source: 'test', correlationId: 'req-1', now },
  );

beforeAll(async () => {
  cosmos = await connectTestCosmos('outbox-test');
  ({ container } = await cosmos.database.containers.createIfNotExists({
    id: 'docs',
    partitionKey: { paths: ['/category_slug'] },
  }));
});
afterAll(async () => {
  await cosmos.close();
});

describe('createEvent', () => {
  it('builds the envelope of the design document', () => {
    const e = event('outbox.aaaaaaaaaaaa', at('2026-11-01T10:00:00Z'));
    expect(e).toMatchObject({
      event_type: 'ProductDeleted',
      event_version: '1.0',
      timestamp: '2026-11-01T10:00:00.000Z',
      source: 'test',
      correlation_id: 'req-1',
      causation_id: null,
    });
    expect(e.event_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses data that breaks the event schema', () => {
    expect(() =>
      createEvent('ProductDeleted', { product_id: 'not an id' } as never, {
        source: 's',
        correlationId: 'c',
        now: new Date(),
      }),
    ).toThrow();
  });
});

describe('outbox', () => {
  it("publishes a write's events and clears them from the document", async () => {
    const { publisher, delivered } = recordingPublisher();
    const now = at('2026-11-01T10:00:00Z');
    const e = event('outbox.cccccccccccc', now);
    const doc: Doc = { id: 'outbox.cccccccccccc', category_slug: 'outbox', name: 'A' };
    const written = await createWithOutbox({ publisher, logger }, container, 'outbox', doc, [e], now);
    expect(delivered.map((d) => d.event_id)).toEqual([e.event_id]);
    expect(written.pending_events).toBeUndefined();
    const { resource, etag } = await container.item(doc.id, 'outbox').read<Doc>();
    expect(resource?.pending_events).toBeUndefined();
    expect(resource?.pending_since).toBeUndefined();
    expect(written._etag).toBe(etag);
  });

  it('keeps the write when the publisher fails, and the relay publishes the event later', async () => {
    const { publisher, delivered, setDown } = recordingPublisher();
    setDown(true);
    const now = at('2026-11-01T10:00:00Z');
    const e = event('outbox.dddddddddddd', now);
    const doc: Doc = { id: 'outbox.dddddddddddd', category_slug: 'outbox', name: 'B' };
    const written = await createWithOutbox({ publisher, logger }, container, 'outbox', doc, [e], now);
    expect(written.name).toBe('B');
    expect(delivered).toEqual([]);
    const { resource } = await container.item(doc.id, 'outbox').read<Doc>();
    expect(Object.keys(resource?.pending_events ?? {})).toEqual([e.event_id]);

    let clock = at('2026-11-01T10:00:05Z');
    setDown(false);
    const relay = startOutboxRelay({
      sources: [{ container, partitionKeyField: 'category_slug' }],
      publisher,
      logger,
      clock: () => clock,
      intervalMs: 60_000,
      olderThanMs: 10_000,
    });
    try {
      expect(await relay.runOnce()).toBe(0); // too young: may belong to a write in flight
      expect(delivered).toEqual([]);
      clock = at('2026-11-01T10:00:30Z');
      expect(await relay.runOnce()).toBe(1);
      expect(delivered.map((d) => d.event_id)).toEqual([e.event_id]);
      expect(await relay.runOnce()).toBe(0);
      expect(delivered).toHaveLength(1);
      const after = await container.item(doc.id, 'outbox').read<Doc>();
      expect(after.resource?.pending_events).toBeUndefined();
    } finally {
      await relay.stop();
    }
  });

  it('keeps events still pending from an earlier write when the document is written again', async () => {
    const { publisher, delivered, setDown } = recordingPublisher();
    const now = at('2026-11-01T11:00:00Z');
    setDown(true);
    const first = event('outbox.eeeeeeeeeeee', now);
    const written = await createWithOutbox(
      { publisher, logger },
      container,
      'outbox',
      { id: 'outbox.eeeeeeeeeeee', category_slug: 'outbox', name: 'C' },
      [first],
      now,
    );
    setDown(false);
    const second = event('outbox.eeeeeeeeeeee', at('2026-11-01T11:00:01Z'));
    const replaced = await replaceWithOutbox<Doc>(
      { publisher, logger },
      container,
      'outbox',
      { ...written, name: 'C2' },
      [second],
      written._etag,
      now,
    );
    expect(replaced.name).toBe('C2');
    expect(delivered.map((d) => d.event_id)).toEqual([first.event_id, second.event_id]);
    expect(replaced.pending_events).toBeUndefined();
  });

  it('rejects a replace on a stale etag with 412 and publishes nothing', async () => {
    const { publisher, delivered } = recordingPublisher();
    const now = at('2026-11-01T12:00:00Z');
    const doc = await createWithOutbox(
      { publisher, logger },
      container,
      'outbox',
      { id: 'outbox.ffffffffffff', category_slug: 'outbox', name: 'D' },
      [],
      now,
    );
    await container.item(doc.id, 'outbox').replace({ ...doc, name: 'changed by someone else' });
    await expect(
      replaceWithOutbox(
        { publisher, logger },
        container,
        'outbox',
        { ...doc, name: 'mine' },
        [event(doc.id, now)],
        doc._etag,
        now,
      ),
    ).rejects.toMatchObject({ code: 412 });
    expect(delivered).toEqual([]);
  });

  it('deletes through a tombstone: with the publisher down the tombstone stays, the relay finishes the delete', async () => {
    const { publisher, delivered, setDown } = recordingPublisher();
    const now = at('2026-11-01T13:00:00Z');
    const doc = await createWithOutbox(
      { publisher, logger },
      container,
      'outbox',
      { id: 'outbox.gggggggggggg', category_slug: 'outbox', name: 'E' },
      [],
      now,
    );
    setDown(true);
    const e = event(doc.id, now);
    await deleteWithOutbox({ publisher, logger }, container, 'outbox', doc, [e], doc._etag, now);
    const tombstone = await container.item(doc.id, 'outbox').read<Doc>();
    expect(tombstone.resource?.deleted_at).toBe(now.toISOString());

    setDown(false);
    const relay = startOutboxRelay({
      sources: [{ container, partitionKeyField: 'category_slug' }],
      publisher,
      logger,
      clock: () => at('2026-11-01T14:00:00Z'),
      intervalMs: 60_000,
    });
    await relay.runOnce();
    await relay.stop();
    expect(delivered.map((d) => d.event_id)).toContain(e.event_id);
    const gone = await container.item(doc.id, 'outbox').read<Doc>();
    expect(gone.statusCode).toBe(404);
  });
});
