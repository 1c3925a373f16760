import { ErrorEnvelopeSchema, ProductPageSchema, type ProductSummary } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { call, json, useMockApi } from './test-support.ts';

const { store, scenarios } = useMockApi();
/** The seeded catalog: every test starts from it (`store.catalog` is what the tables are seeded with). */
const seeded = store.catalog.products;
const seededById = new Map(seeded.map((product) => [product.id, product]));

type Envelope = { error: { code: string; details: { issues?: { in: string; path: string; message: string }[] } } };

async function expectError(response: Response, status: number, code: string): Promise<Envelope> {
  expect(response.status).toBe(status);
  const body = ErrorEnvelopeSchema.parse(await response.json());
  expect(body.error.code).toBe(code);
  expect(body.error.request_id).toBe(response.headers.get('x-request-id'));
  return body;
}

describe('input validation and errors', () => {
  it('400 with every issue located, for bad query values and unknown query keys', async () => {
    const response = await call('get', '/api/products?limit=0&sort=colour&nope=1');
    const { error } = await expectError(response, 400, 'INVALID_REQUEST');
    const where = (error.details.issues ?? []).map((issue) => `${issue.in}:${issue.path}`);
    expect(where).toEqual(expect.arrayContaining(['query:limit', 'query:sort']));
    expect(where.some((w) => w.startsWith('query:'))).toBe(true);
    expect(error.details.issues?.length).toBeGreaterThanOrEqual(3);
  });

  it('400 for a query key on an operation without a query', async () => {
    const id = seeded.find((p) => p.status === 'active')?.id ?? '';
    expect((await call('get', `/api/products/${id}`)).status).toBe(200);
    const { error } = await expectError(await call('get', `/api/products/${id}?debug=1`), 400, 'INVALID_REQUEST');
    expect(error.details.issues).toEqual([{ in: 'query', path: 'debug', message: 'unknown query parameter' }]);
  });

  it('400 for a bad path parameter and for a bad body', async () => {
    await expectError(await call('get', '/api/staff/products/not-an-id', { token: 'staff' }), 400, 'INVALID_REQUEST');
    // A shopper's link names a product by id or slug: one that names nothing, malformed or not, is a 404.
    await expectError(await call('get', '/api/products/Not_An_Id!'), 404, 'RESOURCE_NOT_FOUND');
    const { error } = await expectError(
      await call('post', '/api/staff/categories', { token: 'staff', body: { slug: 'Bad Slug', name: '' } }),
      400,
      'INVALID_REQUEST',
    );
    expect(error.details.issues?.every((issue) => issue.in === 'body')).toBe(true);
    await expectError(await call('post', '/api/staff/banners', { token: 'staff' }), 400, 'INVALID_REQUEST');
  });

  it('415 for a body that is not JSON', async () => {
    const response = await call('put', '/api/staff/products/electronics-laptops.aaaaaaaaaaaa/variants/v1/stock', {
      token: 'staff',
      headers: { 'Content-Type': 'text/plain' },
    });
    // no body at all: 400; a text body: 415
    expect(response.status).toBe(400);
    const text = await fetch('http://api.test/api/staff/banners', {
      method: 'POST',
      headers: { Authorization: 'Bearer mock.staff', 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    await expectError(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('401 without a token or with an unknown one, 403 for the wrong role; admin may do what staff may', async () => {
    await expectError(await call('get', '/api/staff/products'), 401, 'UNAUTHORIZED');
    await expectError(
      await call('get', '/api/staff/products', { headers: { Authorization: 'Bearer forged' } }),
      401,
      'UNAUTHORIZED',
    );
    await expectError(await call('get', '/api/staff/products', { token: 'customer' }), 403, 'FORBIDDEN');
    expect((await call('get', '/api/staff/products', { token: 'admin' })).status).toBe(200);
  });

  it('404 for unknown resources, and for products shoppers may not see', async () => {
    await expectError(await call('get', '/api/products/electronics-laptops.zzzzzzzzzzzz'), 404, 'RESOURCE_NOT_FOUND');
    const draft = seeded.find((p) => p.status === 'draft');
    expect(draft).toBeDefined();
    expect((await call('get', `/api/staff/products/${draft?.id ?? ''}`, { token: 'staff' })).status).toBe(200);
    await expectError(await call('get', `/api/products/${draft?.id ?? ''}`), 404, 'RESOURCE_NOT_FOUND');
    await expectError(await call('get', '/api/categories/no-such-aisle'), 404, 'RESOURCE_NOT_FOUND');
    await expectError(await call('get', '/api/products/filters?category=no-such-aisle'), 404, 'RESOURCE_NOT_FOUND');
  });

  it('echoes a valid X-Request-ID', async () => {
    const response = await call('get', '/healthz', { headers: { 'X-Request-ID': 'ui-test-42' } });
    expect(response.headers.get('x-request-id')).toBe('ui-test-42');
  });
});

describe('listing, paging and caching', () => {
  it('pages a filtered, sorted listing with opaque cursors, every item once', async () => {
    const query = 'sort=price&order=asc&limit=7&in_stock=true';
    const seen: ProductSummary[] = [];
    let cursor: string | null = null;
    do {
      const response: Response = await call('get', `/api/products?${query}${cursor ? `&cursor=${cursor}` : ''}`);
      const page = ProductPageSchema.parse(await response.json());
      seen.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor !== null);
    const expected = seeded.filter((p) => p.status === 'active' && p.variants.some((v) => v.stock > 0));
    expect(seen).toHaveLength(expected.length);
    expect(new Set(seen.map((p) => p.id)).size).toBe(seen.length);
    const prices = seen.map((p) => p.price.amount);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(seen.every((p) => p.stock_status !== 'out_of_stock')).toBe(true);
  });

  it('400 for a garbage cursor, and for a cursor of another query', async () => {
    await expectError(await call('get', '/api/products?cursor=garbage'), 400, 'INVALID_REQUEST');
    const first = await json<{ next_cursor: string }>(await call('get', '/api/products?limit=2'));
    await expectError(
      await call('get', `/api/products?limit=2&sort=name&cursor=${first.next_cursor}`),
      400,
      'INVALID_REQUEST',
    );
  });

  it('accepts repeated and comma-separated brand lists and several attr filters', async () => {
    const repeated = await json<{ items: ProductSummary[] }>(
      await call('get', '/api/products?brand=Apple&brand=Sony&limit=100'),
    );
    const comma = await json<{ items: ProductSummary[] }>(
      await call('get', '/api/products?brand=Apple,Sony&limit=100'),
    );
    expect(repeated.items.length).toBeGreaterThan(0);
    expect(comma.items).toEqual(repeated.items);
    expect(repeated.items.every((p) => ['Apple', 'Sony'].includes(p.brand))).toBe(true);
    const attrs = await json<{ items: ProductSummary[] }>(
      await call('get', '/api/products?category=electronics-laptops&attr=ram:16GB&attr=color:Black&limit=100'),
    );
    expect(attrs.items.length).toBeGreaterThan(0);
    for (const summary of attrs.items) {
      const product = seededById.get(summary.id);
      expect(product?.attributes.ram).toBe('16GB');
      expect(product?.variants.some((v) => v.attributes.color === 'Black')).toBe(true);
    }
  });

  it('related: same category, best sellers first, never itself', async () => {
    const product = seeded.find((p) => p.status === 'active');
    const related = await json<{ items: ProductSummary[] }>(
      await call('get', `/api/products/${product?.id ?? ''}/related`),
    );
    expect(related.items.length).toBeGreaterThan(0);
    expect(related.items.every((p) => p.category_slug === product?.category_slug && p.id !== product?.id)).toBe(true);
    const purchases = related.items.map((p) => seededById.get(p.id)?.analytics.purchases ?? 0);
    expect(purchases).toEqual([...purchases].sort((a, b) => b - a));
  });

  it('public reads carry ETag and Cache-Control, and answer If-None-Match with 304', async () => {
    const first = await call('get', '/api/categories/electronics');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=60/);
    const again = await call('get', '/api/categories/electronics', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const staff = await call('get', '/api/staff/banners', { token: 'staff' });
    expect(staff.headers.get('cache-control')).toBe('no-store');
  });

  it('category ETag works with If-Match on update', async () => {
    const read = await call('get', '/api/categories/beauty');
    const etag = read.headers.get('etag') ?? '';
    const ok = await call('patch', '/api/staff/categories/beauty', {
      token: 'staff',
      headers: { 'If-Match': etag },
      body: { name: 'Beauty & Wellness' },
    });
    expect(ok.status).toBe(200);
    const stale = await call('patch', '/api/staff/categories/beauty', {
      token: 'staff',
      headers: { 'If-Match': etag },
      body: { name: 'Beauty' },
    });
    await expectError(stale, 412, 'PRECONDITION_FAILED');
  });
});

describe('scenario controls', () => {
  it('fail: the operation answers the envelope of the code (503 with Retry-After by default) until cleared', async () => {
    scenarios.fail('listProducts');
    const failed = await call('get', '/api/products?limit=1');
    const { error } = await expectError(failed, 503, 'SERVICE_UNAVAILABLE');
    expect(failed.headers.get('retry-after')).toBe('5');
    expect(error.details).toEqual({ scenario: 'forced-failure' });
    // other operations answer as usual
    expect((await call('get', '/api/categories/electronics')).status).toBe(200);
    scenarios.clearFailures('listProducts');
    expect((await call('get', '/api/products?limit=1')).status).toBe(200);
  });

  it('fail takes only a code the operation declares, a message and a number of calls', async () => {
    expect(() => scenarios.fail('listProducts', { code: 'CONFLICT' })).toThrow(/does not declare CONFLICT/);
    scenarios.fail('createProduct', { code: 'CONFLICT', message: 'Taken', times: 1 });
    const first = await call('post', '/api/staff/products', { token: 'staff', body: {} });
    expect((await expectError(first, 409, 'CONFLICT')).error).toMatchObject({ message: 'Taken' });
    // the next call goes through the core again (and is validated: 400 for the empty body)
    await expectError(await call('post', '/api/staff/products', { token: 'staff', body: {} }), 400, 'INVALID_REQUEST');
  });

  it('latency delays every answer; reset turns every scenario off', async () => {
    scenarios.latency(300);
    scenarios.fail('getHealth');
    const started = performance.now();
    expect((await call('get', '/healthz')).status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    scenarios.reset();
    const again = performance.now();
    expect((await call('get', '/healthz')).status).toBe(200);
    expect(performance.now() - again).toBeLessThan(290);
  });
});
