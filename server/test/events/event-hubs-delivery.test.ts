/**
 * Domain events through the real `@azure/event-hubs` client, against the local AMQP stand-in, with
 * consumers checkpointing in Azurite: what a write publishes, the audit trail written from the
 * events, the read caches of two replicas kept coherent, a poison event dead-lettered.
 */
import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@holiday-peak-hub/contract';
import { auditTrailConsumer, createEvent, type EventConsumer } from '@holiday-peak-hub/core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CosmosAuditLog } from '../../src/identity/audit-log.ts';
import { toEventData } from '../../src/platform/events/event-hubs-publisher.ts';
import { runEventHubsConsumer } from '../../src/platform/events/event-hubs-consumer.ts';
import { api } from '../support/identity-client.ts';
import {
  eventually,
  MemoryDeadLetters,
  QUICK_EVENTS,
  startEventHubsTestBed,
  type EventHubsTestBed,
} from '../support/event-hubs-test-bed.ts';
import { startBareServer, startTestServer, type BareServer, type TestServer } from '../support/test-server.ts';

const silent = pino({ level: 'silent' });
let bed: EventHubsTestBed;
let server: TestServer;

beforeAll(async () => {
  bed = await startEventHubsTestBed();
  server = await startTestServer({ env: bed.env(), compose: { events: QUICK_EVENTS } });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await bed?.close();
}, 90_000);

interface Product {
  id: string;
  variants: { variant_id: string; sku: string }[];
}

async function someProduct(offset = 0): Promise<Product> {
  const page = await api<{ items: { id: string }[] }>(server, 'GET', `/api/products?limit=${offset + 1}`);
  const { id } = page.body.items[offset]!;
  return (await api<Product>(server, 'GET', `/api/products/${id}`)).body;
}

const setStock = (target: { baseUrl: string }, product: Product, stock: number) =>
  api(
    target as TestServer,
    'PUT',
    `/api/staff/products/${product.id}/variants/${product.variants[0]!.variant_id}/stock`,
    {
      token: server.tokens.staff,
      body: { stock },
    },
  );

describe('publishing', () => {
  it('sends a write’s events to the hub of their family, partitioned by aggregate, with the envelope as body', async () => {
    const product = await someProduct();
    for (const stock of [11, 12, 13]) expect((await setStock(server, product, stock)).status).toBe(200);
    const ofProduct = () =>
      bed.hub
        .events('product-events')
        .filter((e) => (e.body as { data: { product_id?: string } }).data.product_id === product.id);
    const mine = (await eventually(() => (ofProduct().length >= 3 ? ofProduct() : undefined), 30_000)).slice(-3);
    // One aggregate, one partition, in write order.
    expect(new Set(mine.map((e) => e.partitionId)).size).toBe(1);
    expect(mine.map((e) => (e.body as { data: { stock: number } }).data.stock)).toEqual([11, 12, 13]);
    for (const stored of mine) {
      const event = stored.body as DomainEvent;
      expect(event.event_type).toBe('InventoryUpdated');
      expect(stored.messageId).toBe(event.event_id);
      expect(stored.partitionKey).toBe(product.id);
      expect(stored.properties).toMatchObject({ event_type: 'InventoryUpdated', event_version: '1.0' });
    }
    // Nothing of it went to the other hub.
    expect(bed.hub.events('user-events').some((e) => (e.body as DomainEvent).event_type === 'InventoryUpdated')).toBe(
      false,
    );
  }, 60_000);
});

describe('the audit trail, written from events', () => {
  it('records each admin action once, from its event, with who, from where and under which request', async () => {
    const email = `audited-${randomUUID().slice(0, 8)}@example.com`;
    const created = await api<{ id: string }>(server, 'POST', '/api/admin/users', {
      token: server.tokens.admin,
      body: { email, name: 'Audited Person', role: 'staff' },
      headers: { 'user-agent': 'audit-test/1.0' },
    });
    expect(created.status).toBe(201);
    const role = await api(server, 'PUT', `/api/admin/users/${created.body.id}/role`, {
      token: server.tokens.admin,
      body: { role: 'customer' },
    });
    expect(role.status).toBe(200);
    const audit = server.composed.cosmos.database.container('audit_logs');
    const entries = await eventually(async () => {
      const { resources } = await audit.items
        .query<{ action: string; actor_type: string; changes: unknown; metadata: { user_agent: string | null } }>({
          query: 'SELECT * FROM c WHERE c.entity_id = @id',
          parameters: [{ name: '@id', value: created.body.id }],
        })
        .fetchAll();
      return resources.length >= 2 ? resources : undefined;
      // Generous: on a loaded CI machine the server's consumers may take seconds to attach and read.
    }, 60_000);
    expect(entries.map((e) => e.action).sort()).toEqual(['role_changed', 'user_created']);
    const created_ = entries.find((e) => e.action === 'user_created')!;
    expect(created_).toMatchObject({ actor_type: 'admin', metadata: { user_agent: 'audit-test/1.0' } });
    expect(entries.find((e) => e.action === 'role_changed')!.changes).toEqual({
      role: { before: 'staff', after: 'customer' },
    });
    // A redelivery (every event of the hub read again: the group with no checkpoints) adds nothing.
    const deadLetters = new MemoryDeadLetters();
    const connection = bed.connection();
    const replay = runEventHubsConsumer({
      consumer: auditTrailConsumer(new CosmosAuditLog(audit, silent)),
      connection,
      checkpointStore: await connection.checkpointStore(),
      deadLetters,
      logger: silent,
      ...QUICK_EVENTS.consumerTuning,
    });
    try {
      await eventually(() => (replay.counts['already-applied'] >= 2 ? true : undefined), 60_000);
      expect(replay.counts.applied).toBe(0);
    } finally {
      await replay.close();
    }
    const { resources: after } = await audit.items
      .query({
        query: 'SELECT * FROM c WHERE c.entity_id = @id',
        parameters: [{ name: '@id', value: created.body.id }],
      })
      .fetchAll();
    expect(after).toHaveLength(2);
    expect(deadLetters.letters).toEqual([]);
  }, 150_000);
});

describe('read caches of several replicas', () => {
  let replica: BareServer;

  beforeAll(async () => {
    // A second API process on the same database and hub (as a second pod would be).
    const { endpoint } = server.composed.cosmos.embedded!;
    replica = await startBareServer({
      env: {
        ...bed.env(),
        COSMOS_ENDPOINT: endpoint,
        COSMOS_KEY: Buffer.from('replica').toString('base64'),
        COSMOS_DATABASE: server.composed.cosmos.database.id,
      },
      compose: { events: QUICK_EVENTS },
    });
  }, 60_000);

  afterAll(async () => {
    await replica?.close();
  }, 90_000);

  it("clears a replica's cached reads when another replica writes", async () => {
    const product = await someProduct(1);
    const inventory = `/api/products/${product.id}/inventory`;
    const read = async () =>
      (await api<{ variants: { stock: number }[] }>(replica as TestServer, 'GET', inventory)).body.variants[0]!.stock;
    await setStock(server, product, 40);
    await eventually(async () => ((await read()) === 40 ? true : undefined), 30_000);
    // Cached on the replica now; the write goes to the other one.
    expect(await read()).toBe(40);
    expect((await setStock(server, product, 41)).status).toBe(200);
    // Generous waits: on a loaded CI machine the replica's consumer may take seconds to attach and read.
    expect(await eventually(async () => ((await read()) === 41 ? 41 : undefined), 30_000)).toBe(41);
    const cacheConsumer = replica.composed.consumers.find((c) => c.name === 'catalog-cache')!;
    await eventually(() => (cacheConsumer.counts.applied > 0 ? true : undefined), 30_000);
  }, 90_000);
});

describe('a consumer facing an event it cannot apply', () => {
  it('dead-letters a poison event with the reason and goes on with the partition', async () => {
    const connection = bed.connection();
    const deadLetters = new MemoryDeadLetters();
    const applied: string[] = [];
    const consumer: EventConsumer = {
      name: `poison-${randomUUID().slice(0, 6)}`,
      delivery: 'every-replica',
      handlers: {
        InventoryUpdated: (event) => {
          if (event.data.stock === 666) return Promise.reject(new Error('the number of the beast'));
          applied.push(event.event_id);
          return Promise.resolve('applied');
        },
      },
    };
    const running = runEventHubsConsumer({
      consumer,
      connection,
      deadLetters,
      logger: silent,
      ...QUICK_EVENTS.consumerTuning,
    });
    try {
      const key = 'toys.poison000000';
      const inventory = (stock: number) =>
        createEvent(
          'InventoryUpdated',
          {
            product_id: key,
            category_slug: 'toys',
            sku: 'P-1',
            variant_id: 'var_1',
            previous_stock: 0,
            stock,
            status: 'in_stock',
          },
          { source: 'test', correlationId: 'req-poison', now: new Date() },
        );
      const failing = inventory(666);
      const good = inventory(5);
      const producer = connection.producer('product-events');
      const batch = await producer.createBatch({ partitionKey: key });
      batch.tryAdd({ body: { event_type: 'InventoryUpdated', data: 'not an event' }, messageId: 'garbage' });
      batch.tryAdd(toEventData(failing));
      batch.tryAdd(toEventData(good));
      await producer.sendBatch(batch);
      await producer.close();
      await eventually(() => (applied.includes(good.event_id) ? true : undefined), 60_000);
      expect(deadLetters.letters.map((l) => [l.event_id, l.reason.split(':')[0]])).toEqual([
        [null, 'invalid InventoryUpdated'],
        [failing.event_id, 'failed 3 times'],
      ]);
      expect(deadLetters.letters[1]).toMatchObject({
        event_type: 'InventoryUpdated',
        attempts: 3,
        hub: 'product-events',
      });
      expect(running.counts['dead-lettered']).toBe(2);
      // Nothing left behind on the partitions it read: its lag (the figure logged per partition) is 0.
      const lags = await running.lag();
      expect(lags.length).toBeGreaterThan(0);
      expect(lags.filter((l) => l.lag !== 0)).toEqual([]);
    } finally {
      await running.close();
    }
  }, 90_000);
});

// Last in the file: stopping the hub cuts every link of the server's consumers, and a partition
// whose link was being attached at that moment is only read again after the client's
// load-balancing loop runs again, which waits up to 30 s (the SDK's default retry delay for its
// management calls, not configurable) after a failed call. No test may depend on that recovery.
describe('the hub away', () => {
  it('is reported in /readyz without making the instance unready, and again as reachable when it is back', async () => {
    type Ready = { checks: Record<string, { ok: boolean; required: boolean }> };
    const up = await api<Ready>(server, 'GET', '/readyz');
    expect(up.status).toBe(200);
    expect(up.body.checks['event-hubs']).toMatchObject({ ok: true, required: false });
    await bed.hub.stop();
    try {
      const down = await api<Ready>(server, 'GET', '/readyz');
      expect(down.status).toBe(200);
      expect(down.body.checks['event-hubs']).toMatchObject({ ok: false, required: false });
    } finally {
      await bed.hub.start();
    }
    // Generous: on a loaded CI machine the producers' reconnection may take seconds.
    await eventually(async () => {
      const back = await api<Ready>(server, 'GET', '/readyz');
      return back.body.checks['event-hubs']?.ok ? true : undefined;
    }, 60_000);
  }, 90_000);
});
