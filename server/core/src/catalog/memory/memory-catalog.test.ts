import { catalogOperations, categoryScope, type DomainEvent, type Operation } from '@holiday-peak-hub/contract';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../pipeline/handler.ts';
import { runOperation, type PipelineDeps } from '../../pipeline/run-operation.ts';
import { MemoryCatalogCache } from '../../platform/cache/memory-cache.ts';
import { createEvent } from '../../platform/events/create-event.ts';
import { InProcessEventBus } from '../../platform/events/in-process-event-bus.ts';
import { silentLogger } from '../../ports/logger.ts';
import type { CatalogOperationId } from '../handlers.ts';
import { createCatalog, type Catalog } from '../module.ts';
import { categoryDocument } from '../seed-documents.ts';
import { createMemoryCatalogRepositories, type MemoryCatalogRepositories } from './memory-catalog.ts';

/** The catalog handlers on the in-memory repositories, called through the core's pipeline. */

const NOW = new Date('2026-11-15T12:00:00Z');
const seed = demoCatalog({ products: 48, now: NOW });
const staff: Caller = { role: 'staff', userId: 'staff-1', email: 'staff@example.com', issuer: 'test', sessionId: null };

let catalog: Catalog<MemoryCatalogRepositories>;
let events: DomainEvent[];

beforeEach(() => {
  events = [];
  const bus = new InProcessEventBus(silentLogger);
  bus.subscribe((event) => {
    events.push(event);
  });
  catalog = createCatalog({
    repositories: (publisher) => createMemoryCatalogRepositories({ publisher, logger: silentLogger }, seed),
    events: bus,
    cache: new MemoryCatalogCache({ maxEntries: 1000, ttlSeconds: 300 }),
    categoryTreeCache: new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 300 }),
    clock: () => NOW,
    logger: silentLogger,
    eventSource: 'core-test',
  });
});

const pipeline: PipelineDeps = {
  authenticate: () => Promise.resolve(staff),
  logger: silentLogger,
  clock: () => NOW,
  validateResponses: true,
  limitByIp: () => Promise.resolve({ allowed: true }),
};

interface Call {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** The fields these tests read, of whichever body an operation answers. */
interface Body {
  id: string;
  name: string;
  items: { id: string; slug: string; price: { amount: number } }[];
  next_cursor: string | null;
  error: { code: string; details: { issues: { in: string; path: string; message: string }[] } };
}

/** One request to an operation, as an adapter hands it to the core; the JSON body parsed back. */
async function call(id: CatalogOperationId, request: Call = {}) {
  const op = catalogOperations.find((o) => o.operationId === id) as Operation;
  const hasBody = request.body !== undefined;
  const response = await runOperation(
    op,
    catalog.handlers[id] as never,
    {
      method: op.method,
      params: request.params ?? {},
      query: request.query ?? {},
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...request.headers },
      cookies: {},
      hasBody,
      body: request.body,
      ip: '127.0.0.1',
      requestId: 'req-core-test',
    },
    pipeline,
  );
  const body = (response.body === undefined ? undefined : JSON.parse(response.body)) as Body;
  return { status: response.status, headers: response.headers, body };
}

/** Every item of a list, following `next_cursor`. */
async function walk(id: CatalogOperationId, query: Record<string, unknown>) {
  const items: Body['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await call(id, { query: { ...query, ...(cursor ? { cursor } : {}) } });
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

const active = seed.products.filter((product) => product.status === 'active');
const draft = seed.products.find((product) => product.status === 'draft')!;

describe('the catalog on memory repositories', () => {
  it('lists a department with filters, sorted, across cursor pages, without repeats', async () => {
    const scope = categoryScope(seed.categories, 'electronics');
    const expected = active.filter((p) => scope.includes(p.category_slug) && p.price.amount >= 20);
    const items = await walk('listProducts', {
      category: 'electronics',
      min_price: '20',
      sort: 'price',
      order: 'asc',
      limit: '3',
    });
    expect(items.map((item) => item.id).sort()).toEqual(expected.map((p) => p.id).sort());
    const prices = items.map((item) => item.price.amount);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it('refuses a cursor that is not one of ours, or from another query, with the server 400', async () => {
    const garbage = await call('listProducts', { query: { cursor: 'garbage' } });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('INVALID_REQUEST');
    expect(garbage.body.error.details.issues[0]).toMatchObject({ in: 'query', path: 'cursor' });
    const first = await call('listProducts', { query: { limit: '2' } });
    const other = await call('listProducts', { query: { limit: '2', sort: 'price', cursor: first.body.next_cursor } });
    expect(other.status).toBe(400);
    expect(other.body.error.details.issues[0]?.message).toMatch(/different query/);
  });

  it('gets an active product with its version as ETag; a draft does not exist for shoppers', async () => {
    const product = await call('getProduct', { params: { id: active[0]!.id } });
    expect(product.status).toBe(200);
    expect(product.headers.ETag).toMatch(/^"[a-z0-9]+"$/);
    expect((await call('getProduct', { params: { id: draft.id } })).status).toBe(404);
    expect((await call('staffGetProduct', { params: { id: draft.id } })).status).toBe(200);
  });

  it('creates, updates under If-Match (412 when stale), publishes, and deletes a product', async () => {
    const body = {
      category_slug: 'electronics-laptops',
      sku: 'CORE-001',
      name: 'Core Test Laptop',
      slug: 'core-test-laptop',
      description: 'A laptop made by the core test',
      brand: 'Corebook',
      price: { amount: 999, currency: 'USD', compare_at: null, tax_rate: 0.08 },
      variants: [{ variant_id: 'base', sku: 'CORE-001-B', attributes: {}, price_adjustment: 0, stock: 3 }],
    };
    const created = await call('createProduct', { body });
    expect(created.status).toBe(201);
    expect((await call('createProduct', { body: { ...body, sku: 'CORE-002' } })).status).toBe(409);
    const id = created.body.id;
    const etag = created.headers.ETag!;

    const stale = await call('updateProduct', {
      params: { id },
      headers: { 'if-match': '"stale"' },
      body: { name: 'X' },
    });
    expect(stale.status).toBe(412);
    const updated = await call('updateProduct', {
      params: { id },
      headers: { 'if-match': etag },
      body: { name: 'Core Test Laptop 2' },
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.ETag).not.toBe(etag);
    const published = await call('publishProduct', { params: { id }, headers: { 'if-match': updated.headers.ETag! } });
    expect(published.status).toBe(200);
    // The write cleared the cache: the public read sees the new version at once.
    expect((await call('getProduct', { params: { id } })).body.name).toBe('Core Test Laptop 2');
    expect(events.map((event) => event.event_type)).toEqual(['ProductCreated', 'ProductUpdated', 'ProductUpdated']);

    const gone = await call('deleteProduct', { params: { id }, headers: { 'if-match': etag } });
    expect(gone.status).toBe(412);
    expect(
      (await call('deleteProduct', { params: { id }, headers: { 'if-match': published.headers.ETag! } })).status,
    ).toBe(204);
    expect((await call('staffGetProduct', { params: { id } })).status).toBe(404);
    expect(events.at(-1)?.event_type).toBe('ProductDeleted');
  });

  it('refuses to delete a category that is not empty, deletes an empty one', async () => {
    const full = await call('deleteCategory', { params: { slug: 'electronics' } });
    expect(full.status).toBe(409);
    expect((await call('createCategory', { body: { slug: 'core-sleds', name: 'Sleds' } })).status).toBe(201);
    expect((await call('listCategories', { query: { limit: '100' } })).body.items.map((c) => c.slug)).toContain(
      'core-sleds',
    );
    expect((await call('deleteCategory', { params: { slug: 'core-sleds' } })).status).toBe(204);
    expect((await call('getCategory', { params: { slug: 'core-sleds' } })).status).toBe(404);
  });
});

describe('memory repositories', () => {
  const repositories = () =>
    createMemoryCatalogRepositories({ publisher: new InProcessEventBus(silentLogger), logger: silentLogger }, seed);

  it('answer copies: changing what a read returned changes nothing stored', async () => {
    const { banners } = repositories();
    const [first] = await banners.list({});
    first!.title = 'changed';
    expect((await banners.get(first!.id))?.title).not.toBe('changed');
  });

  it('refuse a taken id, a taken slug in the category, and a stale or missing version', async () => {
    const { products } = repositories();
    const doc = (await products.get(active[0]!.id))!;
    const { _etag, ...fields } = doc;
    await expect(products.create(fields, [], NOW)).rejects.toMatchObject({ status: 409 });
    const twin = { ...fields, id: `${doc.category_slug}.twin`, product_id: `${doc.category_slug}.twin`, sku: 'TWIN' };
    await expect(products.create(twin, [], NOW)).rejects.toMatchObject({ status: 409 });
    await expect(products.replace(fields, [], 'stale', NOW)).rejects.toMatchObject({ status: 412 });
    const saved = await products.replace({ ...fields, name: 'Renamed' }, [], _etag, NOW);
    expect(saved._etag).not.toBe(_etag);
    await products.delete(saved, [], saved._etag, NOW);
    await expect(products.delete(saved, [], saved._etag, NOW)).rejects.toMatchObject({ status: 404 });
  });

  it('keep a write whose events could not be published', async () => {
    let tries = 0;
    const failing = {
      publish: () => Promise.reject(new Error(`down ${++tries}`)),
      close: () => Promise.resolve(),
    };
    const { categories } = createMemoryCatalogRepositories({ publisher: failing, logger: silentLogger });
    const category = categoryDocument({ ...seed.categories[0]!, slug: 'sleds', parent_slug: null });
    const event = createEvent(
      'CategoryCreated',
      { slug: 'sleds', parent_slug: null },
      { source: 't', correlationId: 'r', now: NOW },
    );
    expect((await categories.create(category, [event], NOW))._etag).toBeTruthy();
    expect(tries).toBe(1);
    expect(await categories.get('sleds')).toBeDefined();
  });
});
