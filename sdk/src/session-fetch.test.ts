import { describe, expect, it, vi } from 'vitest';
import { createFakeAuthApi, PASSWORD, TWO_FACTOR_EMAIL, type FakeAuthApi } from '../test/fake-auth-api.ts';
import {
  type AuthSession,
  createHolidayPeakClient,
  createTokenSession,
  getMe,
  HolidayPeakApiError,
  loginTwoFactor,
  logout,
  type Preferences,
  refreshSession,
  signIn,
  unwrap,
  updatePreferences,
} from './index.ts';

const BASE_URL = 'http://api.test';
const PREFERENCES: Preferences = {
  language: 'fr',
  currency: 'EUR',
  notifications: { email_marketing: true, email_orders: true, sms_shipping: false },
};

/** A bearer client, signed in (access-1 / refresh-1), whose access token has just expired. */
async function expiredClient(api: FakeAuthApi, fetch: typeof globalThis.fetch = api.fetch) {
  const changes: (AuthSession | null)[] = [];
  const session = createTokenSession({ onChange: (change) => changes.push(change) });
  const client = createHolidayPeakClient({ baseUrl: BASE_URL, fetch, session });
  await signIn(client, { email: 'jane@example.com', password: PASSWORD });
  api.expireAccessTokens();
  return { client, changes };
}

const urlOf = (input: RequestInfo | URL) => (input instanceof Request ? input.url : String(input));

const authorizations = (api: FakeAuthApi, path: string) =>
  api.calls(path).map((call) => call.headers.get('authorization'));

describe('refresh and retry', () => {
  it('answers a 401 with exactly one refresh, then retries the request (same body) with the new token', async () => {
    const api = createFakeAuthApi();
    const { client } = await expiredClient(api);

    const saved = await unwrap(updatePreferences({ client, body: PREFERENCES }));
    expect(saved).toEqual(PREFERENCES);
    expect(api.calls('/api/auth/refresh').map((call) => call.body)).toEqual([{ refresh_token: 'refresh-1' }]);
    const writes = api.calls('/api/users/me/preferences');
    expect(writes.map((call) => call.headers.get('authorization'))).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(writes.map((call) => call.body)).toEqual([PREFERENCES, PREFERENCES]);

    await unwrap(getMe({ client }));
    expect(authorizations(api, '/api/users/me')).toEqual(['Bearer access-2']);
  });

  it('shares one refresh between concurrent 401s (a second one would be a reuse and end the session)', async () => {
    const api = createFakeAuthApi();
    const { client } = await expiredClient(api);
    const release = api.hold('/api/auth/refresh');

    const both = Promise.all([unwrap(getMe({ client })), unwrap(updatePreferences({ client, body: PREFERENCES }))]);
    await vi.waitFor(() => expect(api.calls('/api/auth/refresh')).toHaveLength(1));
    await vi.waitFor(() => expect(api.calls('/api/users/me/preferences')).toHaveLength(1));
    release();
    await both;

    expect(api.calls('/api/auth/refresh')).toHaveLength(1);
    expect(authorizations(api, '/api/users/me')).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(authorizations(api, '/api/users/me/preferences')).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('retries without another refresh a 401 to a request sent before a refresh that has since succeeded', async () => {
    const api = createFakeAuthApi();
    const { client } = await expiredClient(api);
    const release = api.hold('/api/users/me/preferences');

    const slow = unwrap(updatePreferences({ client, body: PREFERENCES }));
    await vi.waitFor(() => expect(api.calls('/api/users/me/preferences')).toHaveLength(1));
    await unwrap(getMe({ client })); // 401 → refresh → retry, while the write is still on its way
    release();
    await slow;

    expect(api.calls('/api/auth/refresh')).toHaveLength(1);
    expect(authorizations(api, '/api/users/me/preferences')).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('waits for a refresh in flight before sending a new call', async () => {
    const api = createFakeAuthApi();
    const { client } = await expiredClient(api);
    const release = api.hold('/api/auth/refresh');

    const first = unwrap(getMe({ client }));
    await vi.waitFor(() => expect(api.calls('/api/auth/refresh')).toHaveLength(1));
    const second = unwrap(updatePreferences({ client, body: PREFERENCES }));
    release();
    await Promise.all([first, second]);

    expect(authorizations(api, '/api/users/me/preferences')).toEqual(['Bearer access-2']);
  });

  it('when the refresh is refused: clears the session and surfaces the original 401', async () => {
    const api = createFakeAuthApi();
    const { client, changes } = await expiredClient(api);
    // Someone replayed refresh-1 first: the client's refresh is a reuse.
    await unwrap(
      refreshSession({
        client: createHolidayPeakClient({ baseUrl: BASE_URL, fetch: api.fetch }),
        body: { refresh_token: 'refresh-1' },
      }),
    );

    const { error } = await getMe({ client });
    expect(error).toBeInstanceOf(HolidayPeakApiError);
    expect(error).toMatchObject({
      code: 'UNAUTHORIZED',
      status: 401,
      message: 'The access token is missing, expired or revoked', // getMe's own, not the refresh's
    });
    expect(api.calls('/api/auth/refresh')).toHaveLength(2);
    expect(api.calls('/api/users/me')).toHaveLength(1);
    expect(changes.at(-1)).toBeNull();

    await getMe({ client });
    expect(authorizations(api, '/api/users/me').at(-1)).toBeNull();
    expect(api.calls('/api/auth/refresh')).toHaveLength(2); // no refresh token left: no more refreshes
  });

  it('keeps the session when the refresh fails for lack of a network, and surfaces the original 401', async () => {
    const api = createFakeAuthApi();
    const offlineRefresh: typeof globalThis.fetch = (input, init) =>
      urlOf(input).endsWith('/api/auth/refresh')
        ? Promise.reject(new TypeError('fetch failed'))
        : api.fetch(input, init);
    const { client, changes } = await expiredClient(api, offlineRefresh);

    const { error } = await getMe({ client });
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    expect(changes.filter((change) => change === null)).toEqual([]);
    await getMe({ client });
    expect(authorizations(api, '/api/users/me')).toEqual(['Bearer access-1', 'Bearer access-1']);
  });

  it('retries once only: a second 401 is the answer', async () => {
    const api = createFakeAuthApi();
    const alwaysUnauthorized: typeof globalThis.fetch = async (input, init) => {
      const response = await api.fetch(input, init);
      return urlOf(input).endsWith('/api/users/me') ? new Response('{}', { status: 401 }) : response;
    };
    const { client } = await expiredClient(api, alwaysUnauthorized);

    const { error } = await getMe({ client });
    expect(error).toMatchObject({ status: 401 });
    expect(api.calls('/api/users/me')).toHaveLength(2);
    expect(api.calls('/api/auth/refresh')).toHaveLength(1);
  });

  it('never retries the sign-in and refresh operations: their 401 is the answer', async () => {
    const api = createFakeAuthApi();
    const { client } = await expiredClient(api);

    await expect(signIn(client, { email: 'jane@example.com', password: 'wrong' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Wrong email or password',
    });
    const challenge = await signIn(client, { email: TWO_FACTOR_EMAIL, password: PASSWORD });
    expect(challenge.status).toBe('two_factor_required');
    const wrongCode = await loginTwoFactor({ client, body: { challenge_token: 'challenge-1', code: '000000' } });
    expect(wrongCode.error).toMatchObject({ code: 'UNAUTHORIZED' });
    const badRefresh = await refreshSession({ client, body: { refresh_token: 'not-a-token' } });
    expect(badRefresh.error).toMatchObject({ code: 'UNAUTHORIZED' });

    expect(api.calls('/api/auth/login')).toHaveLength(3);
    expect(api.calls('/api/auth/login/2fa')).toHaveLength(1);
    expect(api.calls('/api/auth/refresh')).toHaveLength(1); // the one refused above, not retried, no other
  });

  it('retries a sign-out after refreshing, so the session really ends on the server', async () => {
    const api = createFakeAuthApi();
    const { client, changes } = await expiredClient(api);

    const { error } = await logout({ client });
    expect(error).toBeUndefined();
    expect(authorizations(api, '/api/auth/logout')).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(changes.at(-1)).toBeNull();
  });
});
