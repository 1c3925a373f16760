/**
 * The sweeper's reconciliation queries on the Cosmos DB adapter (the emulator, or the stand-in),
 * answered as by the in-memory one: unpaid orders holding money apart from the unpaid ones, and
 * the settlements still owed.
 */
import { randomUUID } from 'node:crypto';
import type { PaymentStatus } from '@holiday-peak-hub/contract';
import { createMemoryOrderRepositories, type OrderDocument, type OrderRepository } from '@holiday-peak-hub/core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import { createCursorCodec } from '../platform/cosmos/cursor.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import { CosmosOrderRepository } from './order-repository.ts';
import { minutes, testOrder } from './test-orders.ts';

const logger = pino({ level: 'silent' });
const publisher = { publish: () => Promise.resolve(), close: () => Promise.resolve() };

const id = (name: string) => `ord_${name.padEnd(20, '0')}`;

/** An order named `name`, created at minute 0 (deadline minute 30), last changed at `changed`. */
function order(name: string, changed: number, fields: Partial<OrderDocument>, pay: PaymentStatus = 'awaiting_payment') {
  const doc = testOrder(minutes(0), { id: id(name), order_id: id(name), updated_at: minutes(changed).toISOString() });
  return { ...doc, ...fields, payment: { ...doc.payment, status: pay } };
}

const owed = (at: number) => ({
  settlement: { owed: ['payment' as const], reason: 'test', refund: null, attempt_at: minutes(at).toISOString() },
  status: 'cancelled' as const,
});

const DOCS: OrderDocument[] = [
  order('unpaid', 0, {}),
  order('heldlate', 5, {}, 'captured'),
  order('heldearly', 1, {}, 'authorized'),
  order('placing', 0, { placement: 'placing' }, 'authorized'),
  order('paid', 0, { status: 'paid' }, 'captured'),
  order('owedlate', 0, owed(10)),
  order('owedearly', 0, owed(3)),
  order('settled', 0, { status: 'cancelled', settlement: null }, 'voided'),
];

let cosmos: CosmosConnection;
let adapters: OrderRepository[];

beforeAll(async () => {
  cosmos = await connectTestCosmos(`order-settle-${randomUUID().slice(0, 8)}`);
  await ensureContainers(cosmos.database);
  const container = cosmos.database.container(CONTAINER.orders);
  adapters = [
    new CosmosOrderRepository(container, { publisher, logger }, createCursorCodec(new Uint8Array(32))),
    createMemoryOrderRepositories({ publisher, logger }).orders,
  ];
  for (const orders of adapters) for (const doc of DOCS) await orders.create(doc, [], minutes(0));
});
afterAll(() => cosmos.close());

/** The ids both adapters answer (the same, or the test fails). */
async function ids(list: (orders: OrderRepository) => Promise<OrderDocument[]>): Promise<string[]> {
  const [fromCosmos, fromMemory] = await Promise.all(adapters.map(list));
  const names = (docs: OrderDocument[] | undefined) => docs!.map((doc) => doc.id);
  expect(names(fromCosmos)).toEqual(names(fromMemory));
  return names(fromCosmos);
}

describe('the reconciliation queries', () => {
  it('listUnpaidBefore leaves out the orders whose payment holds money', async () => {
    expect(await ids((orders) => orders.listUnpaidBefore(minutes(100), 100))).toEqual([id('unpaid')]);
  });

  it('listHeldUnpaidBefore: placed unpaid orders holding money, least recently changed first', async () => {
    expect(await ids((orders) => orders.listHeldUnpaidBefore(minutes(100), 100))).toEqual([
      id('heldearly'),
      id('heldlate'),
    ]);
    expect(await ids((orders) => orders.listHeldUnpaidBefore(minutes(100), 1))).toEqual([id('heldearly')]);
    expect(await ids((orders) => orders.listHeldUnpaidBefore(minutes(5), 100))).toEqual([id('heldearly')]);
    expect(await ids((orders) => orders.listHeldUnpaidBefore(minutes(1), 100))).toEqual([]);
  });

  it('listUnsettled: owed settlements whose attempt is older, oldest first; a settled one never', async () => {
    expect(await ids((orders) => orders.listUnsettled(minutes(100), 100))).toEqual([id('owedearly'), id('owedlate')]);
    expect(await ids((orders) => orders.listUnsettled(minutes(10), 100))).toEqual([id('owedearly')]);
    expect(await ids((orders) => orders.listUnsettled(minutes(3), 100))).toEqual([]);
  });

  it('refuses a limit outside 1 to 1000', () => {
    for (const orders of adapters) {
      for (const limit of [0, 1001, 2.5]) {
        expect(() => orders.listHeldUnpaidBefore(minutes(60), limit)).toThrow(RangeError);
        expect(() => orders.listUnsettled(minutes(60), limit)).toThrow(RangeError);
      }
    }
  });
});
