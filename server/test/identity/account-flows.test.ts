/** Accounts as people use them, over HTTP: sign-up to erasure, profile, preferences, password reset. */
import {
  AuthSessionSchema,
  ErrorEnvelopeSchema,
  UserSchema,
  type AuthSession,
  type EventOf,
  type User,
} from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, mailedToken, newCustomer, recordEvents } from '../support/identity-client.ts';
import { STRONG_PASSWORD } from '../support/sample-requests.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ products: 4 });
});
afterAll(() => server.close());

const PASSWORD = STRONG_PASSWORD;

describe('sign-up and email verification', () => {
  it('creates an unverified customer, mails a link, and verifies it once', async () => {
    const events = recordEvents(server);
    const email = `new-${Date.now()}@Example.com`;
    const signup = await api(server, 'POST', '/api/auth/signup', {
      body: { name: 'Nina New', email, password: PASSWORD },
    });
    expect(signup.status).toBe(202);
    expect(signup.body).toMatchObject({ status: 'accepted' });

    const lower = email.toLowerCase();
    const token = mailedToken(server, lower, /Confirm your email/);
    const before = await api<AuthSession>(server, 'POST', '/api/auth/login', {
      body: { email: lower, password: PASSWORD, token_delivery: 'body' },
    });
    expect(before.body.user?.email_verified).toBe(false);

    const verified = await api(server, 'POST', '/api/auth/verify-email', { body: { token } });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ email: lower, email_verified: true });
    const again = await api(server, 'POST', '/api/auth/verify-email', { body: { token } });
    expect(again.status).toBe(422);

    const created = events.find((e) => e.event_type === 'UserCreated');
    expect(created?.data).toMatchObject({ role: 'customer', origin: 'signup' });
    expect(events.some((e) => e.event_type === 'UserUpdated' && e.data.changed_fields.includes('email_verified'))).toBe(
      true,
    );
  });

  it('refuses a guessable password with 422 and suggestions, and creates nothing', async () => {
    const email = `weak-${Date.now()}@example.com`;
    const res = await api(server, 'POST', '/api/auth/signup', {
      body: { name: 'Weak Walter', email, password: 'password123' },
    });
    expect(res.status).toBe(422);
    const error = ErrorEnvelopeSchema.parse(res.body).error;
    expect(error.details).toMatchObject({ field: 'password' });
    expect(server.mailbox.messages().some((m) => m.to === email)).toBe(false);
  });

  it('resends the link only for an unverified account, answering the same either way', async () => {
    const email = `resend-${Date.now()}@example.com`;
    await api(server, 'POST', '/api/auth/signup', { body: { name: 'Rita Resend', email, password: PASSWORD } });
    const first = mailedToken(server, email, /Confirm your email/);
    const known = await api(server, 'POST', '/api/auth/resend-verification', { body: { email } });
    const unknown = await api(server, 'POST', '/api/auth/resend-verification', {
      body: { email: 'nobody@example.com' },
    });
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    const second = mailedToken(server, email, /Confirm your email/);
    expect(second).not.toBe(first);
    // Only the newest link works.
    expect((await api(server, 'POST', '/api/auth/verify-email', { body: { token: first } })).status).toBe(422);
    expect((await api(server, 'POST', '/api/auth/verify-email', { body: { token: second } })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('signs in with body delivery: a bearer token of 15 minutes and a rotating refresh token', async () => {
    const { email, password } = await newCustomer(server);
    const login = await api(server, 'POST', '/api/auth/login', { body: { email, password, token_delivery: 'body' } });
    const parsed = AuthSessionSchema.parse(login.body);
    expect(parsed.tokens?.expires_in).toBe(900);
    expect(parsed.tokens?.refresh_expires_in).toBe(7 * 24 * 3600);
    expect(parsed.csrf_token).toBeNull();
    expect(parsed.user?.email).toBe(email);

    const refreshed = await api<AuthSession>(server, 'POST', '/api/auth/refresh', {
      body: { refresh_token: parsed.tokens!.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.tokens!.refresh_token).not.toBe(parsed.tokens!.refresh_token);
    const me = await api<User>(server, 'GET', '/api/users/me', { token: refreshed.body.tokens!.access_token });
    expect(me.body.email).toBe(email);
    expect(me.body.last_login).not.toBeNull();
  });

  it('lets one account sign in from several places at once (no conflict on the sign-in record)', async () => {
    const { email } = await newCustomer(server);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api(server, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await api(server, 'POST', '/api/auth/login', {
      body: { email: 'customer@holidaypeakhub.dev', password: 'not-the-password' },
    });
    const unknown = await api(server, 'POST', '/api/auth/login', {
      body: { email: 'nobody-at-all@example.com', password: 'not-the-password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(ErrorEnvelopeSchema.parse(wrong.body).error.message).toBe(
      ErrorEnvelopeSchema.parse(unknown.body).error.message,
    );
  });

  it('gives a guest a session without a profile', async () => {
    const guest = await api<AuthSession>(server, 'POST', '/api/auth/guest', { body: { token_delivery: 'body' } });
    expect(guest.status).toBe(201);
    expect(guest.body).toMatchObject({ role: 'guest', user: null });
    expect(guest.body.subject).toMatch(/^gst_[a-z0-9]{16}$/);
    const me = await api(server, 'GET', '/api/users/me', { token: guest.body.tokens!.access_token });
    expect(me.status).toBe(403);
    const out = await api(server, 'POST', '/api/auth/logout', { token: guest.body.tokens!.access_token });
    expect(out.status).toBe(204);
  });
});

describe('profile', () => {
  it('updates the profile with If-Match, and an email change needs verifying again', async () => {
    const events = recordEvents(server);
    const { email, token, password } = await newCustomer(server, 'paula');
    const me = await api<User>(server, 'GET', '/api/users/me', { token });
    const etag = me.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const next = `moved-${Date.now()}@example.com`;
    const update = {
      name: 'Paula P.',
      email: next,
      phone: '+14155550123',
      date_of_birth: '1990-05-15',
      newsletter_opt_in: true,
      current_password: password,
    };
    const withoutPassword = await api(server, 'PUT', '/api/users/me', {
      token,
      body: { ...update, current_password: undefined },
      headers: { 'if-match': etag },
    });
    expect(withoutPassword.status).toBe(422);
    expect(ErrorEnvelopeSchema.parse(withoutPassword.body).error.details).toEqual({ field: 'current_password' });
    const stale = await api(server, 'PUT', '/api/users/me', {
      token,
      body: update,
      headers: { 'if-match': '"stale"' },
    });
    expect(stale.status).toBe(412);

    // Another account's email: answered as sign-up answers it (nothing says the address is taken).
    const taken = await api<User>(server, 'PUT', '/api/users/me', {
      token,
      body: { ...update, email: 'staff@holidaypeakhub.dev' },
      headers: { 'if-match': etag },
    });
    expect(taken.status).toBe(200);
    expect(UserSchema.parse(taken.body)).toMatchObject({ name: 'Paula P.', email, email_verified: true });
    expect(
      server.mailbox
        .messages()
        .some((m) => m.to === 'staff@holidaypeakhub.dev' && /tried to use your email/.test(m.subject)),
    ).toBe(true);

    const updated = await api<User>(server, 'PUT', '/api/users/me', {
      token,
      body: update,
      headers: { 'if-match': taken.headers.get('etag')! },
    });
    expect(updated.status).toBe(200);
    expect(UserSchema.parse(updated.body)).toMatchObject({ name: 'Paula P.', email: next, email_verified: false });
    expect(updated.headers.get('etag')).not.toBe(etag);
    expect(server.mailbox.messages().some((m) => m.to === email && /email address was changed/.test(m.subject))).toBe(
      true,
    );
    const change = events.find(
      (e): e is EventOf<'UserUpdated'> => e.event_type === 'UserUpdated' && e.data.changed_fields.includes('email'),
    );
    expect(change?.data.changed_fields.sort()).toEqual(['email', 'email_verified']);
    const kept = events.find(
      (e): e is EventOf<'UserUpdated'> => e.event_type === 'UserUpdated' && e.data.changed_fields.includes('name'),
    );
    expect(kept?.data.changed_fields.sort()).toEqual(['date_of_birth', 'name', 'newsletter_opt_in', 'phone']);

    // The old address is free again; the new one signs in.
    const reuse = await api(server, 'POST', '/api/auth/signup', { body: { name: 'Other', email, password: PASSWORD } });
    expect(reuse.status).toBe(202);
    expect(mailedToken(server, email, /Confirm your email/)).toBeTruthy();
    const login = await api(server, 'POST', '/api/auth/login', { body: { email: next, password: PASSWORD } });
    expect(login.status).toBe(200);
  });

  it('reads and replaces preferences', async () => {
    const { token } = await newCustomer(server);
    const defaults = await api(server, 'GET', '/api/users/me/preferences', { token });
    expect(defaults.body).toEqual({
      language: 'en',
      currency: 'USD',
      notifications: { email_marketing: false, email_orders: true, sms_shipping: false },
    });
    const wanted = {
      language: 'fr',
      currency: 'EUR',
      notifications: { email_marketing: true, email_orders: false, sms_shipping: true },
    };
    expect((await api(server, 'PUT', '/api/users/me/preferences', { token, body: wanted })).body).toEqual(wanted);
    expect((await api(server, 'GET', '/api/users/me/preferences', { token })).body).toEqual(wanted);
  });

  it('changes the password: the old one stops working, other sessions end, this one stays', async () => {
    const { email, token } = await newCustomer(server);
    const other = await api<AuthSession>(server, 'POST', '/api/auth/login', {
      body: { email, password: PASSWORD, token_delivery: 'body' },
    });
    const wrong = await api(server, 'PUT', '/api/users/me/password', {
      token,
      body: { current_password: 'not-it', new_password: 'Granite-Lantern-Sways-41' },
    });
    expect(wrong.status).toBe(422);
    const changed = await api(server, 'PUT', '/api/users/me/password', {
      token,
      body: { current_password: PASSWORD, new_password: 'Granite-Lantern-Sways-41' },
    });
    expect(changed.status).toBe(204);
    expect((await api(server, 'GET', '/api/users/me', { token })).status).toBe(200);
    expect((await api(server, 'GET', '/api/users/me', { token: other.body.tokens!.access_token })).status).toBe(401);
    expect((await api(server, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } })).status).toBe(401);
    expect(
      (await api(server, 'POST', '/api/auth/login', { body: { email, password: 'Granite-Lantern-Sways-41' } })).status,
    ).toBe(200);
  });

  it('resets a forgotten password with the single-use link, ending every session', async () => {
    const { email, token } = await newCustomer(server);
    const asked = await api(server, 'POST', '/api/auth/forgot-password', { body: { email } });
    const unknown = await api(server, 'POST', '/api/auth/forgot-password', { body: { email: 'nobody@example.com' } });
    expect(asked.status).toBe(202);
    expect(unknown.body).toEqual(asked.body);
    const link = mailedToken(server, email, /Reset your password/);
    const weak = await api(server, 'POST', '/api/auth/reset-password', {
      body: { token: link, new_password: 'password1' },
    });
    expect(weak.status).toBe(422);
    const reset = await api(server, 'POST', '/api/auth/reset-password', {
      body: { token: link, new_password: 'Copper-Meadow-Drifts-72' },
    });
    expect(reset.status).toBe(204);
    expect((await api(server, 'GET', '/api/users/me', { token })).status).toBe(401);
    const reused = await api(server, 'POST', '/api/auth/reset-password', {
      body: { token: link, new_password: 'Another-Strong-Pass-88' },
    });
    expect(reused.status).toBe(422);
    expect(
      (await api(server, 'POST', '/api/auth/login', { body: { email, password: 'Copper-Meadow-Drifts-72' } })).status,
    ).toBe(200);
  });

  it('erases an account: needs the password, removes its data, publishes UserDeleted, frees the email', async () => {
    const events = recordEvents(server);
    const { email, token, id } = await newCustomer(server);
    await api(server, 'POST', '/api/users/me/addresses', {
      token,
      body: { name: 'E', line1: '1 Main St', city: 'Austin', state: 'TX', postal_code: '73301', country: 'US' },
    });
    expect((await api(server, 'DELETE', '/api/users/me', { token, body: { password: 'wrong' } })).status).toBe(422);
    expect((await api(server, 'DELETE', '/api/users/me', { token, body: { password: PASSWORD } })).status).toBe(204);
    expect((await api(server, 'GET', '/api/users/me', { token })).status).toBe(401);
    expect((await api(server, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } })).status).toBe(401);
    const deleted = events.find((e) => e.event_type === 'UserDeleted');
    // The account's own erasure: no actor (an admin's would name the admin).
    expect(deleted?.data).toEqual({ user_id: id, role: 'customer' });
    const addresses = server.composed.cosmos.database.container('addresses');
    const { resources } = await addresses.items
      .query({ query: 'SELECT * FROM c WHERE c.user_id = @u', parameters: [{ name: '@u', value: id }] })
      .fetchAll();
    expect(resources).toEqual([]);
    expect(
      (await api(server, 'POST', '/api/auth/signup', { body: { name: 'Again', email, password: PASSWORD } })).status,
    ).toBe(202);
  });
});
