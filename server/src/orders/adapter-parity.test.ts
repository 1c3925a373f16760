/**
 * The Cosmos DB order adapters and the core's in-memory ones answer the same: the same orders in
 * both, the same calls, the same documents in the same order over every page of every list, the
 * same errors for the same wrong writes, the same numbers.
 */
import { randomUUID } from 'node:crypto';
import {
  createMemoryOrderRepositories,
  type OrderRepositories,
  type PageInput,
  type ResultPage,
  type StoredOrder,
} from '@holiday-peak-hub/core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import { createCursorCodec } from '../platform/cosmos/cursor.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import { CosmosOrderNumbers } from './order-numbers.ts';
import { CosmosOrderRepository } from './order-repository.ts';
import { fixtureId, listFixture, minutes, testOrder } from './test-orders.ts';

const logger = pino({ level: 'silent' });
const publisher = { publish: () => Promise.resolve(), close: () => Promise.resolve() };
const DOCS = listFixture();

let cosmos: CosmosConnection;
let adapters: [OrderRepositories, OrderRepositories];

beforeAll(async () => {
  cosmos = await connectTestCosmos(`order-parity-${randomUUID().slice(0, 8)}`);
  await ensureContainers(cosmos.database);
  const container = cosmos.database.container(CONTAINER.orders);
  adapters = [
    {
      orders: new CosmosOrderRepository(container, { publisher, logger }, createCursorCodec(new Uint8Array(32))),
      numbers: new CosmosOrderNumbers(container),
    },
    createMemoryOrderRepositories({ publisher, logger }),
  ];
  for (const { orders } of adapters) {
    for (const doc of [...DOCS].reverse()) await orders.create(doc, [], minutes(0));
  }
});
afterAll(() => cosmos.close());

/** A stored order without what only its storage adds (version, system properties). */
function plain(doc: StoredOrder | undefined): unknown {
  if (doc === undefined) return undefined;
  const copy: Record<string, unknown> = { ...doc };
  for (const field of ['_etag', '_rid', '_self', '_ts', '_attachments']) delete copy[field];
  return copy;
}

/** The same call on both adapters: both answers, storage fields removed. */
async function both<T>(call: (repositories: OrderRepositories) => Promise<T>): Promise<[T, T]> {
  const [fromCosmos, fromMemory] = await Promise.all(adapters.map(call));
  return [fromCosmos!, fromMemory!];
}

async function walk(list: (page: PageInput) => Promise<ResultPage<StoredOrder>>, limit: number) {
  const pages: unknown[][] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit, cursor });
    pages.push(page.items.map(plain));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages.length < 50);
  return pages;
}

describe('Cosmos DB and memory order adapters agree', () => {
  it.each([
    ['cus-a', undefined, 3],
    ['cus-a', 'pending_payment', 2],
    ['cus-b', undefined, 1],
    ['nobody', undefined, 5],
  ] as const)('listByCustomer(%s, %s): the same pages of %i', async (customer, status, limit) => {
    const [a, b] = await both(({ orders }) => walk((page) => orders.listByCustomer(customer, status, page), limit));
    expect(a).toEqual(b);
  });

  it.each([
    [{}, 4],
    [{ status: 'paid' as const }, 2],
    [{ email: 'guest@example.com' }, 2],
    [{ email: 'guest@example.com', status: 'pending_payment' as const }, 1],
  ])('listForStaff(%j): the same pages of %i', async (filter, limit) => {
    const [a, b] = await both(({ orders }) => walk((page) => orders.listForStaff(filter, page), limit));
    expect(a.flat().length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });

  it('the same lists of guest orders and of all of an account', async () => {
    for (const email of ['guest@example.com', 'other@example.com', 'nobody@example.com']) {
      const [a, b] = await both(({ orders }) => orders.listGuestOrdersOf(email));
      expect(a.map(plain)).toEqual(b.map(plain));
    }
    for (const customer of ['cus-a', 'cus-c', 'nobody']) {
      const [a, b] = await both(({ orders }) => orders.listAllOfCustomer(customer));
      expect(a.map(plain)).toEqual(b.map(plain));
    }
  });

  // Only up to deadlines with no tie and before any placing order's (see the report of divergences).
  it.each([
    [39, 100],
    [39, 2],
    [33, 100],
  ])('listUnpaidBefore(minute %i, %i): the same orders', async (minute, limit) => {
    const [a, b] = await both(({ orders }) => orders.listUnpaidBefore(minutes(minute), limit));
    expect(a.length).toBeGreaterThan(0);
    expect(a.map(plain)).toEqual(b.map(plain));
  });

  it.each([
    [35, 10, [7]],
    [41, 10, [7, 14]],
    [41, 1, [7]],
    [30, 10, []],
  ])('listStalePlacements(minute %i, %i): the same placing orders, oldest first', async (minute, limit, ids) => {
    const [a, b] = await both(({ orders }) => orders.listStalePlacements(minutes(minute), limit));
    expect(a.map((doc) => doc.id)).toEqual(ids.map(fixtureId));
    expect(a.map(plain)).toEqual(b.map(plain));
  });

  it('the same reads by id and number, and the same misses', async () => {
    for (const ref of [fixtureId(5), fixtureId(7), 'ord_nosuchorder000000000']) {
      const [a, b] = await both(({ orders }) => orders.get(ref));
      expect(plain(a)).toEqual(plain(b));
    }
    for (const number of ['HPH-2026-000005', 'HPH-2026-000014', 'HPH-2026-999999']) {
      const [a, b] = await both(({ orders }) => orders.getByNumber(number));
      expect(plain(a)).toEqual(plain(b));
    }
  });

  it('the same errors: taken id 409, stale version 412, gone 404, with the same details', async () => {
    const errorOf = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (err: { status?: number; code?: string; details?: unknown }) => [err.status, err.code, err.details],
      );
    const doc = testOrder(minutes(0), { order_number: 'HPH-2026-000100' });
    const [stored] = await both(({ orders }) => orders.create(doc, [], minutes(0)));
    const taken = await both(({ orders }) => errorOf(orders.create(doc, [], minutes(0))));
    expect(taken[0]).toEqual([409, 'CONFLICT', { order_id: doc.id }]);
    expect(taken[1]).toEqual(taken[0]);
    const stale = await both(({ orders }) => errorOf(orders.replace(doc, [], 'stale-version', minutes(1))));
    expect(stale[0]?.[0]).toBe(412);
    expect(stale[1]).toEqual(stale[0]);
    await Promise.all(adapters.map(async ({ orders }) => orders.delete(doc, (await orders.get(doc.id))!._etag)));
    const gone = await both(({ orders }) => errorOf(orders.delete(doc, stored._etag)));
    expect(gone[0]?.[0]).toBe(404);
    expect(gone[1]).toEqual(gone[0]);
  });

  it('the same numbers, in parallel', async () => {
    const [a, b] = await both(({ numbers }) => Promise.all(Array.from({ length: 50 }, () => numbers.next(2040))));
    expect([...a].sort((x, y) => x - y)).toEqual([...b].sort((x, y) => x - y));
  });
});
