/**
 * A department lists its subcategories' products, read through a category-tree cache that
 * category writes clear and product writes leave alone.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { productBody } from './support/sample-requests.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ products: 30 });
});
afterAll(() => server.close());

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(server.baseUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${server.tokens.staff}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as Record<string, unknown> };
}

const ids = async (path: string) => ((await call('GET', path)).body.items as { id: string }[]).map((item) => item.id);

it('shows a new subcategory and its product in its department at once', async () => {
  const before = await ids('/api/products?category=electronics&limit=100');
  expect((await call('GET', '/api/products/filters?category=electronics-gadgets')).status).toBe(404);

  expect(
    (
      await call('POST', '/api/staff/categories', {
        slug: 'electronics-gadgets',
        name: 'Gadgets',
        parent_slug: 'electronics',
      })
    ).status,
  ).toBe(201);
  const created = await call('POST', '/api/staff/products', productBody('electronics-gadgets'));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await call('POST', `/api/staff/products/${id}/publish`)).status).toBe(200);

  const after = await ids('/api/products?category=electronics&limit=100');
  expect(after).toContain(id);
  expect(after.length).toBe(before.length + 1);
  const facets = await call('GET', '/api/products/filters?category=electronics-gadgets');
  expect(facets.status).toBe(200);
  expect(facets.body.total_products).toBe(1);
});

it('keeps the tree cached across product writes: a listing miss reads one partition', async () => {
  const embedded = server.composed.cosmos.embedded!;
  await ids('/api/products?category=electronics-laptops&limit=5'); // tree cached
  const product = (await ids('/api/products?category=electronics-laptops&limit=1'))[0]!;
  expect((await call('PATCH', `/api/staff/products/${product}`, { description: 'Changed by a test.' })).status).toBe(
    200,
  );
  embedded.resetRequestCount();
  await ids('/api/products?category=electronics-laptops&limit=5');
  expect(embedded.requestCount() - embedded.queryPlanCount()).toBe(1);
  expect(embedded.crossPartitionQueryCount()).toBe(0);
});
