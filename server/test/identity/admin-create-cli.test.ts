/**
 * `npm run admin:create` against a running server's Cosmos DB (the embedded stand-in, reached by
 * its endpoint as a real Cosmos DB account would be): it creates an admin with a one-time
 * set-password link, promotes an existing account, and both are on the admin roster.
 */
import { CosmosClient } from '@azure/cosmos';
import type { User } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCreate } from '../../scripts/admin-create.ts';
import { ADMIN_ROSTER_ID } from '../../src/identity/user-repository.ts';
import { login } from '../support/identity-http.ts';
import { api, newCustomer } from '../support/identity-client.ts';
import { STRONG_PASSWORD } from '../support/sample-requests.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startTestServer({ products: 0 });
  const endpoint = server.composed.cosmos.embedded?.endpoint;
  if (!endpoint) throw new Error('the test server runs the embedded stand-in');
  env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    COSMOS_ENDPOINT: endpoint,
    COSMOS_KEY: Buffer.from('any key the stand-in accepts').toString('base64'),
    COSMOS_DATABASE: server.composed.cosmos.database.id,
    PASSWORD_HASH_LOG_N: '10',
  };
});
afterAll(() => server.close());

/**
 * The configured endpoint is the stand-in's, over plain HTTP, which the Cosmos DB SDK reaches only
 * with endpoint discovery off (as the server's embedded mode does): the same database, one client.
 */
const standIn: Parameters<typeof adminCreate>[3] = async (cosmos) => {
  if (cosmos.mode !== 'azure') throw new Error('the CLI is configured with an endpoint');
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key ?? '',
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const { database } = await client.databases.createIfNotExists({ id: cosmos.database });
  return { client, database, close: () => Promise.resolve(client.dispose()) };
};

async function roster(): Promise<string[]> {
  const { resource } = await server.composed.cosmos.database
    .container('users')
    .item(ADMIN_ROSTER_ID, ADMIN_ROSTER_ID)
    .read<{ admin_ids: string[] }>();
  return resource?.admin_ids ?? [];
}

async function run(...argv: string[]) {
  let printed = '';
  const outcome = await adminCreate(argv, env, (text) => void (printed += text), standIn);
  return { ...outcome, printed };
}

describe('npm run admin:create', () => {
  it('creates an admin with a printed one-time set-password link; the admin signs in and manages users', async () => {
    const email = `operator-${Date.now()}@example.com`;
    const { code, result, printed } = await run('--email', email, '--name', 'Night Operator');
    expect(code).toBe(0);
    expect(result?.outcome).toBe('created');
    expect(printed).toContain(`created admin ${result?.userId}`);
    const link = result?.link ?? '';
    expect(printed).toContain(link);
    const token = new URL(link).searchParams.get('token');
    expect(token).toBeTruthy();
    expect(await roster()).toContain(result?.userId);

    const set = await api(server, 'POST', '/api/auth/reset-password', {
      body: { token, new_password: STRONG_PASSWORD },
    });
    expect(set.status).toBe(204);
    const again = await api(server, 'POST', '/api/auth/reset-password', {
      body: { token, new_password: STRONG_PASSWORD },
    });
    expect(again.status).not.toBe(204);
    const admin = await login(server.baseUrl, email, STRONG_PASSWORD);
    const list = await api<{ items: User[] }>(server, 'GET', '/api/admin/users?role=admin', { token: admin.access });
    expect(list.status).toBe(200);
    expect(list.body.items.map((u) => u.id)).toContain(result?.userId);
  });

  it('promotes an existing account, and an admin already is left an admin on the roster', async () => {
    const customer = await newCustomer(server, 'to-promote');
    const promoted = await run('--email', customer.email, '--name', 'ignored');
    expect(promoted.code).toBe(0);
    expect(promoted.result).toMatchObject({ userId: customer.id, outcome: 'promoted', link: null });
    expect(await roster()).toContain(customer.id);
    const signedIn = await login(server.baseUrl, customer.email, customer.password);
    const me = await api<User>(server, 'GET', '/api/users/me', { token: signedIn.access });
    expect(me.body.role).toBe('admin');

    const twice = await run('--email', customer.email.toUpperCase(), '--name', 'ignored');
    expect(twice.result).toMatchObject({ userId: customer.id, outcome: 'already_admin' });
    expect((await roster()).filter((id) => id === customer.id)).toHaveLength(1);
  });

  it('refuses bad arguments with exit code 2 and the usage', async () => {
    for (const argv of [[], ['--email', 'x@example.com'], ['--email', 'not-an-email', '--name', 'X'], ['--bogus']]) {
      const { code, printed } = await run(...argv);
      expect(code).toBe(2);
      expect(printed).toContain('usage: npm run admin:create -- --email <email> --name <name>');
    }
  });
});
