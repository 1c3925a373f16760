/**
 * Builds every dependency once, from configuration, and the app on top of them. `main.ts`, the
 * tests and the benchmark all compose the server here, so they run the same thing.
 */
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { createApp } from './app.ts';
import { loadSigningKey, type SigningKey } from './auth/signing-key.ts';
import { trustedIssuers } from './auth/trusted-issuers.ts';
import { createCatalogModule } from './catalog/module.ts';
import { connectCosmos, type CosmosConnection } from './platform/cosmos/connect.ts';
import { createCursorCodec, deriveCursorKey } from './platform/cosmos/cursor.ts';
import { cosmosReadinessCheck } from './platform/cosmos/readiness.ts';
import { createCatalogCache, type CatalogCache } from './platform/cache/create-catalog-cache.ts';
import { InProcessEventBus } from './platform/events/in-process-event-bus.ts';
import { createSystemHandlers, type ReadinessCheck } from './system/handlers.ts';
import { createLifecycle, type Lifecycle } from './system/lifecycle.ts';
import { API_VERSION } from '@holiday-peak-hub/contract';

export interface ComposedServer {
  app: Express;
  lifecycle: Lifecycle;
  signingKey: SigningKey;
  cosmos: CosmosConnection;
  cache: CatalogCache;
  events: InProcessEventBus;
  /** Stops background work and closes every connection. */
  close(): Promise<void>;
}

export async function composeServer(
  config: Config,
  logger: Logger,
  clock: () => Date = () => new Date(),
): Promise<ComposedServer> {
  const signingKey = await loadSigningKey(config.jwt.privateKeyPem);
  const cosmos = await connectCosmos(config.cosmos, logger);
  const cache = createCatalogCache(config, logger);
  const categoryTreeCache = createCatalogCache(config, logger, 'category-tree');
  const events = new InProcessEventBus(logger);
  const catalog = await createCatalogModule({
    database: cosmos.database,
    events,
    cache,
    categoryTreeCache,
    cursors: createCursorCodec(deriveCursorKey(config.jwt.privateKeyPem)),
    clock,
    logger,
    eventSource: config.eventSource,
    seedProducts: config.cosmos.mode === 'embedded' ? config.cosmos.seedProducts : undefined,
  });
  const lifecycle = createLifecycle();
  const checks: ReadinessCheck[] = [cosmosReadinessCheck(cosmos.database)];
  if (cache.ping) checks.push({ name: 'redis', check: () => cache.ping!() });

  const app = createApp({
    config,
    logger,
    issuers: trustedIssuers(config.jwt, signingKey),
    handlers: {
      ...createSystemHandlers({ version: API_VERSION, lifecycle, checks, signingKey, clock, logger }),
      ...catalog.handlers,
    },
  });

  return {
    app,
    lifecycle,
    signingKey,
    cosmos,
    cache,
    events,
    async close() {
      await catalog.stop();
      await events.close();
      await cache.close();
      await categoryTreeCache.close();
      await cosmos.close();
    },
  };
}
