/**
 * Search, as a table: each query answered by the Cosmos DB adapters and by the core's in-memory
 * adapters over the same small catalog, through the core's pipeline, must give exactly the
 * expected products in the expected order, whole and walked a page at a time.
 */
import {
  catalogOperations,
  defaultSeo,
  stockStatusOf,
  type Operation,
  type StaffProduct,
} from '@holiday-peak-hub/contract';
import { demoCatalog } from '@holiday-peak-hub/contract/fixtures';
import {
  ANONYMOUS,
  createCatalog,
  createMemoryCatalogRepositories,
  InProcessEventBus,
  MemoryCatalogCache,
  runOperation,
  type CatalogOperationId,
  type HandlersFor,
  type PipelineDeps,
} from '@holiday-peak-hub/core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CosmosConnection } from '../platform/cosmos/connect.ts';
import { createCursorCodec, deriveCursorKey } from '../platform/cosmos/cursor.ts';
import { ensureContainers } from '../platform/cosmos/ensure-containers.ts';
import { connectTestCosmos } from '../platform/cosmos/test-cosmos.ts';
import { createCatalogModule, type CatalogModule } from './module.ts';
import { seedCatalog } from './seed-demo-catalog.ts';

const logger = pino({ level: 'silent' });
const NOW = new Date('2026-11-01T00:00:00Z');
const KNITS = 'clothing-knitwear';
const DECOR = 'home-kitchen-decor';
const template = demoCatalog({ products: 1, now: NOW });

interface Spec {
  name: string;
  category: string;
  brand: string;
  price: number;
  stock: number;
  description?: string;
  long?: string;
  attributes?: Record<string, string>;
  variantAttributes?: Record<string, string>;
  status?: StaffProduct['status'];
}

/** A product of the table: ids and creation times in table order (newest last). */
function product(key: string, index: number, spec: Spec): StaffProduct {
  const created = new Date(NOW.getTime() - (100 - index) * 3_600_000).toISOString();
  const fields = { name: spec.name, description: spec.description ?? '', slug: `search-${key}` };
  return {
    id: `${spec.category}.search${key.padStart(6, '0').slice(0, 6)}`,
    sku: `SRCH-${key.toUpperCase()}`,
    ...fields,
    category_slug: spec.category,
    long_description: spec.long ?? '',
    brand: spec.brand,
    price: { amount: spec.price, currency: 'USD', compare_at: null, tax_rate: 0 },
    images: [],
    variants: [
      {
        variant_id: 'v1',
        sku: `SRCH-${key.toUpperCase()}-1`,
        attributes: spec.variantAttributes ?? {},
        price_adjustment: 0,
        stock: spec.stock,
      },
    ],
    attributes: spec.attributes ?? {},
    seo: defaultSeo(fields),
    featured: false,
    stock_status: stockStatusOf(spec.stock),
    status: spec.status ?? 'active',
    created_at: created,
    updated_at: created,
    published_at: created,
    analytics: { views: 0, add_to_cart: 0, purchases: 0, conversion_rate: 0 },
  };
}

const SPECS: Record<string, Spec> = {
  socks: { name: 'Wool Socks', category: KNITS, brand: 'Hearth', price: 12, stock: 5 },
  blanket: { name: 'Woolen Blanket', category: KNITS, brand: 'Hearth', price: 80, stock: 0 },
  sweater: {
    name: 'Holiday Sweater',
    category: KNITS,
    brand: 'Knitly',
    price: 60,
    stock: 3,
    long: 'Features: material Merino wool.',
    attributes: { material: 'Merino wool' },
  },
  table: { name: 'Café Table', category: DECOR, brand: 'Oakwood', price: 300, stock: 2, description: 'Solid oak.' },
  chair: {
    name: 'Oak Chair',
    category: DECOR,
    brand: 'Oakwood',
    price: 120,
    stock: 4,
    description: 'Matches the café table.',
  },
  scarf: { name: 'Scarf', category: KNITS, brand: 'Knitly', price: 30, stock: 1, long: 'A soft lambswool blend.' },
  hat: { name: 'Wool Hat', category: KNITS, brand: 'Hearth', price: 20, stock: 9, status: 'draft' },
  mittens: {
    name: 'Mittens',
    category: KNITS,
    brand: 'Knitly',
    price: 25,
    stock: 2,
    variantAttributes: { color: 'Wool White' },
  },
  mug: { name: 'CAFÉ AU LAIT MUG', category: DECOR, brand: 'Crème', price: 15, stock: 8 },
};
const products = Object.entries(SPECS).map(([key, spec], index) => product(key, index, spec));
const idOf = (key: string) => products.find((p) => p.slug === `search-${key}`)!.id;
const seed = { categories: template.categories, products, banners: [] };

type Query = Record<string, string | string[]>;

/** Query → the products expected, in order (default sort: newest first, so later rows first within a rank). */
const TABLE: [string, Query, string[]][] = [
  ["the README's query: wool in stock", { q: 'wool', in_stock: 'true' }, ['socks', 'mittens', 'sweater']],
  ['names first (prefix: woolen), then attribute values', { q: 'wool' }, ['blanket', 'socks', 'mittens', 'sweater']],
  ['case is ignored', { q: 'WOOL' }, ['blanket', 'socks', 'mittens', 'sweater']],
  ['a prefix of a word', { q: 'woo' }, ['blanket', 'socks', 'mittens', 'sweater']],
  ['not the middle of a word', { q: 'ool' }, []],
  ['a whole word inside no other', { q: 'lambswool' }, ['scarf']],
  ['accents are ignored', { q: 'cafe' }, ['mug', 'table', 'chair']],
  ['accents in the query too', { q: 'CRÈME' }, ['mug']],
  ['every word must match', { q: 'wool socks' }, ['socks']],
  ['in any order', { q: 'socks wool' }, ['socks']],
  ['words across fields', { q: 'merino sweater' }, ['sweater']],
  ['a name match before a description and brand match', { q: 'oak' }, ['chair', 'table']],
  ['every word in the name ranks first', { q: 'café table' }, ['table', 'chair']],
  ['filters combine: brand and price', { q: 'wool', brand: 'Hearth', max_price: '50' }, ['socks']],
  [
    'filters combine: category, attribute',
    { q: 'wool', category: 'clothing', attr: 'material:Merino wool' },
    ['sweater'],
  ],
  [
    'each rank in the chosen sort',
    { q: 'wool', sort: 'price', order: 'asc' },
    ['socks', 'blanket', 'mittens', 'sweater'],
  ],
  ['no word to search: nothing', { q: '--' }, []],
  ['drafts are never found', { q: 'hat' }, []],
];

let cosmos: CosmosConnection;
let cosmosCatalog: CatalogModule;
const common = { events: new InProcessEventBus(logger), clock: () => NOW, eventSource: 'search-test', logger };
const caches = () => ({
  cache: new MemoryCatalogCache({ maxEntries: 1000, ttlSeconds: 300 }),
  categoryTreeCache: new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 300 }),
});
const memory = createCatalog({
  ...common,
  ...caches(),
  repositories: (publisher) => createMemoryCatalogRepositories({ publisher, logger }, seed),
});

beforeAll(async () => {
  cosmos = await connectTestCosmos('product-search');
  await ensureContainers(cosmos.database);
  await seedCatalog(cosmos.database, seed);
  cosmosCatalog = await createCatalogModule({
    ...common,
    ...caches(),
    database: cosmos.database,
    cursors: createCursorCodec(deriveCursorKey(undefined)),
    relay: { intervalMs: 3_600_000 },
  });
});

afterAll(async () => {
  await cosmosCatalog.stop();
  await cosmos.close();
});

const pipeline: PipelineDeps = {
  authenticate: () => Promise.resolve(ANONYMOUS),
  logger,
  clock: () => NOW,
  validateResponses: true,
  limitByIp: () => Promise.resolve({ allowed: true }),
};
const searchOp = catalogOperations.find((o) => o.operationId === 'searchProducts') as Operation;

async function search(handlers: HandlersFor<CatalogOperationId>, query: Query) {
  const response = await runOperation(
    searchOp,
    handlers.searchProducts as never,
    {
      method: 'get',
      params: {},
      query,
      headers: {},
      cookies: {},
      hasBody: false,
      body: undefined,
      ip: '127.0.0.1',
      requestId: 'req-search',
    },
    pipeline,
  );
  expect(response.status, `${JSON.stringify(query)} ${response.body}`).toBe(200);
  return JSON.parse(response.body ?? 'null') as { items: { id: string }[]; next_cursor: string | null };
}

/** Every id, following `next_cursor` from the first page. */
async function walk(handlers: HandlersFor<CatalogOperationId>, query: Query) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await search(handlers, cursor === null ? query : { ...query, cursor });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.next_cursor;
  } while (cursor !== null);
  return ids;
}

describe.each([
  ['Cosmos DB', () => cosmosCatalog.handlers],
  ['memory', () => memory.handlers],
])('search on %s', (_, handlers) => {
  it.each(TABLE)('%s: %j', async (_title, query, expected) => {
    const ids = expected.map(idOf);
    expect(await walk(handlers(), { ...query, limit: '100' })).toEqual(ids);
    for (const limit of ['1', '2', '3']) expect(await walk(handlers(), { ...query, limit })).toEqual(ids);
  });
});
