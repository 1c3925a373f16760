import type { ContainerDefinition, IndexingPolicy } from '@azure/cosmos';

/** Container names of the API (design document, "Database Design"; plus catalog metadata). */
export const CONTAINER = {
  users: 'users',
  products: 'products',
  orders: 'orders',
  reviews: 'reviews',
  cart: 'cart',
  addresses: 'addresses',
  paymentMethods: 'payment_methods',
  tickets: 'tickets',
  shipments: 'shipments',
  auditLogs: 'audit_logs',
  categories: 'categories',
  banners: 'banners',
  promotions: 'promotions',
  deadLetters: 'dead_letters',
  idempotencyKeys: 'idempotency_keys',
} as const;

export type ContainerName = (typeof CONTAINER)[keyof typeof CONTAINER];

/**
 * Categories and banners are small reference sets: each lives in one logical partition
 * (`doc_type` = `category` / `banner`), so listing them is one single-partition query and reading
 * one is a point read by (id, doc_type).
 */
export const CATEGORY_PARTITION = 'category';
export const BANNER_PARTITION = 'banner';

type Composite = NonNullable<IndexingPolicy['compositeIndexes']>[number];
const asc = (path: string) => ({ path, order: 'ascending' as const });
const desc = (path: string) => ({ path, order: 'descending' as const });

/** Appendix C: index everything but `_etag`, plus the composite indexes multi-field ORDER BY needs. */
function indexing(...compositeIndexes: Composite[]): IndexingPolicy {
  return {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [{ path: '/*' }],
    excludedPaths: [{ path: '/"_etag"/?' }],
    ...(compositeIndexes.length > 0 ? { compositeIndexes } : {}),
  };
}

function container(
  id: ContainerName,
  partitionKey: string,
  options: Partial<ContainerDefinition> = {},
): ContainerDefinition {
  return { id, partitionKey: { paths: [partitionKey] }, indexingPolicy: indexing(), ...options };
}

const unique = (...paths: string[]) => ({ uniqueKeys: paths.map((path) => ({ paths: [path] })) });

/**
 * `ORDER BY <path> <dir>, c.id <dir>` in both directions: a sort made total by the id. Real
 * Cosmos DB serves the reverse direction from one index; the stand-in needs the exact one, so
 * both are declared.
 */
const thenById = (...paths: string[]): Composite[] =>
  paths.flatMap((path) => [
    [asc(path), asc('/id')],
    [desc(path), desc('/id')],
  ]);

/** Every container, its partition key, indexing policy and unique keys (unique per partition). */
export const CONTAINER_DEFINITIONS: readonly ContainerDefinition[] = [
  container(CONTAINER.users, '/user_id', {
    // Admin listing: newest first, optionally of one role, ties by id.
    indexingPolicy: indexing([asc('/email'), asc('/role')], ...thenById('/created_at'), [
      asc('/role'),
      desc('/created_at'),
      desc('/id'),
    ]),
    // Per partition, as every unique key: one account per user id. Uniqueness of an email across
    // accounts comes from its claim document (identity/user-repository.ts).
    uniqueKeyPolicy: unique('/email'),
  }),
  container(CONTAINER.products, '/category_slug', {
    // Listing sorts (price, name, newest, popularity) and the staff/featured/related lists, ties by id.
    indexingPolicy: indexing(
      [asc('/category_slug'), asc('/status'), asc('/price/amount')],
      ...thenById('/price/amount', '/name', '/created_at', '/analytics/purchases'),
    ),
    // `/sku` is ours: SKUs are unique like slugs (across categories through their claims, catalog/claims.ts).
    uniqueKeyPolicy: unique('/product_id', '/slug', '/sku'),
  }),
  // Orders by order (`/order_id`; it was `/user_id` before any order was written): every access
  // names one order (its owner, staff, tracking with the email, the SAGA's consumers, the webhook
  // through the intent's metadata), so each is a point read; a customer's orders are an indexed
  // query on `customer_id`, and a guest's orders join an account by a patch of that field, never a
  // move between partitions. The year's order number counter (id `counter.<year>`, doc_type
  // `order_counter`, orders/order-numbers.ts) is a document in its own partition here. No unique
  // keys: they hold per partition, i.e. per order; numbers are unique because the counter never
  // answers one twice. Composite indexes: each list's equality filters, then its sort. A database
  // made before this change keeps its (empty) `/user_id` container: `ensureContainers` never
  // replaces one, so delete it once. TTL on without a default: orders never expire; the processed
  // payment webhooks kept beside them (id `webhook.<event id>`) carry their own `ttl`.
  container(CONTAINER.orders, '/order_id', {
    defaultTtl: -1,
    indexingPolicy: indexing(
      [desc('/created_at'), desc('/id')],
      [asc('/customer_id'), desc('/created_at'), desc('/id')],
      [asc('/customer_id'), asc('/status'), desc('/created_at'), desc('/id')],
      [asc('/status'), desc('/created_at'), desc('/id')],
      [asc('/email_key'), desc('/created_at'), desc('/id')],
      [asc('/status'), asc('/placement'), asc('/pay_by'), asc('/id')],
    ),
  }),
  container(CONTAINER.reviews, '/product_id'),
  // One cart per owner; each carries its own `ttl` (14 days for guests, 90 for accounts): TTL on, no default.
  container(CONTAINER.cart, '/user_id', { defaultTtl: -1 }),
  container(CONTAINER.addresses, '/user_id', { uniqueKeyPolicy: unique('/address_id') }),
  container(CONTAINER.paymentMethods, '/user_id', { uniqueKeyPolicy: unique('/payment_method_id') }),
  container(CONTAINER.tickets, '/user_id', { uniqueKeyPolicy: unique('/ticket_id') }),
  container(CONTAINER.shipments, '/order_id', { uniqueKeyPolicy: unique('/shipment_id') }),
  // Audit entries expire after 90 days (defaultTtl is in seconds; the stand-in does not expire).
  container(CONTAINER.auditLogs, '/entity_type', { defaultTtl: 90 * 24 * 3600 }),
  // Categories are listed in display order: ORDER BY sort_order, slug.
  container(CONTAINER.categories, '/doc_type', { indexingPolicy: indexing([asc('/sort_order'), asc('/slug')]) }),
  container(CONTAINER.banners, '/doc_type'),
  // Promo codes by code (id = code), with their redemption records and per-customer counts in the
  // same partition: the counter and the records a redemption writes are one partition's documents.
  container(CONTAINER.promotions, '/code'),
  // Events a consumer could never apply (platform/events/dead-letters.ts); kept until someone deals with them.
  container(CONTAINER.deadLetters, '/consumer'),
  // Idempotency-Key records by caller (`/scope`; platform/idempotency): each carries its own `ttl`
  // (the rest of its 24-hour replay window): TTL on, no default.
  container(CONTAINER.idempotencyKeys, '/scope', { defaultTtl: -1 }),
];
