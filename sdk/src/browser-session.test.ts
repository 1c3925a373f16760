import { describe, expect, it } from 'vitest';
import { createFakeAuthApi, PASSWORD, type FakeAuthApi } from '../test/fake-auth-api.ts';
import {
  adminCreateUser,
  createBrowserSession,
  createHolidayPeakClient,
  getMe,
  HolidayPeakApiError,
  signIn,
  type AuthSession,
  type Preferences,
  unwrap,
  updatePreferences,
} from './index.ts';

const PREFERENCES: Preferences = {
  language: 'en',
  currency: 'USD',
  notifications: { email_marketing: false, email_orders: true, sms_shipping: false },
};

function browserClient(api: FakeAuthApi, changes: (AuthSession | null)[] = []) {
  const session = createBrowserSession({ onChange: (change) => changes.push(change) });
  return createHolidayPeakClient({ baseUrl: 'http://api.test', fetch: api.fetch, session });
}

describe('browser session (cookies)', () => {
  it('signs in with cookie delivery and sends every call with credentials, never a bearer token', async () => {
    const api = createFakeAuthApi();
    const client = browserClient(api);
    const session = await signIn(client, { email: 'jane@example.com', password: PASSWORD });
    expect(session).toMatchObject({ status: 'authenticated', csrf_token: 'csrf-1', tokens: null });
    expect(api.calls('/api/auth/login')[0]?.body).toMatchObject({ token_delivery: 'cookie' });

    await unwrap(getMe({ client }));
    const [me] = api.calls('/api/users/me');
    expect(me?.credentials).toBe('include');
    expect(me?.headers.has('authorization')).toBe(false);
    expect(me?.headers.has('cookie')).toBe(false);
  });

  it('sends the csrf_token as X-CSRF-Token on writes only', async () => {
    const api = createFakeAuthApi();
    const client = browserClient(api);
    await signIn(client, { email: 'jane@example.com', password: PASSWORD });

    await unwrap(getMe({ client }));
    await unwrap(updatePreferences({ client, body: PREFERENCES }));
    expect(api.calls('/api/users/me')[0]?.headers.has('x-csrf-token')).toBe(false);
    expect(api.calls('/api/users/me/preferences')[0]?.headers.get('x-csrf-token')).toBe('csrf-1');
  });

  it('after a reload (CSRF token lost, cookies kept) the first refused write refreshes once with {} and is retried', async () => {
    const api = createFakeAuthApi();
    await signIn(browserClient(api), { email: 'jane@example.com', password: PASSWORD });

    const changes: (AuthSession | null)[] = [];
    const reloaded = browserClient(api, changes);
    const saved = await unwrap(updatePreferences({ client: reloaded, body: PREFERENCES }));
    expect(saved).toEqual(PREFERENCES);

    const refreshes = api.calls('/api/auth/refresh');
    expect(refreshes.map((call) => [call.body, call.credentials])).toEqual([[{}, 'include']]);
    const writes = api.calls('/api/users/me/preferences');
    expect(writes.map((call) => call.headers.get('x-csrf-token'))).toEqual([null, 'csrf-1']);
    expect(writes[1]?.body).toEqual(PREFERENCES); // the retry carries the same body
    expect(changes.map((change) => change?.csrf_token)).toEqual(['csrf-1']);
  });

  it('refreshes on a 401 once the access cookie has expired, then retries', async () => {
    const api = createFakeAuthApi();
    const client = browserClient(api);
    await signIn(client, { email: 'jane@example.com', password: PASSWORD });
    api.expireAccessTokens();

    await unwrap(getMe({ client }));
    expect(api.calls('/api/auth/refresh')).toHaveLength(1);
    expect(api.calls('/api/users/me')).toHaveLength(2);
  });

  it('does not refresh for a 403 that is a role refusal (the CSRF token was sent)', async () => {
    const api = createFakeAuthApi();
    const client = browserClient(api);
    await signIn(client, { email: 'jane@example.com', password: PASSWORD });

    const { error } = await adminCreateUser({
      client,
      body: { email: 'new@example.com', name: 'New', role: 'staff' },
    });
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'Only admins may create users' });
    expect(api.calls('/api/auth/refresh')).toHaveLength(0);
    expect(api.calls('/api/admin/users')).toHaveLength(1);
  });

  it('with no session at all: one refresh is refused, the session is cleared and the original 401 surfaces', async () => {
    const api = createFakeAuthApi();
    const changes: (AuthSession | null)[] = [];
    const client = browserClient(api, changes);

    const { error } = await getMe({ client });
    expect(error).toBeInstanceOf(HolidayPeakApiError);
    expect(error).toMatchObject({ status: 401, message: 'The access token is missing, expired or revoked' });
    expect(api.calls('/api/auth/refresh')).toHaveLength(1);
    expect(api.calls('/api/users/me')).toHaveLength(1);
    expect(changes).toEqual([null]);
  });
});
