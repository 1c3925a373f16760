/** Address book, saved cards, two-factor sign-in and admin user management, over HTTP. */
import {
  AddressSchema,
  ErrorEnvelopeSchema,
  PaymentMethodSchema,
  UserPageSchema,
  type Address,
  type AuthSession,
  type PaymentMethod,
  type User,
} from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '@holiday-peak-hub/core';
import { api, mailedToken, newCustomer, recordEvents } from '../support/identity-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ products: 4 });
});
afterAll(() => server.close());

const US = {
  name: ' Jane   Doe ',
  line1: '123 Main St',
  city: 'San Francisco',
  state: 'ca',
  postal_code: '941021234',
  country: 'us',
};

describe('address book', () => {
  it('checks addresses per country, stores them normalised, keeps one default', async () => {
    const { token } = await newCustomer(server);
    const bad = await api(server, 'POST', '/api/users/me/addresses', {
      token,
      body: { ...US, state: 'XX', postal_code: '9410' },
    });
    expect(bad.status).toBe(422);
    const issues = (ErrorEnvelopeSchema.parse(bad.body).error.details as { issues: { field: string }[] }).issues;
    expect(issues.map((i) => i.field).sort()).toEqual(['postal_code', 'state']);

    const first = await api<Address>(server, 'POST', '/api/users/me/addresses', { token, body: US });
    expect(first.status).toBe(201);
    expect(AddressSchema.parse(first.body)).toMatchObject({
      name: 'Jane Doe',
      state: 'CA',
      postal_code: '94102-1234',
      country: 'US',
      is_default: true,
    });
    const second = await api<Address>(server, 'POST', '/api/users/me/addresses', {
      token,
      body: {
        name: 'Jane Doe',
        line1: '10 Downing St',
        city: 'London',
        postal_code: 'sw1a2aa',
        country: 'GB',
        type: 'billing',
      },
    });
    expect(second.body).toMatchObject({ postal_code: 'SW1A 2AA', is_default: false, type: 'billing' });

    const made = await api<Address>(server, 'PUT', `/api/users/me/addresses/${second.body.id}/default`, { token });
    expect(made.body.is_default).toBe(true);
    const list = await api<{ items: Address[] }>(server, 'GET', '/api/users/me/addresses', { token });
    expect(list.body.items.map((a) => [a.id, a.is_default])).toEqual([
      [second.body.id, true],
      [first.body.id, false],
    ]);

    const replaced = await api<Address>(server, 'PUT', `/api/users/me/addresses/${first.body.id}`, {
      token,
      body: { ...US, line1: '500 Market St' },
    });
    expect(replaced.body).toMatchObject({ id: first.body.id, line1: '500 Market St', is_default: false });

    expect((await api(server, 'DELETE', `/api/users/me/addresses/${second.body.id}`, { token })).status).toBe(204);
    const after = await api<{ items: Address[] }>(server, 'GET', '/api/users/me/addresses', { token });
    expect(after.body.items).toEqual([expect.objectContaining({ id: first.body.id, is_default: true })]);
    expect((await api(server, 'DELETE', `/api/users/me/addresses/${second.body.id}`, { token })).status).toBe(404);
  });

  it('validates an address without saving it, for anyone', async () => {
    const ok = await api(server, 'POST', '/api/addresses/validate', { body: US });
    expect(ok.body).toMatchObject({ valid: true, issues: [], normalized: { state: 'CA', postal_code: '94102-1234' } });
    const bad = await api(server, 'POST', '/api/addresses/validate', { body: { ...US, country: 'CA', state: 'ZZ' } });
    expect(bad.body).toMatchObject({ valid: false, normalized: null });
  });
});

describe('saved cards', () => {
  it('saves cards by provider token only and refuses a card number', async () => {
    const { token } = await newCustomer(server);
    const pan = await api(server, 'POST', '/api/users/me/payment-methods', {
      token,
      body: { provider_token: 'pm_card_visa', billing_address_id: null, note: '4242 4242 4242 4242' },
    });
    expect(pan.status).toBe(400);
    expect(JSON.stringify(pan.body)).not.toContain('4242 4242');
    const smuggled = await api(server, 'POST', '/api/users/me/payment-methods', {
      token,
      body: { provider_token: 'pm_4242424242424242' },
    });
    expect(smuggled.status).toBe(400);

    const unknown = await api(server, 'POST', '/api/users/me/payment-methods', {
      token,
      body: { provider_token: 'pm_nope' },
    });
    expect(unknown.status).toBe(422);

    const visa = await api<PaymentMethod>(server, 'POST', '/api/users/me/payment-methods', {
      token,
      body: { provider_token: 'pm_card_visa' },
    });
    expect(visa.status).toBe(201);
    expect(PaymentMethodSchema.parse(visa.body)).toMatchObject({ brand: 'visa', last4: '4242', is_default: true });
    const mc = await api<PaymentMethod>(server, 'POST', '/api/users/me/payment-methods', {
      token,
      body: { provider_token: 'pm_card_mastercard', is_default: true },
    });
    const list = await api<{ items: PaymentMethod[] }>(server, 'GET', '/api/users/me/payment-methods', { token });
    expect(list.body.items.map((p) => [p.last4, p.is_default])).toEqual([
      ['4444', true],
      ['4242', false],
    ]);
    expect(JSON.stringify(list.body)).not.toContain('pm_card');
    expect((await api(server, 'DELETE', `/api/users/me/payment-methods/${mc.body.id}`, { token })).status).toBe(204);
    const after = await api<{ items: PaymentMethod[] }>(server, 'GET', '/api/users/me/payment-methods', { token });
    expect(after.body.items).toEqual([expect.objectContaining({ last4: '4242', is_default: true })]);

    const address = await api<Address>(server, 'POST', '/api/users/me/addresses', { token, body: US });
    const billed = await api<PaymentMethod>(server, 'POST', '/api/users/me/payment-methods', {
      token,
      body: { provider_token: 'pm_card_amex', billing_address_id: address.body.id },
    });
    expect(billed.body).toMatchObject({ brand: 'amex', last4: '8431', billing_address_id: address.body.id });
    await api(server, 'DELETE', `/api/users/me/addresses/${address.body.id}`, { token });
    const unbilled = await api<{ items: PaymentMethod[] }>(server, 'GET', '/api/users/me/payment-methods', { token });
    expect(unbilled.body.items.find((p) => p.id === billed.body.id)?.billing_address_id).toBeNull();

    const noAddress = await api(server, 'POST', '/api/users/me/payment-methods', {
      token,
      body: { provider_token: 'pm_card_amex', billing_address_id: 'adr_zzzzzzzzzzzzzzzz' },
    });
    expect(noAddress.status).toBe(404);
  });
});

describe('two-factor authentication', () => {
  it('enrols with a first code, then asks for a code at sign-in; codes and recovery codes work once', async () => {
    const { email, password, token } = await newCustomer(server);
    expect((await api(server, 'POST', '/api/users/me/2fa/enable', { token, body: { password: 'wrong' } })).status).toBe(
      422,
    );
    const enrol = await api<{ secret: string; otpauth_uri: string; qr_code: string }>(
      server,
      'POST',
      '/api/users/me/2fa/enable',
      { token, body: { password }, shows: ['secret'] },
    );
    expect(enrol.status).toBe(200);
    expect(enrol.body.otpauth_uri).toContain(`secret=${enrol.body.secret}`);
    expect(enrol.body.qr_code).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = enrol.body.secret;

    expect((await api(server, 'POST', '/api/users/me/2fa/verify', { token, body: { code: '000000' } })).status).toBe(
      422,
    );
    const confirm = await api<{ recovery_codes: string[] }>(server, 'POST', '/api/users/me/2fa/verify', {
      token,
      body: { code: totpCode(secret, new Date(Date.now() - 30_000)) },
    });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recovery_codes).toHaveLength(10);
    expect((await api<User>(server, 'GET', '/api/users/me', { token })).body.two_factor_enabled).toBe(true);

    const step1 = await api<{ status: string; challenge_token: string }>(server, 'POST', '/api/auth/login', {
      body: { email, password, token_delivery: 'body' },
    });
    expect(step1.body.status).toBe('two_factor_required');
    const code = totpCode(secret, new Date());
    const step2 = await api<AuthSession>(server, 'POST', '/api/auth/login/2fa', {
      body: { challenge_token: step1.body.challenge_token, code, token_delivery: 'body' },
    });
    expect(step2.status).toBe(200);
    expect(step2.body.user?.email).toBe(email);
    const replay = await api(server, 'POST', '/api/auth/login/2fa', {
      body: { challenge_token: step1.body.challenge_token, code },
    });
    expect(replay.status).toBe(401);

    const recovery = confirm.body.recovery_codes[0]!;
    const viaRecovery = await api(server, 'POST', '/api/auth/login/2fa', {
      body: { challenge_token: step1.body.challenge_token, code: recovery.toUpperCase() },
    });
    expect(viaRecovery.status).toBe(200);
    const spent = await api(server, 'POST', '/api/auth/login/2fa', {
      body: { challenge_token: step1.body.challenge_token, code: recovery },
    });
    expect(spent.status).toBe(401);
    const forged = await api(server, 'POST', '/api/auth/login/2fa', { body: { challenge_token: 'x.y.z', code } });
    expect(forged.status).toBe(401);
  });
});

describe('user management', () => {
  it('creates staff who set their password from the invitation, lists, changes roles, deletes — all audited', async () => {
    const events = recordEvents(server);
    const admin = server.tokens.admin;
    const email = `new-staff-${Date.now()}@example.com`;
    const created = await api<User>(server, 'POST', '/api/admin/users', {
      token: admin,
      body: { email, name: 'Stella Staff', role: 'staff' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, role: 'staff', email_verified: false });
    expect(
      (await api(server, 'POST', '/api/admin/users', { token: admin, body: { email, name: 'Dup', role: 'staff' } }))
        .status,
    ).toBe(409);

    const invitation = mailedToken(server, email, /Your Holiday Peak Hub account/);
    const set = await api(server, 'POST', '/api/auth/reset-password', {
      body: { token: invitation, new_password: 'Orchid-Falcon-Brightly-57' },
    });
    expect(set.status).toBe(204);
    const staff = await api<AuthSession>(server, 'POST', '/api/auth/login', {
      body: { email, password: 'Orchid-Falcon-Brightly-57', token_delivery: 'body' },
    });
    expect(staff.body).toMatchObject({ role: 'staff', user: { email_verified: true } });

    const page = await api(server, 'GET', '/api/admin/users?role=staff&limit=1', { token: admin });
    const parsed = UserPageSchema.parse(page.body);
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0]!.role).toBe('staff');
    expect(parsed.next_cursor).not.toBeNull();
    const rest = UserPageSchema.parse(
      (await api(server, 'GET', `/api/admin/users?role=staff&limit=100&cursor=${parsed.next_cursor}`, { token: admin }))
        .body,
    );
    expect(rest.items.every((u) => u.role === 'staff')).toBe(true);
    expect([...parsed.items, ...rest.items].map((u) => u.email)).toContain('staff@holidaypeakhub.dev');

    const promoted = await api<User>(server, 'PUT', `/api/admin/users/${created.body.id}/role`, {
      token: admin,
      body: { role: 'admin' },
    });
    expect(promoted.body.role).toBe('admin');
    expect((await api(server, 'GET', '/api/users/me', { token: staff.body.tokens!.access_token })).status).toBe(401);

    const me = await api<User>(server, 'GET', '/api/users/me', { token: admin });
    const self = await api(server, 'PUT', `/api/admin/users/${me.body.id}/role`, {
      token: admin,
      body: { role: 'customer' },
    });
    expect(self.status).toBe(422);
    expect((await api(server, 'DELETE', `/api/admin/users/${me.body.id}`, { token: admin })).status).toBe(422);

    expect((await api(server, 'DELETE', `/api/admin/users/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await api(server, 'DELETE', `/api/admin/users/${created.body.id}`, { token: admin })).status).toBe(404);

    const audit = server.composed.cosmos.database.container('audit_logs');
    const { resources } = await audit.items
      .query<{ action: string; actor_id: string; changes: unknown; metadata: { request_id: string } }>({
        query: 'SELECT * FROM c WHERE c.entity_id = @id ORDER BY c.timestamp ASC',
        parameters: [{ name: '@id', value: created.body.id }],
      })
      .fetchAll();
    expect(resources.map((r) => r.action)).toEqual(['user_created', 'role_changed', 'user_deleted']);
    expect(resources.every((r) => r.actor_id === me.body.id && r.metadata.request_id.length > 0)).toBe(true);
    expect(resources[1]!.changes).toEqual({ role: { before: 'staff', after: 'admin' } });
    expect(events.map((e) => e.event_type)).toEqual(
      expect.arrayContaining(['UserCreated', 'UserUpdated', 'UserDeleted']),
    );
  });
});
