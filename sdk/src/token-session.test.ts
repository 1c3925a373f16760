import { describe, expect, it, vi } from 'vitest';
import { createFakeAuthApi, PASSWORD, type FakeAuthApi } from '../test/fake-auth-api.ts';
import {
  createHolidayPeakClient,
  createTokenSession,
  getMe,
  listProducts,
  refreshSession,
  signIn,
  type TokenSessionOptions,
  type TokenStorage,
  unwrap,
} from './index.ts';

function tokenClient(api: FakeAuthApi, options: TokenSessionOptions = {}) {
  return createHolidayPeakClient({
    baseUrl: 'http://api.test',
    fetch: api.fetch,
    session: createTokenSession(options),
  });
}

/** An async store, as a native app has. */
function memoryStorage(): TokenStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => Promise.resolve(items.get(key) ?? null),
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('token session (bearer)', () => {
  it('signs in with body delivery and sends Authorization: Bearer to secured operations only', async () => {
    const api = createFakeAuthApi();
    const client = tokenClient(api);
    const session = await signIn(client, { email: 'jane@example.com', password: PASSWORD });
    expect(session).toMatchObject({ status: 'authenticated', csrf_token: null, tokens: { access_token: 'access-1' } });
    expect(api.calls('/api/auth/login')[0]?.body).toMatchObject({ token_delivery: 'body' });

    await unwrap(getMe({ client }));
    await unwrap(listProducts({ client }));
    const [me] = api.calls('/api/users/me');
    expect(me?.headers.get('authorization')).toBe('Bearer access-1');
    expect(me?.headers.has('cookie')).toBe(false);
    expect(me?.credentials).not.toBe('include');
    expect(api.calls('/api/products')[0]?.headers.has('authorization')).toBe(false);
  });

  it('sends no Authorization before sign-in, and does not refresh without a refresh token', async () => {
    const api = createFakeAuthApi();
    const { error } = await getMe({ client: tokenClient(api) });
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    expect(api.calls('/api/users/me')[0]?.headers.has('authorization')).toBe(false);
    expect(api.calls('/api/auth/refresh')).toHaveLength(0);
  });

  it('keeps the tokens in the given storage: a new session (app restart) uses them', async () => {
    const api = createFakeAuthApi();
    const storage = memoryStorage();
    await signIn(tokenClient(api, { storage, key: 'tokens' }), { email: 'jane@example.com', password: PASSWORD });
    expect(JSON.parse(storage.items.get('tokens') ?? '{}')).toMatchObject({
      access_token: 'access-1',
      refresh_token: 'refresh-1',
    });

    const restarted = tokenClient(api, { storage, key: 'tokens' });
    await unwrap(getMe({ client: restarted }));
    expect(api.calls('/api/users/me')[0]?.headers.get('authorization')).toBe('Bearer access-1');
  });

  it('stores the rotated pair after a refresh, and removes it when the refresh is refused', async () => {
    const api = createFakeAuthApi();
    const storage = memoryStorage();
    const client = tokenClient(api, { storage });
    await signIn(client, { email: 'jane@example.com', password: PASSWORD });
    api.expireAccessTokens();
    await unwrap(getMe({ client }));
    expect(storage.items.get('holiday-peak-hub.tokens')).toContain('"refresh_token":"refresh-2"');

    // A thief replays refresh-2 first: the client's own refresh is then a reuse, the server ends the session.
    const thief = createHolidayPeakClient({ baseUrl: 'http://api.test', fetch: api.fetch });
    await unwrap(refreshSession({ client: thief, body: { refresh_token: 'refresh-2' } }));
    api.expireAccessTokens();
    const { error } = await getMe({ client });
    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(storage.items.size).toBe(0);
  });

  it('two tabs sharing storage: the second refreshes with the pair the first stored, not its spent token', async () => {
    const api = createFakeAuthApi();
    const storage = memoryStorage();
    const tabA = tokenClient(api, { storage });
    await signIn(tabA, { email: 'jane@example.com', password: PASSWORD });
    const tabB = tokenClient(api, { storage });
    await unwrap(getMe({ client: tabB })); // tab B has read refresh-1 into memory
    api.expireAccessTokens();
    await unwrap(getMe({ client: tabA })); // tab A refreshes: refresh-1 is spent, refresh-2 stored
    api.expireAccessTokens();
    await unwrap(getMe({ client: tabB })); // without re-reading storage tab B would replay refresh-1
    expect(api.calls('/api/auth/refresh').map((call) => call.body)).toEqual([
      { refresh_token: 'refresh-1' },
      { refresh_token: 'refresh-2' },
    ]);
    expect(storage.items.get('holiday-peak-hub.tokens')).toContain('"refresh_token":"refresh-3"');
  });

  it('two tabs hit by a 401 at the same moment refresh one after the other (Web Locks), so neither replays', async () => {
    const held: string[] = [];
    let queue = Promise.resolve();
    const locks = {
      request<T>(name: string, callback: () => Promise<T>): Promise<T> {
        held.push(name);
        const run = queue.then(callback);
        queue = run.then(
          () => undefined,
          () => undefined,
        );
        return run;
      },
    };
    vi.stubGlobal('navigator', { locks });
    try {
      const api = createFakeAuthApi();
      const storage = memoryStorage();
      const tabA = tokenClient(api, { storage });
      await signIn(tabA, { email: 'jane@example.com', password: PASSWORD });
      const tabB = tokenClient(api, { storage });
      api.expireAccessTokens();
      await Promise.all([unwrap(getMe({ client: tabA })), unwrap(getMe({ client: tabB }))]);
      expect(held).toEqual(['holiday-peak-hub.refresh', 'holiday-peak-hub.refresh']);
      expect(api.calls('/api/auth/refresh').map((call) => call.body)).toEqual([
        { refresh_token: 'refresh-1' },
        { refresh_token: 'refresh-2' },
      ]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('ignores stored garbage', async () => {
    const api = createFakeAuthApi();
    const storage = memoryStorage();
    storage.items.set('holiday-peak-hub.tokens', '{"access_token": 42');
    await getMe({ client: tokenClient(api, { storage }) });
    expect(api.calls('/api/users/me')[0]?.headers.has('authorization')).toBe(false);
  });
});
