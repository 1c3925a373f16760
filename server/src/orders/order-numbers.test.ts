/**
 * Order numbers on Cosmos DB (the embedded stand-in, over HTTP) under real parallelism: every call
 * gets its own number, with no gap and no repeat, from the year's first use on.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import { CosmosOrderNumbers, counterId } from './order-numbers.ts';

let cosmos: CosmosConnection;
let numbers: CosmosOrderNumbers;

beforeAll(async () => {
  cosmos = await connectTestCosmos(`order-numbers-${randomUUID().slice(0, 8)}`);
  await ensureContainers(cosmos.database);
  numbers = new CosmosOrderNumbers(cosmos.database.container(CONTAINER.orders));
});
afterAll(() => cosmos.close());

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('order numbers', () => {
  it("200 parallel next(2026) on a year's first use: 200 distinct numbers, exactly 1..200", async () => {
    const got = await Promise.all(Array.from({ length: 200 }, () => numbers.next(2026)));
    expect(new Set(got).size).toBe(200);
    expect([...got].sort((a, b) => a - b)).toEqual(oneTo(200));
    const { resource } = await cosmos.database
      .container(CONTAINER.orders)
      .item(counterId(2026), counterId(2026))
      .read<{ last: number; doc_type: string }>();
    expect(resource).toMatchObject({ last: 200, doc_type: 'order_counter' });
  });

  it('then goes on from where it stopped; each year counts on its own', async () => {
    expect(await numbers.next(2026)).toBe(201);
    const [a, b] = await Promise.all([numbers.next(2027), numbers.next(2027)]);
    expect([a, b].sort()).toEqual([1, 2]);
    expect(await numbers.next(2026)).toBe(202);
  });

  it('two instances (two replicas) share the counter: 100 parallel calls from each, 200 distinct numbers', async () => {
    const other = new CosmosOrderNumbers(cosmos.database.container(CONTAINER.orders));
    const got = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? numbers : other).next(2028)));
    expect([...got].sort((x, y) => x - y)).toEqual(oneTo(200));
  });

  it('refuses a year that is not four digits', async () => {
    for (const year of [999, 10_000, 2026.5, Number.NaN]) {
      await expect(numbers.next(year)).rejects.toBeInstanceOf(RangeError);
    }
  });
});
