/** Which tokens stop working, and when: every dead token gets 401 with the error envelope, over real HTTP. */
import { randomBytes } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_REUSE_GRACE_SECONDS, SIGNING_ALGORITHM } from '@holiday-peak-hub/core';
import {
  call,
  cookieAttributes,
  cookiePair,
  expect401,
  expectError,
  expectNoSecrets,
  login,
  mailedToken,
  newCustomer,
  scanned,
  sessionOf,
  setCookies,
  type Account,
} from '../support/identity-http.ts';
import { STRONG_PASSWORD } from '../support/sample-requests.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const NEW_PASSWORD = 'Copper-Lantern-Drifts-47';
const customer = DEMO_ACCOUNTS.find((a) => a.role === 'customer')!;

let server: TestServer;
/** How far the server's clock is ahead of the wall clock. */
let clockAhead = 0;
/** Moves the server past the reuse grace window: a refresh token rotated away before is then reuse. */
const pastTheGraceWindow = () => void (clockAhead += REFRESH_REUSE_GRACE_SECONDS * 1000);
const api = (method: string, path: string, options?: Parameters<typeof call>[3]) =>
  call(server.baseUrl, method, path, options);
const getMe = (token: string) => api('GET', '/api/users/me', { token });
const refresh = (refreshToken: string) => api('POST', '/api/auth/refresh', { body: { refresh_token: refreshToken } });
const signUp = (label: string) => newCustomer(server.baseUrl, server.mailbox, label);
const again = (account: Account) => login(server.baseUrl, account.email, account.password);

/** Both tokens of a session are dead: the access token on a read, the refresh token on a refresh. */
async function expectEnded(session: Account) {
  expect401(await getMe(session.access));
  expect401(await refresh(session.refresh));
}

/** Our own access token, signed with the server's key, with the claims given. */
function ownToken(claims: Record<string, unknown>, sub: string) {
  const { signingKey } = server.composed;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: signingKey.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer('http://localhost:3000')
    .setAudience('holiday-peak-hub-api')
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(signingKey.privateKey);
}

const sidOf = (refreshToken: string) => refreshToken.slice(0, refreshToken.indexOf('.'));

beforeAll(async () => {
  server = await startTestServer({ products: 1, clock: () => new Date(Date.now() + clockAhead) });
});
afterAll(() => server.close());

describe('dead tokens answer 401 with the envelope', () => {
  it('after logout: the access and the refresh token of the session', async () => {
    const session = await login(server.baseUrl, customer.email, DEMO_PASSWORD);
    expect((await getMe(session.access)).status).toBe(200);
    expect((await api('POST', '/api/auth/logout', { token: session.access })).status).toBe(204);
    await expectEnded(session);
  });

  it('after a password change elsewhere: other sessions end, the one that changed it keeps working', async () => {
    const phone = await signUp('pwchange');
    const laptop = await again(phone);
    const changed = await api('PUT', '/api/users/me/password', {
      token: laptop.access,
      body: { current_password: STRONG_PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(changed.status, changed.text).toBe(204);
    await expectEnded(phone);
    expect((await getMe(laptop.access)).status).toBe(200);
    expect(sessionOf(await refresh(laptop.refresh)).subject).toBe(laptop.id);
    expect401(await api('POST', '/api/auth/login', { body: { email: phone.email, password: STRONG_PASSWORD } }));
  });

  it('after a password reset: every session ends', async () => {
    const first = await signUp('reset');
    const second = await again(first);
    expect((await api('POST', '/api/auth/forgot-password', { body: { email: first.email } })).status).toBe(202);
    const token = mailedToken(server.mailbox, first.email, /reset your password/i);
    const reset = await api('POST', '/api/auth/reset-password', { body: { token, new_password: NEW_PASSWORD } });
    expect(reset.status, reset.text).toBe(204);
    await expectEnded(first);
    await expectEnded(second);
    // The link is single use.
    expectError(
      await api('POST', '/api/auth/reset-password', { body: { token, new_password: STRONG_PASSWORD } }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
    expect((await login(server.baseUrl, first.email, NEW_PASSWORD)).id).toBe(first.id);
  });

  it('of a user who deleted themselves: their other session and its refresh token', async () => {
    const deleting = await signUp('erase');
    const other = await again(deleting);
    const erased = await api('DELETE', '/api/users/me', {
      token: deleting.access,
      body: { password: STRONG_PASSWORD },
    });
    expect(erased.status, erased.text).toBe(204);
    await expectEnded(other);
    await expectEnded(deleting);
    expect401(await api('POST', '/api/auth/login', { body: { email: deleting.email, password: STRONG_PASSWORD } }));
  });

  it('whose role an admin changed: every session of that user ends', async () => {
    const promoted = await signUp('promoted');
    const before = await again(promoted);
    const admin = await server.freshToken('admin');
    const changed = await api('PUT', `/api/admin/users/${promoted.id}/role`, { token: admin, body: { role: 'staff' } });
    expect(changed.status, changed.text).toBe(200);
    await expectEnded(promoted);
    await expectEnded(before);
    const now = await again(promoted);
    expect((await api('GET', '/api/staff/products?limit=1', { token: now.access })).status).toBe(200);
  });

  it('a reused refresh token ends the whole session: the new refresh and access tokens too', async () => {
    const session = await login(server.baseUrl, customer.email, DEMO_PASSWORD);
    const rotated = sessionOf(await refresh(session.refresh)).tokens!;
    expect(rotated.refresh_token).not.toBe(session.refresh);
    expect((await getMe(rotated.access_token)).status).toBe(200);
    pastTheGraceWindow();
    expect401(await refresh(session.refresh));
    expect401(await refresh(rotated.refresh_token));
    expect401(await getMe(rotated.access_token));
    expect401(await getMe(session.access));
  });

  it('a refresh token with a forged secret, without ending the real session', async () => {
    const session = await login(server.baseUrl, customer.email, DEMO_PASSWORD);
    const forged = `${sidOf(session.refresh)}.${randomBytes(32).toString('base64url')}`;
    expect401(await refresh(forged));
    expect401(await refresh(`${session.refresh}x`));
    expect401(await refresh('ses_00000000-0000-4000-8000-000000000000.notavalidsecretatallxx'));
    // Nor does one kind of token pass for the other.
    expectError(await refresh(session.access), 400, 'INVALID_REQUEST'); // longer than any refresh token
    expect401(await getMe(session.refresh));
    // Guessing someone's secret must not sign them out.
    expect(sessionOf(await refresh(session.refresh)).subject).toBe(customer.id);
  });

  it('a token signed with our own key but without `sid`', async () => {
    const session = await login(server.baseUrl, customer.email, DEMO_PASSWORD);
    const claims = { role: 'customer', email: customer.email };
    // The same claims with the session id are accepted: the missing sid is what the server refuses.
    expect((await getMe(await ownToken({ ...claims, sid: sidOf(session.refresh) }, customer.id))).status).toBe(200);
    expect401(await getMe(await ownToken(claims, customer.id)));
    expect401(await getMe(await ownToken({ ...claims, sid: 'ses_00000000-0000-4000-8000-000000000000' }, customer.id)));
  });

  it('a guest token on getMe is 403 FORBIDDEN, not 401', async () => {
    const guest = sessionOf(await api('POST', '/api/auth/guest', { body: { token_delivery: 'body' } }));
    expect(guest.role).toBe('guest');
    expectError(await getMe(guest.tokens!.access_token), 403, 'FORBIDDEN');
  });
});

/** A browser session: the cookies it got (as it sends them back) and its CSRF token. */
async function cookieLogin(email: string, password: string) {
  const reply = await api('POST', '/api/auth/login', { body: { email, password, token_delivery: 'cookie' } });
  const session = sessionOf(reply);
  const cookies = setCookies(reply);
  const accessLine = cookies.get('hph_access') ?? '';
  const refreshLine = cookies.get('hph_refresh') ?? '';
  return {
    session,
    accessLine,
    refreshLine,
    access: cookiePair(accessLine),
    refresh: cookiePair(refreshLine),
    jar: `${cookiePair(accessLine)}; ${cookiePair(refreshLine)}`,
    csrf: session.csrf_token ?? '',
  };
}

const PREFERENCES = {
  language: 'de',
  currency: 'EUR',
  notifications: { email_marketing: true, email_orders: true, sms_shipping: false },
};
const putPreferences = (cookie: string, headers: Record<string, string> = {}) =>
  api('PUT', '/api/users/me/preferences', { cookie, headers, body: PREFERENCES });

function expectCleared(reply: Awaited<ReturnType<typeof api>>) {
  const cookies = setCookies(reply);
  expect(cookies.get('hph_access')).toMatch(/^hph_access=;/);
  expect(cookieAttributes(cookies.get('hph_access') ?? '')).toEqual(expect.arrayContaining(['max-age=0', 'path=/']));
  expect(cookies.get('hph_refresh')).toMatch(/^hph_refresh=;/);
  expect(cookieAttributes(cookies.get('hph_refresh') ?? '')).toEqual(
    expect.arrayContaining(['max-age=0', 'path=/api/auth']),
  );
}

describe('cookie sessions and CSRF over real HTTP', () => {
  it('sign-in sets HttpOnly, Secure, SameSite cookies, answers no tokens but a CSRF token', async () => {
    const browser = await cookieLogin(customer.email, DEMO_PASSWORD);
    expect(browser.session.tokens).toBeNull();
    expect(browser.csrf).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(cookieAttributes(browser.accessLine)).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=lax', 'path=/', 'max-age=900']),
    );
    expect(cookieAttributes(browser.refreshLine)).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/api/auth', 'max-age=604800']),
    );
    const me = await api('GET', '/api/users/me', { cookie: browser.access });
    expect(me.status, me.text).toBe(200);
    expect(me.json).toMatchObject({ id: customer.id });
  });

  it('a cookie write needs the X-CSRF-Token of its own session', async () => {
    const browser = await cookieLogin(customer.email, DEMO_PASSWORD);
    const otherTab = await cookieLogin(customer.email, DEMO_PASSWORD);
    const before = (await api('GET', '/api/users/me/preferences', { cookie: browser.access })).json;
    expect(expectError(await putPreferences(browser.access), 403, 'FORBIDDEN').error.details).toEqual({
      reason: 'csrf',
    });
    expectError(await putPreferences(browser.access, { 'x-csrf-token': 'not-the-token' }), 403, 'FORBIDDEN');
    expectError(await putPreferences(browser.access, { 'x-csrf-token': otherTab.csrf }), 403, 'FORBIDDEN');
    expect((await api('GET', '/api/users/me/preferences', { cookie: browser.access })).json).toEqual(before);
    const saved = await putPreferences(browser.access, { 'x-csrf-token': browser.csrf });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json).toEqual(PREFERENCES);
  });

  it('refresh with the refresh cookie sets new cookies; the old refresh cookie then ends the session', async () => {
    const browser = await cookieLogin(customer.email, DEMO_PASSWORD);
    const reply = await api('POST', '/api/auth/refresh', { cookie: browser.refresh, body: {} });
    const session = sessionOf(reply);
    expect(session.tokens).toBeNull();
    const cookies = setCookies(reply);
    const access = cookiePair(cookies.get('hph_access') ?? '');
    const refreshCookie = cookiePair(cookies.get('hph_refresh') ?? '');
    // (Within the same second the new access token can equal the old one: same claims, deterministic RS256.)
    expect(access).toMatch(/^hph_access=.{20,}/);
    expect(cookieAttributes(cookies.get('hph_access') ?? '')).toEqual(
      expect.arrayContaining(['httponly', 'max-age=900']),
    );
    expect(refreshCookie).toMatch(/^hph_refresh=ses_/);
    expect(refreshCookie).not.toBe(browser.refresh);
    expect(cookieAttributes(cookies.get('hph_refresh') ?? '')).toEqual(expect.arrayContaining(['path=/api/auth']));
    const csrf = session.csrf_token ?? '';
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect((await putPreferences(access, { 'x-csrf-token': csrf })).status).toBe(200);

    pastTheGraceWindow();
    const replayed = await api('POST', '/api/auth/refresh', { cookie: browser.refresh, body: {} });
    expect401(replayed);
    expectCleared(replayed);
    expect401(await api('GET', '/api/users/me', { cookie: access }));
    expect401(await api('POST', '/api/auth/refresh', { cookie: refreshCookie, body: {} }));
  });

  it('logout needs the CSRF token, then clears both cookies and ends the session', async () => {
    const browser = await cookieLogin(customer.email, DEMO_PASSWORD);
    // A form on another site cannot sign the shopper out.
    expectError(await api('POST', '/api/auth/logout', { cookie: browser.jar }), 403, 'FORBIDDEN');
    expect((await api('GET', '/api/users/me', { cookie: browser.access })).status).toBe(200);
    const out = await api('POST', '/api/auth/logout', {
      cookie: browser.jar,
      headers: { 'x-csrf-token': browser.csrf },
    });
    expect(out.status, out.text).toBe(204);
    expectCleared(out);
    expect401(await api('GET', '/api/users/me', { cookie: browser.access }));
    expect401(await api('POST', '/api/auth/refresh', { cookie: browser.refresh, body: {} }));
  });

  it('a browser whose session ended elsewhere can still browse and sign in again (a dead cookie counts as none)', async () => {
    const account = await signUp('stale');
    const browser = await cookieLogin(account.email, STRONG_PASSWORD);
    const changed = await api('PUT', '/api/users/me/password', {
      token: account.access,
      body: { current_password: STRONG_PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(changed.status, changed.text).toBe(204);
    // The browser cannot drop its HttpOnly cookies: it keeps sending them until they expire.
    expect401(await api('GET', '/api/users/me', { cookie: browser.jar }));
    expect((await api('GET', '/api/products?limit=1', { cookie: browser.jar })).status).toBe(200);
    const refused = await api('POST', '/api/auth/refresh', { cookie: browser.jar, body: {} });
    expect401(refused);
    expectCleared(refused);
    const again = await api('POST', '/api/auth/login', {
      cookie: browser.jar,
      body: { email: account.email, password: NEW_PASSWORD, token_delivery: 'cookie' },
    });
    expect(sessionOf(again).subject).toBe(account.id);
    expect(setCookies(again).get('hph_access')).toMatch(/^hph_access=.{20,}/);
  });
});

it('every identity answer above was scanned for stored secrets, with a scan that catches one', () => {
  expect(scanned.count).toBeGreaterThan(60);
  const leak = { user: { id: 'usr_x', two_factor: { secret: 'JBSWY3DPEHPK3PXP' } } };
  expect(() => expectNoSecrets({ text: JSON.stringify(leak), json: leak })).toThrow(/secret/);
});
