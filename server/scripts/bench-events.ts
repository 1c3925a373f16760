/**
 * `npm run bench:events`: what domain events on Azure Event Hubs cost. Prints (and with `--write`
 * puts into docs/performance.md, between its `bench-events` markers; without it no file is touched):
 *   1. publish throughput of `EventHubsPublisher` through the local AMQP stand-in: one event per
 *      call in sequence, one event per call from K concurrent publishers, and calls of 50 events
 *      (of 50 aggregates, and of one aggregate);
 *   2. publish-to-consume latency (p50, p95, p99, max) of a consumer run by `runEventHubsConsumer`
 *      in another process, `every-replica` (no checkpoints) and `shared` (Blob checkpoints in
 *      Azurite, one write per batch), at a steady rate and at full speed;
 *   3. the request-path cost of a catalog write (`PUT .../variants/{variant_id}/stock`): the same
 *      composed server on the in-process bus and on Event Hubs (the stand-in, checkpoints in
 *      Azurite), each in its own process, alternating rounds; then with the stand-in stopped (the
 *      hub unreachable), and how long the events written meanwhile take to reach it once it is back.
 * The stand-in listens on loopback without TLS: a real namespace adds its network round trip to
 * every publish. Loopback only; every load is bounded in time.
 *
 * This file is also its own helper processes (`--role=stand-in|consumer|server`), so that the hub,
 * the consumer and each server have an event loop of their own, apart from the load generator.
 * Options: --events=20000 --concurrency=16 --rate=500 --seconds=10 --connections=4 --duration=3 --rounds=5 --write
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { CheckpointStore } from '@azure/event-hubs';
import autocannon from 'autocannon';
import { pino, type Logger } from 'pino';
import type { DomainEvent } from '@holiday-peak-hub/contract';
import { createEvent, type EventConsumer } from '@holiday-peak-hub/core';
import { CONTAINER } from '../src/platform/cosmos/containers.ts';
import { eventHubsConnection } from '../src/platform/events/event-hubs-connection.ts';
import { runEventHubsConsumer } from '../src/platform/events/event-hubs-consumer.ts';
import { EventHubsPublisher } from '../src/platform/events/event-hubs-publisher.ts';
import { startAzurite } from '../test/support/azurite.ts';
import { startEventHubsStandIn } from '../test/support/event-hubs-stand-in.ts';
import { MemoryDeadLetters } from '../test/support/event-hubs-test-bed.ts';
import { demoToken } from '../test/support/sign-in.ts';
import { writeReport } from './write-report.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [name, value] = a.replace(/^--/, '').split('=');
    return [name!, value] as const;
  }),
);
const SELF = fileURLToPath(import.meta.url);
const HUB = 'product-events';
const AGGREGATES = 200;
const BATCH = 50;

// ---- Helper processes: IPC requests `{ id, cmd }`, answered `{ id, ... }` -----------------------

type Message = { id: number; cmd: string } & Record<string, unknown>;

/** Answers the parent's requests; exits with the parent. Tells `ready` (with `info`) once set up. */
function serveParent(handlers: Record<string, (message: Message) => Promise<object> | object>, info: object): void {
  process.on('message', (message: Message) => {
    Promise.resolve()
      .then(() => handlers[message.cmd]!(message))
      .then(
        (result) => process.send!({ id: message.id, ...result }),
        (err: unknown) => process.send!({ id: message.id, error: String(err) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready: true, ...info });
}

/** The same logger as main.ts, writing to stdout (which the bench sends to /dev/null): its cost counts, its lines do not show. */
function serverLogger(level = 'info'): Logger {
  return pino({
    level,
    base: { service: 'holiday-peak-hub-api' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], remove: true },
  });
}

const role = args.get('role');
if (role === 'stand-in') {
  const hub = await startEventHubsStandIn();
  serveParent(
    {
      stop: async () => (await hub.stop(), {}),
      start: async () => (await hub.start(), {}),
      /** Events stored on a hub, and how many distinct event ids (a retried send may store one twice). */
      count: (message) => {
        const events = hub.events(String(message.hub));
        return { total: events.length, distinct: new Set(events.map((e) => e.messageId)).size };
      },
    },
    { connectionString: hub.connectionString() },
  );
} else if (role === 'consumer') {
  const delivery = args.get('delivery') === 'shared' ? 'shared' : 'every-replica';
  const connection = eventHubsConnection({
    connection: { connectionString: process.env.BENCH_HUB! },
    checkpoints: { connectionString: process.env.BENCH_CHECKPOINTS!, container: `bench-${randomUUID().slice(0, 8)}` },
  });
  /** Per run (the events' correlation id): publish-to-handler delays, first and last handled at. */
  const runs = new Map<string, { latencies: number[]; first: number; last: number }>();
  const consumer: EventConsumer = {
    name: 'bench-latency',
    delivery,
    handlers: {
      InventoryUpdated: (event) => {
        const now = Date.now();
        let run = runs.get(event.correlation_id);
        if (!run) runs.set(event.correlation_id, (run = { latencies: [], first: now, last: now }));
        run.latencies.push(now - Date.parse(event.timestamp));
        run.last = now;
        return Promise.resolve('applied');
      },
    },
  };
  /** How long each checkpoint write takes (a `shared` consumer writes one per batch before reading on). */
  let checkpointMs: number[] = [];
  const store = delivery === 'shared' ? await connection.checkpointStore() : undefined;
  const timedStore: CheckpointStore | undefined = store && {
    listOwnership: (...a) => store.listOwnership(...a),
    claimOwnership: (...a) => store.claimOwnership(...a),
    listCheckpoints: (...a) => store.listCheckpoints(...a),
    updateCheckpoint: async (checkpoint, options) => {
      const started = performance.now();
      await store.updateCheckpoint(checkpoint, options);
      checkpointMs.push(performance.now() - started);
    },
  };
  const running = runEventHubsConsumer({
    consumer,
    connection,
    checkpointStore: timedStore,
    deadLetters: new MemoryDeadLetters(),
    logger: serverLogger(),
  });
  serveParent(
    {
      count: (message) => ({ count: runs.get(String(message.run))?.latencies.length ?? 0 }),
      take: (message) => {
        const run = runs.get(String(message.run)) ?? { latencies: [], first: 0, last: 0 };
        runs.delete(String(message.run));
        const checkpoints = checkpointMs;
        checkpointMs = [];
        return { ...run, checkpoints };
      },
      close: async () => (await running.close(), {}),
    },
    {},
  );
} else if (role === 'server') {
  // As `npm start` composes it (response validation off, as in production); its env says where events go.
  // Imported here only: the other roles start faster without the whole server.
  const { loadConfig } = await import('../src/config.ts');
  const { composeServer } = await import('../src/compose.ts');
  const { listen } = await import('../src/http/listen.ts');
  const config = loadConfig({ ...process.env, VALIDATE_RESPONSES: 'false' });
  const composed = await composeServer(config, serverLogger(config.logLevel));
  const server = await listen(composed.app, 0, '127.0.0.1', config.http);
  serveParent(
    {
      /** CPU time of this process so far (user + system), in ms. */
      cpu: () => {
        const { user, system } = process.cpuUsage();
        return { ms: (user + system) / 1000 };
      },
      /** Products whose events are still in their outbox (not yet published), and those events. */
      pending: async () => {
        const { resources } = await composed.cosmos.database
          .container(CONTAINER.products)
          .items.query<{ pending_events: Record<string, unknown> }>(
            'SELECT c.pending_events FROM c WHERE IS_DEFINED(c.pending_since)',
          )
          .fetchAll();
        const events = resources.reduce((sum, doc) => sum + Object.keys(doc.pending_events).length, 0);
        return { documents: resources.length, events };
      },
    },
    { port: (server.address() as AddressInfo).port },
  );
} else if (role !== undefined) {
  process.stderr.write(`unknown role ${role}\n`);
  process.exit(2);
} else {
  await main();
}

interface Helper {
  child: ChildProcess;
  info: Record<string, unknown>;
  ask<T extends object>(cmd: string, message?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

/** Starts this file in another role; resolves once it says it is ready. Its stdout goes to /dev/null. */
async function startHelper(roleArgs: string[], env: NodeJS.ProcessEnv = process.env): Promise<Helper> {
  // process.execArgv carries --conditions=@holiday-peak-hub/source: the helper resolves the workspace packages to src.
  const child = spawn(process.execPath, [...process.execArgv, SELF, ...roleArgs], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const early = () => reject(new Error(`helper ${roleArgs.join(' ')} exited before it was ready`));
    child.once('exit', early);
    child.once('message', (message: Record<string, unknown>) => {
      child.off('exit', early);
      resolve(message);
    });
  });
  let nextId = 0;
  return {
    child,
    info,
    ask: <T extends object>(cmd: string, message: Record<string, unknown> = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = ++nextId;
        const onExit = () => reject(new Error(`helper ${roleArgs.join(' ')} exited during ${cmd}`));
        const onMessage = (reply: { id?: number; error?: string }) => {
          if (reply.id !== id) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          if (reply.error) reject(new Error(reply.error));
          else resolve(reply as T);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send({ ...message, id, cmd });
      }),
    async stop() {
      if (child.connected) child.disconnect();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

async function main(): Promise<void> {
  const EVENTS_N = Number(args.get('events') ?? 20_000);
  const CONCURRENCY = Number(args.get('concurrency') ?? 16);
  const RATE = Number(args.get('rate') ?? 500);
  const SECONDS = Number(args.get('seconds') ?? 10);
  const CONNECTIONS = Number(args.get('connections') ?? 4);
  const DURATION = Number(args.get('duration') ?? 3);
  const ROUNDS = Number(args.get('rounds') ?? 5);
  /** Two publish cooldowns (5 s each): two writes find the hub gone. */
  const HUB_DOWN_SECONDS = 10;
  const startedAt = performance.now();
  const loadAtStart = loadavg()[0]!;
  const require = createRequire(import.meta.url);
  const clientVersion = (require('@azure/event-hubs/package.json') as { version: string }).version;
  const fmt = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const elapsed = () => `[${fmt((performance.now() - startedAt) / 1000)} s]`;
  const percentile = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  const problems: string[] = [];
  // The publishers of this process log as the server's do (`event published` per event), to /dev/null.
  const devNull = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }));

  const azuriteStarting = startAzurite();

  // ---- Events ---------------------------------------------------------------------------------
  const productIds = Array.from({ length: AGGREGATES }, (_, i) => `bench-events.p${String(i).padStart(11, '0')}`);
  /** An InventoryUpdated event of aggregate `a`, stamped now (the consumer measures from its timestamp). */
  const inventoryEvent = (a: number, n: number, run: string): DomainEvent =>
    createEvent(
      'InventoryUpdated',
      {
        product_id: productIds[a % AGGREGATES]!,
        category_slug: 'bench-events',
        sku: `BENCH-${a % AGGREGATES}`,
        variant_id: 'default',
        previous_stock: n,
        stock: n + 1,
        status: 'in_stock',
      },
      { source: 'bench-events', correlationId: run, now: new Date() },
    );

  function publisherOn(connectionString: string): EventHubsPublisher {
    const connection = eventHubsConnection({
      connection: { connectionString },
      // Not used by a publisher (only consumers checkpoint).
      checkpoints: { connectionString: 'UseDevelopmentStorage=true', container: 'unused' },
    });
    return new EventHubsPublisher(connection, devNull);
  }

  /** Runs `work(i)` for i in 0..count-1 from `workers` loops at once; seconds taken. */
  async function concurrently(count: number, workers: number, work: (i: number) => Promise<void>): Promise<number> {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < count) await work(next++);
      }),
    );
    return (performance.now() - started) / 1000;
  }

  // ---- 1. Publish throughput ------------------------------------------------------------------
  say(
    `${elapsed()} 1. Publishing ${fmt(EVENTS_N)} InventoryUpdated events over ${AGGREGATES} aggregates to the stand-in…`,
  );
  const throughput: string[] = [];
  {
    const standIn = await startHelper(['--role=stand-in']);
    const publisher = publisherOn(String(standIn.info.connectionString));
    // Warm-up: links attached, JIT; one event per aggregate.
    await publisher.publish(Array.from({ length: AGGREGATES }, (_, a) => inventoryEvent(a, 0, 'warm-up')));
    for (let i = 0; i < 2_000; i += 1) await publisher.publish([inventoryEvent(i, i, 'warm-up')]);

    /** `count` events, the i-th of aggregate `order(i)`. */
    const built = (count: number, order: (i: number) => number) =>
      Array.from({ length: count }, (_, i) => inventoryEvent(order(i), i, 'throughput'));
    /** Publishes `calls` calls (the c-th sends `eventsOf(c)`) from `workers` loops; one table row. */
    async function measure(name: string, calls: number, workers: number, eventsOf: (c: number) => DomainEvent[]) {
      const perCall: number[] = [];
      let published = 0;
      const seconds = await concurrently(calls, workers, async (c) => {
        const events = eventsOf(c);
        const sent = performance.now();
        await publisher.publish(events);
        perCall.push(performance.now() - sent);
        published += events.length;
      });
      perCall.sort((x, y) => x - y);
      throughput.push(
        `| ${name} | ${fmt(calls)} | ${fmt(published)} | ${fmt(seconds, 2)} | ${fmt(published / seconds)} | ` +
          `${fmt(percentile(perCall, 0.5), 2)} | ${fmt(percentile(perCall, 0.99), 2)} |`,
      );
      say(`   ${throughput.at(-1)!}`);
      return published;
    }

    let total = 0;
    // In sequence, a quarter of the events (one round trip per event: the slowest way, and the longest).
    let events = built(EVENTS_N / 4, (i) => i);
    total += await measure('one event per call, in sequence', events.length, 1, (c) => [events[c]!]);
    events = built(EVENTS_N, (i) => i);
    total += await measure(`one event per call, ${CONCURRENCY} calls at once`, EVENTS_N, CONCURRENCY, (c) => [
      events[c]!,
    ]);
    // 50 consecutive events: 50 aggregates, so 50 batches of one event sent at once.
    events = built(EVENTS_N, (i) => i);
    total += await measure(`${BATCH} events of ${BATCH} aggregates per call, in sequence`, EVENTS_N / BATCH, 1, (c) =>
      events.slice(c * BATCH, (c + 1) * BATCH),
    );
    // 50 consecutive events of one aggregate: one batch, one send.
    events = built(EVENTS_N, (i) => Math.floor(i / BATCH));
    total += await measure(`${BATCH} events of one aggregate per call, in sequence`, EVENTS_N / BATCH, 1, (c) =>
      events.slice(c * BATCH, (c + 1) * BATCH),
    );

    const stored = await standIn.ask<{ total: number; distinct: number }>('count', { hub: HUB });
    const expected = AGGREGATES + 2_000 + total;
    if (stored.distinct !== expected) problems.push(`the stand-in holds ${stored.distinct} events, not ${expected}`);
    await publisher.close();
    await standIn.stop();
  }

  // ---- 2. Publish-to-consume latency ----------------------------------------------------------
  const azurite = await azuriteStarting;
  const latency: string[] = [];
  for (const delivery of ['every-replica', 'shared'] as const) {
    say(`${elapsed()} 2. Latency to ${delivery === 'shared' ? 'a' : 'an'} ${delivery} consumer in another process…`);
    const standIn = await startHelper(['--role=stand-in']);
    const hub = String(standIn.info.connectionString);
    const consumer = await startHelper([`--role=consumer`, `--delivery=${delivery}`], {
      ...process.env,
      BENCH_HUB: hub,
      BENCH_CHECKPOINTS: azurite.connectionString,
    });
    const publisher = publisherOn(hub);
    const count = async (run: string) => (await consumer.ask<{ count: number }>('count', { run })).count;
    async function allConsumed(run: string, expected: number, timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while ((await count(run)) < expected) {
        if (Date.now() > deadline) {
          problems.push(`${delivery}, ${run}: ${await count(run)} of ${expected} events consumed in ${timeoutMs} ms`);
          return;
        }
        await sleep(50);
      }
    }
    // Every aggregate once (so every partition has been claimed and read), until all arrive.
    await publisher.publish(Array.from({ length: AGGREGATES }, (_, a) => inventoryEvent(a, 0, 'warm-up')));
    await allConsumed('warm-up', AGGREGATES, 60_000);

    async function report(label: string, run: string, publishSeconds: number, n: number) {
      const taken = await consumer.ask<{ latencies: number[]; first: number; last: number; checkpoints: number[] }>(
        'take',
        { run },
      );
      const sorted = taken.latencies.sort((x, y) => x - y);
      const consumeRate = sorted.length / Math.max(0.001, (taken.last - taken.first) / 1000);
      const checkpoints = taken.checkpoints.sort((x, y) => x - y);
      const checkpointed =
        checkpoints.length === 0
          ? '—'
          : `${fmt(checkpoints.length)}, p50 ${fmt(percentile(checkpoints, 0.5), 1)} ms, p99 ${fmt(percentile(checkpoints, 0.99), 1)} ms`;
      latency.push(
        `| ${delivery} | ${label} | ${fmt(n)} | ${fmt(n / publishSeconds)} | ${fmt(consumeRate)} | ` +
          `${percentile(sorted, 0.5)} | ${percentile(sorted, 0.95)} | ${percentile(sorted, 0.99)} | ${sorted.at(-1) ?? NaN} | ${checkpointed} |`,
      );
      say(`   ${latency.at(-1)!}`);
    }

    // Steady: one event per call, at RATE events/s, each call not waiting for the one before (as requests do).
    const steadyN = RATE * SECONDS;
    const inFlight = new Set<Promise<void>>();
    const steadyStart = performance.now();
    for (let sent = 0; sent < steadyN;) {
      const due = Math.min(steadyN, Math.floor(((performance.now() - steadyStart) / 1000) * RATE));
      for (; sent < due; sent += 1) {
        const call = publisher.publish([inventoryEvent(sent, sent, 'steady')]).finally(() => inFlight.delete(call));
        inFlight.add(call);
      }
      await sleep(1);
    }
    await Promise.all(inFlight);
    const steadySeconds = (performance.now() - steadyStart) / 1000;
    await allConsumed('steady', steadyN, 30_000);
    await report(`${RATE}/s for ${SECONDS} s`, 'steady', steadySeconds, steadyN);

    // Full speed: CONCURRENCY publishers, one event per call, as fast as the publisher goes.
    const fullN = EVENTS_N / 2;
    const fullSeconds = await concurrently(fullN, CONCURRENCY, (i) =>
      publisher.publish([inventoryEvent(i, i, 'full')]),
    );
    await allConsumed('full', fullN, 60_000);
    await report(`full speed, ${CONCURRENCY} calls at once`, 'full', fullSeconds, fullN);

    await consumer.ask('close');
    await consumer.stop();
    await publisher.close();
    await standIn.stop();
  }

  // ---- 3. Request-path cost of a catalog write ------------------------------------------------
  say(`${elapsed()} 3. Stock writes on the in-process bus and on Event Hubs (each server in its own process)…`);
  const standIn = await startHelper(['--role=stand-in']);
  const serverEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development' };
    // The embedded default whatever the calling shell sets, at the default log level (info).
    for (const name of Object.keys(env)) {
      if (/^(EVENT_HUBS_|COSMOS_|REDIS_URL$|LOG_LEVEL$|SMTP_URL$|STRIPE_)/.test(name)) delete env[name];
    }
    return { ...env, ...extra };
  };
  const [inProcess, onHubs] = await Promise.all([
    startHelper(['--role=server', '--transport=in-process'], serverEnv({})),
    startHelper(
      ['--role=server', '--transport=event-hubs'],
      serverEnv({
        EVENT_HUBS_CONNECTION_STRING: String(standIn.info.connectionString),
        EVENT_HUBS_CHECKPOINT_CONNECTION_STRING: azurite.connectionString,
        EVENT_HUBS_CHECKPOINT_CONTAINER: `bench-${randomUUID().slice(0, 8)}`,
      }),
    ),
  ]);

  interface Target {
    name: string;
    server: Helper;
    base: string;
    token: string;
    /** One variant of each product, then the next variant of each: consecutive writes hit different documents. */
    paths: string[];
  }
  async function target(name: string, server: Helper): Promise<Target> {
    const base = `http://127.0.0.1:${Number(server.info.port)}`;
    const token = await demoToken(base, 'staff');
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
      return (await res.json()) as T;
    };
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; next_cursor: string | null } = await get(
        `/api/staff/products?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      ids.push(...page.items.map((p) => p.id));
      cursor = page.next_cursor;
    } while (cursor);
    const variants = await Promise.all(
      ids.map(async (id) => {
        const product = await get<{ variants: { variant_id: string }[] }>(`/api/staff/products/${id}`);
        return product.variants.map((v) => `/api/staff/products/${id}/variants/${v.variant_id}/stock`);
      }),
    );
    const paths: string[] = [];
    for (let v = 0; variants.some((list) => list[v]); v += 1) {
      for (const list of variants) {
        const path = list[v];
        if (path) paths.push(path);
      }
    }
    return { name, server, base, token, paths };
  }
  const a = await target('in-process bus (embedded default)', inProcess);
  const b = await target('Event Hubs (the stand-in), checkpoints in Azurite', onHubs);
  const productCount = new Set(a.paths.map((p) => p.split('/')[4])).size;
  say(`   ${fmt(a.paths.length)} variants of ${fmt(productCount)} products`);

  interface Figures {
    rps: number;
    p50: number;
    p99: number;
    mean: number;
    max: number;
    ok: number;
    failed: number;
    /** CPU time of the server process per answered write. */
    cpuMs: number;
  }
  /** A new stock value every call (always a change, so always an event). */
  let stock = 10_000;
  const cpuOf = async (t: Target) => (await t.server.ask<{ ms: number }>('cpu')).ms;
  async function load(t: Target, duration: number): Promise<Figures> {
    let n = 0;
    const cpuBefore = await cpuOf(t);
    const result = await autocannon({
      url: t.base,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          method: 'PUT',
          headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
          setupRequest: (request) => ({
            ...request,
            path: t.paths[n++ % t.paths.length]!,
            body: JSON.stringify({ stock: (stock += 1) }),
          }),
        },
      ],
    });
    const cpuMs = (await cpuOf(t)) - cpuBefore;
    const failed = result.non2xx + result.errors + result.timeouts;
    if (failed > 0) problems.push(`${t.name}: ${failed} non-2xx answers or errors in a round`);
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      mean: result.latency.average,
      max: result.latency.max,
      ok: result['2xx'],
      failed,
      cpuMs: cpuMs / Math.max(1, result['2xx'] + result.non2xx),
    };
  }
  const median = (rounds: Figures[]): Figures =>
    [...rounds].sort((x, y) => x.rps - y.rps)[Math.floor(rounds.length / 2)]!;
  const signed = (n: number, digits = 0) => `${n < 0 ? '−' : '+'}${fmt(Math.abs(n), digits)}`;

  await load(a, 2); // warm-up: JIT, SDK metadata, links
  await load(b, 2);
  const roundsA: Figures[] = [];
  const roundsB: Figures[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    roundsA.push(await load(a, DURATION));
    roundsB.push(await load(b, DURATION));
  }
  const fa = median(roundsA);
  const fb = median(roundsB);
  /** Median over rounds of a figure's difference to the in-process round run just before. */
  const pairedDiff = (figure: (f: Figures) => number) => {
    const diffs = roundsB.map((rb, i) => figure(rb) - figure(roundsA[i]!)).sort((x, y) => x - y);
    return diffs[Math.floor(diffs.length / 2)]!;
  };
  const diffs = (d: (figure: (f: Figures) => number) => number) =>
    `p50 ${signed(d((f) => f.p50))}, p99 ${signed(d((f) => f.p99))}, mean ${signed(
      d((f) => f.mean),
      1,
    )}, CPU ${signed(
      d((f) => f.cpuMs),
      2,
    )} |`;
  const writeRow = (name: string, f: Figures, vs: string) =>
    `| ${name} | ${fmt(f.rps)} | ${f.p50} | ${f.p99} | ${fmt(f.mean, 1)} | ${f.max} | ${fmt(f.cpuMs, 2)} | ${fmt(f.ok)} | ${f.failed} | ${vs}`;
  const writes = [writeRow(a.name, fa, '— |'), writeRow(b.name, fb, diffs(pairedDiff))];
  for (const line of writes) say(`   ${line}`);

  // The hub away: the first write waits for the send's retries, then writes fail to publish at once
  // for the cooldown (5 s), keeping their events in the outbox; then one write tries again.
  say(`${elapsed()}    …stand-in stopped (the hub unreachable)`);
  await standIn.ask('stop');
  const before = await standIn.ask<{ distinct: number }>('count', { hub: HUB });
  const fc = await load(b, HUB_DOWN_SECONDS);
  writes.push(
    writeRow(
      'Event Hubs, the stand-in stopped',
      fc,
      diffs((figure) => figure(fc) - figure(fa)),
    ),
  );
  say(`   ${writes.at(-1)!}`);
  type Pending = { documents: number; events: number };
  const held = await onHubs.ask<Pending>('pending');
  await standIn.ask('start');
  const backAt = performance.now();
  let drained: number | undefined;
  while (performance.now() - backAt < 40_000) {
    if ((await onHubs.ask<Pending>('pending')).documents === 0) {
      drained = (performance.now() - backAt) / 1000;
      break;
    }
    await sleep(200);
  }
  const arrived = (await standIn.ask<{ distinct: number }>('count', { hub: HUB })).distinct - before.distinct;
  if (arrived < held.events) problems.push(`${held.events} events were pending, ${arrived} reached the hub`);
  const outbox =
    `Every write answered 200 while the hub was away: at the end of that round ${fmt(held.events)} events waited in the outbox of ${fmt(held.documents)} of the ${fmt(productCount)} products (${fmt(held.events / Math.max(1, held.documents), 1)} per document, each write adding its own to those still there). ` +
    (drained === undefined
      ? `Some were still pending 40 s after the hub came back (${fmt(arrived)} events had reached it).`
      : `${fmt(drained, 1)} s after the hub came back no document held any, and ${fmt(arrived)} distinct events had reached it: published by the outbox relay (a sweep every 5 s of events pending over 10 s).`);
  if (drained === undefined) problems.push('the outbox did not drain within 40 s');
  say(`   ${outbox}`);
  await Promise.all([inProcess.stop(), onHubs.stop()]);
  await standIn.stop();
  await azurite.stop();

  // ---- Report ---------------------------------------------------------------------------------
  const when = new Date().toISOString().slice(0, 10);
  const reportText = [
    `Measured ${when} on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, \`@azure/event-hubs\` ${clientVersion}; 1-minute load average ${fmt(loadAtStart, 1)} at the start (the machine is shared: other work shows in the figures). The Event Hubs stand-in (\`server/test/support/event-hubs-stand-in.ts\`, 4 partitions) runs in its own process and listens on loopback, without TLS: against a real namespace each publish adds its network round trip (TLS, same region: typically a few ms), which a write waits for. Publishers and consumers log at \`info\` (\`event published\`, \`event consumed\` per event) to /dev/null.`,
    '',
    `Publish throughput of \`EventHubsPublisher.publish\` from one process (InventoryUpdated events over ${AGGREGATES} aggregates, after a warm-up of 2,200 sends). The publisher sends one aggregate's events as one batch and different aggregates' batches at once; a call resolves when the hub has acknowledged every batch. A write publishes one call of its own events, so the first row's latency is what a write waits for:`,
    '',
    '| publishing | calls | events | s | events/s | p50 ms per call | p99 ms per call |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...throughput,
    '',
    `Publish-to-consume latency: the consumer (\`runEventHubsConsumer\`, default batches of up to 100 and 1 s wait) runs in another process; its handler records \`Date.now() - Date.parse(event.timestamp)\`, the timestamp being set just before \`publish\` (ms resolution). \`every-replica\`: no checkpoint store; \`shared\`: the Blob checkpoint store on Azurite, one checkpoint write per batch. Steady: one event per call, calls not waiting for each other (as concurrent writes publish); full speed: ${CONCURRENCY} calls at once, one event per call. "Checkpoint writes": how many, and how long each took (the partition reads on only after it).`,
    '',
    '| consumer | publishing | events | published/s | consumed/s | p50 ms | p95 ms | p99 ms | max ms | checkpoint writes |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...latency,
    '',
    `Request-path cost of a catalog write: \`PUT /api/staff/products/{id}/variants/{variant_id}/stock\` as the demo staff account, a new stock value every call, cycling over ${fmt(a.paths.length)} variants so that concurrent writes rarely meet on one document. The same composed server (\`composeServer\`, embedded Cosmos DB stand-in, log level \`info\` to /dev/null, response validation off) once per transport, each in its own process, the load generator (autocannon, ${CONNECTIONS} connections) in this one; in-process and Event Hubs alternate in ${ROUNDS} rounds of ${DURATION} s after a 2 s warm-up, each reported by its median round; the differences are the medians of each round's difference to the in-process round just before it (the last row's: to the in-process median). On Event Hubs a write waits for the hub's acknowledgement of its event before the outbox patch, and the server's own \`every-replica\` cache consumer (no Redis) reads the event back. "Server CPU ms per write": the server process's CPU time during the round over the writes answered (it includes the cache consumer's and the logging's share). The last row is one ${HUB_DOWN_SECONDS} s round on the Event Hubs server with the stand-in stopped: a write that finds the hub gone waits for the send's retries (the max), then publishing fails at once for a 5 s cooldown and the events stay in their documents (no outbox patch follows: that write costs one Cosmos DB request less).`,
    '',
    '| transport | requests/s | p50 ms | p99 ms | mean ms | max ms | server CPU ms per write | 2xx | failed | vs in-process (ms) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...writes,
    '',
    outbox,
  ].join('\n');
  say(`\n${reportText}\n`);
  if (problems.length > 0) say(`Problems:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);

  const docPath = fileURLToPath(new URL('../../docs/performance.md', import.meta.url));
  if (!args.has('write'))
    say('docs/performance.md left as it is (npm run bench:events -- --write puts these figures into it).');
  else if (await writeReport(docPath, 'bench-events', reportText)) say('written into docs/performance.md');
  else say('docs/performance.md has no bench-events markers: nothing written');
  say(`(${fmt((performance.now() - startedAt) / 1000)} s)`);
  process.exit(0);
}
