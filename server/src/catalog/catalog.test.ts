import {
  catalogOperations,
  ErrorEnvelopeSchema,
  ProductSchema,
  StaffProductSchema,
  type DomainEvent,
  type Operation,
  type ProductCreate,
} from '@holiday-peak-hub/contract';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Caller,
  type EventPublisher,
  type Handler,
  InProcessEventBus,
  MemoryCatalogCache,
  runOperation,
} from '@holiday-peak-hub/core';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { createCursorCodec, deriveCursorKey } from '../platform/cosmos/cursor.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import { createCatalogModule, type CatalogModule } from './module.ts';
import { seedDemoCatalog } from './seed-demo-catalog.ts';

const logger = pino({ level: 'silent' });
const NOW = new Date('2026-11-15T12:00:00Z');
const staff: Caller = { role: 'staff', userId: 'staff-1', email: 'staff@example.com', issuer: 'test', sessionId: null };

let cosmos: CosmosConnection;
let catalog: Module;
let events: DomainEvent[] = [];

type Ops = typeof catalogOperations;
type Id = Ops[number]['operationId'];
type Raw = { params?: unknown; query?: unknown; headers?: unknown; body?: unknown };

type Module = CatalogModule & { cache: MemoryCatalogCache };

/** Calls an operation through the core's pipeline (caching included), as a staff member. */
function call<K extends Id>(id: K, raw: Raw = {}, requestId = 'req-test') {
  return callOn(catalog, id, raw, requestId);
}

/** The handler's result as the pipeline answered it; an error answer rejects with its status and body. */
async function callOn<K extends Id>(module: Module, id: K, raw: Raw = {}, requestId = 'req-test') {
  const op = catalogOperations.find((o) => o.operationId === id) as Operation;
  const handler = module.handlers[id] as unknown as Handler<Operation>;
  const response = await runOperation(
    op,
    handler,
    {
      method: op.method.toUpperCase(),
      params: (raw.params ?? {}) as Record<string, string>,
      query: (raw.query ?? {}) as Record<string, unknown>,
      headers: {
        ...(raw.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(raw.headers as Record<string, string> | undefined),
      },
      cookies: {},
      hasBody: raw.body !== undefined,
      body: raw.body,
      ip: '127.0.0.1',
      requestId,
    },
    {
      authenticate: () => Promise.resolve(staff),
      limitByIp: () => Promise.resolve({ allowed: true }),
      clock: () => NOW,
      logger,
      validateResponses: true,
      responseCache: module.cache,
    },
  );
  const body = response.body === undefined ? undefined : (JSON.parse(response.body) as unknown);
  if (response.status >= 400) {
    const { message } = ErrorEnvelopeSchema.parse(body).error;
    throw Object.assign(new Error(message), { status: response.status, body });
  }
  type Result = Awaited<ReturnType<CatalogModule['handlers'][K]>>;
  return { status: response.status, body, headers: response.headers } as unknown as Result;
}

const failsWith = async (promise: Promise<unknown>, status: number) => {
  await expect(promise).rejects.toMatchObject({ status });
};

const seeded = demoCatalog({ products: 48, now: NOW });
const activeProduct = seeded.products.find((p) => p.status === 'active')!;

function newProduct(overrides: Partial<ProductCreate> = {}): Record<string, unknown> {
  return {
    category_slug: 'test-sleds',
    sku: 'SLED-001',
    name: 'Alpine Racer Sled',
    slug: 'alpine-racer-sled',
    description: 'A fast wooden sled for snowy hills',
    brand: 'Frosty',
    price: { amount: 89.99, currency: 'USD', compare_at: null, tax_rate: 0.08 },
    variants: [
      { variant_id: 'red', sku: 'SLED-001-RED', attributes: { color: 'Red' }, price_adjustment: 0, stock: 10 },
      { variant_id: 'blue', sku: 'SLED-001-BLUE', attributes: { color: 'Blue' }, price_adjustment: 0, stock: 0 },
    ],
    ...overrides,
  };
}

/** The catalog module over the test database, publishing through `events`; caches fresh each time. */
async function moduleWith(events: EventPublisher): Promise<Module> {
  const cache = new MemoryCatalogCache({ maxEntries: 1000, ttlSeconds: 300 });
  const module = await createCatalogModule({
    database: cosmos.database,
    events,
    cache,
    categoryTreeCache: new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 300 }),
    cursors: createCursorCodec(deriveCursorKey(undefined)),
    clock: () => NOW,
    logger,
    eventSource: 'catalog-test',
    relay: { intervalMs: 3_600_000 },
  });
  return { ...module, cache };
}

beforeAll(async () => {
  cosmos = await connectTestCosmos('catalog-test');
  await ensureContainers(cosmos.database);
  await seedDemoCatalog(cosmos.database, { products: 48, now: NOW });
  const bus = new InProcessEventBus(logger);
  bus.subscribe((event) => {
    events.push(event);
  });
  catalog = await moduleWith(bus);
  await call('createCategory', { body: { slug: 'test-sleds', name: 'Sleds' } });
});

afterAll(async () => {
  await catalog.stop();
  await cosmos.close();
});

describe('public reads', () => {
  it('serves an active product with its Cosmos DB etag and no internal field', async () => {
    const result = await call('getProduct', { params: { id: activeProduct.id } });
    expect(result.status).toBe(200);
    expect(() => ProductSchema.parse(result.body)).not.toThrow();
    const json = JSON.stringify(result.body);
    for (const internal of [
      'search_text',
      'attr_pairs',
      'total_stock',
      'pending_events',
      '_etag',
      '_rid',
      'product_id',
      'analytics',
    ]) {
      expect(json).not.toContain(internal);
    }
    const { etag } = await cosmos.database
      .container('products')
      .item(activeProduct.id, activeProduct.category_slug)
      .read();
    expect(result.headers?.ETag).toBe(`"${etag}"`);
  });

  it('a product detail cache miss costs ONE Cosmos request (a point read); a hit costs none', async () => {
    const embedded = cosmos.embedded!;
    const [first, second] = seeded.products.filter((p) => p.status === 'active').slice(1, 3);
    await call('getProduct', { params: { id: first!.id } }); // warm-up: SDK metadata lookups
    embedded.resetRequestCount();
    await call('getProduct', { params: { id: second!.id } });
    expect(embedded.requestCount()).toBe(1);
    embedded.resetRequestCount();
    await call('getProduct', { params: { id: second!.id } });
    expect(embedded.requestCount()).toBe(0);
  });

  it('a category listing page costs one single-partition query (plus the query plan the SDK always asks for)', async () => {
    const embedded = cosmos.embedded!;
    await call('listProducts', { query: { category: 'electronics-phones' } }); // warm-up
    embedded.resetRequestCount();
    const page = await call('listProducts', { query: { category: 'electronics-laptops', limit: '5' } });
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(page.body.items.every((p: { category_slug: string }) => p.category_slug === 'electronics-laptops')).toBe(
      true,
    );
    // @azure/cosmos 4.10 sends a query-plan lookup (gateway metadata, no partition touched) before
    // every new query iterator; the query itself is one request to one partition.
    expect(embedded.requestCount() - embedded.queryPlanCount()).toBe(1);
    expect(embedded.queryPlanCount()).toBe(1);
    expect(embedded.crossPartitionQueryCount()).toBe(0);
  });

  it('a whole-catalog listing is a cross-partition query (counted as such)', async () => {
    const embedded = cosmos.embedded!;
    embedded.resetRequestCount();
    await call('listFeaturedProducts', { query: { limit: '3' } });
    expect(embedded.crossPartitionQueryCount()).toBeGreaterThan(0);
  });

  it('hides drafts and archived products from shoppers', async () => {
    const archived = seeded.products.find((p) => p.status !== 'active')!;
    await failsWith(call('getProduct', { params: { id: archived.id } }), 404);
    const staffView = await call('staffGetProduct', { params: { id: archived.id } });
    expect(staffView.body.status).toBe(archived.status);
    await failsWith(call('getProduct', { params: { id: 'toys-games-plush.zzzzzzzzzzzz' } }), 404);
  });

  it('pages a listing with cursors and refuses a cursor from another query', async () => {
    const all = await call('listProducts', { query: { limit: '100', sort: 'price', order: 'asc' } });
    const expected = all.body.items.map((p: { id: string }) => p.id);
    expect(expected.length).toBe(seeded.products.filter((p) => p.status === 'active').length);
    const prices = all.body.items.map((p: { price: { amount: number } }) => p.price.amount);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i += 1) {
      const page = await call('listProducts', {
        query: { limit: '7', sort: 'price', order: 'asc', ...(cursor ? { cursor } : {}) },
      });
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.next_cursor ?? undefined;
      if (!cursor) break;
    }
    expect(new Set(seen)).toEqual(new Set(expected));
    expect(seen).toHaveLength(expected.length);
    const first = await call('listProducts', { query: { limit: '7', sort: 'price', order: 'asc' } });
    await failsWith(call('listProducts', { query: { limit: '7', sort: 'name', cursor: first.body.next_cursor } }), 400);
    await failsWith(call('listProducts', { query: { cursor: 'bm90LWEtY3Vyc29y' } }), 400);
  });

  it('searches: every word of q must appear', async () => {
    const target = seeded.products.find((p) => p.status === 'active' && p.brand === 'Jellycat')!;
    const hit = await call('searchProducts', { query: { q: `jellycat ${target.name.split(' ')[1]!.toLowerCase()}` } });
    expect(hit.body.items.map((p: { id: string }) => p.id)).toContain(target.id);
    const miss = await call('searchProducts', { query: { q: 'jellycat nonexistentword' } });
    expect(miss.body.items).toEqual([]);
  });

  it('computes facets of a category from its active products', async () => {
    const category = activeProduct.category_slug;
    const inCategory = seeded.products.filter((p) => p.category_slug === category && p.status === 'active');
    const { body } = await call('getProductFilters', { query: { category } });
    expect(body.category).toBe(category);
    expect(body.total_products).toBe(inCategory.length);
    expect(body.price?.min).toBe(Math.min(...inCategory.map((p) => p.price.amount)));
    expect(body.brands.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(inCategory.length);
    expect(body.availability.in_stock + body.availability.out_of_stock).toBe(inCategory.length);
    await failsWith(call('getProductFilters', { query: { category: 'no-such-category' } }), 404);
  });

  it('lists active banners only, highest priority first', async () => {
    const { body } = await call('listActiveBanners', { query: { placement: 'home-hero' } });
    const expected = seeded.banners.filter(
      (b) =>
        b.placement === 'home-hero' &&
        b.enabled &&
        b.starts_at <= NOW.toISOString() &&
        (b.ends_at === null || NOW.toISOString() < b.ends_at),
    );
    expect(body.items.map((b: { id: string }) => b.id).sort()).toEqual(expected.map((b) => b.id).sort());
    const priorities = body.items.map((b: { priority: number }) => b.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  });
});

describe('staff writes', () => {
  let id: string;
  let etag: string;

  it('creates a draft in an existing category, publishing ProductCreated with the request id', async () => {
    events = [];
    const created = await call('createProduct', { body: newProduct() }, 'req-create');
    expect(created.status).toBe(201);
    expect(() => StaffProductSchema.parse(created.body)).not.toThrow();
    expect(created.body.status).toBe('draft');
    id = created.body.id;
    etag = created.headers!.ETag!;
    expect(id).toMatch(/^test-sleds\.[a-z0-9]{12}$/);
    expect(created.headers?.Location).toBe(`/api/staff/products/${id}`);
    expect(events).toMatchObject([
      { event_type: 'ProductCreated', correlation_id: 'req-create', data: { product_id: id } },
    ]);
    const stored = await cosmos.database
      .container('products')
      .item(id, 'test-sleds')
      .read<{ pending_events?: unknown }>();
    expect(stored.resource?.pending_events).toBeUndefined();
    expect(`"${stored.etag}"`).toBe(etag);
    await failsWith(call('getProduct', { params: { id } }), 404);
  });

  it('refuses a missing category (422), a taken slug or SKU (409), even in another category', async () => {
    await failsWith(call('createProduct', { body: newProduct({ category_slug: 'nope', slug: 'x-y' }) }), 422);
    await failsWith(call('createProduct', { body: newProduct({ sku: 'OTHER-1' }) }), 409);
    await failsWith(call('createProduct', { body: newProduct({ slug: 'another-sled' }) }), 409);
    const takenElsewhere = seeded.products[0]!;
    await failsWith(call('createProduct', { body: newProduct({ slug: takenElsewhere.slug, sku: 'NEW-2' }) }), 409);
  });

  it('honours If-Match: a stale ETag is 412, the current one updates and returns the new ETag', async () => {
    events = [];
    await failsWith(
      call('updateProduct', { params: { id }, headers: { 'if-match': '"stale"' }, body: { name: 'Renamed' } }),
      412,
    );
    expect(events).toEqual([]);
    const updated = await call(
      'updateProduct',
      { params: { id }, headers: { 'if-match': etag }, body: { name: 'Alpine Racer Sled Pro', brand: 'Frosty' } },
      'req-upd',
    );
    expect(updated.body.name).toBe('Alpine Racer Sled Pro');
    expect(updated.headers?.ETag).not.toBe(etag);
    expect(events).toMatchObject([
      // The SEO title was the default one: it follows the new name.
      { event_type: 'ProductUpdated', correlation_id: 'req-upd', data: { changed_fields: ['name', 'seo'] } },
    ]);
    await failsWith(
      call('updateProduct', { params: { id }, headers: { 'if-match': etag }, body: { name: 'Again' } }),
      412,
    );
    etag = updated.headers!.ETag!;
  });

  it('publishes idempotently and the public read sees it at once (cache invalidated by the event)', async () => {
    const before = await call('listProducts', { query: { category: 'test-sleds' } });
    expect(before.body.items).toEqual([]);
    events = [];
    const published = await call('publishProduct', { params: { id }, headers: { 'if-match': etag } });
    expect(published.body.status).toBe('active');
    expect(published.body.published_at).toBe(NOW.toISOString());
    const again = await call('publishProduct', { params: { id } });
    expect(again.headers?.ETag).toBe(published.headers?.ETag);
    expect(events.map((e) => e.event_type)).toEqual(['ProductUpdated']);
    const after = await call('listProducts', { query: { category: 'test-sleds' } });
    expect(after.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await call('getProduct', { params: { id } })).body.name).toBe('Alpine Racer Sled Pro');
    etag = published.headers!.ETag!;
  });

  it('sets variant stock, publishing InventoryUpdated with the previous stock', async () => {
    events = [];
    const result = await call('setVariantStock', { params: { id, variant_id: 'blue' }, body: { stock: 3 } });
    expect(result.body).toMatchObject({ total_stock: 13, status: 'in_stock' });
    expect(result.body.variants.find((v: { variant_id: string }) => v.variant_id === 'blue')).toMatchObject({
      stock: 3,
      status: 'low_stock',
    });
    expect(events).toMatchObject([
      {
        event_type: 'InventoryUpdated',
        data: { variant_id: 'blue', previous_stock: 0, stock: 3, status: 'low_stock' },
      },
    ]);
    await failsWith(call('setVariantStock', { params: { id, variant_id: 'green' }, body: { stock: 1 } }), 404);
    const inventory = await call('getProductInventory', { params: { id } });
    expect(inventory.body.total_stock).toBe(13);
  });

  it('archives idempotently: the product leaves the public catalog', async () => {
    events = [];
    await call('archiveProduct', { params: { id } });
    await call('archiveProduct', { params: { id } });
    expect(events.map((e) => e.event_type)).toEqual(['ProductUpdated']);
    await failsWith(call('getProduct', { params: { id } }), 404);
  });

  it('refuses to delete a category with products or children (409)', async () => {
    await failsWith(call('deleteCategory', { params: { slug: 'test-sleds' } }), 409);
    await failsWith(call('deleteCategory', { params: { slug: 'electronics' } }), 409);
  });

  it('deletes a product (tombstone, event, gone), then the empty category', async () => {
    events = [];
    const result = await call('deleteProduct', { params: { id } }, 'req-del');
    expect(result.status).toBe(204);
    expect(events).toMatchObject([{ event_type: 'ProductDeleted', correlation_id: 'req-del' }]);
    await failsWith(call('staffGetProduct', { params: { id } }), 404);
    const raw = await cosmos.database.container('products').item(id, 'test-sleds').read();
    expect(raw.statusCode).toBe(404);
    await call('getCategory', { params: { slug: 'test-sleds' } }); // cached...
    expect((await call('deleteCategory', { params: { slug: 'test-sleds' } })).status).toBe(204);
    await failsWith(call('getCategory', { params: { slug: 'test-sleds' } }), 404); // ...and invalidated
  });

  it('validates category parents: missing (422) or a cycle (422)', async () => {
    await failsWith(call('createCategory', { body: { slug: 'orphan', name: 'Orphan', parent_slug: 'nobody' } }), 422);
    await failsWith(
      call('updateCategory', { params: { slug: 'electronics' }, body: { parent_slug: 'electronics-laptops' } }),
      422,
    );
    await failsWith(call('createCategory', { body: { slug: 'electronics', name: 'Again' } }), 409);
  });

  it('manages banners with ETags', async () => {
    const created = await call('createBanner', {
      body: {
        title: 'Sled week',
        image_url: '/img/sled.jpg',
        link_url: '/c/sleds',
        placement: 'category-top',
        priority: 999,
        starts_at: '2026-11-01T00:00:00Z',
      },
    });
    const bannerId: string = created.body.id;
    expect((await call('listActiveBanners', { query: { placement: 'category-top' } })).body.items[0]?.id).toBe(
      bannerId,
    );
    await failsWith(
      call('updateBanner', { params: { id: bannerId }, headers: { 'if-match': '"x"' }, body: { enabled: false } }),
      412,
    );
    await failsWith(call('updateBanner', { params: { id: bannerId }, body: { ends_at: '2026-10-01T00:00:00Z' } }), 422);
    await call('updateBanner', {
      params: { id: bannerId },
      headers: { 'if-match': created.headers!.ETag },
      body: { enabled: false },
    });
    const ids = (await call('listActiveBanners', { query: { placement: 'category-top' } })).body.items.map(
      (b: { id: string }) => b.id,
    );
    expect(ids).not.toContain(bannerId);
    expect((await call('staffListBanners', { query: {} })).body.items.map((b: { id: string }) => b.id)).toContain(
      bannerId,
    );
    await call('deleteBanner', { params: { id: bannerId } });
    await failsWith(call('deleteBanner', { params: { id: bannerId } }), 404);
  });
});

describe('cache invalidation does not depend on publishing', () => {
  it('a write whose publish fails is still seen by the next read (events stay pending for the relay)', async () => {
    const failing: EventPublisher = {
      publish: () => Promise.reject(new Error('event hub unreachable')),
      close: () => Promise.resolve(),
    };
    const offline = await moduleWith(failing);
    try {
      const product = seeded.products.filter((p) => p.status === 'active')[5]!;
      const category = product.category_slug;
      expect((await callOn(offline, 'getProduct', { params: { id: product.id } })).body.name).toBe(product.name);
      const listed = await callOn(offline, 'listProducts', { query: { category, limit: '100' } });
      expect(listed.body.items.map((p: { id: string }) => p.id)).toContain(product.id);

      await callOn(offline, 'updateProduct', { params: { id: product.id }, body: { name: 'Renamed while offline' } });
      const stored = await cosmos.database
        .container('products')
        .item(product.id, category)
        .read<{ pending_events?: object }>();
      expect(Object.keys(stored.resource?.pending_events ?? {})).toHaveLength(1); // the publish did fail

      expect((await callOn(offline, 'getProduct', { params: { id: product.id } })).body.name).toBe(
        'Renamed while offline',
      );
      const after = await callOn(offline, 'listProducts', { query: { category, limit: '100' } });
      expect(after.body.items.find((p: { id: string }) => p.id === product.id)?.name).toBe('Renamed while offline');
    } finally {
      await offline.stop();
    }
  });
});

describe('SEO fields follow a rename while they are still the defaults', () => {
  const category = activeProduct.category_slug;
  const create = async (suffix: string, extra: Partial<ProductCreate> = {}) => {
    const created = await call('createProduct', {
      body: newProduct({
        category_slug: category,
        sku: `SEO-${suffix}`,
        slug: `seo-sled-${suffix}`,
        name: `Seo Sled ${suffix}`,
        // SKUs are unique across the catalog, variants' included.
        variants: (newProduct().variants as ProductCreate['variants']).map((v) => ({
          ...v,
          sku: `SEO-${suffix}-${v.variant_id}`,
        })),
        ...extra,
      }),
    });
    return created.body as { id: string; seo: { meta_title: string; meta_description: string; canonical_url: string } };
  };

  it('recomputes defaulted meta_title and canonical_url on a name or slug change', async () => {
    const product = await create('a');
    expect(product.seo).toEqual({
      meta_title: 'Seo Sled a',
      meta_description: 'A fast wooden sled for snowy hills',
      canonical_url: '/product/seo-sled-a',
    });
    events = [];
    const renamed = await call('updateProduct', { params: { id: product.id }, body: { name: 'Seo Sled Renamed' } });
    expect(renamed.body.seo).toEqual({ ...product.seo, meta_title: 'Seo Sled Renamed' });
    expect(events).toMatchObject([{ data: { changed_fields: ['name', 'seo'] } }]);
    const moved = await call('updateProduct', { params: { id: product.id }, body: { slug: 'seo-sled-moved' } });
    expect(moved.body.seo).toEqual({
      ...product.seo,
      meta_title: 'Seo Sled Renamed',
      canonical_url: '/product/seo-sled-moved',
    });
  });

  it('keeps SEO fields edited by hand, and takes the seo a PATCH sends as it is', async () => {
    const custom = { meta_title: 'Best sled', meta_description: 'Hand written', canonical_url: '/product/seo-sled-a' };
    const product = await create('b', { seo: { ...custom, canonical_url: '/product/seo-sled-b' } });
    const renamed = await call('updateProduct', {
      params: { id: product.id },
      body: { name: 'Seo Sled B2', slug: 'seo-sled-b2' },
    });
    // meta_title and meta_description were hand-written; canonical_url was still the default.
    expect(renamed.body.seo).toEqual({ ...custom, canonical_url: '/product/seo-sled-b2' });
    const sent = { meta_title: 'Sent', meta_description: 'Sent too', canonical_url: '/product/elsewhere' };
    const both = await call('updateProduct', { params: { id: product.id }, body: { name: 'Seo Sled B3', seo: sent } });
    expect(both.body.seo).toEqual(sent);
  });
});

describe('category depth', () => {
  it('refuses a 21st ancestor with a message about depth, not about cycles', async () => {
    let parent: string | null = null;
    for (let level = 0; level <= 20; level += 1) {
      const slug = `deep-${level}`;
      await call('createCategory', { body: { slug, name: `Deep ${level}`, parent_slug: parent } });
      parent = slug;
    }
    const refused = call('createCategory', { body: { slug: 'deep-21', name: 'Too deep', parent_slug: parent } });
    await expect(refused).rejects.toMatchObject({ status: 422 });
    await expect(refused).rejects.toThrow(/more than 20 ancestors/);
    await expect(refused).rejects.not.toThrow(/own ancestor/);
  });
});
