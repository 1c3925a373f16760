// The SDK against the real server (same composition as `npm start`, embedded Cosmos DB stand-in, local token issuer).
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';
import { getProductOptions } from '../src/gen/@tanstack/react-query.gen.ts';
import {
  type Client,
  createBrowserSession,
  createHolidayPeakClient,
  createTokenSession,
  getMe,
  getPreferences,
  getProduct,
  HolidayPeakApiError,
  listProducts,
  refreshSession,
  signIn,
  signOut,
  staffGetProduct,
  staffListProducts,
  type TokenStorage,
  unwrap,
  updatePreferences,
  updateProduct,
} from '../src/index.ts';
import { createCookieJar } from './cookie-jar.ts';

let server: TestServer;
/** How far the server's clock is ahead of the wall clock. */
let clockAhead = 0;
let publicClient: Client;
const as = (role: 'customer' | 'staff' | 'admin') =>
  createHolidayPeakClient({ baseUrl: server.baseUrl, getToken: () => server.tokens[role] });

beforeAll(async () => {
  server = await startTestServer({ products: 12, clock: () => new Date(Date.now() + clockAhead) });
  publicClient = createHolidayPeakClient({ baseUrl: server.baseUrl });
});

afterAll(async () => {
  await server.close();
});

describe('SDK against the real server', () => {
  it('walks every product page by cursor without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await unwrap(listProducts({ client: publicClient, query: { limit: 5, cursor } }));
      seen.push(...page.items.map((item) => item.id));
      cursor = page.next_cursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('reads a product, through the function and through TanStack Query options', async () => {
    const page = await unwrap(listProducts({ client: publicClient, query: { limit: 1 } }));
    const id = page.items[0]?.id;
    if (!id) throw new Error('the demo catalog has no active product');
    const product = await unwrap(getProduct({ client: publicClient, path: { id } }));
    expect(product.id).toBe(id);
    const viaQuery = await new QueryClient().fetchQuery(getProductOptions({ client: publicClient, path: { id } }));
    expect(viaQuery).toEqual(product);
  });

  it('maps the server envelope: 404, 401, 403, 400 with issues', async () => {
    const missing = await getProduct({ client: publicClient, path: { id: 'toys-games.aaaaaaaaaaaa' } });
    expect(missing.error).toMatchObject({ code: 'RESOURCE_NOT_FOUND', status: 404, fromEnvelope: true });
    expect((missing.error as HolidayPeakApiError).requestId).toBe(missing.response?.headers.get('x-request-id'));

    const anonymous = await staffListProducts({ client: publicClient });
    expect(anonymous.error).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    const customer = await staffListProducts({ client: as('customer') });
    expect(customer.error).toMatchObject({ code: 'FORBIDDEN', status: 403 });

    const invalid = await listProducts({ client: publicClient, query: { limit: 1000 } });
    expect(invalid.error).toBeInstanceOf(HolidayPeakApiError);
    expect(invalid.error).toMatchObject({ code: 'INVALID_REQUEST', status: 400 });
    expect((invalid.error as HolidayPeakApiError).details).toHaveProperty('issues');
  });

  it('sends the staff token and honours If-Match (412 on a stale ETag)', async () => {
    const staff = as('staff');
    const page = await unwrap(staffListProducts({ client: staff, query: { limit: 1 } }));
    const id = page.items[0]?.id;
    if (!id) throw new Error('no product for staff');
    const read = await staffGetProduct({ client: staff, path: { id } });
    const etag = read.response?.headers.get('etag');
    expect(etag).toBeTruthy();
    const updated = await updateProduct({
      client: staff,
      path: { id },
      headers: { 'if-match': etag ?? '' },
      body: { name: 'Renamed by the SDK test' },
    });
    expect(updated.error).toBeUndefined();
    const stale = await updateProduct({
      client: staff,
      path: { id },
      headers: { 'if-match': etag ?? '' },
      body: { name: 'Second rename' },
    });
    expect(stale.error).toMatchObject({ code: 'PRECONDITION_FAILED', status: 412 });
  });
});

describe('SDK sessions against the real server', () => {
  const customer = DEMO_ACCOUNTS.find((account) => account.role === 'customer');
  if (!customer) throw new Error('no demo customer');
  const credentials = { email: customer.email, password: DEMO_PASSWORD };

  /** The paths a fetch was asked for. */
  const recording = (fetch: typeof globalThis.fetch) => {
    const paths: string[] = [];
    const recorded: typeof globalThis.fetch = (input, init) => {
      paths.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
      return fetch(input, init);
    };
    return { fetch: recorded, paths };
  };

  it('cookies: signs in, writes with the CSRF token, signs out', async () => {
    const jar = createCookieJar();
    const client = createHolidayPeakClient({
      baseUrl: server.baseUrl,
      fetch: jar.fetch,
      session: createBrowserSession(),
    });

    const session = await signIn(client, credentials);
    expect(session).toMatchObject({ status: 'authenticated', role: 'customer', tokens: null });
    expect(session.status === 'authenticated' && session.csrf_token).toBeTruthy();
    expect(jar.names().sort()).toEqual(['hph_access', 'hph_refresh']);
    const preferences = await unwrap(getPreferences({ client }));
    const saved = await unwrap(updatePreferences({ client, body: { ...preferences, currency: 'EUR' } }));
    expect(saved.currency).toBe('EUR');

    await signOut(client);
    expect(jar.names()).toEqual([]);
    const after = await getMe({ client });
    expect(after.error).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
  });

  // Public operations (refresh, sign-in) take a cookie write without the CSRF token as anonymous, so a reloaded page recovers.
  it('cookies: after a reload (CSRF token lost, cookies kept) a write is cured by one refresh with {}', async () => {
    const jar = createCookieJar();
    const { fetch, paths } = recording(jar.fetch);
    const browser = () => createHolidayPeakClient({ baseUrl: server.baseUrl, fetch, session: createBrowserSession() });
    await signIn(browser(), credentials);
    const reloaded = browser();
    const preferences = await unwrap(getPreferences({ client: reloaded }));

    paths.length = 0;
    const saved = await unwrap(updatePreferences({ client: reloaded, body: { ...preferences, currency: 'GBP' } }));
    expect(saved.currency).toBe('GBP');
    expect(paths).toEqual(['/api/users/me/preferences', '/api/auth/refresh', '/api/users/me/preferences']);
  });

  it('bearer: a refused access token is refreshed once and the call retried; a replayed refresh token ends it', async () => {
    const items = new Map<string, string>();
    const storage: TokenStorage = {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => void items.set(key, value),
      removeItem: (key) => void items.delete(key),
    };
    const { fetch, paths } = recording(globalThis.fetch);
    await signIn(
      createHolidayPeakClient({ baseUrl: server.baseUrl, session: createTokenSession({ storage }) }),
      credentials,
    );
    const stored = JSON.parse(items.get('holiday-peak-hub.tokens') ?? '{}') as { refresh_token: string };
    // The app restarts with an access token the server no longer takes (as after 15 minutes).
    items.set('holiday-peak-hub.tokens', JSON.stringify({ ...stored, access_token: 'expired.access.token' }));

    const app = createHolidayPeakClient({ baseUrl: server.baseUrl, fetch, session: createTokenSession({ storage }) });
    const me = await unwrap(getMe({ client: app }));
    expect(me.email).toBe(customer.email);
    expect(paths).toEqual(['/api/users/me', '/api/auth/refresh', '/api/users/me']);
    const rotated = JSON.parse(items.get('holiday-peak-hub.tokens') ?? '{}') as { refresh_token: string };
    expect(rotated.refresh_token).not.toBe(stored.refresh_token);

    // Someone replays the used refresh token after the server's reuse grace window (10 s): the server ends the
    // session, and the app loses it on its next call.
    clockAhead += 10_000;
    const thief = createHolidayPeakClient({ baseUrl: server.baseUrl });
    const replay = await refreshSession({ client: thief, body: { refresh_token: stored.refresh_token } });
    expect(replay.error).toMatchObject({ code: 'UNAUTHORIZED' });
    const ended = await getMe({ client: app });
    expect(ended.error).toBeInstanceOf(HolidayPeakApiError);
    expect(ended.error).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    expect(items.has('holiday-peak-hub.tokens')).toBe(false);
  });
});
