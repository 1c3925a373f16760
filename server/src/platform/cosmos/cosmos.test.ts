import type { Container } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError } from '@holiday-peak-hub/core';
import { CONTAINER, CONTAINER_DEFINITIONS } from './containers.ts';
import type { CosmosConnection } from './connect.ts';
import { ensureContainers } from './ensure-containers.ts';
import { createCursorCodec, deriveCursorKey, queryFingerprint } from './cursor.ts';
import { queryPage } from './query-page.ts';
import { cosmosReadinessCheck } from './readiness.ts';
import { connectTestCosmos } from './test-cosmos.ts';

let cosmos: CosmosConnection;
let products: Container;
const cursors = createCursorCodec(deriveCursorKey(undefined));

beforeAll(async () => {
  cosmos = await connectTestCosmos('cosmos-platform-test');
});
afterAll(async () => {
  await cosmos.close();
});

describe('ensureContainers', () => {
  it('creates every container once, then finds them all', async () => {
    const first = await ensureContainers(cosmos.database);
    expect(first.created.sort()).toEqual(CONTAINER_DEFINITIONS.map((d) => d.id).sort());
    expect(first.created).toContain('audit_logs');
    const second = await ensureContainers(cosmos.database);
    expect(second.created).toEqual([]);
    expect(second.existing).toHaveLength(CONTAINER_DEFINITIONS.length);
  });

  it('gives products the /category_slug partition key and its unique keys', async () => {
    products = cosmos.database.container(CONTAINER.products);
    const { resource } = await products.read();
    expect(resource?.partitionKey?.paths).toEqual(['/category_slug']);
    await products.items.create({ id: 'toys.a', category_slug: 'toys', slug: 'same', product_id: 'toys.a', sku: 'A' });
    await expect(
      products.items.create({ id: 'toys.b', category_slug: 'toys', slug: 'same', product_id: 'toys.b', sku: 'B' }),
    ).rejects.toMatchObject({ code: 409 });
  });
});

describe('queryPage', () => {
  const spec = {
    query: 'SELECT c.id FROM c WHERE c.category_slug = @pk AND c.kind = @kind ORDER BY c.n ASC',
    parameters: [
      { name: '@pk', value: 'paging' },
      { name: '@kind', value: 'row' },
    ],
  };

  beforeAll(async () => {
    for (let n = 0; n < 7; n += 1) {
      await products.items.create({
        id: `paging.${n}`,
        category_slug: 'paging',
        kind: 'row',
        n,
        slug: `s${n}`,
        sku: `K${n}`,
        product_id: `paging.${n}`,
      });
    }
  });

  it('pages through every item with cursors, in order, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queryPage<{ id: string }>(
        products,
        spec,
        {
          limit: 3,
          cursor,
          shape: { q: 'rows' },
          partitionKey: 'paging',
        },
        cursors,
      );
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => `paging.${n}`));
  });

  it('answers a cursor used with another query with a 400', async () => {
    const first = await queryPage(products, spec, { limit: 3, shape: { q: 'rows' }, partitionKey: 'paging' }, cursors);
    expect(first.nextCursor).not.toBeNull();
    await expect(
      queryPage(
        products,
        spec,
        {
          limit: 3,
          cursor: first.nextCursor ?? '',
          shape: { q: 'other' },
          partitionKey: 'paging',
        },
        cursors,
      ),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(
      queryPage(products, spec, { limit: 3, cursor: 'Zm9v', shape: { q: 'rows' }, partitionKey: 'paging' }, cursors),
    ).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('answers ANY failure of a query resumed from a cursor with a 400, and leaves other failures alone', async () => {
    // What the SDK may throw for a continuation it cannot use: not always a 400 or a SyntaxError.
    const failing = (error: Error) =>
      ({
        items: { query: () => ({ fetchNext: () => Promise.reject(error) }) },
      }) as unknown as Container;
    const shape = { q: 'rows' };
    const cursor = cursors.encode('{"token":"+RID:x#RT:1","range":{"min":"","max":"FF"}}', queryFingerprint(shape));
    for (const error of [
      new TypeError("Cannot read properties of undefined (reading 'min')"),
      new Error('Invalid continuation token'),
    ]) {
      const resumed = queryPage(failing(error), spec, { limit: 3, cursor, shape }, cursors);
      await expect(resumed).rejects.toBeInstanceOf(InvalidRequestError);
      await expect(resumed).rejects.toMatchObject({
        status: 400,
        details: { issues: [{ in: 'query', path: 'cursor' }] },
      });
      const issue = ((await resumed.catch((err: InvalidRequestError) => err)) as InvalidRequestError).details;
      expect(JSON.stringify(issue)).toContain('cursor is not valid for this query');
      // Without a cursor the failure is the server's, as it was.
      await expect(queryPage(failing(error), spec, { limit: 3, shape }, cursors)).rejects.toBe(error);
    }
  });
});

describe('embedded stand-in', () => {
  it('counts the HTTP requests it receives: a point read is one', async () => {
    await products.item('paging.1', 'paging').read(); // warm-up
    cosmos.embedded?.resetRequestCount();
    await products.item('paging.2', 'paging').read();
    expect(cosmos.embedded?.requestCount()).toBe(1);
  });

  it('answers the readiness check', async () => {
    await expect(cosmosReadinessCheck(cosmos.database).check()).resolves.toBeUndefined();
  });
});
