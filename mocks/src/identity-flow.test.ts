import {
  AuthSessionSchema,
  ErrorEnvelopeSchema,
  LoginResultSchema,
  UserSchema,
  type AuthSession,
} from '@holiday-peak-hub/contract';
import { REFRESH_REUSE_GRACE_SECONDS, totpCode } from '@holiday-peak-hub/core';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, latestMockLink, MOCK_ISSUER, mockIdToken, mockInbox } from './index.ts';
import { call, demoAccount, json, listAccounts, seedTwoFactor, useMockApi } from './test-support.ts';

const START = Date.parse('2026-11-01T00:00:00Z');
let elapsed = 0;
const { store } = useMockApi({ clock: () => new Date(START + elapsed) });
afterEach(() => {
  elapsed = 0;
});

const STRONG = 'correct-horse-battery-staple';
const CUSTOMER = demoAccount('customer');
const STAFF = demoAccount('staff');

async function errorOf(response: Response, status: number, code: string) {
  expect(response.status, await response.clone().text()).toBe(status);
  const { error } = ErrorEnvelopeSchema.parse(await response.json());
  expect(error.code).toBe(code);
  return error;
}

/** Signs in with body delivery and answers the session (tokens present). */
async function signIn(email: string, password: string): Promise<AuthSession & { tokens: object }> {
  const response = await call('post', '/api/auth/login', { body: { email, password, token_delivery: 'body' } });
  expect(response.status, await response.clone().text()).toBe(200);
  const session = AuthSessionSchema.parse(await response.json());
  expect(session.tokens).not.toBeNull();
  return session as AuthSession & { tokens: object };
}

const accessOf = (session: AuthSession) => session.tokens?.access_token ?? '';
const refreshOf = (session: AuthSession) => session.tokens?.refresh_token ?? '';

/** A refresh token as the server makes it: `<session id>.<secret>` (a UUID session id, 256 random bits). */
const REFRESH_TOKEN = /^(ses_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/;

/**
 * The claims of an access token, verified as a client or another service would: an RS256 JWT
 * signed by a key the mocks publish at `/.well-known/jwks.json`, of the issuer their OpenID
 * configuration names, valid at the mock clock's time.
 */
async function verifiedClaims(token: string): Promise<JWTPayload> {
  const jwks = await json<JSONWebKeySet>(await call('get', '/.well-known/jwks.json'));
  const { issuer } = await json<{ issuer: string }>(await call('get', '/.well-known/openid-configuration'));
  expect(issuer).toBe(MOCK_ISSUER);
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), {
    issuer,
    algorithms: ['RS256'],
    currentDate: new Date(START + elapsed),
  });
  expect(protectedHeader.kid).toBe(jwks.keys[0]?.kid);
  return payload;
}

/** A six-digit code that is not the authenticator's around now (a wrong code that cannot be right by chance). */
function wrongCode(secret: string): string {
  const at = START + elapsed;
  const right = new Set([-30_000, 0, 30_000].map((offset) => totpCode(secret, new Date(at + offset))));
  return ['111111', '222222', '333333', '444444'].find((code) => !right.has(code)) ?? '555555';
}

describe('sign up, verify, sign in, sign out', () => {
  it('signup → the outbox link → verify → login → me → logout → me is 401', async () => {
    const signup = await call('post', '/api/auth/signup', {
      body: { name: 'Jane Doe', email: 'Jane.Doe@Example.com', password: STRONG },
    });
    expect(signup.status).toBe(202);
    expect(await json(signup)).toMatchObject({ status: 'accepted' });

    const [mail] = mockInbox(store, 'jane.doe@example.com');
    expect(mail).toMatchObject({ to: 'jane.doe@example.com', kind: 'verify-email' });
    // The link's token names the account and carries a secret: `<user id>.<secret>`, as the server's.
    expect(mail?.token).toMatch(/^usr_[a-z0-9]{16}\.[A-Za-z0-9_-]{43}$/);

    const before = await signIn('jane.doe@example.com', STRONG);
    expect(before.user).toMatchObject({ email: 'jane.doe@example.com', email_verified: false, role: 'customer' });

    const verified = await call('post', '/api/auth/verify-email', { body: { token: mail?.token } });
    expect(verified.status).toBe(200);
    expect(await json(verified)).toEqual({ email: 'jane.doe@example.com', email_verified: true });
    const again = await call('post', '/api/auth/verify-email', { body: { token: mail?.token } });
    await errorOf(again, 422, 'UNPROCESSABLE_ENTITY');

    const session = await signIn('JANE.DOE@example.com', STRONG);
    expect(session).toMatchObject({ status: 'authenticated', role: 'customer', csrf_token: null });
    expect(session.tokens).toMatchObject({ token_type: 'Bearer', expires_in: 900, refresh_expires_in: 604_800 });
    expect(session.expires_at).toBe('2026-11-01T00:15:00.000Z');
    // Real tokens, as the server's: a signed JWT of 15 minutes naming the session, and `<session id>.<secret>`.
    const claims = await verifiedClaims(accessOf(session));
    expect(claims).toMatchObject({ sub: session.subject, role: 'customer', email: 'jane.doe@example.com' });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(900);
    expect(refreshOf(session)).toMatch(REFRESH_TOKEN);
    expect(REFRESH_TOKEN.exec(refreshOf(session))?.[1]).toBe(claims.sid);
    expect(mail?.token?.startsWith(`${session.subject}.`)).toBe(true);

    const me = await call('get', '/api/users/me', { bearer: accessOf(session) });
    expect(me.status).toBe(200);
    const user = UserSchema.parse(await me.json());
    expect(user).toMatchObject({ email: 'jane.doe@example.com', name: 'Jane Doe', email_verified: true });
    expect(user.id).toBe(session.subject);
    expect(user.last_login).toBe('2026-11-01T00:00:00.000Z');
    expect(me.headers.get('etag')).toMatch(/^".+"$/);

    const logout = await call('post', '/api/auth/logout', { bearer: accessOf(session) });
    expect(logout.status).toBe(204);
    await errorOf(await call('get', '/api/users/me', { bearer: accessOf(session) }), 401, 'UNAUTHORIZED');
    const refresh = await call('post', '/api/auth/refresh', { body: { refresh_token: refreshOf(session) } });
    await errorOf(refresh, 401, 'UNAUTHORIZED');
    // the other session of the same account is untouched
    expect((await call('get', '/api/users/me', { bearer: accessOf(before) })).status).toBe(200);
  });

  it('signup of a taken email answers the same 202, creates nothing, and tells the owner', async () => {
    const accounts = (await listAccounts()).length;
    const response = await call('post', '/api/auth/signup', {
      body: { name: 'Someone', email: CUSTOMER.email, password: STRONG },
    });
    expect(response.status).toBe(202);
    const fresh = await call('post', '/api/auth/signup', {
      body: { name: 'Someone', email: 'someone@example.com', password: STRONG },
    });
    expect(await json(response)).toEqual(await json(fresh));
    const emails = (await listAccounts()).map((user) => user.email);
    expect(emails).toHaveLength(accounts + 1);
    expect(emails).toContain('someone@example.com');
    expect(emails.filter((email) => email === CUSTOMER.email)).toHaveLength(1);
    expect(mockInbox(store, CUSTOMER.email).map((mail) => mail.kind)).toEqual(['account-exists']);
    expect((await signIn(CUSTOMER.email, DEMO_PASSWORD)).user?.name).toBe(CUSTOMER.name);
  });

  it('signup refuses a guessable password with 422, and a short one with 400', async () => {
    const weak = await call('post', '/api/auth/signup', {
      body: { name: 'Jane Doe', email: 'jane@example.com', password: 'janedoe2026' },
    });
    const error = await errorOf(weak, 422, 'UNPROCESSABLE_ENTITY');
    expect(error.details).toMatchObject({ field: 'password' });
    const common = await call('post', '/api/auth/signup', {
      body: { name: 'Jane Doe', email: 'jane@example.com', password: 'password123' },
    });
    await errorOf(common, 422, 'UNPROCESSABLE_ENTITY');
    await errorOf(
      await call('post', '/api/auth/signup', { body: { name: 'J', email: 'jane@example.com', password: 'short' } }),
      400,
      'INVALID_REQUEST',
    );
    expect(mockInbox(store)).toEqual([]);
  });

  it('a wrong email and a wrong password get the same 401', async () => {
    const wrongPassword = await errorOf(
      await call('post', '/api/auth/login', { body: { email: CUSTOMER.email, password: 'nope-nope-nope' } }),
      401,
      'UNAUTHORIZED',
    );
    const wrongEmail = await errorOf(
      await call('post', '/api/auth/login', { body: { email: 'nobody@example.com', password: DEMO_PASSWORD } }),
      401,
      'UNAUTHORIZED',
    );
    expect(wrongPassword.message).toBe(wrongEmail.message);
  });

  it('the demo accounts sign in with the demo password, with their roles and fixed ids', async () => {
    for (const demo of DEMO_ACCOUNTS) {
      const session = await signIn(demo.email, DEMO_PASSWORD);
      expect(session).toMatchObject({ subject: demo.id, role: demo.role });
      expect(demo.id).toMatch(/^usr_[a-z0-9]{16}$/);
    }
  });
});

describe('two-factor sign-in', () => {
  it('enable → verify with 000000 → login asks for a code → 000000 (every time), a real code or a recovery code (once)', async () => {
    const wrong = await errorOf(
      await call('post', '/api/users/me/2fa/enable', { token: 'customer', body: { password: 'wrong-password' } }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
    expect(wrong.details).toEqual({ field: 'password' });
    type Enrolment = { secret: string; otpauth_uri: string; qr_code: string };
    const enrol = async (token: 'customer' | 'staff') => {
      const response = await call('post', '/api/users/me/2fa/enable', { token, body: { password: DEMO_PASSWORD } });
      expect(response.status).toBe(200);
      return json<Enrolment>(response);
    };
    const first = await enrol('customer');
    // A random secret for each enrolment (20 bytes, base32), as the server makes it: not a fixed one.
    expect(first.secret).toMatch(/^[A-Z2-7]{32}$/);
    const staff = await enrol('staff');
    const enrolment = await enrol('customer');
    expect(new Set([first.secret, staff.secret, enrolment.secret]).size).toBe(3);
    expect(enrolment.otpauth_uri).toContain(encodeURIComponent(CUSTOMER.email));
    expect(enrolment.otpauth_uri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qr_code).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(
      (await json<{ two_factor_enabled: boolean }>(await call('get', '/api/users/me', { token: 'customer' })))
        .two_factor_enabled,
    ).toBe(false);

    await errorOf(
      await call('post', '/api/users/me/2fa/verify', {
        token: 'customer',
        body: { code: wrongCode(enrolment.secret) },
      }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
    // The secret a restarted enrolment replaced is void.
    await errorOf(
      await call('post', '/api/users/me/2fa/verify', {
        token: 'customer',
        body: { code: totpCode(first.secret, new Date(START)) },
      }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
    const verify = await call('post', '/api/users/me/2fa/verify', { token: 'customer', body: { code: '000000' } });
    expect(verify.status).toBe(200);
    const { recovery_codes } = await json<{ recovery_codes: string[] }>(verify);
    expect(recovery_codes).toHaveLength(10);
    expect(new Set(recovery_codes).size).toBe(10);
    await errorOf(
      await call('post', '/api/users/me/2fa/enable', { token: 'customer', body: { password: DEMO_PASSWORD } }),
      409,
      'CONFLICT',
    );
    // An authenticator app works too: the staff account confirms with the real code of its secret.
    const real = await call('post', '/api/users/me/2fa/verify', {
      token: 'staff',
      body: { code: totpCode(staff.secret, new Date(START)) },
    });
    expect(real.status).toBe(200);

    const login = async () => {
      const response = await call('post', '/api/auth/login', {
        body: { email: CUSTOMER.email, password: DEMO_PASSWORD, token_delivery: 'body' },
      });
      const result = LoginResultSchema.parse(await response.json());
      if (result.status !== 'two_factor_required') throw new Error('expected a two-factor challenge');
      expect(result.expires_at).toBe(new Date(START + elapsed + 300_000).toISOString());
      return result.challenge_token;
    };
    const second = (code: string, challenge_token: string) =>
      call('post', '/api/auth/login/2fa', { body: { challenge_token, code, token_delivery: 'body' } });
    // The next 30 seconds: a real code works once, as on the server (the same code again is a replay).
    elapsed = 30_000;
    const challenge = await login();
    await errorOf(await second(wrongCode(enrolment.secret), challenge), 401, 'UNAUTHORIZED');
    const code = totpCode(enrolment.secret, new Date(START + elapsed));
    const signedIn = await second(code, challenge);
    expect(signedIn.status).toBe(200);
    const session = AuthSessionSchema.parse(await signedIn.json());
    expect(session.user).toMatchObject({ id: CUSTOMER.id, two_factor_enabled: true });
    expect((await errorOf(await second(code, await login()), 401, 'UNAUTHORIZED')).message).toBe(
      'Wrong or already used code',
    );
    // 000000 stands for a right code every time, even within the 30 seconds of the last code.
    expect((await second('000000', await login())).status).toBe(200);
    expect((await second('000000', await login())).status).toBe(200);

    const recovery = recovery_codes[0] ?? '';
    expect((await second(recovery.toUpperCase(), await login())).status).toBe(200);
    await errorOf(await second(recovery, await login()), 401, 'UNAUTHORIZED');

    const late = await login();
    elapsed += 301_000;
    await errorOf(await second('000000', late), 401, 'UNAUTHORIZED');
  });
});

describe('refresh', () => {
  it('rotates the pair; a reused refresh token ends the whole session', async () => {
    const first = await signIn(STAFF.email, DEMO_PASSWORD);
    elapsed = 5_000;
    const rotated = await call('post', '/api/auth/refresh', { body: { refresh_token: refreshOf(first) } });
    expect(rotated.status).toBe(200);
    const second = AuthSessionSchema.parse(await rotated.json());
    expect(second).toMatchObject({ subject: STAFF.id, role: 'staff' });
    expect(refreshOf(second)).not.toBe(refreshOf(first));
    expect(accessOf(second)).not.toBe(accessOf(first));
    // The same session goes on: one session id in both pairs, a new secret.
    const sessionOf = (refreshToken: string) => REFRESH_TOKEN.exec(refreshToken)?.[1];
    expect(sessionOf(refreshOf(second))).toBe(sessionOf(refreshOf(first)));
    expect((await verifiedClaims(accessOf(second))).sid).toBe(sessionOf(refreshOf(first)));
    // the earlier access token works until it expires
    expect((await call('get', '/api/users/me', { bearer: accessOf(first) })).status).toBe(200);
    expect((await call('get', '/api/staff/products?limit=1', { bearer: accessOf(second) })).status).toBe(200);

    // Inside the grace window the rotated-away token answers the same new refresh token (another tab
    // refreshing at the same instant); after it, it is reuse.
    const twin = await call('post', '/api/auth/refresh', { body: { refresh_token: refreshOf(first) } });
    expect(refreshOf(AuthSessionSchema.parse(await twin.json()))).toBe(refreshOf(second));
    elapsed += REFRESH_REUSE_GRACE_SECONDS * 1000;
    const replay = await call('post', '/api/auth/refresh', { body: { refresh_token: refreshOf(first) } });
    await errorOf(replay, 401, 'UNAUTHORIZED');
    await errorOf(await call('get', '/api/users/me', { bearer: accessOf(second) }), 401, 'UNAUTHORIZED');
    await errorOf(
      await call('post', '/api/auth/refresh', { body: { refresh_token: refreshOf(second) } }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('an access token expires after 15 minutes (and 30 s of clock skew); refreshing gives a working one', async () => {
    const session = await signIn(CUSTOMER.email, DEMO_PASSWORD);
    // As the server, the mocks allow 30 seconds of clock skew past a token's expiry.
    elapsed = 929_000;
    expect((await call('get', '/api/users/me', { bearer: accessOf(session) })).status).toBe(200);
    elapsed = 930_000;
    await errorOf(await call('get', '/api/users/me', { bearer: accessOf(session) }), 401, 'UNAUTHORIZED');
    const refreshed = AuthSessionSchema.parse(
      await (await call('post', '/api/auth/refresh', { body: { refresh_token: refreshOf(session) } })).json(),
    );
    expect(refreshed.expires_at).toBe('2026-11-01T00:30:30.000Z');
    // the session still ends 7 days after sign-in
    expect(refreshed.refresh_expires_at).toBe(session.refresh_expires_at);
    expect(refreshed.tokens?.refresh_expires_in).toBe(604_800 - 930);
    expect((await call('get', '/api/users/me', { bearer: accessOf(refreshed) })).status).toBe(200);
    elapsed = 7 * 24 * 3600 * 1000;
    await errorOf(
      await call('post', '/api/auth/refresh', { body: { refresh_token: refreshOf(refreshed) } }),
      401,
      'UNAUTHORIZED',
    );
  });
});

describe('cookie delivery (the default)', () => {
  const cookieHeader = (response: Response) =>
    response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');

  it('sets hph_access and hph_refresh, answers a CSRF token, and reads the cookie as the session', async () => {
    const login = await call('post', '/api/auth/login', { body: { email: CUSTOMER.email, password: DEMO_PASSWORD } });
    expect(login.status).toBe(200);
    const session = AuthSessionSchema.parse(await login.json());
    expect(session.tokens).toBeNull();
    // The session's CSRF token: an HMAC-SHA256 of its id, base64url.
    expect(session.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [access, refresh] = login.headers.getSetCookie();
    // The server's cookies (without Secure over http): a signed JWT, and `<session id>.<secret>`.
    expect(access).toMatch(
      /^hph_access=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; Path=\/; Max-Age=900; HttpOnly; SameSite=Lax$/,
    );
    expect(refresh).toMatch(/^hph_refresh=[^;]+; Path=\/api\/auth; Max-Age=604800; HttpOnly; SameSite=Strict$/);
    const valueOf = (cookie: string | undefined) => cookie?.split(';')[0]?.split('=')[1] ?? '';
    const claims = await verifiedClaims(valueOf(access));
    expect(claims).toMatchObject({ sub: CUSTOMER.id, role: 'customer' });
    expect(valueOf(refresh)).toMatch(REFRESH_TOKEN);
    expect(REFRESH_TOKEN.exec(valueOf(refresh))?.[1]).toBe(claims.sid);

    const cookies = cookieHeader(login);
    const me = await call('get', '/api/users/me', { headers: { Cookie: cookies } });
    expect(me.status).toBe(200);
    expect((await json<{ id: string }>(me)).id).toBe(CUSTOMER.id);
    // a bearer token wins over the cookie
    expect(
      (await json<{ id: string }>(await call('get', '/api/users/me', { token: 'staff', headers: { Cookie: cookies } })))
        .id,
    ).toBe(STAFF.id);

    // A write with the cookie needs the session's X-CSRF-Token, as on the server.
    const preferences = {
      language: 'de',
      currency: 'EUR',
      notifications: { email_marketing: false, email_orders: true, sms_shipping: false },
    };
    const forged = await call('put', '/api/users/me/preferences', { body: preferences, headers: { Cookie: cookies } });
    expect((await errorOf(forged, 403, 'FORBIDDEN')).details).toEqual({ reason: 'csrf' });
    const written = await call('put', '/api/users/me/preferences', {
      body: preferences,
      headers: { Cookie: cookies, 'X-CSRF-Token': session.csrf_token ?? '' },
    });
    expect(await json(written)).toEqual(preferences);

    // Refresh is public: it needs no CSRF token (a reloaded page lost it) and answers it again.
    const refreshed = await call('post', '/api/auth/refresh', { body: {}, headers: { Cookie: cookies } });
    expect(refreshed.status).toBe(200);
    const renewed = AuthSessionSchema.parse(await refreshed.json());
    expect(renewed.tokens).toBeNull();
    expect(renewed.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const newCookies = cookieHeader(refreshed);
    expect(newCookies).not.toBe(cookies);

    await errorOf(await call('post', '/api/auth/logout', { headers: { Cookie: newCookies } }), 403, 'FORBIDDEN');
    const logout = await call('post', '/api/auth/logout', {
      headers: { Cookie: newCookies, 'X-CSRF-Token': renewed.csrf_token ?? '' },
    });
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie()).toEqual([
      'hph_access=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
      'hph_refresh=; Path=/api/auth; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict',
    ]);
    // a stale cookie is ignored: public reads work, account operations are 401
    await errorOf(await call('get', '/api/users/me', { headers: { Cookie: newCookies } }), 401, 'UNAUTHORIZED');
    expect((await call('get', '/api/products?limit=1', { headers: { Cookie: newCookies } })).status).toBe(200);
    const refused = await call('post', '/api/auth/refresh', { body: {}, headers: { Cookie: newCookies } });
    expect(refused.headers.getSetCookie().map((cookie) => cookie.split(';')[0])).toEqual([
      'hph_access=',
      'hph_refresh=',
    ]);
    await errorOf(refused, 401, 'UNAUTHORIZED');
  });
});

describe('guests', () => {
  it('mock.guest and a guest session are refused the profile (403) but may sign out', async () => {
    const forbidden = await errorOf(await call('get', '/api/users/me', { token: 'guest' }), 403, 'FORBIDDEN');
    expect(forbidden.details).toMatchObject({ role: 'guest' });

    const started = await call('post', '/api/auth/guest', { body: { token_delivery: 'body' } });
    expect(started.status).toBe(201);
    const guest = AuthSessionSchema.parse(await started.json());
    expect(guest).toMatchObject({ role: 'guest', user: null });
    expect(guest.subject).toMatch(/^gst_[a-z0-9]{16}$/);
    await errorOf(await call('get', '/api/users/me/addresses', { bearer: accessOf(guest) }), 403, 'FORBIDDEN');
    const check = await call('post', '/api/addresses/validate', {
      bearer: accessOf(guest),
      body: { name: 'G', line1: '1 Rue', city: 'Paris', postal_code: '75001', country: 'fr' },
    });
    expect(await json(check)).toMatchObject({ valid: true, normalized: { country: 'FR' } });
    expect((await call('post', '/api/auth/logout', { bearer: accessOf(guest) })).status).toBe(204);
    await errorOf(await call('post', '/api/auth/logout', { bearer: accessOf(guest) }), 401, 'UNAUTHORIZED');
  });
});

describe('forgotten password', () => {
  it('202 for any address; the outboxed link sets a new password and signs every session out', async () => {
    const session = await signIn(CUSTOMER.email, DEMO_PASSWORD);
    const unknown = await call('post', '/api/auth/forgot-password', { body: { email: 'nobody@example.com' } });
    const known = await call('post', '/api/auth/forgot-password', { body: { email: CUSTOMER.email } });
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(await json(unknown)).toEqual(await json(known));
    expect(mockInbox(store, 'nobody@example.com')).toEqual([]);
    const token = latestMockLink(store, CUSTOMER.email, 'reset-password') ?? '';

    await errorOf(
      await call('post', '/api/auth/reset-password', { body: { token, new_password: 'password123' } }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
    const reset = await call('post', '/api/auth/reset-password', { body: { token, new_password: STRONG } });
    expect(reset.status).toBe(204);
    await errorOf(await call('get', '/api/users/me', { bearer: accessOf(session) }), 401, 'UNAUTHORIZED');
    await errorOf(
      await call('post', '/api/auth/login', { body: { email: CUSTOMER.email, password: DEMO_PASSWORD } }),
      401,
      'UNAUTHORIZED',
    );
    expect((await signIn(CUSTOMER.email, STRONG)).subject).toBe(CUSTOMER.id);
    await errorOf(
      await call('post', '/api/auth/reset-password', { body: { token, new_password: `${STRONG}-2` } }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
  });

  it('a reset link expires after an hour', async () => {
    await call('post', '/api/auth/forgot-password', { body: { email: CUSTOMER.email } });
    const token = latestMockLink(store, CUSTOMER.email, 'reset-password') ?? '';
    elapsed = 3_600_000;
    await errorOf(
      await call('post', '/api/auth/reset-password', { body: { token, new_password: STRONG } }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
  });
});

describe('password change and account deletion', () => {
  it('changePassword needs the current password and signs the other sessions out', async () => {
    const here = await signIn(CUSTOMER.email, DEMO_PASSWORD);
    const elsewhere = await signIn(CUSTOMER.email, DEMO_PASSWORD);
    const wrong = await errorOf(
      await call('put', '/api/users/me/password', {
        bearer: accessOf(here),
        body: { current_password: 'not-my-password', new_password: STRONG },
      }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
    expect(wrong.details).toEqual({ field: 'password' });
    const changed = await call('put', '/api/users/me/password', {
      bearer: accessOf(here),
      body: { current_password: DEMO_PASSWORD, new_password: STRONG },
    });
    expect(changed.status).toBe(204);
    expect((await call('get', '/api/users/me', { bearer: accessOf(here) })).status).toBe(200);
    await errorOf(await call('get', '/api/users/me', { bearer: accessOf(elsewhere) }), 401, 'UNAUTHORIZED');
    expect((await signIn(CUSTOMER.email, STRONG)).subject).toBe(CUSTOMER.id);
  });

  it('deleteMe checks the password, erases the account and ends its sessions and fixed token', async () => {
    const session = await signIn(CUSTOMER.email, DEMO_PASSWORD);
    await errorOf(
      await call('delete', '/api/users/me', { token: 'customer', body: { password: 'wrong-password' } }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
    const deleted = await call('delete', '/api/users/me', { token: 'customer', body: { password: DEMO_PASSWORD } });
    expect(deleted.status).toBe(204);
    expect((await listAccounts()).map((user) => user.id)).not.toContain(CUSTOMER.id);
    await errorOf(await call('get', '/api/users/me', { token: 'customer' }), 401, 'UNAUTHORIZED');
    await errorOf(await call('get', '/api/users/me', { bearer: accessOf(session) }), 401, 'UNAUTHORIZED');
    await errorOf(
      await call('post', '/api/auth/login', { body: { email: CUSTOMER.email, password: DEMO_PASSWORD } }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('reset() brings the demo accounts back and forgets sessions and mail', async () => {
    const session = await signIn(CUSTOMER.email, DEMO_PASSWORD);
    await call('delete', '/api/users/me', { token: 'customer', body: { password: DEMO_PASSWORD } });
    await call('post', '/api/auth/forgot-password', { body: { email: STAFF.email } });
    expect(mockInbox(store)).not.toEqual([]);
    store.reset();
    expect((await listAccounts()).map((user) => user.id).sort()).toEqual(DEMO_ACCOUNTS.map((demo) => demo.id).sort());
    expect(mockInbox(store)).toEqual([]);
    await errorOf(await call('get', '/api/users/me', { bearer: accessOf(session) }), 401, 'UNAUTHORIZED');
    await errorOf(
      await call('post', '/api/auth/refresh', { body: { refresh_token: refreshOf(session) } }),
      401,
      'UNAUTHORIZED',
    );
    expect((await call('get', '/api/users/me', { token: 'customer' })).status).toBe(200);
  });
});

describe('emailed links', () => {
  it('a newer link replaces the older one; notices carry no token', async () => {
    await call('post', '/api/auth/signup', { body: { name: 'Jane Doe', email: 'jane@example.com', password: STRONG } });
    const first = latestMockLink(store, 'jane@example.com', 'verify-email');
    await call('post', '/api/auth/resend-verification', { body: { email: 'jane@example.com' } });
    const second = latestMockLink(store, 'jane@example.com', 'verify-email');
    expect(second).not.toBe(first);
    await errorOf(
      await call('post', '/api/auth/verify-email', { body: { token: first } }),
      422,
      'UNPROCESSABLE_ENTITY',
    );
    expect((await call('post', '/api/auth/verify-email', { body: { token: second } })).status).toBe(200);
    // verified: resending sends nothing
    await call('post', '/api/auth/resend-verification', { body: { email: 'jane@example.com' } });
    expect(mockInbox(store, 'jane@example.com').map((mail) => mail.kind)).toEqual(['verify-email', 'verify-email']);

    await call('put', '/api/users/me/password', {
      token: 'staff',
      body: { current_password: DEMO_PASSWORD, new_password: STRONG },
    });
    expect(mockInbox(store, STAFF.email)).toEqual([
      expect.objectContaining({ kind: 'password-changed', token: null, sent_at: '2026-11-01T00:00:00.000Z' }),
    ]);
  });
});

describe('social sign-in', () => {
  const social = (provider: string, claims: Parameters<typeof mockIdToken>[0], token_delivery = 'body') =>
    call('post', `/api/auth/social/${provider}`, { body: { id_token: mockIdToken(claims), token_delivery } });

  it('lists the providers, creates an account on first sign-in and finds it again by identity', async () => {
    const providers = await json<{ items: { provider: string }[] }>(await call('get', '/api/auth/providers'));
    expect(providers.items.map((p) => p.provider)).toEqual(['microsoft', 'google']);

    const first = await social('google', {
      sub: 'g-1',
      email: 'Robin@Example.com',
      email_verified: true,
      name: 'Robin',
    });
    expect(first.status).toBe(200);
    const session = AuthSessionSchema.parse(await first.json());
    expect(session.user).toMatchObject({
      email: 'robin@example.com',
      name: 'Robin',
      role: 'customer',
      email_verified: true,
    });
    const again = AuthSessionSchema.parse(await (await social('google', { sub: 'g-1' })).json());
    expect(again.subject).toBe(session.subject);
    // no password: the email and password sign-in cannot reach it
    await errorOf(
      await call('post', '/api/auth/login', { body: { email: 'robin@example.com', password: STRONG } }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('joins an existing account only when the provider vouches for the email; 2FA still applies', async () => {
    const unvouched = await social('microsoft', { sub: 'm-1', email: CUSTOMER.email });
    await errorOf(unvouched, 409, 'CONFLICT');
    const joined = AuthSessionSchema.parse(
      await (await social('microsoft', { sub: 'm-1', email: CUSTOMER.email, email_verified: true })).json(),
    );
    expect(joined.subject).toBe(CUSTOMER.id);

    await seedTwoFactor('customer');
    const challenged = LoginResultSchema.parse(await (await social('microsoft', { sub: 'm-1' })).json());
    if (challenged.status !== 'two_factor_required') throw new Error('expected a two-factor challenge');
    const completed = await call('post', '/api/auth/login/2fa', {
      body: { challenge_token: challenged.challenge_token, code: '000000', token_delivery: 'body' },
    });
    expect(AuthSessionSchema.parse(await completed.json()).subject).toBe(CUSTOMER.id);
  });

  it('401 for a token that is not a JWT, 422 when it shares no email', async () => {
    const garbage = await call('post', '/api/auth/social/google', { body: { id_token: 'not-a-jwt-at-all-xxxxxxxx' } });
    await errorOf(garbage, 401, 'UNAUTHORIZED');
    await errorOf(await social('google', { sub: 'g-2' }), 422, 'UNPROCESSABLE_ENTITY');
  });
});
