/**
 * What a new shopper tries first, against the server as `npm start` runs it (120 demo products):
 * the product page opened by its canonical URL's slug, and the README's search. Plus the slug's
 * and SKUs' uniqueness under real parallel requests.
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
  const text = await res.text();
  return { status: res.status, body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> };
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

describe("SKUs, variants' included, are unique across the catalog, under concurrency", () => {
  const leafCategories = async () => {
    const { body } = await get<{ items: { slug: string; parent_slug: string | null }[] }>('/api/categories?limit=100');
    return body.items.filter((c) => c.parent_slug !== null).slice(0, 5);
  };
  const withVariantSku = (category: string, sku: string) => {
    const product = productBody(category);
    return { ...product, variants: product.variants.map((v) => ({ ...v, sku })) };
  };
  const conflictOn = (res: { status: number; body: unknown }, sku: string) => {
    expect(res.status).toBe(409);
    const { error } = ErrorEnvelopeSchema.parse(res.body);
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toMatchObject({ sku });
  };

  it('10 parallel creations sharing one variant SKU in 5 categories: exactly one 201, nine 409', async () => {
    const leaves = await leafCategories();
    expect(leaves).toHaveLength(5);
    const sku = `RACE-${Date.now().toString(36)}`.toUpperCase();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        staff('POST', '/api/staff/products', withVariantSku(leaves[i % 5]!.slug, sku)),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
    const winner = results.find((r) => r.status === 201)!.body as { id: string };
    for (const refused of results.filter((r) => r.status === 409)) {
      conflictOn(refused, sku);
      expect(ErrorEnvelopeSchema.parse(refused.body).error.details).toMatchObject({ product_id: winner.id });
    }
    // The losers gave their slugs up: the staff listing holds the winner alone with that SKU.
    const { body: listed } = await staff('GET', '/api/staff/products?limit=100');
    const holders = (listed.items as { id: string; variants: { sku: string }[] }[]).filter((p) =>
      p.variants.some((v) => v.sku === sku),
    );
    expect(holders.map((p) => p.id)).toEqual([winner.id]);
    expect((listed.items as { id?: unknown }[]).every((p) => typeof p.id === 'string')).toBe(true);
  });

  it("an update that takes another product's SKU is a 409; once given up, the SKU is free", async () => {
    const [a, b] = await leafCategories();
    // Not a plain id: the claim is stored under the SKU's hash.
    const sku = `Odd/SKU #${Date.now().toString(36)}?`;
    const first = await staff('POST', '/api/staff/products', withVariantSku(a!.slug, sku));
    expect(first.status).toBe(201);
    const second = await staff('POST', '/api/staff/products', productBody(b!.slug));
    expect(second.status).toBe(201);
    const secondVariants = second.body.variants as { sku: string }[];
    const taking = { variants: secondVariants.map((v) => ({ ...v, sku })) };
    const path = `/api/staff/products/${String(second.body.id)}`;
    conflictOn(await staff('PATCH', path, taking), sku);
    conflictOn(await staff('PATCH', path, { sku }), sku);
    expect((await staff('GET', path)).body.variants).toEqual(secondVariants);

    const firstPath = `/api/staff/products/${String(first.body.id)}`;
    expect((await staff('PATCH', firstPath, { sku: `${sku}-parent` })).status).toBe(200);
    conflictOn(await staff('PATCH', path, { sku: `${sku}-parent` }), `${sku}-parent`);
    expect((await staff('DELETE', firstPath)).status).toBe(204);
    expect((await staff('PATCH', path, taking)).status).toBe(200);
  });

  it('a slug and a SKU of the same text do not collide', async () => {
    const [a, b] = await leafCategories();
    const text = `same-text-${Date.now().toString(36)}`;
    const bySlug = await staff('POST', '/api/staff/products', { ...productBody(a!.slug), slug: text });
    const bySku = await staff('POST', '/api/staff/products', withVariantSku(b!.slug, text));
    expect([bySlug.status, bySku.status]).toEqual([201, 201]);
    const again = await staff('POST', '/api/staff/products', { ...productBody(b!.slug), sku: text });
    conflictOn(again, text);
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
