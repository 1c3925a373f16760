/**
 * The Cosmos DB adapters and the core's in-memory adapters answer the same: the same demo catalog
 * in both, the core's catalog handlers on each, the same requests through the core's pipeline,
 * the same bodies, in the same order, over every page of every list.
 */
import { attributePairsOf, catalogOperations, type Operation } from '@holiday-peak-hub/contract';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import {
  createCatalog,
  createMemoryCatalogRepositories,
  InProcessEventBus,
  MemoryCatalogCache,
  runOperation,
  type CatalogOperationId,
  type Caller,
  type HandlersFor,
  type PipelineDeps,
} from '@holiday-peak-hub/core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { createCursorCodec, deriveCursorKey } from '../platform/cosmos/cursor.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import { createCatalogModule, type CatalogModule } from './module.ts';

const logger = pino({ level: 'silent' });
const NOW = new Date('2026-11-01T00:00:00Z');
const PRODUCTS = 60;
const seed = demoCatalog({ products: PRODUCTS, now: NOW });
const staff: Caller = { role: 'staff', userId: 'staff-1', email: 'staff@example.com', issuer: 'test', sessionId: null };

const caches = () => ({
  cache: new MemoryCatalogCache({ maxEntries: 1000, ttlSeconds: 300 }),
  categoryTreeCache: new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 300 }),
});
const common = { events: new InProcessEventBus(logger), clock: () => NOW, eventSource: 'parity-test' };

let cosmos: CosmosConnection;
let cosmosCatalog: CatalogModule;
const memory = createCatalog({
  ...common,
  ...caches(),
  logger,
  repositories: (publisher) => createMemoryCatalogRepositories({ publisher, logger }, seed),
});

beforeAll(async () => {
  cosmos = await connectTestCosmos('adapter-parity');
  cosmosCatalog = await createCatalogModule({
    ...common,
    ...caches(),
    database: cosmos.database,
    cursors: createCursorCodec(deriveCursorKey(undefined)),
    logger,
    seedProducts: PRODUCTS,
    relay: { intervalMs: 3_600_000 },
  });
});

afterAll(async () => {
  await cosmosCatalog.stop();
  await cosmos.close();
});

const pipeline: PipelineDeps = {
  authenticate: () => Promise.resolve(staff),
  logger,
  clock: () => NOW,
  validateResponses: true,
  limitByIp: () => Promise.resolve({ allowed: true }),
};

type Query = Record<string, string | string[]>;

async function call(handlers: HandlersFor<CatalogOperationId>, id: CatalogOperationId, query: Query, params = {}) {
  const op = catalogOperations.find((o) => o.operationId === id) as Operation;
  const response = await runOperation(
    op,
    handlers[id] as never,
    {
      method: op.method,
      params,
      query,
      headers: {},
      cookies: {},
      hasBody: false,
      body: undefined,
      ip: '127.0.0.1',
      requestId: 'req-parity',
    },
    pipeline,
  );
  return { status: response.status, body: JSON.parse(response.body ?? 'null') as Record<string, unknown> };
}

/** Every item of a list over one set of handlers, following `next_cursor`. */
async function walk(handlers: HandlersFor<CatalogOperationId>, id: CatalogOperationId, query: Query) {
  const items: unknown[] = [];
  let cursor: string | null = null;
  do {
    const page = await call(handlers, id, cursor === null ? query : { ...query, cursor });
    expect(page.status, `${id} ${JSON.stringify(query)}`).toBe(200);
    items.push(...(page.body.items as unknown[]));
    cursor = (page.body.next_cursor as string | null | undefined) ?? null;
  } while (cursor !== null);
  return items;
}

const active = seed.products.filter((product) => product.status === 'active');
const brands = [...new Set(active.map((product) => product.brand))].slice(0, 3);
const [pair] = attributePairsOf(active[1]!);

const lists: [CatalogOperationId, Query][] = [
  ['listProducts', { limit: '7' }],
  ['listProducts', { category: 'electronics-laptops', sort: 'price', order: 'asc', limit: '3' }],
  ['listProducts', { category: 'electronics', sort: 'price', order: 'desc', limit: '4' }],
  ['listProducts', { category: 'electronics', sort: 'name', order: 'asc', limit: '5' }],
  ['listProducts', { sort: 'popularity', limit: '6' }],
  ['listProducts', { sort: 'created_at', order: 'asc', limit: '9' }],
  ['listProducts', { min_price: '50', max_price: '400', in_stock: 'true', limit: '10' }],
  ['listProducts', { in_stock: 'false', limit: '2' }],
  ['listProducts', { brand: brands, sort: 'price', limit: '4' }],
  ['listProducts', { attr: [pair!], limit: '3' }],
  ['searchProducts', { q: 'the', limit: '5' }],
  ['searchProducts', { q: active[0]!.brand.toLowerCase(), sort: 'name', order: 'desc', limit: '2' }],
  // Ranked: name matches first, then the rest, each in the sort; pages cross from one rank to the other.
  ['searchProducts', { q: 'everyday', limit: '4' }],
  ['searchProducts', { q: 'Holiday', sort: 'price', order: 'asc', limit: '3' }],
  ['searchProducts', { q: 'MÉRINO', limit: '1' }],
  ['searchProducts', { q: 'gift', in_stock: 'true', sort: 'popularity', limit: '5' }],
  ['searchProducts', { q: 'the', category: 'clothing', min_price: '20', limit: '2' }],
  ['listFeaturedProducts', { limit: '3' }],
  ['staffListProducts', { limit: '8' }],
  ['staffListProducts', { status: 'draft', limit: '3' }],
  ['staffListProducts', { category: 'electronics-laptops', limit: '2' }],
  ['listCategories', { limit: '4' }],
  ['listCategories', { parent: 'electronics', limit: '2' }],
];

describe('Cosmos DB and memory adapters agree', () => {
  it.each(lists)('%s %j: the same items, in the same order, over every page', async (id, query) => {
    const fromCosmos = await walk(cosmosCatalog.handlers, id, query);
    const fromMemory = await walk(memory.handlers, id, query);
    expect(fromCosmos.length).toBeGreaterThan(0);
    expect(fromMemory).toEqual(fromCosmos);
  });

  it.each([
    ['getProductFilters', {}],
    ['getProductFilters', { category: 'electronics' }],
    ['getProductFilters', { category: 'electronics-laptops' }],
    ['getProductFilters', { category: 'no-such-category' }],
    ['listActiveBanners', {}],
    ['listActiveBanners', { placement: 'home-hero' }],
    ['staffListBanners', {}],
    ['listProducts', { cursor: 'garbage' }],
  ] as [CatalogOperationId, Query][])('%s %j: the same answer', async (id, query) => {
    const [fromCosmos, fromMemory] = await Promise.all([
      call(cosmosCatalog.handlers, id, query),
      call(memory.handlers, id, query),
    ]);
    expect(fromMemory.status).toBe(fromCosmos.status);
    if (fromCosmos.status === 200) expect(fromMemory.body).toEqual(fromCosmos.body);
    else
      expect((fromMemory.body.error as { details: unknown }).details).toEqual(
        (fromCosmos.body.error as { details: unknown }).details,
      );
  });

  it('the same product, inventory and related products, by id and by slug', async () => {
    for (const product of active.slice(0, 10)) {
      for (const id of ['getProduct', 'getProductInventory', 'getRelatedProducts'] as const) {
        const query: Query = id === 'getRelatedProducts' ? { limit: '24' } : {};
        const [fromCosmos, fromMemory, bySlug] = await Promise.all([
          call(cosmosCatalog.handlers, id, query, { id: product.id }),
          call(memory.handlers, id, query, { id: product.id }),
          call(cosmosCatalog.handlers, id, query, { id: product.slug }),
        ]);
        expect(fromCosmos.status).toBe(200);
        expect(fromMemory).toEqual(fromCosmos);
        expect(bySlug).toEqual(fromCosmos);
        expect(await call(memory.handlers, id, query, { id: product.slug })).toEqual(fromCosmos);
      }
    }
  });

  it.each([
    ['a slug of no product', 'no-such-product'],
    ['the slug of a hidden product', seed.products.find((product) => product.status !== 'active')!.slug],
    ['an id of no product', 'electronics-laptops.zzzzzzzzzzzz'],
    ['a malformed reference', 'Not a product!'],
  ])('%s: the same 404', async (_, ref) => {
    const [fromCosmos, fromMemory] = await Promise.all([
      call(cosmosCatalog.handlers, 'getProduct', {}, { id: ref }),
      call(memory.handlers, 'getProduct', {}, { id: ref }),
    ]);
    expect(fromCosmos.status).toBe(404);
    expect(fromMemory).toEqual(fromCosmos);
  });
});
