/**
 * The mocks answer the identity operations as the server does: the same scripted scenarios run
 * against a real test server and against `@holiday-peak-hub/mocks`, and every step must answer the
 * same status, the same error code and the same body once the values that differ by nature are
 * masked (ids, timestamps, tokens, cursors, request ids, CSRF tokens). Emails, names, roles,
 * booleans, normalised addresses, card brands and last four, messages and issues are compared as
 * they are.
 *
 * Accepted differences, masked rather than compared: two-factor secrets, URIs and QR images (and
 * the mocks' hint of their fixed code), card expiry dates, and the `Secure` cookie attribute (the
 * mocks set it over https only, as msw's cookie jar refuses it on plain http).
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { createHandlers, createMockStore, latestMockLink, mockInbox } from '@holiday-peak-hub/mocks';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailedToken } from '../support/identity-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const MOCK_URL = 'http://mocks.test';
const STRONG = 'Velvet-Harbor-Quietly-93';
const REFRESH_SECONDS = 7 * 24 * 3600;

const demo = (role: 'customer' | 'staff' | 'admin') => {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`no demo ${role}`);
  return account;
};

type LinkKind = 'verify-email' | 'reset-password' | 'set-password';

/** One of the two APIs, with what a script learnt from its earlier answers (tokens, ids). */
interface Side {
  name: 'server' | 'mocks';
  baseUrl: string;
  /** The token of the newest emailed link of a kind to an address. */
  link(to: string, kind: LinkKind): string;
  /** Every email sent so far, oldest first. */
  mails(): { to: string; subject: string }[];
  saved: Map<string, string>;
}

interface Call {
  method: string;
  path: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

type Body = Record<string, unknown>;

let server: TestServer;
const store = createMockStore();
const mocks = setupServer(...createHandlers({ baseUrl: MOCK_URL, store }));
const sides: Side[] = [];

const SERVER_SUBJECTS: Record<LinkKind, RegExp> = {
  'verify-email': /Confirm your email/,
  'reset-password': /Reset your password/,
  'set-password': /Your Holiday Peak Hub account/,
};

beforeAll(async () => {
  server = await startTestServer();
  server.mailbox.clear();
  mocks.listen({ onUnhandledFrame: 'bypass' });
  sides.push(
    {
      name: 'server',
      baseUrl: server.baseUrl,
      link: (to, kind) => mailedToken(server, to, SERVER_SUBJECTS[kind]),
      mails: () => server.mailbox.messages().map(({ to, subject }) => ({ to, subject })),
      saved: new Map(),
    },
    {
      name: 'mocks',
      baseUrl: MOCK_URL,
      link: (to, kind) => {
        const token = latestMockLink(store, to, kind);
        if (!token) throw new Error(`no ${kind} mail to ${to}`);
        return token;
      },
      mails: () => mockInbox(store).map(({ to, subject }) => ({ to, subject })),
      saved: new Map(),
    },
  );
});
afterAll(async () => {
  mocks.close();
  await server.close();
});

async function send(side: Side, call: Call): Promise<Reply> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(side.baseUrl + call.path, {
    method: call.method,
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, headers: res.headers };
}

/** Keys whose values differ by nature between two runs (ids, clocks, secrets): compared as present or null only. */
const VOLATILE = new Set([
  'id',
  'subject',
  'user_id',
  'address_id',
  'payment_method_id',
  'billing_address_id',
  'created_at',
  'updated_at',
  'last_login',
  'expires_at',
  'refresh_expires_at',
  'timestamp',
  'request_id',
  'csrf_token',
  'access_token',
  'refresh_token',
  'challenge_token',
  'next_cursor',
  // Cards: brand and last four are compared; the expiry follows each side's clock.
  'exp_month',
  'exp_year',
  // Two-factor enrolment: a random secret on the server, a fixed one in the mocks.
  'secret',
  'otpauth_uri',
  'qr_code',
]);

function mask(value: unknown, key?: string, extra: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(value)) return value.map((item) => mask(item, undefined, extra));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, k, extra)]));
  }
  if (key !== undefined && value !== null && (VOLATILE.has(key) || extra.has(key))) return `<${key}>`;
  // What is left of the session when the answer is made: 7 days, give or take the seconds the script took.
  if (key === 'refresh_expires_in' && typeof value === 'number' && Math.abs(value - REFRESH_SECONDS) < 60) {
    return '<about 7 days>';
  }
  return value;
}

const codeOf = (body: unknown) =>
  typeof body === 'object' && body !== null && 'error' in body
    ? (body as { error: { code: string } }).error.code
    : null;

interface StepOptions {
  /** More keys to mask in this step's bodies (an accepted difference). */
  mask?: string[];
}

/**
 * Runs one step against both APIs: the server must answer `status`, and the mocks exactly what the
 * server answered (status, error code, masked body). Differences are collected (soft), so one run
 * lists them all.
 */
async function step(
  label: string,
  status: number,
  call: (side: Side) => Call,
  options: StepOptions = {},
): Promise<{ real: Reply; mock: Reply }> {
  const [serverSide, mockSide] = sides as [Side, Side];
  const real = await send(serverSide, call(serverSide));
  const mock = await send(mockSide, call(mockSide));
  expect(real.status, `${label}: the server answered ${JSON.stringify(real.body)}`).toBe(status);
  expect.soft(mock.status, `${label}: status; the mocks answered ${JSON.stringify(mock.body)}`).toBe(real.status);
  expect.soft(codeOf(mock.body), `${label}: error code`).toBe(codeOf(real.body));
  const extra = new Set(options.mask);
  expect.soft(mask(mock.body, undefined, extra), `${label}: body`).toEqual(mask(real.body, undefined, extra));
  expect.soft(cookiesOf(mock), `${label}: cookies`).toEqual(cookiesOf(real));
  return { real, mock };
}

/** Saves a value of each side's answer under `name`, for later steps of the script. */
function keep(replies: { real: Reply; mock: Reply }, name: string, pick: (body: Body) => unknown): void {
  const [serverSide, mockSide] = sides as [Side, Side];
  for (const [side, reply] of [
    [serverSide, replies.real],
    [mockSide, replies.mock],
  ] as const) {
    const value = reply.status < 300 ? pick(reply.body as Body) : undefined;
    if (typeof value === 'string') side.saved.set(name, value);
  }
}

/** Saves a response header of each side's answer under `name`. */
function keepHeader(replies: { real: Reply; mock: Reply }, name: string, header: string): void {
  const [serverSide, mockSide] = sides as [Side, Side];
  for (const [side, reply] of [
    [serverSide, replies.real],
    [mockSide, replies.mock],
  ] as const) {
    const value = reply.headers.get(header);
    if (value !== null) side.saved.set(name, value);
  }
}

const saved = (side: Side, name: string): string => {
  const value = side.saved.get(name);
  if (value === undefined) throw new Error(`${side.name}: nothing saved as ${name}`);
  return value;
};

const accessOf = (body: Body) => (body.tokens as { access_token?: string } | null)?.access_token;
const refreshOf = (body: Body) => (body.tokens as { refresh_token?: string } | null)?.refresh_token;

/** Signs in with body delivery on both sides and keeps each side's access and refresh token as `name`. */
async function signIn(name: string, email: string, password: string) {
  const replies = await step(`${name}: login`, 200, () => ({
    method: 'POST',
    path: '/api/auth/login',
    body: { email, password, token_delivery: 'body' },
  }));
  keep(replies, name, accessOf);
  keep(replies, `${name}.refresh`, refreshOf);
  return replies;
}

const as = (name: string) => (side: Side) => ({ token: saved(side, name) });

describe('the mocks answer the identity operations as the server does', () => {
  it('the demo customer signs in, reads the account, changes the profile and the preferences', async () => {
    const customer = demo('customer');
    const login = await signIn('customer', customer.email, DEMO_PASSWORD);
    expect(login.real.body).toMatchObject({ role: 'customer', user: { email: customer.email, name: customer.name } });

    const me = await step('getMe', 200, (side) => ({ method: 'GET', path: '/api/users/me', ...as('customer')(side) }));
    expect(me.real.headers.get('etag')).toBeTruthy();
    expect(me.mock.headers.get('etag')).toBeTruthy();
    keepHeader(me, 'etag', 'etag');

    const profile = {
      name: 'Casey Q. Customer',
      email: customer.email,
      phone: '+14155550111',
      date_of_birth: '1990-04-01',
      newsletter_opt_in: true,
    };
    await step('updateMe with the current ETag', 200, (side) => ({
      method: 'PUT',
      path: '/api/users/me',
      ...as('customer')(side),
      headers: { 'if-match': saved(side, 'etag') },
      body: profile,
    }));
    await step('updateMe to another email without the password', 422, (side) => ({
      method: 'PUT',
      path: '/api/users/me',
      ...as('customer')(side),
      body: { ...profile, email: 'casey.elsewhere@example.com' },
    }));
    await step('updateMe to another email with a wrong password', 422, (side) => ({
      method: 'PUT',
      path: '/api/users/me',
      ...as('customer')(side),
      body: { ...profile, email: 'casey.elsewhere@example.com', current_password: 'not-it' },
    }));
    await step('updateMe to the email of another account', 200, (side) => ({
      method: 'PUT',
      path: '/api/users/me',
      ...as('customer')(side),
      body: { ...profile, email: demo('staff').email, current_password: DEMO_PASSWORD },
    }));
    await step('updateMe with a stale ETag', 412, (side) => ({
      method: 'PUT',
      path: '/api/users/me',
      ...as('customer')(side),
      headers: { 'if-match': saved(side, 'etag') },
      body: { ...profile, name: 'Casey Again' },
    }));

    const preferences = {
      language: 'fr',
      currency: 'EUR',
      notifications: { email_marketing: true, email_orders: false, sms_shipping: true },
    };
    await step('getPreferences before', 200, (side) => ({
      method: 'GET',
      path: '/api/users/me/preferences',
      ...as('customer')(side),
    }));
    const updated = await step('updatePreferences', 200, (side) => ({
      method: 'PUT',
      path: '/api/users/me/preferences',
      ...as('customer')(side),
      body: preferences,
    }));
    expect(updated.real.body).toEqual(preferences);
    await step('getPreferences after', 200, (side) => ({
      method: 'GET',
      path: '/api/users/me/preferences',
      ...as('customer')(side),
    }));
  });

  it('a new shopper signs up, verifies the emailed link, signs in and keeps an address book', async () => {
    const email = 'parity.shopper@example.com';
    const signup = { name: 'Pat Parity', email: 'Parity.Shopper@Example.com', password: STRONG };
    const accepted = await step('signup', 202, () => ({ method: 'POST', path: '/api/auth/signup', body: signup }));
    const again = await step('signup again with the same email', 202, () => ({
      method: 'POST',
      path: '/api/auth/signup',
      body: signup,
    }));
    expect(again.real.body).toEqual(accepted.real.body);
    expect(again.mock.body).toEqual(accepted.mock.body);

    const before = await step('login before verifying', 200, () => ({
      method: 'POST',
      path: '/api/auth/login',
      body: { email, password: STRONG, token_delivery: 'body' },
    }));
    expect(before.real.body).toMatchObject({ user: { email, email_verified: false, role: 'customer' } });

    await step('verifyEmail with the emailed link', 200, (side) => ({
      method: 'POST',
      path: '/api/auth/verify-email',
      body: { token: side.link(email, 'verify-email') },
    }));
    await step('verifyEmail with the same link again', 422, (side) => ({
      method: 'POST',
      path: '/api/auth/verify-email',
      body: { token: side.link(email, 'verify-email') },
    }));
    const login = await signIn('shopper', email, STRONG);
    expect(login.real.body).toMatchObject({ user: { email, email_verified: true } });
    const shopper = as('shopper');

    await step('listAddresses, empty', 200, (side) => ({
      method: 'GET',
      path: '/api/users/me/addresses',
      ...shopper(side),
    }));
    await step('createAddress with a bad ZIP and state', 422, (side) => ({
      method: 'POST',
      path: '/api/users/me/addresses',
      ...shopper(side),
      body: {
        name: 'Pat Parity',
        line1: '1 Market St',
        city: 'San Francisco',
        state: 'XX',
        postal_code: '9410',
        country: 'US',
      },
    }));
    const first = await step('createAddress, saved normalised', 201, (side) => ({
      method: 'POST',
      path: '/api/users/me/addresses',
      ...shopper(side),
      body: {
        name: '  Pat Parity ',
        line1: '1 Market St',
        line2: 'Suite 5',
        city: 'San Francisco',
        state: 'ca',
        postal_code: '941051234',
        country: 'us',
        phone: '+14155550100',
      },
    }));
    expect(first.real.body).toMatchObject({ state: 'CA', postal_code: '94105-1234', country: 'US', is_default: true });
    keep(first, 'address.1', (b) => b.id);
    const second = await step('createAddress, a second one', 201, (side) => ({
      method: 'POST',
      path: '/api/users/me/addresses',
      ...shopper(side),
      body: {
        name: 'Pat Parity',
        line1: '24 Sussex Dr',
        city: 'Ottawa',
        state: 'on',
        postal_code: 'k1m1m4',
        country: 'CA',
        type: 'billing',
      },
    }));
    keep(second, 'address.2', (b) => b.id);
    await step('setDefaultAddress of the second', 200, (side) => ({
      method: 'PUT',
      path: `/api/users/me/addresses/${saved(side, 'address.2')}/default`,
      ...shopper(side),
    }));
    await step('listAddresses, the default first', 200, (side) => ({
      method: 'GET',
      path: '/api/users/me/addresses',
      ...shopper(side),
    }));
    await step('updateAddress of the first', 200, (side) => ({
      method: 'PUT',
      path: `/api/users/me/addresses/${saved(side, 'address.1')}`,
      ...shopper(side),
      body: {
        name: 'Pat Parity',
        line1: '2 Market St',
        city: 'San Francisco',
        state: 'CA',
        postal_code: '94105',
        country: 'US',
      },
    }));
    await step('deleteAddress of the default', 204, (side) => ({
      method: 'DELETE',
      path: `/api/users/me/addresses/${saved(side, 'address.2')}`,
      ...shopper(side),
    }));
    await step('deleteAddress of a deleted address', 404, (side) => ({
      method: 'DELETE',
      path: `/api/users/me/addresses/${saved(side, 'address.2')}`,
      ...shopper(side),
    }));
    const list = await step('listAddresses, the remaining one is the default', 200, (side) => ({
      method: 'GET',
      path: '/api/users/me/addresses',
      ...shopper(side),
    }));
    expect(list.real.body).toMatchObject({ items: [{ line1: '2 Market St', is_default: true }] });
  });

  it('cards are saved from Stripe test tokens only', async () => {
    await signIn('carded', demo('customer').email, DEMO_PASSWORD);
    const carded = as('carded');
    const address = await step('createAddress for billing', 201, (side) => ({
      method: 'POST',
      path: '/api/users/me/addresses',
      ...carded(side),
      body: { name: 'Casey Customer', line1: '10 Downing St', city: 'London', postal_code: 'sw1a2aa', country: 'GB' },
    }));
    keep(address, 'billing', (b) => b.id);

    await step('createPaymentMethod with a card number', 400, (side) => ({
      method: 'POST',
      path: '/api/users/me/payment-methods',
      ...carded(side),
      body: { provider_token: '4242 4242 4242 4242' },
    }));
    const visa = await step('createPaymentMethod pm_card_visa, billed to the address', 201, (side) => ({
      method: 'POST',
      path: '/api/users/me/payment-methods',
      ...carded(side),
      body: { provider_token: 'pm_card_visa', billing_address_id: saved(side, 'billing') },
    }));
    keep(visa, 'visa', (b) => b.id);
    for (const token of ['pm_card_mastercard', 'pm_card_amex']) {
      const card = await step(`createPaymentMethod ${token}`, 201, (side) => ({
        method: 'POST',
        path: '/api/users/me/payment-methods',
        ...carded(side),
        body: { provider_token: token },
      }));
      const { exp_month: month, exp_year: year } = card.real.body as { exp_month: number; exp_year: number };
      expect(month).toBeGreaterThanOrEqual(1);
      expect(year).toBeGreaterThanOrEqual(new Date().getUTCFullYear());
    }
    await step('createPaymentMethod with an unknown test token', 422, (side) => ({
      method: 'POST',
      path: '/api/users/me/payment-methods',
      ...carded(side),
      body: { provider_token: 'pm_card_unknown' },
    }));
    await step('createPaymentMethod billed to an unknown address', 404, (side) => ({
      method: 'POST',
      path: '/api/users/me/payment-methods',
      ...carded(side),
      body: { provider_token: 'pm_card_visa', billing_address_id: 'adr_nosuchaddressxyz' },
    }));
    await step('listPaymentMethods, the default first', 200, (side) => ({
      method: 'GET',
      path: '/api/users/me/payment-methods',
      ...carded(side),
    }));
    await step('deleteAddress the visa is billed to', 204, (side) => ({
      method: 'DELETE',
      path: `/api/users/me/addresses/${saved(side, 'billing')}`,
      ...carded(side),
    }));
    await step('listPaymentMethods, the visa without billing address', 200, (side) => ({
      method: 'GET',
      path: '/api/users/me/payment-methods',
      ...carded(side),
    }));
    await step('deletePaymentMethod of the default', 204, (side) => ({
      method: 'DELETE',
      path: `/api/users/me/payment-methods/${saved(side, 'visa')}`,
      ...carded(side),
    }));
    await step('listPaymentMethods, the newest card is the default', 200, (side) => ({
      method: 'GET',
      path: '/api/users/me/payment-methods',
      ...carded(side),
    }));
  });

  it('a wrong password: 422 where the session asks again, the same 401 at sign-in', async () => {
    const customer = demo('customer');
    await signIn('checked', customer.email, DEMO_PASSWORD);
    const checked = as('checked');
    await step('changePassword with a wrong current password', 422, (side) => ({
      method: 'PUT',
      path: '/api/users/me/password',
      ...checked(side),
      body: { current_password: 'Not-The-Password-42', new_password: STRONG },
    }));
    await step('deleteMe with a wrong password', 422, (side) => ({
      method: 'DELETE',
      path: '/api/users/me',
      ...checked(side),
      body: { password: 'Not-The-Password-42' },
    }));
    await step('enableTwoFactor with a wrong password', 422, (side) => ({
      method: 'POST',
      path: '/api/users/me/2fa/enable',
      ...checked(side),
      body: { password: 'Not-The-Password-42' },
    }));
    await step('enableTwoFactor', 200, (side) => ({
      method: 'POST',
      path: '/api/users/me/2fa/enable',
      ...checked(side),
      body: { password: DEMO_PASSWORD },
    }));
    // The mocks name their fixed code in the message: an accepted difference.
    await step(
      'verifyTwoFactor with a wrong code',
      422,
      (side) => ({ method: 'POST', path: '/api/users/me/2fa/verify', ...checked(side), body: { code: '123456' } }),
      { mask: ['message'] },
    );
    await step('getMe: two-factor is still off', 200, (side) => ({
      method: 'GET',
      path: '/api/users/me',
      ...checked(side),
    }));

    const wrongPassword = await step('login with a wrong password', 401, () => ({
      method: 'POST',
      path: '/api/auth/login',
      body: { email: customer.email, password: 'Not-The-Password-42', token_delivery: 'body' },
    }));
    const wrongEmail = await step('login with an unknown email', 401, () => ({
      method: 'POST',
      path: '/api/auth/login',
      body: { email: 'nobody@example.com', password: 'Not-The-Password-42', token_delivery: 'body' },
    }));
    expect(mask(wrongEmail.real.body)).toEqual(mask(wrongPassword.real.body));
    expect(mask(wrongEmail.mock.body)).toEqual(mask(wrongPassword.mock.body));
  });

  it('sessions: refresh rotation and reuse, sign-out, tokens that are none, guests', async () => {
    const customer = demo('customer');
    await signIn('rotating', customer.email, DEMO_PASSWORD);
    const rotated = await step('refreshSession', 200, (side) => ({
      method: 'POST',
      path: '/api/auth/refresh',
      body: { refresh_token: saved(side, 'rotating.refresh') },
    }));
    keep(rotated, 'rotated.refresh', refreshOf);
    keep(rotated, 'rotated', accessOf);
    await step('getMe with the new access token', 200, (side) => ({
      method: 'GET',
      path: '/api/users/me',
      ...as('rotated')(side),
    }));
    // Inside the reuse grace window the refresh token just rotated away answers the same new one (a
    // second tab refreshing at the same instant); the window itself is timed in refresh-grace.test.ts.
    const replayed = await step(
      'refreshSession with the refresh token just used, inside the grace window',
      200,
      (side) => ({
        method: 'POST',
        path: '/api/auth/refresh',
        body: { refresh_token: saved(side, 'rotating.refresh') },
      }),
    );
    expect(refreshOf(replayed.real.body as Body)).toBe(saved(sides[0]!, 'rotated.refresh'));
    expect(refreshOf(replayed.mock.body as Body)).toBe(saved(sides[1]!, 'rotated.refresh'));
    const onward = await step('refreshSession with the new refresh token', 200, (side) => ({
      method: 'POST',
      path: '/api/auth/refresh',
      body: { refresh_token: saved(side, 'rotated.refresh') },
    }));
    keep(onward, 'onward.refresh', refreshOf);
    await step('refreshSession with a used refresh token older than the last one', 401, (side) => ({
      method: 'POST',
      path: '/api/auth/refresh',
      body: { refresh_token: saved(side, 'rotating.refresh') },
    }));
    await step('refreshSession with the newest refresh token of the ended session', 401, (side) => ({
      method: 'POST',
      path: '/api/auth/refresh',
      body: { refresh_token: saved(side, 'onward.refresh') },
    }));
    const ended = await step('getMe with the ended session', 401, (side) => ({
      method: 'GET',
      path: '/api/users/me',
      ...as('rotated')(side),
    }));
    expect(ended.mock.headers.get('www-authenticate')).toBe(ended.real.headers.get('www-authenticate'));
    await step('refreshSession with a token that is none', 401, () => ({
      method: 'POST',
      path: '/api/auth/refresh',
      body: { refresh_token: 'not-a-refresh-token' },
    }));
    await step('getMe with a token that is none', 401, () => ({
      method: 'GET',
      path: '/api/users/me',
      token: 'not-a-token',
    }));
    await step('getMe with another scheme', 401, () => ({
      method: 'GET',
      path: '/api/users/me',
      headers: { authorization: 'Basic Y3VzdG9tZXI6cGFzc3dvcmQ=' },
    }));

    await signIn('leaving', customer.email, DEMO_PASSWORD);
    await step('logout', 204, (side) => ({ method: 'POST', path: '/api/auth/logout', ...as('leaving')(side) }));
    await step('getMe after logout', 401, (side) => ({ method: 'GET', path: '/api/users/me', ...as('leaving')(side) }));
    await step('refreshSession after logout', 401, (side) => ({
      method: 'POST',
      path: '/api/auth/refresh',
      body: { refresh_token: saved(side, 'leaving.refresh') },
    }));
    await step('getMe without a token', 401, () => ({ method: 'GET', path: '/api/users/me' }));

    const guest = await step('startGuestSession', 201, () => ({
      method: 'POST',
      path: '/api/auth/guest',
      body: { token_delivery: 'body' },
    }));
    expect(guest.real.body).toMatchObject({ role: 'guest', user: null });
    keep(guest, 'guest', accessOf);
    await step('getMe as a guest', 403, (side) => ({ method: 'GET', path: '/api/users/me', ...as('guest')(side) }));
  });

  it('browser sessions: cookies, refresh by cookie, sign-out', async () => {
    const customer = demo('customer');
    const cookieLogin = {
      method: 'POST',
      path: '/api/auth/login',
      body: { email: customer.email, password: DEMO_PASSWORD },
    };
    const login = await step('login with cookie delivery', 200, () => cookieLogin);
    expect(login.real.body).toMatchObject({ tokens: null });
    keepCookies(login, 'cookies');
    keep(login, 'csrf', (b) => b.csrf_token);
    await step('getMe with the access cookie', 200, (side) => ({
      method: 'GET',
      path: '/api/users/me',
      headers: { cookie: saved(side, 'cookies') },
    }));
    const refreshed = await step('refreshSession by cookie', 200, (side) => ({
      method: 'POST',
      path: '/api/auth/refresh',
      body: {},
      headers: { cookie: saved(side, 'cookies') },
    }));
    keepCookies(refreshed, 'refreshed');
    await step('refreshSession with the used refresh cookie, inside the grace window', 200, (side) => ({
      method: 'POST',
      path: '/api/auth/refresh',
      body: {},
      headers: { cookie: saved(side, 'cookies') },
    }));
    const onward = await step('refreshSession with the new refresh cookie', 200, (side) => ({
      method: 'POST',
      path: '/api/auth/refresh',
      body: {},
      headers: { cookie: saved(side, 'refreshed') },
    }));
    keepCookies(onward, 'onward');
    await step('refreshSession with a used refresh cookie older than the last one', 401, (side) => ({
      method: 'POST',
      path: '/api/auth/refresh',
      body: {},
      headers: { cookie: saved(side, 'cookies') },
    }));
    await step('getMe with the cookie of the session the reuse ended', 401, (side) => ({
      method: 'GET',
      path: '/api/users/me',
      headers: { cookie: saved(side, 'onward') },
    }));
    await step('refreshSession without a cookie', 401, () => ({ method: 'POST', path: '/api/auth/refresh', body: {} }));

    const again = await step('login with cookie delivery again', 200, () => cookieLogin);
    keepCookies(again, 'again');
    keep(again, 'csrf.again', (b) => b.csrf_token);
    await step('logout with the cookies and the CSRF token', 204, (side) => ({
      method: 'POST',
      path: '/api/auth/logout',
      headers: { cookie: saved(side, 'again'), 'x-csrf-token': saved(side, 'csrf.again') },
    }));
    await step('getMe with the cookie of an ended session', 401, (side) => ({
      method: 'GET',
      path: '/api/users/me',
      headers: { cookie: saved(side, 'again') },
    }));
  });

  it('admins list, create and manage users', async () => {
    const admin = demo('admin');
    await signIn('admin', admin.email, DEMO_PASSWORD);
    const asAdmin = as('admin');
    // The test server signed every demo account in when it started: so do the mocks, for the same last_login.
    await signIn('staff', demo('staff').email, DEMO_PASSWORD);
    await step('adminListUsers of role staff', 200, (side) => ({
      method: 'GET',
      path: '/api/admin/users?role=staff',
      ...asAdmin(side),
    }));
    const invited = { email: 'nia.staff@example.com', name: 'Nia Staff', role: 'staff' };
    const created = await step('adminCreateUser', 201, (side) => ({
      method: 'POST',
      path: '/api/admin/users',
      ...asAdmin(side),
      body: invited,
    }));
    keep(created, 'nia.id', (b) => b.id);
    await step('adminCreateUser with a taken email', 409, (side) => ({
      method: 'POST',
      path: '/api/admin/users',
      ...asAdmin(side),
      body: { ...invited, email: 'Nia.Staff@example.com' },
    }));
    await step('adminListUsers of role staff, newest first, a page of one', 200, (side) => ({
      method: 'GET',
      path: '/api/admin/users?role=staff&limit=1',
      ...asAdmin(side),
    }));
    await step('adminChangeUserRole of yourself', 422, (side) => ({
      method: 'PUT',
      path: `/api/admin/users/${admin.id}/role`,
      ...asAdmin(side),
      body: { role: 'customer' },
    }));
    await step('adminChangeUserRole of the new user', 200, (side) => ({
      method: 'PUT',
      path: `/api/admin/users/${saved(side, 'nia.id')}/role`,
      ...asAdmin(side),
      body: { role: 'customer' },
    }));
    await step('adminChangeUserRole of an unknown user', 404, (side) => ({
      method: 'PUT',
      path: '/api/admin/users/usr_0000000000000000/role',
      ...asAdmin(side),
      body: { role: 'customer' },
    }));
    await step('resetPassword with the set-password link', 204, (side) => ({
      method: 'POST',
      path: '/api/auth/reset-password',
      body: { token: side.link(invited.email, 'set-password'), new_password: STRONG },
    }));
    await signIn('nia', invited.email, STRONG);
    await step('adminListUsers as a customer', 403, (side) => ({
      method: 'GET',
      path: '/api/admin/users',
      ...as('nia')(side),
    }));
    await step('adminDeleteUser of yourself', 422, (side) => ({
      method: 'DELETE',
      path: `/api/admin/users/${admin.id}`,
      ...asAdmin(side),
    }));
    await step('adminDeleteUser', 204, (side) => ({
      method: 'DELETE',
      path: `/api/admin/users/${saved(side, 'nia.id')}`,
      ...asAdmin(side),
    }));
    await step('getMe of a deleted account', 401, (side) => ({
      method: 'GET',
      path: '/api/users/me',
      ...as('nia')(side),
    }));
  });

  it('forgot-password and resend-verification answer alike for known and unknown emails', async () => {
    const known = await step('forgotPassword, a known email', 202, () => ({
      method: 'POST',
      path: '/api/auth/forgot-password',
      body: { email: demo('staff').email },
    }));
    const unknown = await step('forgotPassword, an unknown email', 202, () => ({
      method: 'POST',
      path: '/api/auth/forgot-password',
      body: { email: 'nobody@example.com' },
    }));
    expect(unknown.real.body).toEqual(known.real.body);
    expect(unknown.mock.body).toEqual(known.mock.body);
    const verified = await step('resendVerification, a verified account', 202, () => ({
      method: 'POST',
      path: '/api/auth/resend-verification',
      body: { email: demo('staff').email },
    }));
    const stranger = await step('resendVerification, an unknown email', 202, () => ({
      method: 'POST',
      path: '/api/auth/resend-verification',
      body: { email: 'nobody@example.com' },
    }));
    expect(stranger.real.body).toEqual(verified.real.body);
    expect(stranger.mock.body).toEqual(verified.mock.body);
  });

  it.each([
    [
      'US',
      {
        name: 'Jane Doe',
        line1: '1 Market St',
        city: 'San Francisco',
        state: 'ca',
        postal_code: '94105',
        country: 'us',
      },
    ],
    [
      'US, bad',
      {
        name: 'Jane Doe',
        line1: '1 Market St',
        city: 'San Francisco',
        state: 'XX',
        postal_code: '9410',
        country: 'US',
      },
    ],
    [
      'CA',
      { name: 'Jean Roy', line1: '24 Sussex Dr', city: 'Ottawa', state: 'on', postal_code: 'k1m1m4', country: 'CA' },
    ],
    [
      'CA, bad',
      { name: 'Jean Roy', line1: '24 Sussex Dr', city: 'Ottawa', state: 'ZZ', postal_code: '12345', country: 'CA' },
    ],
    ['GB', { name: 'John Bull', line1: '10 Downing St', city: 'London', postal_code: 'sw1a2aa', country: 'gb' }],
    ['GB, bad', { name: 'John Bull', line1: '10 Downing St', city: 'London', postal_code: '123', country: 'GB' }],
    [
      'FR (no specific rules)',
      { name: 'Marie Curie', line1: '1 Rue de Rivoli', city: 'Paris', postal_code: '75001', country: 'FR' },
    ],
  ])('validateAddress: %s', async (label, address) => {
    await step(`validateAddress ${label}`, 200, () => ({
      method: 'POST',
      path: '/api/addresses/validate',
      body: address,
    }));
  });

  it('the same emails were sent, with the same subjects, to the same addresses', () => {
    const [serverSide, mockSide] = sides as [Side, Side];
    expect(mockSide.mails()).toEqual(serverSide.mails());
  });
});

/** The cookies a response sets: name, whether it is cleared, and its attributes but `Expires` and `Secure`. */
function cookiesOf(reply: Reply): Record<string, unknown>[] {
  return reply.headers.getSetCookie().map((line) => {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const [name = '', ...value] = pair.split('=');
    const attrs = Object.fromEntries(
      attributes
        .map((attribute) => attribute.split('='))
        .map(([key = '', val]) => [key.toLowerCase(), val ?? true] as const)
        .filter(([key]) => key !== 'expires' && key !== 'secure'),
    );
    // The session's remaining seconds: 7 days, give or take the time the answer took.
    const maxAge = Number(attrs['max-age']);
    if (Math.abs(maxAge - REFRESH_SECONDS) < 60) attrs['max-age'] = '<about 7 days>';
    return { name, cleared: value.join('=') === '', ...attrs };
  });
}

/** Keeps the cookies each side's answer set, as a `Cookie` request header, under `name`. */
function keepCookies(replies: { real: Reply; mock: Reply }, name: string): void {
  const [serverSide, mockSide] = sides as [Side, Side];
  serverSide.saved.set(name, cookieHeader(replies.real));
  mockSide.saved.set(name, cookieHeader(replies.mock));
}

/** A `Cookie` request header with every cookie a response set. */
function cookieHeader(reply: Reply): string {
  return reply.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}
