/**
 * Abuse of the auth operations over real HTTP: per-address limits, the per-account lockout, account
 * enumeration; and, with REDIS_URL, sessions and limits shared by instances and kept across restarts.
 */
import { generateKeyPairSync, randomInt, randomUUID } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expect401, expectError, login, newCustomer, sessionOf, type Reply } from '../support/identity-http.ts';
import { STRONG_PASSWORD } from '../support/sample-requests.ts';
import { startBareServer, startTestServer, type BareServer, type TestServer } from '../support/test-server.ts';

const customer = DEMO_ACCOUNTS.find((a) => a.role === 'customer')!;
const redisUrl = process.env.REDIS_URL;

const loginBody = (email: string, password: string) => ({ body: { email, password, token_delivery: 'body' } });

/** A 429 with the envelope and a `Retry-After` of at least a second. */
function expectLimited(reply: Reply): number {
  const envelope = expectError(reply, 429, 'RATE_LIMIT_EXCEEDED');
  const retryAfter = Number(reply.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(envelope.error.details).toEqual({ retry_after_seconds: retryAfter });
  return retryAfter;
}

/** An error body without what differs between any two answers. */
function comparable(reply: Reply) {
  const error = { ...(reply.json as { error: Record<string, unknown> }).error };
  delete error.timestamp;
  delete error.request_id;
  return { status: reply.status, authenticate: reply.headers.get('www-authenticate'), error };
}

describe('per-address limit of the auth operations', () => {
  let limited: BareServer;
  beforeAll(async () => {
    limited = await startBareServer({ products: 0, env: { AUTH_RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => limited.close());

  it('answers the 6th sign-in from one address within a minute 429, right password or not, whatever X-Forwarded-For says', async () => {
    const attempt = (headers: Record<string, string> = {}) =>
      call(limited.baseUrl, 'POST', '/api/auth/login', { ...loginBody(customer.email, DEMO_PASSWORD), headers });
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(200);
    const retryAfter = expectLimited(await attempt());
    expect(retryAfter).toBeLessThanOrEqual(60);
    // TRUST_PROXY is 0: a forged forwarding header does not make a new client.
    expectLimited(await attempt({ 'x-forwarded-for': '203.0.113.7' }));
    expectLimited(await call(limited.baseUrl, 'POST', '/api/auth/login', loginBody(customer.email, 'wrong-password')));
  });
});

describe('on one server', () => {
  let server: TestServer;
  const api = (method: string, path: string, options?: Parameters<typeof call>[3]) =>
    call(server.baseUrl, method, path, options);
  const mails = (to: string) => server.mailbox.messages().filter((m) => m.to === to);

  beforeAll(async () => {
    server = await startTestServer({ products: 1 });
  });
  afterAll(() => server.close());

  it('locks an account after repeated wrong passwords, even for the right one, and only that account', async () => {
    const victim = await newCustomer(server.baseUrl, server.mailbox, 'locked');
    for (let i = 0; i < 5; i++)
      expect401(await api('POST', '/api/auth/login', loginBody(victim.email, `wrong-${i}-pw`)));
    // Five failures are free; the sixth locks the account for a minute (login-lockout.ts).
    expect(expectLimited(await api('POST', '/api/auth/login', loginBody(victim.email, 'wrong-5-pw')))).toBe(60);
    expectLimited(await api('POST', '/api/auth/login', loginBody(victim.email, STRONG_PASSWORD)));
    expectLimited(await api('POST', '/api/auth/login', loginBody(victim.email.toUpperCase(), STRONG_PASSWORD)));
    // Only new sign-ins of that account are refused: its open session works, other accounts sign in.
    expect((await api('GET', '/api/users/me', { token: victim.access })).status).toBe(200);
    expect((await login(server.baseUrl, customer.email, DEMO_PASSWORD)).id).toBe(customer.id);
  });

  it('bounds guesses sent in parallel, before the lockout has counted any of them', async () => {
    // Default per-account attempt limit (10 a minute); the per-address limit stays out of the way.
    const bounded = await startBareServer({ products: 0, env: { AUTH_ACCOUNT_ATTEMPTS_PER_MINUTE: '10' } });
    try {
      const victim = await newCustomer(bounded.baseUrl, bounded.mailbox, 'parallel');
      const guesses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          call(bounded.baseUrl, 'POST', '/api/auth/login', loginBody(victim.email, `guess-${i}-pw`)),
        ),
      );
      const checked = guesses.filter((g) => g.status === 401).length;
      const refused = guesses.filter((g) => g.status === 429).length;
      // The sign-in that made the session above was one attempt of the ten.
      expect(checked).toBeLessThanOrEqual(9);
      expect(checked + refused).toBe(40);
    } finally {
      await bounded.close();
    }
  });

  it('answers a wrong password for an unknown and for a known email alike', async () => {
    const known = await newCustomer(server.baseUrl, server.mailbox, 'known');
    const unknown = await api(
      'POST',
      '/api/auth/login',
      loginBody(`nobody-${randomUUID()}@example.com`, STRONG_PASSWORD),
    );
    const wrong = await api('POST', '/api/auth/login', loginBody(known.email, 'Not-The-Password-1'));
    expect401(unknown);
    expect(comparable(wrong)).toEqual(comparable(unknown));
    expect(wrong.text.replace(/"timestamp":"[^"]*"|"request_id":"[^"]*"/g, '')).toBe(
      unknown.text.replace(/"timestamp":"[^"]*"|"request_id":"[^"]*"/g, ''),
    );
  });

  it('answers a sign-up with a taken email exactly like a new one, and tells the owner instead', async () => {
    const owner = await newCustomer(server.baseUrl, server.mailbox, 'owner');
    const mailsBefore = mails(owner.email).length;
    const fresh = await api('POST', '/api/auth/signup', {
      body: { name: 'New Person', email: `new-${randomUUID()}@example.com`, password: 'Amber-Quarry-Whistle-58' },
    });
    const taken = await api('POST', '/api/auth/signup', {
      body: { name: 'Impostor', email: owner.email, password: 'Amber-Quarry-Whistle-58' },
    });
    expect([fresh.status, taken.status]).toEqual([202, 202]);
    expect(taken.text).toBe(fresh.text);
    const sent = mails(owner.email).slice(mailsBefore);
    expect(sent.map((m) => m.subject)).toEqual(['You already have an account']);
    expect(sent[0]!.text).not.toContain('token=');
    // The account is untouched: the old password works, the impostor's does not.
    expect401(await api('POST', '/api/auth/login', loginBody(owner.email, 'Amber-Quarry-Whistle-58')));
    expect(sessionOf(await api('POST', '/api/auth/login', loginBody(owner.email, STRONG_PASSWORD))).subject).toBe(
      owner.id,
    );
  });

  it('answers forgot-password and resend-verification alike for known and unknown emails', async () => {
    const known = await newCustomer(server.baseUrl, server.mailbox, 'asks');
    for (const path of ['/api/auth/forgot-password', '/api/auth/resend-verification']) {
      const a = await api('POST', path, { body: { email: known.email } });
      const b = await api('POST', path, { body: { email: `nobody-${randomUUID()}@example.com` } });
      expect([a.status, b.status]).toEqual([202, 202]);
      expect(a.text).toBe(b.text);
    }
  });
});

describe.skipIf(!redisUrl)('with Redis (REDIS_URL): several instances', () => {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  /** One deployment: the same Redis and signing key; each instance has its own embedded database. */
  const env = { REDIS_URL: redisUrl ?? '', JWT_PRIVATE_KEY: privateKey };
  let raw: Redis;
  beforeAll(() => {
    raw = new Redis(redisUrl ?? '');
  });
  afterAll(() => raw.quit());

  it('share the per-address limit: 2 sign-ins on A and 2 on B, the 4th is 429', async () => {
    // A client address of its own (through one trusted proxy), so no other test's counts mix in.
    const ip = `198.18.${randomInt(256)}.${randomInt(1, 255)}`;
    const limits = { ...env, AUTH_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1' };
    const [a, b] = await Promise.all([
      startBareServer({ products: 0, env: limits }),
      startBareServer({ products: 0, env: limits }),
    ]);
    try {
      const email = `nobody-${randomUUID()}@example.com`;
      const attempt = (on: BareServer) =>
        call(on.baseUrl, 'POST', '/api/auth/login', {
          ...loginBody(email, STRONG_PASSWORD),
          headers: { 'x-forwarded-for': ip },
        });
      expect401(await attempt(a));
      expect401(await attempt(a));
      expect401(await attempt(b));
      expectLimited(await attempt(b));
      expectLimited(await attempt(a));
    } finally {
      await Promise.all([a.close(), b.close()]);
      await raw.del(`rl:auth-ip:login:${ip}`);
    }
  });

  it('share sessions: one instance sees sign-in, rotation and sign-out done on another', async () => {
    const [a, b] = await Promise.all([startBareServer({ products: 0, env }), startBareServer({ products: 0, env })]);
    const me = (on: BareServer, token: string) => call(on.baseUrl, 'GET', '/api/users/me', { token });
    const refresh = (on: BareServer, token: string) =>
      call(on.baseUrl, 'POST', '/api/auth/refresh', { body: { refresh_token: token } });
    try {
      // The demo accounts have the same ids in every embedded database, so B knows A's user.
      const first = await login(a.baseUrl, customer.email, DEMO_PASSWORD);
      expect((await me(b, first.access)).json).toMatchObject({ id: customer.id });
      const rotated = sessionOf(await refresh(b, first.refresh)).tokens!;
      // A second refresh with the same token, on A inside the grace window: the same new refresh token.
      expect(sessionOf(await refresh(a, first.refresh)).tokens?.refresh_token).toBe(rotated.refresh_token);
      const onward = sessionOf(await refresh(a, rotated.refresh_token)).tokens!;
      expect401(await refresh(b, first.refresh)); // an older token: reuse, seen by B; the session ends everywhere
      expect401(await refresh(a, onward.refresh_token));
      expect401(await me(a, onward.access_token));

      const second = await login(a.baseUrl, customer.email, DEMO_PASSWORD);
      expect((await call(b.baseUrl, 'POST', '/api/auth/logout', { token: second.access })).status).toBe(204);
      expect401(await me(a, second.access));
      expect401(await refresh(a, second.refresh));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('keep sessions across a restart', async () => {
    const before = await startBareServer({ products: 0, env });
    let session;
    try {
      session = await login(before.baseUrl, customer.email, DEMO_PASSWORD);
    } finally {
      await before.close();
    }
    const after = await startBareServer({ products: 0, env });
    try {
      expect((await call(after.baseUrl, 'GET', '/api/users/me', { token: session.access })).status).toBe(200);
      const refreshed = sessionOf(
        await call(after.baseUrl, 'POST', '/api/auth/refresh', { body: { refresh_token: session.refresh } }),
      );
      expect(refreshed.subject).toBe(customer.id);
      await call(after.baseUrl, 'POST', '/api/auth/logout', { token: refreshed.tokens!.access_token });
    } finally {
      await after.close();
    }
  });
});
