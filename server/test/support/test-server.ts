/**
 * A real server for tests: the same composition as `npm start` (embedded Cosmos stand-in seeded with
 * the demo catalog, in-process events, real auth), listening on 127.0.0.1, with tokens from a local
 * JWKS issuer. One database per call.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { SessionRole } from '@holiday-peak-hub/contract';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.ts';
import { composeServer, type ComposedServer } from '../../src/compose.ts';
import { listen } from '../../src/http/listen.ts';
import { MemoryMailer } from '../../src/platform/mail/index.ts';
import { demoToken } from './sign-in.ts';
import { startTestIssuer, type TestIssuer } from './test-issuer.ts';

export interface TestServer {
  baseUrl: string;
  composed: ComposedServer;
  /** An external issuer (like Entra ID) this server trusts, for tokens of identities without an account here. */
  issuer: TestIssuer;
  /** Access tokens of sessions of ours: the demo accounts' and a guest's. */
  tokens: Record<SessionRole, string>;
  /** Every mail the server sent (verification and reset links). */
  mailbox: MemoryMailer;
  /** A new session for a role (for calls that end the session they are made with). */
  freshToken(role: SessionRole): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  products?: number;
  /** A fixed clock (seeding and every read), e.g. to compare with the mocks' catalog. */
  now?: Date;
  env?: Record<string, string>;
  /** Adjusts the parsed configuration (what no environment variable can say, e.g. local social providers). */
  configure?: (config: Config) => void;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const issuer = await startTestIssuer();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    COSMOS_DATABASE: `test-${randomUUID().slice(0, 8)}`,
    COSMOS_SEED_PRODUCTS: String(options.products ?? 40),
    TRUSTED_ISSUERS: issuer.trustedIssuerEntry,
    // Cheap hashes and no per-IP limit: tests sign in often from one address (the limit has its own test).
    PASSWORD_HASH_LOG_N: '10',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    ...options.env,
  });
  options.configure?.(config);
  const fixed = options.now;
  const composed = await composeServer(config, pino({ level: 'silent' }), fixed ? () => fixed : undefined);
  const server = await listen(composed.app, 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  if (!(composed.mailer instanceof MemoryMailer)) throw new Error('test servers keep their mail in memory');
  const mailbox = composed.mailer;
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
    baseUrl,
    composed,
    issuer,
    tokens,
    mailbox,
    freshToken,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await composed.close();
      await issuer.close();
    },
  };
}
