/**
 * The mocks answer as the server does: the same demo catalog (same size, same `now`) served by the
 * real server and by `@holiday-peak-hub/mocks`, the same queries, the same answers. Where the
 * order of equal sort keys is not defined (ties), pages are compared by their sort keys and the
 * whole listing as a set.
 */
import { createHandlers, createMockStore } from '@holiday-peak-hub/mocks';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.ts';

const NOW = new Date('2026-11-01T00:00:00Z');
const PRODUCTS = 60;
const MOCK_URL = 'http://mocks.test';

let server: TestServer;
const mocks = setupServer(
  ...createHandlers({ baseUrl: MOCK_URL, store: createMockStore({ products: PRODUCTS, now: NOW, clock: () => NOW }) }),
);

beforeAll(async () => {
  server = await startTestServer({ products: PRODUCTS, now: NOW });
  mocks.listen({ onUnhandledFrame: 'bypass' });
});
afterAll(async () => {
  mocks.close();
  await server.close();
});

async function both(path: string): Promise<[unknown, unknown]> {
  const [real, mock] = await Promise.all([fetch(server.baseUrl + path), fetch(MOCK_URL + path)]);
  expect(mock.status, path).toBe(real.status);
  return [await real.json(), await mock.json()];
}

interface Summary {
  id: string;
  name: string;
  price: { amount: number };
}
type Page = { items: Summary[]; next_cursor: string | null };

/** Every item of a listing, following cursors; with the sort key of each page kept in order. */
async function walk(base: string, url: string, sortKey: (s: Summary) => unknown) {
  const ids: string[] = [];
  const keys: unknown[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await fetch(`${base}${url}${cursor ? `${sep}cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    ids.push(...page.items.map((item) => item.id));
    keys.push(...page.items.map(sortKey));
    cursor = page.next_cursor;
  } while (cursor !== null);
  return { ids, keys };
}

describe('server and mocks agree', () => {
  const listings: [string, (s: Summary) => unknown][] = [
    ['/api/products?limit=7', () => 0],
    ['/api/products?category=electronics-laptops&sort=price&order=asc&limit=3', (s) => s.price.amount],
    ['/api/products?category=electronics&sort=price&order=desc&limit=4', (s) => s.price.amount],
    ['/api/products?category=electronics&sort=name&order=asc&limit=5', (s) => s.name],
    ['/api/products?min_price=50&max_price=400&in_stock=true&limit=10', () => 0],
    ['/api/products/search?q=the&limit=5', () => 0],
    ['/api/products/featured?limit=3', () => 0],
  ];

  it.each(listings)('%s: same products, same order of sort keys, across every page', async (url, key) => {
    const real = await walk(server.baseUrl, url, key);
    const mock = await walk(MOCK_URL, url, key);
    expect(real.ids.length).toBeGreaterThan(0);
    expect(new Set(real.ids).size).toBe(real.ids.length);
    expect([...mock.ids].sort()).toEqual([...real.ids].sort());
    expect(mock.keys).toEqual(real.keys);
  });

  it('a department lists the products of its subcategories', async () => {
    const department = await walk(server.baseUrl, '/api/products?category=electronics&limit=50', () => 0);
    expect(department.ids.length).toBeGreaterThan(0);
    expect(department.ids.every((id) => id.startsWith('electronics-'))).toBe(true);
    const laptops = await walk(server.baseUrl, '/api/products?category=electronics-laptops&limit=50', () => 0);
    expect(laptops.ids.every((id) => department.ids.includes(id))).toBe(true);
    expect(department.ids.length).toBeGreaterThan(laptops.ids.length);
  });

  it.each([
    '/api/products/filters',
    '/api/products/filters?category=electronics',
    '/api/products/filters?category=electronics-laptops',
    '/api/categories?limit=100',
    '/api/categories?parent=electronics',
    '/api/categories/electronics-laptops',
    '/api/banners/active',
    '/api/banners/active?placement=home-hero',
    '/api/products/filters?category=no-such-category',
    '/api/products?cursor=garbage',
  ])('%s: the same body', async (path) => {
    const [real, mock] = await both(path);
    if (typeof real === 'object' && real !== null && 'error' in real) {
      type Envelope = { error: { code: string } };
      expect((mock as Envelope).error.code).toBe((real as Envelope).error.code);
    } else {
      expect(mock).toEqual(real);
    }
  });

  it('the same product, inventory and related products for every active product', async () => {
    const { ids } = await walk(server.baseUrl, '/api/products?limit=100', () => 0);
    for (const id of ids.slice(0, 15)) {
      const [realProduct, mockProduct] = await both(`/api/products/${id}`);
      expect(mockProduct).toEqual(realProduct);
      const [realStock, mockStock] = await both(`/api/products/${id}/inventory`);
      expect(mockStock).toEqual(realStock);
      const [realRelated, mockRelated] = (await both(`/api/products/${id}/related?limit=24`)) as [Page, Page];
      expect(mockRelated.items.map((i) => i.id).sort()).toEqual(realRelated.items.map((i) => i.id).sort());
    }
  });
});
