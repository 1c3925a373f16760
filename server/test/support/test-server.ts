/**
 * A real server for tests: the same composition as `npm start` (embedded Cosmos stand-in seeded with
 * the demo catalog, in-process events, real auth), listening on 127.0.0.1, with tokens from a local
 * JWKS issuer. One database per call.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AccountRole } from '@holiday-peak-hub/contract';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { composeServer, type ComposedServer } from '../../src/compose.ts';
import { listen } from '../../src/http/listen.ts';
import { startTestIssuer, type TestIssuer } from './test-issuer.ts';

export interface TestServer {
  baseUrl: string;
  composed: ComposedServer;
  issuer: TestIssuer;
  tokens: Record<AccountRole, string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  products?: number;
  /** A fixed clock (seeding and every read), e.g. to compare with the mocks' catalog. */
  now?: Date;
  env?: Record<string, string>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const issuer = await startTestIssuer();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    COSMOS_DATABASE: `test-${randomUUID().slice(0, 8)}`,
    COSMOS_SEED_PRODUCTS: String(options.products ?? 40),
    TRUSTED_ISSUERS: issuer.trustedIssuerEntry,
    ...options.env,
  });
  const fixed = options.now;
  const composed = await composeServer(config, pino({ level: 'silent' }), fixed ? () => fixed : undefined);
  const server = await listen(composed.app, 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  const tokens = {
    customer: await issuer.token('customer'),
    staff: await issuer.token('staff'),
    admin: await issuer.token('admin'),
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    composed,
    issuer,
    tokens,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await composed.close();
      await issuer.close();
    },
  };
}
