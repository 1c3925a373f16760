/**
 * Event Hubs faults, with the real client: the hub away during 1,000 writes, a consumer process
 * killed mid-batch. Side effects are counted, not deliveries: delivery is at least once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createEvent, type EventConsumer } from '@holiday-peak-hub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEventHubsConsumer } from '../../src/platform/events/event-hubs-consumer.ts';
import { toEventData } from '../../src/platform/events/event-hubs-publisher.ts';
import { api } from '../support/identity-client.ts';
import {
  eventually,
  MemoryDeadLetters,
  QUICK_EVENTS,
  startEventHubsTestBed,
  type EventHubsTestBed,
} from '../support/event-hubs-test-bed.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { pino } from 'pino';

const silent = pino({ level: 'silent' });
let bed: EventHubsTestBed;

beforeAll(async () => {
  bed = await startEventHubsTestBed();
}, 60_000);

afterAll(async () => {
  await bed?.close();
}, 90_000);

async function countAudit(server: TestServer, where = 'true', parameters: { name: string; value: string }[] = []) {
  const { resources } = await server.composed.cosmos.database
    .container('audit_logs')
    .items.query<number>({ query: `SELECT VALUE COUNT(1) FROM c WHERE ${where}`, parameters })
    .fetchAll();
  return resources[0] ?? 0;
}

describe('the hub unreachable during 1,000 catalog writes', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: bed.env(), compose: { events: QUICK_EVENTS } });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  }, 90_000);

  it('lets every write succeed, then delivers every event once the hub is back; each consumer applies each once', async () => {
    const page = await api<{ items: { id: string }[] }>(server, 'GET', '/api/products?limit=20');
    const products = await Promise.all(
      page.body.items.map(
        async ({ id }) =>
          (
            await api<{ id: string; variants: { variant_id: string; stock: number }[] }>(
              server,
              'GET',
              `/api/products/${id}`,
            )
          ).body,
      ),
    );
    expect(products).toHaveLength(20);
    const ours = new Set(products.map((p) => p.id));

    // A projection of our own on the product hub: its side effect is one entry per event id.
    const projection = new Map<string, number>();
    let sideEffects = 0;
    const consumer: EventConsumer = {
      name: `projection-${randomUUID().slice(0, 6)}`,
      delivery: 'shared',
      handlers: {
        InventoryUpdated: (event) => {
          if (!ours.has(event.data.product_id)) return Promise.resolve('ignored');
          if (projection.has(event.event_id)) return Promise.resolve('already-applied');
          projection.set(event.event_id, event.data.stock);
          sideEffects += 1;
          return Promise.resolve('applied');
        },
      },
    };
    const connection = bed.connection();
    const deadLetters = new MemoryDeadLetters();
    const running = runEventHubsConsumer({
      consumer,
      connection,
      checkpointStore: await connection.checkpointStore(),
      deadLetters,
      logger: silent,
      ...QUICK_EVENTS.consumerTuning,
    });
    // One write per product before the outage, each applied: the consumer reads every partition of
    // our products. The outage must not start while a link is still being attached: the client
    // neither fails such an attach when the connection drops (it waits out its 60 s operation
    // timeout) nor restarts a partition whose attach failed before its load-balancing loop runs
    // again, and that loop sleeps 30 s after a failed call (the SDK's default, not configurable).
    // Links already up are re-attached within about 2 s of the hub's return (RECEIVE_RETRY).
    const before = await Promise.all(
      products.map((product) =>
        api(server, 'PUT', `/api/staff/products/${product.id}/variants/${product.variants[0]!.variant_id}/stock`, {
          token: server.tokens.staff,
          // A change (setting the stock a variant has already publishes nothing).
          body: { stock: product.variants[0]!.stock === 1 ? 2 : 1 },
        }),
      ),
    );
    expect(before.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    await eventually(() => (projection.size === 20 ? true : undefined), 60_000);
    // The same for the server's audit consumer: an admin action before the outage, its entry written.
    const early = await api<{ id: string }>(server, 'POST', '/api/admin/users', {
      token: server.tokens.admin,
      body: { email: `before-${randomUUID().slice(0, 8)}@example.com`, name: 'Before Outage', role: 'staff' },
    });
    expect(early.status).toBe(201);
    const ofEarly = [{ name: '@id', value: early.body.id }];
    await eventually(
      async () => ((await countAudit(server, 'c.entity_id = @id', ofEarly)) === 1 ? true : undefined),
      60_000,
    );
    const auditBefore = await countAudit(server);

    await bed.hub.stop();
    const outageStarted = Date.now();
    const onHubBefore = bed.hub.events('product-events').length;
    try {
      // 20 products × 50 stock changes (each one an InventoryUpdated), the products in parallel.
      const statuses = await Promise.all(
        products.map(async (product, index) => {
          const seen: number[] = [];
          for (let i = 1; i <= 50; i += 1) {
            const reply = await api(
              server,
              'PUT',
              `/api/staff/products/${product.id}/variants/${product.variants[0]!.variant_id}/stock`,
              { token: server.tokens.staff, body: { stock: 1_000 + index * 100 + i } },
            );
            seen.push(reply.status);
          }
          return seen;
        }),
      );
      expect(statuses.flat().filter((s) => s !== 200)).toEqual([]);
      // And admin actions, whose audit entries come from their events.
      const staff = await api<{ id: string }>(server, 'POST', '/api/admin/users', {
        token: server.tokens.admin,
        body: { email: `outage-${randomUUID().slice(0, 8)}@example.com`, name: 'During Outage', role: 'staff' },
      });
      expect(staff.status).toBe(201);
      expect(bed.hub.events('product-events')).toHaveLength(onHubBefore);
    } finally {
      await bed.hub.start();
    }
    const back = Date.now();
    await eventually(() => (bed.hub.events('product-events').length >= onHubBefore + 1_000 ? true : undefined), 60_000);
    const published = Date.now();
    // Normally within seconds; generous for a loaded CI machine.
    await eventually(() => (projection.size >= 1_020 ? true : undefined), 150_000);
    process.stdout.write(
      `1,000 writes with the hub down took ${back - outageStarted} ms; all their events were published ${published - back} ms and applied ${Date.now() - back} ms after it came back\n`,
    );
    const ourEvents = () =>
      bed.hub
        .events('product-events')
        .filter((e) => ours.has((e.body as { data: { product_id?: string } }).data.product_id ?? ''));
    // The 1,000 of the outage and the 20 before it: each on the hub, each applied once.
    expect(new Set(ourEvents().map((e) => e.messageId)).size).toBe(1_020);
    expect(projection.size).toBe(1_020);
    expect(sideEffects).toBe(1_020);
    // The last stock written to each product is the last one its partition delivered (order per aggregate).
    for (const [index, product] of products.entries()) {
      const last = ourEvents()
        .filter((e) => (e.body as { data: { product_id: string } }).data.product_id === product.id)
        .at(-1);
      expect((last?.body as { data: { stock: number } }).data.stock).toBe(1_000 + index * 100 + 50);
    }
    // The audit consumer applied the outage's admin action once.
    await eventually(async () => ((await countAudit(server)) === auditBefore + 1 ? true : undefined), 60_000);
    // Nothing is left in the outbox.
    const { resources: pending } = await server.composed.cosmos.database
      .container('products')
      .items.query<number>('SELECT VALUE COUNT(1) FROM c WHERE IS_DEFINED(c.pending_events)')
      .fetchAll();
    expect(pending[0]).toBe(0);
    expect(deadLetters.letters).toEqual([]);
    await running.close();
  }, 300_000);
});

describe('a consumer process killed mid-batch', () => {
  let server: TestServer;
  const env = () => bed.env();
  let consumerEnv: Record<string, string>;

  beforeAll(async () => {
    const events = env();
    // The API leaves the shared consumers to `npm run consumers`.
    server = await startTestServer({ env: { ...events, EVENT_CONSUMERS: 'false' }, compose: { events: QUICK_EVENTS } });
    consumerEnv = {
      ...events,
      COSMOS_ENDPOINT: server.composed.cosmos.embedded!.endpoint,
      COSMOS_KEY: Buffer.from('consumers').toString('base64'),
      COSMOS_DATABASE: server.composed.cosmos.database.id,
      LOG_LEVEL: 'info',
      EVENT_CONSUMER_UPDATE_INTERVAL_MS: '200',
      EVENT_CONSUMER_OWNERSHIP_EXPIRY_MS: '2000',
    };
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  }, 90_000);

  /** `npm run consumers`, as its own process; its log lines are collected. */
  function startConsumers(): { child: ChildProcess; lines: string[] } {
    const main = fileURLToPath(new URL('../../src/consumers-main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--conditions=@holiday-peak-hub/source', main], {
      env: { ...process.env, ...consumerEnv },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const text = rest + chunk.toString();
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
    });
    return { child, lines };
  }

  const outcomes = (lines: string[], outcome: string) =>
    lines.filter((line) => line.includes('"msg":"event consumed"') && line.includes(`"outcome":"${outcome}"`)).length;

  it('resumes from its checkpoint after a restart and applies nothing twice', async () => {
    const total = 1_500;
    const actor = {
      user_id: 'usr_admin0000000000',
      role: 'admin' as const,
      email: null,
      ip_address: '10.0.0.9',
      user_agent: null,
    };
    const producer = bed.connection().producer('user-events');
    for (let sent = 0; sent < total;) {
      const batch = await producer.createBatch();
      for (; sent < total; sent += 1) {
        const event = createEvent(
          'UserCreated',
          { user_id: `usr_kill${String(sent).padStart(12, '0')}`, role: 'staff', origin: 'admin', actor },
          { source: 'test', correlationId: `req-kill-${sent}`, now: new Date() },
        );
        if (!batch.tryAdd(toEventData(event))) break;
      }
      await producer.sendBatch(batch);
    }
    await producer.close();
    const ours = 'STARTSWITH(c.entity_id, @prefix)';
    const prefix = [{ name: '@prefix', value: 'usr_kill' }];

    const first = startConsumers();
    // Past the first checkpoints (a batch is up to 100 events per partition, 4 partitions), then killed.
    await eventually(async () => ((await countAudit(server, ours, prefix)) >= 900 ? true : undefined), 60_000);
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    const before = await countAudit(server, ours, prefix);
    expect(before).toBeLessThan(total);

    const second = startConsumers();
    try {
      await eventually(async () => ((await countAudit(server, ours, prefix)) === total ? true : undefined), 60_000);
      await eventually(() => (outcomes(second.lines, 'applied') === total - before ? true : undefined), 10_000);
    } finally {
      second.child.kill('SIGTERM');
      await once(second.child, 'exit');
    }
    // Resumed from the checkpoints: only the batches in flight at the kill came again (not everything
    // before), and those found their entries (already applied).
    const redelivered = outcomes(second.lines, 'already-applied');
    expect(redelivered).toBeLessThanOrEqual(4 * 100);
    expect(outcomes(second.lines, 'applied')).toBe(total - before);
    expect(await countAudit(server, ours, prefix)).toBe(total);
    process.stdout.write(
      `killed after ${before} of ${total} entries; the restarted process applied ${total - before} and found ${redelivered} redelivered ones already applied\n`,
    );
  }, 150_000);
});
