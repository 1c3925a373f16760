/**
 * Idempotency keys through the core's pipeline, on the in-memory store: a fake operation whose
 * handler counts its runs, called with real parallel requests.
 */
import { defineOperation } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_WINDOW_MS,
  type IdempotencyStore,
} from '../platform/idempotency/idempotency-store.ts';
import { MemoryIdempotencyStore } from '../platform/idempotency/memory-idempotency-store.ts';
import { silentLogger } from '../ports/logger.ts';
import { ServiceUnavailableError, UnprocessableError } from './errors.ts';
import type { Caller, Handler } from './handler.ts';
import { assertIdempotencyStore, fingerprintOf, idempotencyScopeOf } from './idempotency.ts';
import { runOperation } from './run-operation.ts';

const Widget = z.object({ id: z.string(), name: z.string(), run: z.number() });

const createWidget = defineOperation({
  operationId: 'createWidget',
  method: 'post',
  path: '/api/shops/{shop}/widgets',
  tags: ['Cart'],
  summary: 'Create a widget',
  description: 'A fake write with an idempotency key.',
  access: ['guest', 'customer'],
  request: {
    params: z.object({ shop: z.string() }),
    body: z.object({ name: z.string().min(1), qty: z.number().int().optional() }),
  },
  responses: { 201: { description: 'Created.', schema: Widget } },
  errors: ['UNPROCESSABLE_ENTITY'],
  idempotency: 'required',
});

const customer = (userId = 'usr_one'): Caller => ({
  role: 'customer',
  userId,
  email: `${userId}@example.com`,
  issuer: 'http://idempotency.test',
  sessionId: 'ses_1',
});

/** The fake operation on a memory store, with a clock the test moves. */
function bench(options: { delayMs?: number; op?: typeof createWidget; store?: boolean } = {}) {
  const op = options.op ?? createWidget;
  const store: IdempotencyStore = new MemoryIdempotencyStore();
  let now = new Date('2026-12-01T00:00:00Z');
  let runs = 0;
  const handler: Handler<typeof createWidget> = async ({ input }) => {
    runs += 1;
    const run = runs;
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
    if (input.body.name === 'unavailable') throw new ServiceUnavailableError();
    if (input.body.name === 'crash') throw new Error('boom');
    if (input.body.name === 'refused') throw new UnprocessableError('Not that one', { run });
    return { status: 201, body: { id: `wdg_${run}`, name: input.body.name, run } };
  };
  let serial = 0;
  const call = async (
    key: string | undefined,
    body: unknown = { name: 'lamp' },
    who: Caller = customer(),
    shop = 'north',
  ) => {
    const response = await runOperation(
      op,
      handler,
      {
        method: 'POST',
        params: { shop },
        query: {},
        headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
        cookies: {},
        hasBody: true,
        body,
        ip: '127.0.0.1',
        requestId: `req-${(serial += 1)}`,
      },
      {
        authenticate: () => Promise.resolve(who),
        logger: silentLogger,
        clock: () => now,
        validateResponses: true,
        limitByIp: () => Promise.resolve({ allowed: true }),
        ...(options.store === false ? {} : { idempotency: store }),
      },
    );
    return { ...response, json: JSON.parse(response.body ?? 'null') as Record<string, unknown> };
  };
  return {
    call,
    store,
    runs: () => runs,
    advance: (ms: number) => void (now = new Date(now.getTime() + ms)),
    now: () => now,
  };
}

const codeOf = (json: Record<string, unknown>) => (json.error as { code?: string } | undefined)?.code;
const tally = (answers: readonly { status: number }[]) =>
  answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});

describe('Idempotency-Key through runOperation', () => {
  it('answers the first answer again, marked Idempotent-Replayed, without running the handler twice', async () => {
    const { call, runs } = bench();
    const first = await call('k1');
    expect(first.status).toBe(201);
    expect(first.headers).not.toHaveProperty('Idempotent-Replayed');
    const again = await call('k1');
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(again.headers).toMatchObject({ 'Idempotent-Replayed': 'true', 'X-Request-ID': 'req-2' });
    expect(again.headers['Content-Type']).toBe(first.headers['Content-Type']);
    expect(runs()).toBe(1);
  });

  it('50 parallel calls with one key while the handler takes 100 ms: it runs once; 1 × 201, 49 × 409 IDEMPOTENCY_KEY_IN_USE; then 50 more all replay', async () => {
    const { call, runs } = bench({ delayMs: 100 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => call('parallel')));
    expect(runs()).toBe(1);
    expect(tally(answers)).toEqual({ 201: 1, 409: 49 });
    const created = answers.find((a) => a.status === 201)!;
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(codeOf(a.json)).toBe('IDEMPOTENCY_KEY_IN_USE');
      expect(a.headers['Retry-After']).toBe('1');
    }
    const replays = await Promise.all(Array.from({ length: 50 }, () => call('parallel')));
    expect(runs()).toBe(1);
    expect(tally(replays)).toEqual({ 201: 50 });
    for (const r of replays) {
      expect(r.body).toBe(created.body);
      expect(r.headers['Idempotent-Replayed']).toBe('true');
    }
  });

  it('refuses the key with other input: 422 IDEMPOTENCY_KEY_REUSED (body, path params), nothing run', async () => {
    const { call, runs } = bench();
    await call('k1', { name: 'lamp', qty: 1 });
    const otherBody = await call('k1', { name: 'chair', qty: 1 });
    expect([otherBody.status, codeOf(otherBody.json)]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const otherShop = await call('k1', { name: 'lamp', qty: 1 }, customer(), 'south');
    expect([otherShop.status, codeOf(otherShop.json)]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    // The same input with its fields in another order is the same request.
    expect((await call('k1', { qty: 1, name: 'lamp' })).headers['Idempotent-Replayed']).toBe('true');
    expect(runs()).toBe(1);
  });

  it('keeps nothing of a 503 or an unexpected failure: the key is free and the next call runs', async () => {
    const { call, runs } = bench();
    expect((await call('k1', { name: 'unavailable' })).status).toBe(503);
    const retry = await call('k1', { name: 'unavailable' });
    expect(retry.status).toBe(503);
    expect(retry.headers).not.toHaveProperty('Idempotent-Replayed');
    expect((await call('k2', { name: 'crash' })).status).toBe(500);
    expect((await call('k2', { name: 'crash' })).status).toBe(500);
    expect(runs()).toBe(4);
  });

  it('keeps a 4xx of the handler and replays it as it was', async () => {
    const { call, runs } = bench();
    const refused = await call('k1', { name: 'refused' });
    expect([refused.status, codeOf(refused.json)]).toEqual([422, 'UNPROCESSABLE_ENTITY']);
    const again = await call('k1', { name: 'refused' });
    expect(again).toMatchObject({ status: 422, body: refused.body });
    expect(again.headers).toMatchObject({ 'Idempotent-Replayed': 'true', 'Cache-Control': 'no-store' });
    expect(runs()).toBe(1);
  });

  it('keeps nothing of a request refused by validation: the key is still free for valid input', async () => {
    const { call, runs } = bench();
    expect((await call('k1', { name: '' })).status).toBe(400);
    expect((await call('k1', { name: 'lamp' })).status).toBe(201);
    const missing = await call(undefined);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.json)).toContain('idempotency-key');
    expect(runs()).toBe(1);
  });

  it('replays for 24 hours from the first call, then the key is free again', async () => {
    const { call, runs, advance } = bench();
    const first = await call('k1');
    advance(IDEMPOTENCY_WINDOW_MS - 1);
    expect((await call('k1')).body).toBe(first.body);
    advance(1);
    const later = await call('k1', { name: 'chair' });
    expect(later.status).toBe(201);
    expect(later.headers).not.toHaveProperty('Idempotent-Replayed');
    expect(runs()).toBe(2);
  });

  it('takes over a key whose request never completed once its lease ran out; the dead one cannot complete it', async () => {
    const { call, runs, advance, store, now } = bench();
    // A request that claimed the key, then its process died.
    const scope = idempotencyScopeOf(customer(), '127.0.0.1');
    const input = { params: { shop: 'north' }, query: {}, body: { name: 'lamp' } };
    const dead = await store.begin(scope, 'k1', await fingerprintOf('createWidget', input), now());
    if (dead.outcome !== 'started') throw new Error('expected the claim');
    advance(IDEMPOTENCY_LEASE_MS - 1);
    expect(codeOf((await call('k1')).json)).toBe('IDEMPOTENCY_KEY_IN_USE');
    advance(1);
    const taken = await call('k1');
    expect(taken.status).toBe(201);
    expect(runs()).toBe(1);
    expect(await store.complete(scope, 'k1', dead.lease, { status: 201, headers: {}, body: '{}' }, now())).toBe(false);
    await store.abandon(scope, 'k1', dead.lease);
    expect((await call('k1')).body).toBe(taken.body);
    expect(runs()).toBe(1);
  });

  it('keeps each caller’s keys apart', async () => {
    const { call, runs } = bench();
    const mine = await call('k1', { name: 'lamp' }, customer('usr_one'));
    const theirs = await call('k1', { name: 'lamp' }, customer('usr_two'));
    expect(theirs.status).toBe(201);
    expect(theirs.body).not.toBe(mine.body);
    expect(runs()).toBe(2);
    expect(idempotencyScopeOf(customer('gst_1'), '10.0.0.1')).toBe('user:gst_1@http://idempotency.test');
    expect(idempotencyScopeOf({ ...customer(), role: 'anonymous', userId: null, issuer: null }, '10.0.0.1')).toBe(
      'ip:10.0.0.1',
    );
  });

  it('optional: a call without a key runs every time', async () => {
    const { call, runs } = bench({ op: { ...createWidget, idempotency: 'optional' } as never });
    expect((await call(undefined)).status).toBe(201);
    expect((await call(undefined)).status).toBe(201);
    expect(runs()).toBe(2);
  });

  it('without a store: startup is refused, and a call is a 500 that runs nothing', async () => {
    expect(() => assertIdempotencyStore([createWidget], undefined)).toThrow(/createWidget/);
    expect(() => assertIdempotencyStore([createWidget], new MemoryIdempotencyStore())).not.toThrow();
    const { call, runs } = bench({ store: false });
    expect((await call('k1')).status).toBe(500);
    expect(runs()).toBe(0);
  });
});
