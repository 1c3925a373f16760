import {
  AddressSchema,
  ErrorEnvelopeSchema,
  MAX_ADDRESSES,
  PaymentMethodSchema,
  UserSchema,
  type Address,
  type User,
} from '@holiday-peak-hub/contract';
import { DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { describe, expect, it } from 'vitest';
import { call, demoAccount, json, listAccounts, seedAddress, useMockApi } from './test-support.ts';
import { latestMockLink, mockInbox } from './wiring/mailbox.ts';

const { store } = useMockApi();

const CUSTOMER = demoAccount('customer');
const STAFF = demoAccount('staff');
const ADMIN = demoAccount('admin');
const STRONG = 'correct-horse-battery-staple';

async function errorOf(response: Response, status: number, code: string) {
  expect(response.status, await response.clone().text()).toBe(status);
  const { error } = ErrorEnvelopeSchema.parse(await response.json());
  expect(error.code).toBe(code);
  return error;
}

const US_ADDRESS = {
  name: '  Jane   Doe ',
  line1: '123  Main St',
  line2: '  ',
  city: 'San Francisco',
  state: 'ca',
  postal_code: '941021234',
  country: 'us',
  phone: '+1 (415) 555-0123',
};

async function addAddress(body: object = US_ADDRESS): Promise<Address> {
  const response = await call('post', '/api/users/me/addresses', { token: 'customer', body });
  expect(response.status, await response.clone().text()).toBe(201);
  return AddressSchema.parse(await response.json());
}

async function listAddresses(): Promise<Address[]> {
  return (await json<{ items: Address[] }>(await call('get', '/api/users/me/addresses', { token: 'customer' }))).items;
}

describe('profile', () => {
  const profile = {
    name: 'Casey Customer',
    email: CUSTOMER.email,
    phone: '+14155550123',
    date_of_birth: '1990-04-01',
    newsletter_opt_in: true,
  };

  it('updateMe honours If-Match (412 when stale) and answers a new ETag', async () => {
    const me = await call('get', '/api/users/me', { token: 'customer' });
    const etag = me.headers.get('etag') ?? '';
    const updated = await call('put', '/api/users/me', {
      token: 'customer',
      headers: { 'If-Match': etag },
      body: profile,
    });
    expect(updated.status).toBe(200);
    const user = UserSchema.parse(await updated.json());
    expect(user).toMatchObject({ name: 'Casey Customer', phone: '+14155550123', newsletter_opt_in: true });
    expect(user.email_verified).toBe(true);
    expect(updated.headers.get('etag')).not.toBe(etag);
    const stale = await call('put', '/api/users/me', {
      token: 'customer',
      headers: { 'If-Match': etag },
      body: { ...profile, name: 'Someone Else' },
    });
    await errorOf(stale, 412, 'PRECONDITION_FAILED');
    expect((await json<User>(await call('get', '/api/users/me', { token: 'customer' }))).name).toBe('Casey Customer');
  });

  it('a new email is unverified and gets a verification link; the old one is told; a taken one is kept secret', async () => {
    const unconfirmed = await call('put', '/api/users/me', {
      token: 'customer',
      body: { ...profile, email: 'x@example.com' },
    });
    expect((await errorOf(unconfirmed, 422, 'UNPROCESSABLE_ENTITY')).details).toEqual({ field: 'current_password' });
    const confirmed = { ...profile, current_password: DEMO_PASSWORD };
    const taken = await call('put', '/api/users/me', { token: 'customer', body: { ...confirmed, email: STAFF.email } });
    // As sign-up: no error names the address; the account keeps its email and the owner is told.
    expect(taken.status).toBe(200);
    expect(await json(taken)).toMatchObject({ email: CUSTOMER.email });
    expect(mockInbox(store, STAFF.email).map((mail) => mail.kind)).toEqual(['email-in-use']);
    expect(mockInbox(store, CUSTOMER.email)).toEqual([]);

    const changed = await call('put', '/api/users/me', {
      token: 'customer',
      body: { ...confirmed, email: 'Casey@Example.com' },
    });
    expect(await json(changed)).toMatchObject({ email: 'casey@example.com', email_verified: false });
    expect(mockInbox(store, CUSTOMER.email).map((mail) => mail.kind)).toEqual(['email-changed']);
    const token = latestMockLink(store, 'casey@example.com', 'verify-email');
    expect(token).toBeDefined();
    const verified = await call('post', '/api/auth/verify-email', { body: { token } });
    expect(await json(verified)).toEqual({ email: 'casey@example.com', email_verified: true });
    const login = await call('post', '/api/auth/login', {
      body: { email: 'casey@example.com', password: DEMO_PASSWORD, token_delivery: 'body' },
    });
    expect(login.status).toBe(200);
  });

  it('preferences start at the defaults and are replaced by PUT', async () => {
    const initial = await json(await call('get', '/api/users/me/preferences', { token: 'customer' }));
    expect(initial).toEqual({
      language: 'en',
      currency: 'USD',
      notifications: { email_marketing: false, email_orders: true, sms_shipping: false },
    });
    const next = {
      language: 'de',
      currency: 'EUR',
      notifications: { email_marketing: true, email_orders: false, sms_shipping: true },
    };
    expect(await json(await call('put', '/api/users/me/preferences', { token: 'customer', body: next }))).toEqual(next);
    expect(await json(await call('get', '/api/users/me/preferences', { token: 'customer' }))).toEqual(next);
    expect(await json(await call('get', '/api/users/me/preferences', { token: 'staff' }))).toEqual(initial);
  });
});

describe('addresses', () => {
  it('refuses a bad US ZIP with 422 naming postal_code; saves a good one normalised, the first as default', async () => {
    const bad = await call('post', '/api/users/me/addresses', {
      token: 'customer',
      body: { ...US_ADDRESS, postal_code: '9410' },
    });
    const error = await errorOf(bad, 422, 'UNPROCESSABLE_ENTITY');
    expect(error.details).toEqual({
      issues: [{ field: 'postal_code', message: 'not a US postal code (e.g. 94102 or 94102-1234)' }],
    });
    const noState = await call('post', '/api/users/me/addresses', {
      token: 'customer',
      body: { ...US_ADDRESS, state: 'XX' },
    });
    expect((await errorOf(noState, 422, 'UNPROCESSABLE_ENTITY')).details).toMatchObject({
      issues: [{ field: 'state' }],
    });

    const saved = await addAddress();
    expect(saved).toMatchObject({
      name: 'Jane Doe',
      line1: '123 Main St',
      line2: null,
      state: 'CA',
      postal_code: '94102-1234',
      country: 'US',
      phone: '+14155550123',
      type: 'shipping',
      is_default: true,
    });
    expect(saved.id).toMatch(/^adr_[a-z0-9]{16}$/);
  });

  it('default first; setDefault moves it; deleting the default promotes the most recent remaining', async () => {
    const first = await addAddress();
    const second = await addAddress({ ...US_ADDRESS, line1: '2 Second St', is_default: true });
    const third = await addAddress({ ...US_ADDRESS, line1: '3 Third St', type: 'billing' });
    expect((await listAddresses()).map((a) => [a.id, a.is_default])).toEqual([
      [second.id, true],
      [third.id, false],
      [first.id, false],
    ]);

    const made = await call('put', `/api/users/me/addresses/${first.id}/default`, { token: 'customer' });
    expect(await json(made)).toMatchObject({ id: first.id, is_default: true });
    expect((await listAddresses()).filter((a) => a.is_default).map((a) => a.id)).toEqual([first.id]);

    expect((await call('delete', `/api/users/me/addresses/${first.id}`, { token: 'customer' })).status).toBe(204);
    expect((await listAddresses()).map((a) => [a.id, a.is_default])).toEqual([
      [third.id, true],
      [second.id, false],
    ]);

    const replaced = await call('put', `/api/users/me/addresses/${second.id}`, {
      token: 'customer',
      body: { ...US_ADDRESS, city: 'Oakland', postal_code: '94607' },
    });
    expect(await json(replaced)).toMatchObject({
      id: second.id,
      city: 'Oakland',
      postal_code: '94607',
      is_default: false,
    });
    const invalid = await call('put', `/api/users/me/addresses/${second.id}`, {
      token: 'customer',
      body: { ...US_ADDRESS, postal_code: 'ABCDE' },
    });
    await errorOf(invalid, 422, 'UNPROCESSABLE_ENTITY');
  });

  it(`holds at most ${MAX_ADDRESSES}`, async () => {
    for (let i = 0; i < MAX_ADDRESSES; i += 1) await seedAddress('customer');
    expect(await listAddresses()).toHaveLength(MAX_ADDRESSES);
    const over = await call('post', '/api/users/me/addresses', { token: 'customer', body: US_ADDRESS });
    await errorOf(over, 422, 'UNPROCESSABLE_ENTITY');
  });

  it("another account's address is 404 for every operation", async () => {
    const mine = await addAddress();
    for (const [method, path, body] of [
      ['put', `/api/users/me/addresses/${mine.id}`, US_ADDRESS],
      ['put', `/api/users/me/addresses/${mine.id}/default`, undefined],
      ['delete', `/api/users/me/addresses/${mine.id}`, undefined],
    ] as const) {
      await errorOf(await call(method, path, { token: 'staff', body }), 404, 'RESOURCE_NOT_FOUND');
    }
    expect((await listAddresses()).map((a) => a.id)).toEqual([mine.id]);
  });

  it('validateAddress answers the verdict without saving', async () => {
    const good = await json(
      await call('post', '/api/addresses/validate', { body: { ...US_ADDRESS, is_default: undefined } }),
    );
    expect(good).toMatchObject({ valid: true, issues: [], normalized: { postal_code: '94102-1234', state: 'CA' } });
    const bad = await json(
      await call('post', '/api/addresses/validate', {
        body: { name: 'A', line1: 'B', city: 'Toronto', state: 'ZZ', postal_code: '12345', country: 'CA' },
      }),
    );
    expect(bad).toEqual({
      valid: false,
      normalized: null,
      issues: [
        { field: 'state', message: 'not a Canadian province or territory code (e.g. ON)' },
        { field: 'postal_code', message: 'not a CA postal code (e.g. K1A 0B1)' },
      ],
    });
    expect(await listAddresses()).toEqual([]);
  });
});

describe('payment methods', () => {
  it('refuses a card number (400) and an unknown token (422); saves Stripe test cards by token', async () => {
    const withNumber = await call('post', '/api/users/me/payment-methods', {
      token: 'customer',
      body: { provider_token: 'pm_card_visa', card: '4242 4242 4242 4242' },
    });
    await errorOf(withNumber, 400, 'INVALID_REQUEST');
    const unknown = await call('post', '/api/users/me/payment-methods', {
      token: 'customer',
      body: { provider_token: 'pm_card_unknown' },
    });
    expect((await errorOf(unknown, 422, 'UNPROCESSABLE_ENTITY')).details).toEqual({ field: 'provider_token' });

    const address = await addAddress();
    const visa = await call('post', '/api/users/me/payment-methods', {
      token: 'customer',
      body: { provider_token: 'pm_card_visa', billing_address_id: address.id },
    });
    expect(visa.status).toBe(201);
    const saved = PaymentMethodSchema.parse(await visa.json());
    expect(saved).toMatchObject({
      type: 'card',
      brand: 'visa',
      last4: '4242',
      exp_month: 12,
      exp_year: 2029, // three years after the mock clock's start (2026-11-01)
      billing_address_id: address.id,
      is_default: true,
    });
    expect(saved.id).toMatch(/^pmt_[a-z0-9]{16}$/);

    const brands = [];
    for (const token of ['pm_card_mastercard', 'pm_card_amex', 'pm_card_discover']) {
      const method = await json<{ brand: string; last4: string }>(
        await call('post', '/api/users/me/payment-methods', { token: 'customer', body: { provider_token: token } }),
      );
      brands.push(`${method.brand} ${method.last4}`);
    }
    expect(brands).toEqual(['mastercard 4444', 'amex 8431', 'discover 1117']);
  });

  it("a billing address must be the caller's (404); deleting the default promotes the most recent", async () => {
    const staffAddress = await seedAddress('staff');
    const foreign = await call('post', '/api/users/me/payment-methods', {
      token: 'customer',
      body: { provider_token: 'pm_card_visa', billing_address_id: staffAddress.id },
    });
    await errorOf(foreign, 404, 'RESOURCE_NOT_FOUND');

    const add = async (provider_token: string) =>
      json<{ id: string }>(
        await call('post', '/api/users/me/payment-methods', { token: 'customer', body: { provider_token } }),
      );
    const visa = await add('pm_card_visa');
    const amex = await add('pm_card_amex');
    const discover = await add('pm_card_discover');
    await errorOf(
      await call('delete', `/api/users/me/payment-methods/${visa.id}`, { token: 'staff' }),
      404,
      'RESOURCE_NOT_FOUND',
    );
    expect((await call('delete', `/api/users/me/payment-methods/${visa.id}`, { token: 'customer' })).status).toBe(204);
    const list = await json<{ items: { id: string; is_default: boolean }[] }>(
      await call('get', '/api/users/me/payment-methods', { token: 'customer' }),
    );
    expect(list.items.map((m) => [m.id, m.is_default])).toEqual([
      [discover.id, true],
      [amex.id, false],
    ]);
  });

  it('deleting an account erases its addresses and cards', async () => {
    const address = await addAddress();
    const card = await json<{ id: string }>(
      await call('post', '/api/users/me/payment-methods', {
        token: 'customer',
        body: { provider_token: 'pm_card_visa', billing_address_id: address.id },
      }),
    );
    const cards = await json<{ items: { id: string }[] }>(
      await call('get', '/api/users/me/payment-methods', { token: 'customer' }),
    );
    expect(cards.items.map((m) => m.id)).toEqual([card.id]);
    // What the mocks would save (persistence keeps exactly this): the address and card are in it.
    const saved = () => JSON.stringify(store.tables.snapshot());
    expect(saved()).toContain(address.id);
    expect(saved()).toContain(card.id);

    const deleted = await call('delete', '/api/users/me', { token: 'customer', body: { password: DEMO_PASSWORD } });
    expect(deleted.status).toBe(204);
    expect((await listAccounts()).map((u) => u.id)).not.toContain(CUSTOMER.id);
    await errorOf(await call('get', '/api/users/me/addresses', { token: 'customer' }), 401, 'UNAUTHORIZED');
    // Nothing of them is kept, nor the account's email.
    expect(saved()).not.toContain(address.id);
    expect(saved()).not.toContain(card.id);
    expect(saved()).not.toContain(CUSTOMER.email);
    expect(mockInbox(store, CUSTOMER.email).map((mail) => mail.kind)).toEqual(['account-deleted']);
  });
});

describe('admin users', () => {
  type Page = { items: User[]; next_cursor: string | null };
  const list = async (query: string) => json<Page>(await call('get', `/api/admin/users?${query}`, { token: 'admin' }));

  it('lists newest first with a role filter and cursor paging; only admins may', async () => {
    const all = await list('limit=10');
    // The demo accounts are seeded in the same instant: ties go by id, descending (as the server's query orders them).
    expect(all.items.map((u) => u.id)).toEqual([STAFF.id, CUSTOMER.id, ADMIN.id]);
    expect((await list('role=staff')).items.map((u) => u.email)).toEqual([STAFF.email]);
    const first = await list('limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.next_cursor).not.toBeNull();
    const second = await list(`limit=2&cursor=${first.next_cursor ?? ''}`);
    expect(second).toEqual({ items: [expect.objectContaining({ id: ADMIN.id })], next_cursor: null });
    await errorOf(
      await call('get', `/api/admin/users?role=staff&cursor=${first.next_cursor ?? ''}`, { token: 'admin' }),
      400,
      'INVALID_REQUEST',
    );
    await errorOf(await call('get', '/api/admin/users', { token: 'staff' }), 403, 'FORBIDDEN');
  });

  it('creates a user with a role, who sets a password from the emailed link and signs in', async () => {
    const created = await call('post', '/api/admin/users', {
      token: 'admin',
      body: { email: 'Elf@HolidayPeakHub.dev', name: 'Elf Helper', role: 'staff' },
    });
    expect(created.status).toBe(201);
    const user = UserSchema.parse(await created.json());
    expect(user).toMatchObject({ email: 'elf@holidaypeakhub.dev', role: 'staff', email_verified: false });
    expect((await list('limit=1')).items[0]?.id).toBe(user.id);
    await errorOf(
      await call('post', '/api/auth/login', { body: { email: 'elf@holidaypeakhub.dev', password: DEMO_PASSWORD } }),
      401,
      'UNAUTHORIZED',
    );
    await errorOf(
      await call('post', '/api/admin/users', {
        token: 'admin',
        body: { email: CUSTOMER.email, name: 'X', role: 'customer' },
      }),
      409,
      'CONFLICT',
    );

    const token = latestMockLink(store, 'elf@holidaypeakhub.dev', 'set-password');
    expect((await call('post', '/api/auth/reset-password', { body: { token, new_password: STRONG } })).status).toBe(
      204,
    );
    const login = await call('post', '/api/auth/login', {
      body: { email: 'elf@holidaypeakhub.dev', password: STRONG, token_delivery: 'body' },
    });
    expect(await json(login)).toMatchObject({ role: 'staff', user: { email_verified: true } });
  });

  it('changes a role (ending the sessions), not your own; deletes a user, not yourself; 404 for unknown ids', async () => {
    const login = await call('post', '/api/auth/login', {
      body: { email: CUSTOMER.email, password: DEMO_PASSWORD, token_delivery: 'body' },
    });
    const access = (await json<{ tokens: { access_token: string } }>(login)).tokens.access_token;

    const promoted = await call('put', `/api/admin/users/${CUSTOMER.id}/role`, {
      token: 'admin',
      body: { role: 'staff' },
    });
    expect(await json(promoted)).toMatchObject({ id: CUSTOMER.id, role: 'staff' });
    await errorOf(await call('get', '/api/users/me', { bearer: access }), 401, 'UNAUTHORIZED');
    // the fixed token follows its account's role
    expect((await call('get', '/api/staff/products?limit=1', { token: 'customer' })).status).toBe(200);

    const own = await call('put', `/api/admin/users/${ADMIN.id}/role`, { token: 'admin', body: { role: 'customer' } });
    await errorOf(own, 422, 'UNPROCESSABLE_ENTITY');
    await errorOf(
      await call('delete', `/api/admin/users/${ADMIN.id}`, { token: 'admin' }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
    const ghost = 'usr_0000000000000000';
    await errorOf(
      await call('put', `/api/admin/users/${ghost}/role`, { token: 'admin', body: { role: 'staff' } }),
      404,
      'RESOURCE_NOT_FOUND',
    );
    await errorOf(await call('delete', `/api/admin/users/${ghost}`, { token: 'admin' }), 404, 'RESOURCE_NOT_FOUND');

    expect((await call('delete', `/api/admin/users/${STAFF.id}`, { token: 'admin' })).status).toBe(204);
    expect((await list('limit=10')).items.map((u) => u.id)).toEqual([CUSTOMER.id, ADMIN.id]);
    await errorOf(await call('get', '/api/users/me', { token: 'staff' }), 401, 'UNAUTHORIZED');
  });
});
