/**
 * Refreshes racing with one refresh token (tabs without Web Locks, devices sharing a token), over
 * real HTTP with real parallel requests: inside the reuse grace window every one of them gets the
 * same new refresh token and the session goes on; after the window the rotated-away token is reuse
 * and ends the session. The server's clock is moved past the window, not waited for.
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_REUSE_GRACE_SECONDS } from '@holiday-peak-hub/core';
import { call, cookiePair, expect401, login, sessionOf, setCookies, type Reply } from '../support/identity-http.ts';
import { startBareServer, type BareServer } from '../support/test-server.ts';

const customer = DEMO_ACCOUNTS.find((a) => a.role === 'customer')!;
const WINDOW_MS = REFRESH_REUSE_GRACE_SECONDS * 1000;

let server: BareServer;
let offset = 0;
/** Moves the server's clock forward. */
const advance = (ms: number) => void (offset += ms);

const api = (method: string, path: string, options?: Parameters<typeof call>[3]) =>
  call(server.baseUrl, method, path, options);
const getMe = (options: { token?: string; cookie?: string }) => api('GET', '/api/users/me', options);
const refreshByBody = (refreshToken: string) =>
  api('POST', '/api/auth/refresh', { body: { refresh_token: refreshToken } });
const refreshByCookie = (refreshCookie: string) =>
  api('POST', '/api/auth/refresh', { body: {}, cookie: refreshCookie });

/** `count` refreshes sent at once, each on its own connection. */
const inParallel = (count: number, send: () => Promise<Reply>) => Promise.all(Array.from({ length: count }, send));

const tokensOf = (reply: Reply) => {
  const tokens = sessionOf(reply).tokens;
  if (!tokens) throw new Error('body delivery answered no tokens');
  return tokens;
};

/** The `hph_access` and `hph_refresh` pairs an answer set, as a browser sends them back. */
function cookiesOf(reply: Reply) {
  const set = setCookies(reply);
  const access = set.get('hph_access');
  const refresh = set.get('hph_refresh');
  if (!access || !refresh) throw new Error(`no session cookies set: ${[...set.keys()].join(', ')}`);
  return { access: cookiePair(access), refresh: cookiePair(refresh) };
}

async function cookieLogin() {
  const reply = await api('POST', '/api/auth/login', { body: { email: customer.email, password: DEMO_PASSWORD } });
  return { ...cookiesOf(reply), csrf: sessionOf(reply).csrf_token };
}

beforeAll(async () => {
  server = await startBareServer({ products: 0, clock: () => new Date(Date.now() + offset) });
});

afterAll(async () => {
  await server.close();
});

describe(`refresh reuse grace window (${REFRESH_REUSE_GRACE_SECONDS} s)`, () => {
  it('is 10 seconds', () => {
    expect(REFRESH_REUSE_GRACE_SECONDS).toBe(10);
  });

  for (const parallel of [2, 5]) {
    it(`body: ${parallel} parallel refreshes with one token all get the same new refresh token, and the session goes on`, async () => {
      const session = await login(server.baseUrl, customer.email, DEMO_PASSWORD);
      const replies = await inParallel(parallel, () => refreshByBody(session.refresh));
      for (const reply of replies) expect(reply.status, reply.text).toBe(200);
      const refreshTokens = new Set(replies.map((reply) => tokensOf(reply).refresh_token));
      expect(refreshTokens.size).toBe(1);
      const [next] = [...refreshTokens] as [string];
      expect(next).not.toBe(session.refresh);
      // Every answer's access token is of the same live session.
      for (const reply of replies) expect((await getMe({ token: tokensOf(reply).access_token })).status).toBe(200);

      // The session goes on with that refresh token; the one before it is now an older token: reuse.
      const onward = tokensOf(await refreshByBody(next));
      expect(onward.refresh_token).not.toBe(next);
      expect((await getMe({ token: onward.access_token })).status).toBe(200);
      expect401(await refreshByBody(session.refresh));
      expect401(await getMe({ token: onward.access_token }));
      expect401(await refreshByBody(onward.refresh_token));
    });

    it(`cookie: ${parallel} parallel refreshes with one cookie all set the same new refresh cookie, and the session goes on`, async () => {
      const session = await cookieLogin();
      const replies = await inParallel(parallel, () => refreshByCookie(session.refresh));
      for (const reply of replies) expect(reply.status, reply.text).toBe(200);
      const refreshCookies = new Set(replies.map((reply) => cookiesOf(reply).refresh));
      expect(refreshCookies.size).toBe(1);
      const [next] = [...refreshCookies] as [string];
      expect(next).not.toBe(session.refresh);
      // The CSRF token stays the session's.
      for (const reply of replies) expect(sessionOf(reply).csrf_token).toBe(session.csrf);
      for (const reply of replies) expect((await getMe({ cookie: cookiesOf(reply).access })).status).toBe(200);

      const onward = cookiesOf(await refreshByCookie(next));
      expect((await getMe({ cookie: onward.access })).status).toBe(200);
    });
  }

  it('body: after the window the rotated-away token is reuse and ends the session', async () => {
    const session = await login(server.baseUrl, customer.email, DEMO_PASSWORD);
    const replies = await inParallel(3, () => refreshByBody(session.refresh));
    const [next] = [...new Set(replies.map((reply) => tokensOf(reply).refresh_token))];
    const access = tokensOf(replies[0]!).access_token;

    advance(WINDOW_MS - 1_000);
    expect(tokensOf(await refreshByBody(session.refresh)).refresh_token).toBe(next);
    advance(1_000);
    expect401(await refreshByBody(session.refresh));
    expect401(await getMe({ token: access }));
    expect401(await refreshByBody(next!));
  });

  it('cookie: after the window the rotated-away cookie is reuse, ends the session and clears the cookies', async () => {
    const session = await cookieLogin();
    const replies = await inParallel(3, () => refreshByCookie(session.refresh));
    const next = cookiesOf(replies[0]!);

    advance(WINDOW_MS);
    const reused = await refreshByCookie(session.refresh);
    expect401(reused);
    expect([...setCookies(reused).values()].map(cookiePair)).toEqual(['hph_access=', 'hph_refresh=']);
    expect401(await getMe({ cookie: next.access }));
    expect401(await refreshByCookie(next.refresh));
  });
});
