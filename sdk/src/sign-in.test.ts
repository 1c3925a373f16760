import { describe, expect, it } from 'vitest';
import {
  createFakeAuthApi,
  GOOGLE_ID_TOKEN,
  PASSWORD,
  TWO_FACTOR_CODE,
  TWO_FACTOR_EMAIL,
  type FakeAuthApi,
} from '../test/fake-auth-api.ts';
import {
  type AuthSession,
  completeTwoFactor,
  createBrowserSession,
  createHolidayPeakClient,
  createTokenSession,
  getMe,
  type HolidayPeakSession,
  HolidayPeakApiError,
  signIn,
  signInWithProvider,
  signOut,
  startGuest,
  unwrap,
} from './index.ts';

function client(api: FakeAuthApi, session: HolidayPeakSession) {
  return createHolidayPeakClient({ baseUrl: 'http://api.test', fetch: api.fetch, session });
}

describe('sign-in helpers', () => {
  it('signIn answers the two-factor challenge; completeTwoFactor finishes the sign-in with the session delivery', async () => {
    const api = createFakeAuthApi();
    const bearer = client(api, createTokenSession());

    const challenge = await signIn(bearer, { email: TWO_FACTOR_EMAIL, password: PASSWORD });
    if (challenge.status !== 'two_factor_required') throw new Error('expected a two-factor challenge');
    const session = await completeTwoFactor(bearer, {
      challenge_token: challenge.challenge_token,
      code: TWO_FACTOR_CODE,
    });

    expect(session).toMatchObject({ status: 'authenticated', role: 'customer', tokens: { access_token: 'access-1' } });
    expect(api.calls('/api/auth/login/2fa')[0]?.body).toEqual({
      challenge_token: 'challenge-1',
      code: TWO_FACTOR_CODE,
      token_delivery: 'body',
    });
    await unwrap(getMe({ client: bearer }));
    expect(api.calls('/api/users/me')[0]?.headers.get('authorization')).toBe('Bearer access-1');
  });

  it('completeTwoFactor with a wrong code rejects with UNAUTHORIZED', async () => {
    const api = createFakeAuthApi();
    const browser = client(api, createBrowserSession());
    await expect(completeTwoFactor(browser, { challenge_token: 'challenge-1', code: '999999' })).rejects.toBeInstanceOf(
      HolidayPeakApiError,
    );
  });

  it('signInWithProvider trades the ID token for a session in the session delivery; a refused token is not retried', async () => {
    const api = createFakeAuthApi();
    const bearer = client(api, createTokenSession());
    await expect(
      signInWithProvider(bearer, 'google', { id_token: 'forged-id-token-0123456789' }),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const session = await signInWithProvider(bearer, 'google', { id_token: GOOGLE_ID_TOKEN });

    expect(session).toMatchObject({ status: 'authenticated', tokens: { access_token: 'access-1' } });
    expect(api.calls('/api/auth/social/google').map((call) => call.body)).toEqual([
      { id_token: 'forged-id-token-0123456789', token_delivery: 'body' },
      { id_token: GOOGLE_ID_TOKEN, token_delivery: 'body' },
    ]);
    expect(api.calls('/api/auth/refresh')).toHaveLength(0);
    await unwrap(getMe({ client: bearer }));
    expect(api.calls('/api/users/me')[0]?.headers.get('authorization')).toBe('Bearer access-1');
  });

  it('startGuest starts a guest session in the session delivery', async () => {
    const api = createFakeAuthApi();
    const guest = await startGuest(client(api, createBrowserSession()));
    expect(guest).toMatchObject({ role: 'guest', user: null, csrf_token: 'csrf-1', tokens: null });
    expect(api.calls('/api/auth/guest')[0]?.body).toEqual({ token_delivery: 'cookie' });
  });

  it('signOut ends the cookie session with the CSRF token and forgets it', async () => {
    const api = createFakeAuthApi();
    const changes: (AuthSession | null)[] = [];
    const browser = client(api, createBrowserSession({ onChange: (change) => changes.push(change) }));
    await signIn(browser, { email: 'jane@example.com', password: PASSWORD });

    await signOut(browser);
    expect(api.calls('/api/auth/logout')[0]?.headers.get('x-csrf-token')).toBe('csrf-1');
    expect(api.jar.access).toBeUndefined();
    expect(changes.map((change) => change?.status ?? null)).toEqual(['authenticated', null]);
  });

  it('signOut forgets the bearer tokens, also when the server says the session had already ended', async () => {
    const api = createFakeAuthApi();
    const bearer = client(api, createTokenSession());
    await signIn(bearer, { email: 'jane@example.com', password: PASSWORD });
    await signOut(bearer);
    await expect(signOut(bearer)).resolves.toBeUndefined(); // 401: already over

    const { error } = await getMe({ client: bearer });
    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(api.calls('/api/users/me')[0]?.headers.has('authorization')).toBe(false);
  });

  it('signOut still forgets the session when the server cannot be reached, and says so', async () => {
    const api = createFakeAuthApi();
    const changes: (AuthSession | null)[] = [];
    let online = true;
    const flaky: typeof fetch = (input, init) =>
      online ? api.fetch(input, init) : Promise.reject(new TypeError('offline'));
    const bearer = createHolidayPeakClient({
      baseUrl: 'http://api.test',
      fetch: flaky,
      session: createTokenSession({ onChange: (change) => changes.push(change) }),
    });
    await signIn(bearer, { email: 'jane@example.com', password: PASSWORD });
    online = false;
    await expect(signOut(bearer)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 0 });
    expect(changes.at(-1)).toBeNull();
  });

  it('need a client made with a session', async () => {
    const plain = createHolidayPeakClient({ baseUrl: 'http://api.test', getToken: () => 'partner-token' });
    expect(() => signIn(plain, { email: 'jane@example.com', password: PASSWORD })).toThrow(/needs a client made with/);
    expect(() => startGuest(plain)).toThrow(TypeError);
    await expect(signOut(plain)).rejects.toThrow(TypeError);
  });

  it('a client takes a session or a token provider, not both', () => {
    const both = { baseUrl: 'http://api.test', session: createTokenSession(), getToken: () => 'x' };
    expect(() => createHolidayPeakClient(both as unknown as Parameters<typeof createHolidayPeakClient>[0])).toThrow(
      /not both/,
    );
  });
});
