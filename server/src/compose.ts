/**
 * Builds every dependency once, from configuration, and the app on top of them. `main.ts`, the
 * tests and the benchmark all compose the server here, so they run the same thing.
 */
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  createAuthenticator,
  createCsrfTokens,
  createLifecycle,
  createLoginLockout,
  createRateLimiter,
  createSystemHandlers,
  createTestPaymentGateway,
  createTestPaymentProvider,
  assertIdempotencyStore,
  type EventPublisher,
  type Lifecycle,
  loadSigningKey,
  MemoryMailer,
  type Mailer,
  MemorySessionStore,
  type ReadinessCheck,
  type SessionStore,
  type SigningKey,
} from '@holiday-peak-hub/core';
import type { Config } from './config.ts';
import { createApp } from './app.ts';
import { createScryptHasher } from './auth/password-hasher.ts';
import { createPasswordStrengthPool } from './auth/password-strength-pool.ts';
import { RedisSessionStore } from './auth/redis-session-store.ts';
import { createIdentityModule } from './identity/module.ts';
import { createSmtpMailer } from './platform/mail/index.ts';
import { createStripePaymentProvider } from './platform/payments/stripe-payment-provider.ts';
import { counterFactory, type RateLimitStore } from './platform/rate-limit/index.ts';
import { unavailableOnFailure } from './platform/unavailable-on-failure.ts';
import { trustedIssuers } from './auth/trusted-issuers.ts';
import { createCatalogModule } from './catalog/module.ts';
import { createPromotionsModule } from './promotions/module.ts';
import { createCartModule } from './cart/module.ts';
import { connectCosmos, type CosmosConnection } from './platform/cosmos/connect.ts';
import { createCursorCodec, deriveCursorKey } from './platform/cosmos/cursor.ts';
import { cosmosReadinessCheck } from './platform/cosmos/readiness.ts';
import { createCatalogCache, type CatalogCache } from './platform/cache/create-catalog-cache.ts';
import { API_VERSION, operations } from '@holiday-peak-hub/contract';
import { createOrdersModule } from './orders/module.ts';
import { createStripeGateway } from './payments/stripe-gateway.ts';
import { CosmosIdempotencyStore } from './platform/idempotency/index.ts';
import { CONTAINER } from './platform/cosmos/containers.ts';
import { createEventTransport, type ConsumerTuning, type EventTransport } from './platform/events/event-transport.ts';
import type { RunningConsumer } from './platform/events/event-hubs-consumer.ts';

export interface ComposedServer {
  app: Express;
  lifecycle: Lifecycle;
  signingKey: SigningKey;
  cosmos: CosmosConnection;
  cache: CatalogCache;
  /** Where events are published (the in-process bus, or Event Hubs). */
  events: EventPublisher;
  transport: EventTransport;
  /** The consumers running on Event Hubs in this process (none in process). */
  consumers: RunningConsumer[];
  /** Outgoing mail; a MemoryMailer (readable in tests and at `GET /dev/mail`) unless SMTP_URL is set. */
  mailer: Mailer;
  /** Stops background work and closes every connection. */
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** Threads of the password strength check (default: CPUs − 1, at least 1); 0 runs it on the event loop (benchmark). */
  strengthThreads?: number;
  /** Event transport timings (tests, benchmarks): consumer retries and batches, publish cooldown, outbox relay. */
  events?: {
    consumerTuning?: ConsumerTuning;
    publishCooldownMs?: number;
    relay?: { intervalMs?: number; olderThanMs?: number };
  };
  /** How often unpaid orders are swept (default 60 s; 0: never, tests sweep by hand). */
  sweepIntervalMs?: number;
}

export async function composeServer(
  config: Config,
  logger: Logger,
  clock: () => Date = () => new Date(),
  options: ComposeOptions = {},
): Promise<ComposedServer> {
  const signingKey = await loadSigningKey(config.jwt.privateKeyPem, config.jwt.retiredPublicKeysPem);
  const cosmos = await connectCosmos(config.cosmos, logger);
  const cache = createCatalogCache(config, logger);
  const categoryTreeCache = createCatalogCache(config, logger, 'category-tree');
  const transport = createEventTransport(config.events, {
    logger,
    consumerTuning: options.events?.consumerTuning,
    publishCooldownMs: options.events?.publishCooldownMs,
  });
  const events = transport.publisher;
  const catalog = await createCatalogModule({
    database: cosmos.database,
    events,
    relay: options.events?.relay,
    cache,
    categoryTreeCache,
    cursors: createCursorCodec(deriveCursorKey(config.jwt.privateKeyPem)),
    clock,
    logger,
    eventSource: config.eventSource,
    seedProducts: config.cosmos.mode === 'embedded' ? config.cosmos.seedProducts : undefined,
  });
  const promotions = await createPromotionsModule({
    database: cosmos.database,
    events,
    relay: options.events?.relay,
    cursors: createCursorCodec(deriveCursorKey(config.jwt.privateKeyPem)),
    clock,
    logger,
    eventSource: config.eventSource,
    seedDemo: config.cosmos.mode === 'embedded',
  });
  // Sessions, rate limits and lockouts: in Redis when configured (shared by replicas, kept across restarts).
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true })
    : undefined;
  redis?.on('error', (err: Error) => logger.warn({ err: err.message }, 'identity: redis error'));
  // Redis failures are the API's 503, not a 500 (memory adapters do not fail that way).
  const guard = <T extends object>(adapter: T): T => (redis ? unavailableOnFailure('Redis', adapter, logger) : adapter);
  const sessionStore: SessionStore = redis ? guard(new RedisSessionStore(redis)) : new MemorySessionStore(clock);
  const rateStore: RateLimitStore = redis ? { kind: 'redis', redis, prefix: 'rl' } : { kind: 'memory' };
  const counters = counterFactory(rateStore);
  const mailer = config.mail.smtpUrl
    ? createSmtpMailer({ url: config.mail.smtpUrl, from: config.mail.from })
    : new MemoryMailer(config.mail.from);
  // Like the cursor key: derived from the signing key so every replica agrees, random without one.
  const csrf = createCsrfTokens(config.jwt.privateKeyPem ?? randomBytes(32));
  // zxcvbn takes up to ~0.8 s of CPU per check: on worker threads, not the event loop.
  const strength = createPasswordStrengthPool({ threads: options.strengthThreads, logger });
  const identity = await createIdentityModule({
    database: cosmos.database,
    events,
    cursors: createCursorCodec(deriveCursorKey(config.jwt.privateKeyPem)),
    signingKey,
    sessionStore,
    csrf,
    hasher: createScryptHasher({ logN: config.auth.passwordHashLogN }),
    checkStrength: strength.check,
    mailer,
    lockout: guard(createLoginLockout(counters)),
    attemptLimiter: guard(
      createRateLimiter(counters, {
        name: 'account-attempts',
        points: config.auth.accountAttemptsPerMinute,
        durationSeconds: 60,
      }),
    ),
    mailLimiter: guard(createRateLimiter(counters, { name: 'mail', points: 5, durationSeconds: 3600 })),
    payments: config.stripe ? createStripePaymentProvider(config.stripe) : createTestPaymentProvider(clock),
    social: config.social,
    jwt: config.jwt,
    appUrl: config.appUrl,
    clock,
    eventSource: config.eventSource,
    logger,
    seedDemoAccounts: config.cosmos.mode === 'embedded',
    relay: options.events?.relay,
  });
  const authenticate = createAuthenticator({
    issuers: trustedIssuers(config.jwt, signingKey),
    sessionActive: identity.sessions.isActive,
    csrf,
  });
  const cart = createCartModule({
    database: cosmos.database,
    catalog: catalog.products,
    promotions: promotions.promotions.service,
    authenticate,
    clock,
  });
  const orders = createOrdersModule({
    database: cosmos.database,
    events,
    cursors: createCursorCodec(deriveCursorKey(config.jwt.privateKeyPem)),
    cart: cart.service,
    carts: cart.carts,
    stock: catalog.stock,
    ledger: promotions.promotions.repositories.ledger,
    // Stripe when configured; else Stripe's test mode in process (test cards, 3-D Secure, declines).
    gateway: config.stripe ? createStripeGateway(config.stripe) : createTestPaymentGateway({ clock }),
    accounts: identity.users,
    clock,
    logger,
    eventSource: config.eventSource,
    relay: options.events?.relay,
    sweepIntervalMs: options.sweepIntervalMs,
  });
  // Shared consumers (the audit trail) run here unless a `npm run consumers` deployment runs them;
  // the cache consumer runs in every replica whose read cache is its own (no Redis).
  const consumers = await transport.run(
    [
      ...(config.events.mode === 'in-process' || config.events.runConsumers
        ? [...identity.consumers, ...orders.consumers]
        : []),
      ...(config.redisUrl ? [] : [catalog.cacheConsumer]),
    ],
    cosmos.database,
  );
  const ipLimiter = guard(
    createRateLimiter(counters, { name: 'auth-ip', points: config.auth.rateLimitPerMinute, durationSeconds: 60 }),
  );
  // Idempotency-Key answers, kept 24 h per caller (container idempotency_keys).
  const idempotency = new CosmosIdempotencyStore(cosmos.database.container(CONTAINER.idempotencyKeys));
  assertIdempotencyStore(operations, idempotency);
  const lifecycle = createLifecycle();
  const checks: ReadinessCheck[] = [cosmosReadinessCheck(cosmos.database)];
  if (cache.ping) checks.push({ name: 'redis', check: () => cache.ping!() });
  if (transport.readiness) checks.push(transport.readiness);

  const app = createApp({
    config,
    logger,
    pipeline: {
      authenticate,
      limitByIp: (operationId, ip) => ipLimiter.consume(`${operationId}:${ip}`),
      clock,
      // Public reads' answers, cleared by every catalog write (the catalog module invalidates it).
      responseCache: cache,
      idempotency,
    },
    devMailbox: config.cosmos.mode === 'embedded' && mailer instanceof MemoryMailer ? mailer : undefined,
    handlers: {
      ...createSystemHandlers({
        version: API_VERSION,
        lifecycle,
        checks,
        signingKey,
        issuer: config.jwt.issuer,
        clock,
        uptimeSeconds: () => process.uptime(),
        logger,
      }),
      ...catalog.handlers,
      ...identity.handlers,
      ...promotions.handlers,
      ...cart.handlers,
      ...orders.handlers,
    },
  });

  return {
    app,
    lifecycle,
    signingKey,
    cosmos,
    cache,
    events,
    transport,
    consumers,
    mailer,
    async close() {
      await transport.stopConsumers();
      await catalog.stop();
      await orders.stop();
      await promotions.stop();
      await identity.stop();
      await strength.close();
      await sessionStore.close();
      await mailer.close();
      await transport.close();
      await cache.close();
      await categoryTreeCache.close();
      await cosmos.close();
    },
  };
}
