/**
 * The order lists on Cosmos DB (the embedded stand-in, with the real indexing policy): each query
 * answers exactly the orders its filter names, newest first with ties by id (in the reverse of the
 * insertion order the stand-in would fall back on), and paging by cursor neither skips nor repeats.
 */
import { randomUUID } from 'node:crypto';
import { InvalidRequestError, type OrderDocument, type PageInput, type ResultPage } from '@holiday-peak-hub/core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import { createCursorCodec } from '../platform/cosmos/cursor.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import { CosmosOrderNumbers } from './order-numbers.ts';
import { CosmosOrderRepository } from './order-repository.ts';
import { listFixture, minutes, fixtureId as id } from './test-orders.ts';

const publisher = { publish: () => Promise.resolve(), close: () => Promise.resolve() };
const DOCS = listFixture();

/** The reference: these documents, filtered, newest first, ties by id descending. */
function expected(keep: (doc: OrderDocument) => boolean): string[] {
  return DOCS.filter(keep)
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id))
    .map((doc) => doc.id);
}

let cosmos: CosmosConnection;
let orders: CosmosOrderRepository;

beforeAll(async () => {
  cosmos = await connectTestCosmos(`order-queries-${randomUUID().slice(0, 8)}`);
  await ensureContainers(cosmos.database);
  const container = cosmos.database.container(CONTAINER.orders);
  orders = new CosmosOrderRepository(
    container,
    { publisher, logger: pino({ level: 'silent' }) },
    createCursorCodec(new Uint8Array(32)),
  );
  for (const doc of [...DOCS].reverse()) await orders.create(doc, [], minutes(0));
  // A number counter in the same container must never appear in a list.
  await new CosmosOrderNumbers(container).next(2026);
});
afterAll(() => cosmos.close());

/** Every page of a list, `limit` at a time. */
async function walk(list: (page: PageInput) => Promise<ResultPage<{ id: string }>>, limit: number) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages += 1) {
    const page = await list({ limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((item) => item.id));
    if (page.nextCursor === null) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('more than 50 pages');
}

describe('a customer’s orders', () => {
  it.each([1, 2, 3, 10])(
    'all of them (placing too: the service shows placed ones), newest first, %i per page',
    async (limit) => {
      const ids = await walk((page) => orders.listByCustomer('cus-a', undefined, page), limit);
      expect(ids).toEqual(expected((doc) => doc.customer_id === 'cus-a'));
      expect(ids).toEqual([id(7), id(5), id(8), id(3), id(2), id(1), id(4), id(6)]);
    },
  );

  it.each(['pending_payment', 'paid', 'shipped'] as const)('of status %s', async (status) => {
    const ids = await walk((page) => orders.listByCustomer('cus-a', status, page), 1);
    expect(ids).toEqual(expected((doc) => doc.customer_id === 'cus-a' && doc.status === status));
  });

  it("another customer's cursor is refused (400), not resumed", async () => {
    const first = await orders.listByCustomer('cus-a', undefined, { limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const reuse = orders.listByCustomer('cus-b', undefined, { limit: 2, cursor: first.nextCursor! });
    await expect(reuse).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('every order of an account, placing ones too (erasure)', async () => {
    const ids = (await orders.listAllOfCustomer('cus-a')).map((doc) => doc.id);
    expect(ids).toEqual(expected((doc) => doc.customer_id === 'cus-a'));
    expect(ids).toContain(id(7));
  });
});

describe('the staff list', () => {
  it.each([
    ['every order', {}, () => true],
    ['of one status', { status: 'paid' as const }, (doc: OrderDocument) => doc.status === 'paid'],
    ['of one email', { email: 'guest@example.com' }, (doc: OrderDocument) => doc.email_key === 'guest@example.com'],
    [
      'of one email and status',
      { email: 'guest@example.com', status: 'pending_payment' as const },
      (doc: OrderDocument) => doc.email_key === 'guest@example.com' && doc.status === 'pending_payment',
    ],
  ])('%s, over pages of 2 and of 5', async (_, filter, keep) => {
    for (const limit of [2, 5]) {
      const ids = await walk((page) => orders.listForStaff(filter, page), limit);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids).toEqual(expected(keep));
    }
  });
});

describe('guest orders of an email', () => {
  it('those with no account yet, placing ones too, newest first', async () => {
    const ids = (await orders.listGuestOrdersOf('guest@example.com')).map((doc) => doc.id);
    expect(ids).toEqual([id(14), id(13), id(12), id(11)]);
    expect(await orders.listGuestOrdersOf('nobody@example.com')).toEqual([]);
  });
});

describe('unpaid orders past their deadline', () => {
  // pay_by = created_at + 30 minutes; pending_payment and placed: 6 (minute 1), 15 (2), 11 (3), 13 (8), 16 (9), 1, 3, 9 (10).
  it('pending_payment and placed only, oldest deadline first (ties by id), at most limit', async () => {
    const at = minutes(10 + 30 + 1);
    const all = (await orders.listUnpaidBefore(at, 100)).map((doc) => doc.id);
    expect(all).toEqual([id(6), id(15), id(11), id(13), id(16), id(1), id(3), id(9)]);
    expect((await orders.listUnpaidBefore(at, 3)).map((doc) => doc.id)).toEqual([id(6), id(15), id(11)]);
    // Hours later the placing ones (7, 14: pending_payment too) are past their deadline, and still not listed.
    expect((await orders.listUnpaidBefore(minutes(600), 100)).map((doc) => doc.id)).toEqual(all);
  });

  it('strictly before now: a deadline equal to now is not yet past', async () => {
    expect((await orders.listUnpaidBefore(minutes(8 + 30), 100)).map((doc) => doc.id)).toEqual([id(6), id(15), id(11)]);
    expect(await orders.listUnpaidBefore(minutes(0), 100)).toEqual([]);
  });

  it('refuses a limit outside 1..1000', () => {
    for (const limit of [0, 1001, 2.5]) expect(() => orders.listUnpaidBefore(minutes(60), limit)).toThrow(RangeError);
  });
});

describe('by order number', () => {
  it('finds the order, placing ones too; an unknown number is undefined', async () => {
    expect((await orders.getByNumber('HPH-2026-000005'))?.id).toBe(id(5));
    expect((await orders.getByNumber('HPH-2026-000014'))?.placement).toBe('placing');
    expect(await orders.getByNumber('HPH-2026-999999')).toBeUndefined();
  });
});
