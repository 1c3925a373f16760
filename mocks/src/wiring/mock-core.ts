import { API_VERSION, type AuthProvider } from '@holiday-peak-hub/contract';
import {
  createAuthenticator,
  createCart,
  createCatalog,
  createMemoryOrderRepositories,
  createOrders,
  MemoryIdempotencyStore,
  MemoryProcessedWebhooks,
  createLifecycle,
  createMemoryCatalogRepositories,
  createMemoryIdentity,
  createMemoryPromotionRepositories,
  createPromotions,
  createSystemHandlers,
  hashToken,
  InProcessEventBus,
  subscribeInProcess,
  matchTotp,
  MemoryCartRepository,
  MemoryCatalogCache,
  memoryCounters,
  ownRoleClaim,
  promotionDocument,
  publishedKeys,
  seedDemoAccounts,
  seedMemoryCatalog,
  silentLogger,
  type CounterFactory,
  type Handlers,
  type Orders,
  type PipelineDeps,
  type StoredCart,
  type TotpMatcher,
} from '@holiday-peak-hub/core';
import { withSellOuts } from './checkout-switches.ts';
import { withFixedTokens } from './fixed-tokens.ts';
import { mockSecrets } from './mock-secrets.ts';
import type { MockStore } from './mock-store.ts';

/** The issuer and audience of the tokens the mocks sign (they verify only their own). */
export const MOCK_ISSUER = 'https://mocks.holidaypeakhub.dev';
const AUDIENCE = 'holiday-peak-hub-api';

/**
 * The authenticator code the mocks accept besides real TOTP codes: a UI cannot share an
 * authenticator app with the mocks, so `000000` stands for "a right code" when confirming an
 * enrolment and when signing in.
 */
export const MOCK_TWO_FACTOR_CODE = '000000';

/**
 * The providers the mocks offer. Their client ids are placeholders: a real MSAL or Google sign-in
 * needs your own app registration; against the mocks, send a `mockIdToken(...)` instead.
 */
export const MOCK_AUTH_PROVIDERS: readonly AuthProvider[] = [
  {
    provider: 'microsoft',
    issuer: 'https://login.microsoftonline.com/common/v2.0',
    client_id: 'mock-microsoft-client-id',
    scopes: ['openid', 'profile', 'email'],
  },
  {
    provider: 'google',
    issuer: 'https://accounts.google.com',
    client_id: 'mock-google-client-id.apps.googleusercontent.com',
    scopes: ['openid', 'profile', 'email'],
  },
];

export interface MockCore {
  handlers: Handlers;
  pipeline: PipelineDeps;
  /** The orders' sweeper and storage, for the checkout scenario controls. */
  orders: Pick<Orders, 'sweepUnpaid' | 'repositories'>;
}

/**
 * Real TOTP codes, and `000000` every time it is sent. The core refuses a code whose time step is
 * not after the last one used (a replay), so the fixed code answers one step past the last step
 * seen for that secret (its own or a real code's), and never one before the current step:
 * confirming an enrolment and signing in with `000000` within the same 30 seconds both pass. The
 * steps are kept in the tables (by the secret's hash), so they hold across a reload. Each use of
 * `000000` moves the last step on by one, so a real code may be taken for a replay for a little
 * while after several: use one or the other.
 */
function acceptingMockCode(steps: Map<string, number>): TotpMatcher {
  return (secret, code, at) => {
    const key = hashToken(secret);
    const last = steps.get(key) ?? -1;
    const step =
      code.replace(/\s/g, '') === MOCK_TWO_FACTOR_CODE
        ? Math.max(Math.floor(at.getTime() / 30_000), last + 1)
        : matchTotp(secret, code, at);
    if (step !== null && step > last) steps.set(key, step);
    return step;
  };
}

/**
 * The core's counters in memory (lockouts, attempt and mail limits), started afresh by
 * `store.reset()`: the failed sign-ins of one test do not lock the next one out.
 */
function countersForgottenOnReset(now: () => number, onReset: (() => void)[]): CounterFactory {
  return (options) => {
    let counter = memoryCounters(now)(options);
    onReset.push(() => {
      counter = memoryCounters(now)(options);
    });
    return {
      points: options.points,
      consume: (key, points) => counter.consume(key, points),
      get: (key) => counter.get(key),
      penalty: (key, points) => counter.penalty(key, points),
      block: (key, seconds) => counter.block(key, seconds),
      delete: (key) => counter.delete(key),
    };
  };
}

/**
 * The server's core on in-memory adapters over the store's tables: the same services, handlers
 * and pipeline as `npm start`, with the stand-ins a browser can run (a cheap password hash, a
 * rule-based strength check, unsigned social ID tokens, Stripe's test cards).
 */
async function buildMockCore(store: MockStore, options: { appUrl: string }): Promise<MockCore> {
  const clock = () => store.now();
  const logger = silentLogger;
  const { tables } = store;
  const events = new InProcessEventBus(logger);
  const { signingKey, csrfSecret } = await mockSecrets(tables);
  const counters = countersForgottenOnReset(() => clock().getTime(), store.onReset);
  const cache = new MemoryCatalogCache({ maxEntries: 500, ttlSeconds: 60 });
  const categoryTreeCache = new MemoryCatalogCache({ maxEntries: 10, ttlSeconds: 60 });
  store.onReset.push(() => {
    void cache.invalidateAll();
    void categoryTreeCache.invalidateAll();
  });
  const catalog = createCatalog({
    repositories: (publisher) => createMemoryCatalogRepositories({ publisher, logger, tables }),
    events,
    cache,
    categoryTreeCache,
    clock,
    logger,
    eventSource: 'holiday-peak-hub-mocks',
  });
  const { identity, storage, hasher, csrf } = createMemoryIdentity({
    signingKey,
    clock,
    tables,
    publisher: events,
    mailer: store.mailer,
    counters,
    csrfSecret,
    jwt: { issuer: MOCK_ISSUER, audience: AUDIENCE },
    appUrl: options.appUrl,
    providers: MOCK_AUTH_PROVIDERS,
    matchTotp: acceptingMockCode(tables.table<number>('mock.totp-steps')),
    eventSource: 'holiday-peak-hub-mocks',
    logger,
  });
  const promotions = createPromotions({
    repositories: (publisher) => createMemoryPromotionRepositories({ publisher, logger, tables }),
    events,
    categories: catalog.repositories.categories,
    clock,
    logger,
    eventSource: 'holiday-peak-hub-mocks',
  });

  if (!store.seeded) {
    if (tables.table('catalog.products').size === 0) {
      seedMemoryCatalog(catalog.repositories, store.catalog);
      for (const promotion of store.promotions) promotions.repositories.promotions.upsert(promotionDocument(promotion));
      await seedDemoAccounts(storage.users, hasher, clock());
    }
    store.seeded = tables.snapshot();
  }
  const startedAt = Date.now();
  const authenticate = createAuthenticator({
    issuers: [
      {
        issuer: MOCK_ISSUER,
        audience: AUDIENCE,
        jwksUri: `${MOCK_ISSUER}/.well-known/jwks.json`,
        localKeys: publishedKeys(signingKey),
        own: true,
        roleOf: ownRoleClaim,
      },
    ],
    sessionActive: identity.sessions.isActive,
    csrf,
    clock,
  });
  const callers = withFixedTokens(authenticate, storage.users);
  const cart = createCart({
    carts: new MemoryCartRepository(tables.table<StoredCart>('cart.carts')),
    catalog: catalog.repositories.products,
    promotions: promotions.service,
    authenticate: callers,
    clock,
  });
  const orders = createOrders({
    repositories: (publisher) => createMemoryOrderRepositories({ publisher, logger, tables }),
    events,
    cart: cart.service,
    carts: cart.carts,
    // A sell-out switched on (`scenarios.checkout`) really sets the stock to 0 before reserving.
    stock: withSellOuts(catalog.stock, store.checkout, (productId, variantId, requestId) =>
      catalog.services.products.setStock(productId, variantId, 0, { requestId }),
    ),
    ledger: promotions.repositories.ledger,
    gateway: store.payments,
    webhooks: new MemoryProcessedWebhooks(clock),
    accounts: storage.users,
    clock,
    logger,
    eventSource: 'holiday-peak-hub-mocks',
  });
  // The audit trail, the order SAGA and account links run on events, as on the server.
  subscribeInProcess(events, [...identity.consumers, ...orders.consumers]);
  return {
    handlers: {
      ...createSystemHandlers({
        version: API_VERSION,
        lifecycle: createLifecycle(),
        checks: [],
        signingKey,
        issuer: MOCK_ISSUER,
        clock,
        uptimeSeconds: () => (Date.now() - startedAt) / 1000,
        logger,
      }),
      ...catalog.handlers,
      ...identity.handlers,
      ...promotions.handlers,
      ...cart.handlers,
      ...orders.handlers,
    },
    pipeline: {
      authenticate: callers,
      logger,
      clock,
      // The mocks check every answer against the contract, as the server does in tests.
      validateResponses: true,
      // No per-address limits: a UI developer signs in again and again from one address.
      limitByIp: () => Promise.resolve({ allowed: true }),
      responseCache: cache,
      idempotency: new MemoryIdempotencyStore(tables.table('idempotency.keys')),
    },
    orders,
  };
}

const cores = new WeakMap<MockStore, Promise<MockCore>>();

/** The core over a store, built once (its signing key is made asynchronously). */
export function mockCore(store: MockStore, options: { appUrl: string }): Promise<MockCore> {
  let core = cores.get(store);
  if (!core) {
    core = buildMockCore(store, options);
    cores.set(store, core);
  }
  return core;
}
