/**
 * Idempotency stores under real parallelism, on Cosmos DB (the embedded stand-in, over HTTP) and in
 * memory alike: the same calls, the same outcomes, directly and through the core's pipeline.
 */
import { randomUUID } from 'node:crypto';
import { defineOperation } from '@holiday-peak-hub/contract';
import {
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_WINDOW_MS,
  MemoryIdempotencyStore,
  runOperation,
  silentLogger,
  type Handler,
  type IdempotencyStore,
} from '@holiday-peak-hub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { CosmosConnection } from '../cosmos/connect.ts';
import { CONTAINER } from '../cosmos/containers.ts';
import { ensureContainers } from '../cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../cosmos/test-cosmos.ts';
import { CosmosIdempotencyStore, idempotencyDocumentId } from './cosmos-idempotency-store.ts';

const T0 = new Date('2026-12-01T00:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const ANSWER = { status: 201, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"id":"w1"}' };

let cosmos: CosmosConnection;
beforeAll(async () => {
  cosmos = await connectTestCosmos(`idem-${randomUUID().slice(0, 8)}`);
  await ensureContainers(cosmos.database);
});
afterAll(() => cosmos.close());

const beds: [string, () => IdempotencyStore][] = [
  ['Cosmos DB (stand-in)', () => new CosmosIdempotencyStore(cosmos.database.container(CONTAINER.idempotencyKeys))],
  ['memory', () => new MemoryIdempotencyStore()],
];

/** A fresh caller scope per test: its own partition. */
const scope = () => `user:usr_${randomUUID().slice(0, 12)}@http://idempotency.test`;

const createWidget = defineOperation({
  operationId: 'createWidget',
  method: 'post',
  path: '/api/widgets',
  tags: ['Cart'],
  summary: 'Create a widget',
  description: 'A fake write with an idempotency key.',
  access: ['customer'],
  request: { body: z.object({ name: z.string() }) },
  responses: { 201: { description: 'Created.', schema: z.object({ id: z.string(), name: z.string() }) } },
  errors: [],
  idempotency: 'required',
});

describe.each(beds)('idempotency store on %s', (_label, makeStore) => {
  it('50 parallel claims of one key: exactly one starts; once completed, 50 parallel claims all replay it', async () => {
    const store = makeStore();
    const s = scope();
    const claims = await Promise.all(Array.from({ length: 50 }, () => store.begin(s, 'k1', 'op:f', T0)));
    const started = claims.filter((c) => c.outcome === 'started');
    expect(started).toHaveLength(1);
    expect(claims.filter((c) => c.outcome === 'in_progress')).toHaveLength(49);
    expect(await store.complete(s, 'k1', (started[0] as { lease: string }).lease, ANSWER, at(100))).toBe(true);
    const replays = await Promise.all(Array.from({ length: 50 }, () => store.begin(s, 'k1', 'op:f', at(200))));
    expect(replays.every((r) => r.outcome === 'replay')).toBe(true);
    expect(replays[0]).toEqual({ outcome: 'replay', answer: ANSWER });
  });

  it('refuses other input, and frees the key at the end of its 24-hour window', async () => {
    const store = makeStore();
    const s = scope();
    const first = await store.begin(s, 'k1', 'op:f', T0);
    if (first.outcome !== 'started') throw new Error('expected the claim');
    expect(await store.begin(s, 'k1', 'op:other', T0)).toEqual({ outcome: 'mismatch' });
    await store.complete(s, 'k1', first.lease, ANSWER, T0);
    expect(await store.begin(s, 'k1', 'op:other', at(IDEMPOTENCY_WINDOW_MS - 1))).toEqual({ outcome: 'mismatch' });
    expect((await store.begin(s, 'k1', 'op:f', at(IDEMPOTENCY_WINDOW_MS - 1))).outcome).toBe('replay');
    expect((await store.begin(s, 'k1', 'op:other', at(IDEMPOTENCY_WINDOW_MS))).outcome).toBe('started');
  });

  it('a dead request’s key: in progress during its lease, then exactly one of 20 parallel claims takes it over', async () => {
    const store = makeStore();
    const s = scope();
    const dead = await store.begin(s, 'k1', 'op:f', T0);
    if (dead.outcome !== 'started') throw new Error('expected the claim');
    expect(await store.begin(s, 'k1', 'op:f', at(IDEMPOTENCY_LEASE_MS - 1))).toEqual({ outcome: 'in_progress' });
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => store.begin(s, 'k1', 'op:f', at(IDEMPOTENCY_LEASE_MS))),
    );
    const started = claims.filter((c) => c.outcome === 'started');
    expect(started).toHaveLength(1);
    // The dead request, back late, can neither complete nor release the key.
    expect(await store.complete(s, 'k1', dead.lease, ANSWER, at(IDEMPOTENCY_LEASE_MS))).toBe(false);
    await store.abandon(s, 'k1', dead.lease);
    expect(await store.begin(s, 'k1', 'op:f', at(IDEMPOTENCY_LEASE_MS))).toEqual({ outcome: 'in_progress' });
    // Its holder releases it: the next claim starts again.
    await store.abandon(s, 'k1', (started[0] as { lease: string }).lease);
    expect((await store.begin(s, 'k1', 'op:f', at(IDEMPOTENCY_LEASE_MS))).outcome).toBe('started');
  });

  it('keeps keys of any printable ASCII, up to 255 characters, apart per scope', async () => {
    const store = makeStore();
    const [a, b] = [scope(), scope()];
    for (const key of ['a/b\\c?d#e', 'k'.repeat(255), '%2F encoded']) {
      const claim = await store.begin(a, key, 'op:f', T0);
      if (claim.outcome !== 'started') throw new Error(`expected the claim of ${key}`);
      expect(await store.complete(a, key, claim.lease, ANSWER, T0)).toBe(true);
      expect((await store.begin(a, key, 'op:f', T0)).outcome).toBe('replay');
      expect((await store.begin(b, key, 'op:f', T0)).outcome).toBe('started');
    }
  });

  it('through runOperation: 50 parallel calls with one key and a 100 ms handler run it once (1 × 201, 49 × 409); 50 more all replay', async () => {
    const store = makeStore();
    let runs = 0;
    const handler: Handler<typeof createWidget> = async ({ input }) => {
      runs += 1;
      const run = runs;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { status: 201, body: { id: `wdg_${run}`, name: input.body.name } };
    };
    const userId = `usr_${randomUUID().slice(0, 12)}`;
    const call = (i: number) =>
      runOperation(
        createWidget,
        handler,
        {
          method: 'POST',
          params: {},
          query: {},
          headers: { 'content-type': 'application/json', 'idempotency-key': 'place-order-1' },
          cookies: {},
          hasBody: true,
          body: { name: 'lamp' },
          ip: '127.0.0.1',
          requestId: `req-${i}`,
        },
        {
          authenticate: () =>
            Promise.resolve({ role: 'customer', userId, email: null, issuer: 'http://t', sessionId: 'ses_1' }),
          logger: silentLogger,
          clock: () => new Date(),
          validateResponses: true,
          limitByIp: () => Promise.resolve({ allowed: true }),
          idempotency: store,
        },
      );
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => call(i)));
    expect(runs).toBe(1);
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect([a.status, (JSON.parse(a.body!) as { error: { code: string } }).error.code]).toEqual([
        409,
        'IDEMPOTENCY_KEY_IN_USE',
      ]);
    }
    const replays = await Promise.all(Array.from({ length: 50 }, (_, i) => call(50 + i)));
    expect(runs).toBe(1);
    for (const r of replays) {
      expect([r.status, r.body, r.headers['Idempotent-Replayed']]).toEqual([201, created[0]!.body, 'true']);
    }
  });
});

describe('Cosmos DB documents of idempotency keys', () => {
  it('are in the caller’s partition, id = the key’s SHA-256, ttl = the rest of the 24-hour window', async () => {
    const container = cosmos.database.container(CONTAINER.idempotencyKeys);
    const store = new CosmosIdempotencyStore(container);
    const s = scope();
    const claim = await store.begin(s, 'k/1', 'op:f', T0);
    if (claim.outcome !== 'started') throw new Error('expected the claim');
    const id = idempotencyDocumentId('k/1');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { resource: started } = await container.item(id, s).read<Record<string, unknown>>();
    expect(started).toMatchObject({ scope: s, key: 'k/1', state: 'started', ttl: IDEMPOTENCY_WINDOW_MS / 1000 });
    await store.complete(s, 'k/1', claim.lease, ANSWER, at(3600_000));
    const { resource: completed } = await container.item(id, s).read<Record<string, unknown>>();
    expect(completed).toMatchObject({ state: 'completed', answer: ANSWER, ttl: IDEMPOTENCY_WINDOW_MS / 1000 - 3600 });
  });
});
