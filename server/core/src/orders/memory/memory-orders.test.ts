import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../ports/logger.ts';
import { MemoryTables } from '../../platform/memory-tables.ts';
import type { OrderDocument } from '../documents.ts';
import { createMemoryOrderRepositories } from './memory-orders.ts';

/** The in-memory order storage: numbers under concurrency, the sweeper's list, state kept in `MemoryTables`. */

const publisher = { publish: () => Promise.resolve(), close: () => Promise.resolve() };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 15, 12, minute)).toISOString();

function order(n: number, payBy: string, placement: OrderDocument['placement'] = 'placed'): OrderDocument {
  const id = `ord_${String(n).padStart(20, '0')}`;
  return {
    id,
    order_id: id,
    order_number: `HPH-2026-${String(n).padStart(6, '0')}`,
    pay_by: payBy,
    placement,
    status: 'pending_payment',
    payment: { status: 'awaiting_payment' },
    created_at: at(0),
  } as OrderDocument;
}

describe('the in-memory order storage', () => {
  it('gives 50 parallel callers the numbers 1 to 50 of a year, each once, and starts each year at 1', async () => {
    const { numbers } = createMemoryOrderRepositories({ publisher, logger: silentLogger });
    const got = await Promise.all(Array.from({ length: 50 }, () => numbers.next(2026)));
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await numbers.next(2027)).toBe(1);
  });

  it('lists placed unpaid orders past their deadline, oldest deadline first (ties by id), never a placing one', async () => {
    const tables = new MemoryTables();
    const { orders } = createMemoryOrderRepositories({ publisher, logger: silentLogger, tables });
    for (const doc of [
      order(3, at(30)),
      order(1, at(30)),
      order(2, at(20)),
      order(4, at(10), 'placing'),
      order(5, at(50)),
    ]) {
      await orders.create(doc, [], new Date(at(0)));
    }
    const ids = async (minute: number, limit: number) =>
      (await orders.listUnpaidBefore(new Date(at(minute)), limit)).map((doc) => doc.id.slice(-1));
    expect(await ids(40, 10)).toEqual(['2', '1', '3']);
    expect(await ids(40, 2)).toEqual(['2', '1']);
    expect(await ids(30, 10)).toEqual(['2']);
    for (const limit of [0, 1001, 2.5])
      expect(() => orders.listUnpaidBefore(new Date(at(40)), limit)).toThrow(RangeError);
    expect(tables.table('orders.orders').size).toBe(5);
  });
});
