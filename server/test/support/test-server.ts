/**
 * A real server for tests: the same composition as `npm start` (embedded Cosmos stand-in seeded with
 * the demo catalog and demo accounts, in-process events, real auth), listening on 127.0.0.1. One
 * database per call.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { SessionRole } from '@holiday-peak-hub/contract';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.ts';
import { composeServer, type ComposedServer, type ComposeOptions } from '../../src/compose.ts';
import { listen } from '../../src/http/listen.ts';
import { MemoryMailer } from '@holiday-peak-hub/core';
import { demoToken } from './sign-in.ts';
import { startTestIssuer, type TestIssuer } from './test-issuer.ts';

/** A listening server, with nothing done to it yet. */
export interface BareServer {
  baseUrl: string;
  composed: ComposedServer;
  /** Every mail the server sent (verification and reset links). */
  mailbox: MemoryMailer;
  close(): Promise<void>;
}

export interface TestServer extends BareServer {
  /** An external issuer (like Entra ID) this server trusts, for tokens of identities without an account here. */
  issuer: TestIssuer;
  /** Access tokens of sessions of ours: the demo accounts' and a guest's. */
  tokens: Record<SessionRole, string>;
  /** A new session for a role (for calls that end the session they are made with). */
  freshToken(role: SessionRole): Promise<string>;
}

export interface BareServerOptions {
  products?: number;
  /** A fixed clock (seeding and every read), e.g. to compare with the mocks' catalog. */
  now?: Date;
  /** A clock the test moves, e.g. past a time window (instead of `now`). */
  clock?: () => Date;
  env?: Record<string, string>;
  /** Adjusts the parsed configuration (what no environment variable can say, e.g. local social providers). */
  configure?: (config: Config) => void;
  /** Composition settings (event transport timings). */
  compose?: ComposeOptions;
}

/**
 * The server alone: no sign-in made, no external issuer. For tests that count calls per client
 * address (rate limits), where start-up sign-ins would use up part of the limit.
 */
export async function startBareServer(options: BareServerOptions = {}): Promise<BareServer> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    COSMOS_DATABASE: `test-${randomUUID().slice(0, 8)}`,
    COSMOS_SEED_PRODUCTS: String(options.products ?? 40),
    // Cheap hashes and no per-IP or per-account attempt limits: tests sign in often from one address
    // and as the same demo accounts (the limits have their own tests).
    PASSWORD_HASH_LOG_N: '10',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_ACCOUNT_ATTEMPTS_PER_MINUTE: '100000',
    ...options.env,
  });
  options.configure?.(config);
  const fixed = options.now;
  const clock = options.clock ?? (fixed ? () => fixed : undefined);
  const composed = await composeServer(config, pino({ level: 'silent' }), clock, options.compose);
  const server = await listen(composed.app, 0, '127.0.0.1', config.http);
  const { port } = server.address() as AddressInfo;
  if (!(composed.mailer instanceof MemoryMailer)) throw new Error('test servers keep their mail in memory');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    composed,
    mailbox: composed.mailer,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await composed.close();
    },
  };
}

/** A server that also trusts a local JWKS issuer, with sessions of the demo accounts and a guest. */
export async function startTestServer(options: BareServerOptions = {}): Promise<TestServer> {
  const issuer = await startTestIssuer();
  const bare = await startBareServer({
    ...options,
    env: { TRUSTED_ISSUERS: issuer.trustedIssuerEntry, ...options.env },
  });
  const { baseUrl } = bare;
  const freshToken = async (role: SessionRole): Promise<string> => {
    if (role !== 'guest') return demoToken(baseUrl, role);
    const res = await fetch(`${baseUrl}/api/auth/guest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token_delivery: 'body' }),
    });
    const body = (await res.json()) as { tokens: { access_token: string } };
    return body.tokens.access_token;
  };
  const tokens = {
    guest: await freshToken('guest'),
    customer: await freshToken('customer'),
    staff: await freshToken('staff'),
    admin: await freshToken('admin'),
  };
  return {
    ...bare,
    issuer,
    tokens,
    freshToken,
    async close() {
      await bare.close();
      await issuer.close();
    },
  };
}
