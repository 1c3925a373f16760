import { PRODUCT_SORTS } from '@holiday-peak-hub/contract';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';
import { createCursorCodec, deriveCursorKey } from '../platform/cosmos/cursor.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import type { Page } from '../platform/cosmos/query-page.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import type { PageInput } from '@holiday-peak-hub/core';
import { CosmosProductRepository as ProductRepository } from './product-repository.ts';

/**
 * Sort order of listings on the stand-in, with the real indexing policy: ties in the sort field
 * are broken by id in the same direction (as the mocks do), and paging by cursor neither skips
 * nor repeats, in one partition and across partitions.
 */
interface Row {
  id: string;
  category_slug: string;
  name: string;
  price: { amount: number };
  created_at: string;
  analytics: { purchases: number };
  status: string;
  featured: boolean;
}

// Inserted in this order: the stand-in's own tie-break (insertion order) differs from id order.
const ROWS: Row[] = [
  ['b-cat.z', 'Same', 10, '2026-01-02', 5, 'active'],
  ['a-cat.y', 'Same', 10, '2026-01-02', 5, 'active'],
  ['b-cat.m', 'Other', 5, '2026-01-01', 9, 'draft'],
  ['a-cat.x', 'Same', 10, '2026-01-02', 5, 'active'],
  ['b-cat.c', 'Zed', 20, '2026-01-03', 5, 'active'],
  ['a-cat.q', 'Other', 5, '2026-01-01', 9, 'active'],
  ['a-cat.w', 'Same', 10, '2026-01-02', 5, 'active'],
].map(([id, name, amount, day, purchases, status]) => ({
  id: id as string,
  category_slug: (id as string).split('.')[0]!,
  name: name as string,
  price: { amount: amount as number },
  created_at: `${day as string}T00:00:00.000Z`,
  analytics: { purchases: purchases as number },
  status: status as string,
  featured: true,
}));

const KEYS: Record<(typeof PRODUCT_SORTS)[number], (row: Row) => number | string> = {
  price: (row) => row.price.amount,
  name: (row) => row.name,
  created_at: (row) => row.created_at,
  popularity: (row) => row.analytics.purchases,
};

const compare = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

function expected(rows: Row[], key: (row: Row) => number | string, order: 'asc' | 'desc'): string[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * (compare(key(a), key(b)) || compare(a.id, b.id))).map((row) => row.id);
}

/** Every page, two items at a time, resumed from the cursor each page returns. */
async function allPages(read: (page: PageInput) => Promise<Page<{ id: string }>>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages += 1) {
    const page = await read({ limit: 2, cursor });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return ids;
}

let cosmos: CosmosConnection;
let repository: ProductRepository;

beforeAll(async () => {
  cosmos = await connectTestCosmos('product-repository-test');
  await ensureContainers(cosmos.database);
  const container = cosmos.database.container(CONTAINER.products);
  for (const row of ROWS) {
    const suffix = row.id.replace('.', '-');
    await container.items.create({ ...row, product_id: row.id, slug: suffix, sku: suffix.toUpperCase() });
  }
  const logger = pino({ level: 'silent' });
  const publisher = { publish: () => Promise.resolve(), close: () => Promise.resolve() };
  repository = new ProductRepository(container, { publisher, logger }, createCursorCodec(deriveCursorKey(undefined)));
});
afterAll(async () => {
  await cosmos.close();
});

describe('listing order: the sort field, then id in the same direction', () => {
  const active = ROWS.filter((row) => row.status === 'active');
  const cases = PRODUCT_SORTS.flatMap((sort) =>
    (['asc', 'desc'] as const).flatMap((order) =>
      [undefined, ['a-cat']].map((categories) => ({ sort, order, categories })),
    ),
  );

  it.each(cases)('sort=$sort order=$order categories=$categories', async ({ sort, order, categories }) => {
    const rows = active.filter((row) => categories === undefined || categories.includes(row.category_slug));
    const ids = await allPages((page) => repository.listActive({ sort, order, categories }, page, 'listProducts'));
    expect(ids).toEqual(expected(rows, KEYS[sort], order));
  });

  it('staff listing: newest first, then id descending (single- and cross-partition)', async () => {
    expect(await allPages((page) => repository.listForStaff({}, page))).toEqual(
      expected(ROWS, KEYS.created_at, 'desc'),
    );
    expect(await allPages((page) => repository.listForStaff({ category: 'a-cat' }, page))).toEqual(
      expected(
        ROWS.filter((row) => row.category_slug === 'a-cat'),
        KEYS.created_at,
        'desc',
      ),
    );
  });

  it('featured: newest first, then id descending', async () => {
    expect(await allPages((page) => repository.listFeatured(page))).toEqual(expected(active, KEYS.created_at, 'desc'));
  });
});
