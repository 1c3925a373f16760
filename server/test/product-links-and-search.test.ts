/**
 * What a new shopper tries first, against the server as `npm start` runs it (120 demo products):
 * the product page opened by its canonical URL's slug, and the README's search. Plus the slug's
 * uniqueness under real parallel requests.
 */
import { ErrorEnvelopeSchema } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productBody } from './support/sample-requests.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ products: 120 });
});
afterAll(() => server.close());

interface Summary {
  id: string;
  slug: string;
  category_slug: string;
}
type Page = { items: Summary[]; next_cursor: string | null };

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(server.baseUrl + path);
  return { status: res.status, body: (await res.json()) as T };
}

async function staff(method: string, path: string, body?: unknown) {
  const res = await fetch(server.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${server.tokens.staff}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function notFound(res: { status: number; body: unknown }) {
  expect(res.status).toBe(404);
  expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('RESOURCE_NOT_FOUND');
}

describe('the product page opens by its URL', () => {
  it('GET /api/products/{slug}: the product of seo.canonical_url, as by its id', async () => {
    const { body: page } = await get<Page>('/api/products?limit=3');
    for (const summary of page.items) {
      const byId = await get<{ seo: { canonical_url: string } }>(`/api/products/${summary.id}`);
      const slug = byId.body.seo.canonical_url.replace(/^\/product\//, '');
      expect(slug).toBe(summary.slug);
      expect(await get(`/api/products/${slug}`)).toEqual(byId);
      expect(await get(`/api/products/${slug}/inventory`)).toEqual(await get(`/api/products/${summary.id}/inventory`));
      expect(await get(`/api/products/${slug}/related?limit=4`)).toEqual(
        await get(`/api/products/${summary.id}/related?limit=4`),
      );
    }
  });

  it.each([
    'no-such-product',
    'electronics-laptops.zzzzzzzzzzzz',
    'Not_A_Slug!',
    'a.b.c',
    '%E2%9C%93',
    'x'.repeat(300),
  ])('a broken link /api/products/%s is a 404', async (ref) => {
    notFound(await get(`/api/products/${ref}`));
    notFound(await get(`/api/products/${ref}/inventory`));
    notFound(await get(`/api/products/${ref}/related`));
  });

  it('a bad query parameter is still a 400', async () => {
    const { body: page } = await get<Page>('/api/products?limit=1');
    const res = await get(`/api/products/${page.items[0]!.slug}/related?limit=999`);
    expect(res.status).toBe(400);
  });
});

describe('slugs are unique across the catalog, under concurrency', () => {
  it('10 parallel creations of one slug in 5 categories: exactly one 201, nine 409', async () => {
    const { body: categories } = await get<{ items: { slug: string; parent_slug: string | null }[] }>(
      '/api/categories?limit=100',
    );
    const leaves = categories.items.filter((c) => c.parent_slug !== null).slice(0, 5);
    expect(leaves).toHaveLength(5);
    const slug = `race-${Date.now().toString(36)}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        staff('POST', '/api/staff/products', { ...productBody(leaves[i % 5]!.slug), slug }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(9).fill(409)]);
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(ErrorEnvelopeSchema.parse(refused.body).error.code).toBe('CONFLICT');
    }

    // The winner, once published, is what the slug opens; renamed, its old slug is free again.
    const winner = results.find((r) => r.status === 201)!.body as { id: string };
    expect((await staff('POST', `/api/staff/products/${winner.id}/publish`)).status).toBe(200);
    expect((await get<{ id: string }>(`/api/products/${slug}`)).body.id).toBe(winner.id);
    expect((await staff('PATCH', `/api/staff/products/${winner.id}`, { slug: `${slug}-renamed` })).status).toBe(200);
    notFound(await get(`/api/products/${slug}`));
    expect((await get<{ id: string }>(`/api/products/${slug}-renamed`)).body.id).toBe(winner.id);
    expect((await staff('POST', '/api/staff/products', { ...productBody(leaves[0]!.slug), slug })).status).toBe(201);
  });
});

describe("the README's search", () => {
  it('GET /api/products/search?q=wool&in_stock=true finds the wool products in stock', async () => {
    const { status, body } = await get<Page>('/api/products/search?q=wool&in_stock=true');
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) {
      const { body: product } = await get<Record<string, unknown>>(`/api/products/${item.id}`);
      expect(JSON.stringify(product).toLowerCase()).toContain('wool');
      expect(product.stock_status).not.toBe('out_of_stock');
    }
  });
});
