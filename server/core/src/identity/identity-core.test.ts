/**
 * The identity core on the core's own adapters only (memory storage, memory sessions and counters,
 * the memory mailer, the browser-safe hasher, strength check and social verifier), called through
 * the core's pipeline: no server adapter, no Express, no database.
 */
import { authOperations, profileOperations, type Operation, type OperationId } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { loadSigningKey, publishedKeys } from '../auth/signing-key.ts';
import { ACCESS_COOKIE, createAuthenticator, REFRESH_COOKIE } from '../pipeline/authenticate.ts';
import type { HandlersFor } from '../pipeline/handler.ts';
import type { CoreResponse } from '../pipeline/request.ts';
import { runOperation, type PipelineDeps } from '../pipeline/run-operation.ts';
import { InProcessEventBus } from '../platform/events/in-process-event-bus.ts';
import { silentLogger } from '../ports/logger.ts';
import type { IdentityOperationId } from './handlers.ts';
import { createMemoryIdentity } from './memory/memory-identity-core.ts';
import { REFRESH_REUSE_GRACE_SECONDS } from './session-service.ts';
import { unsignedIdToken } from './stand-ins/unsigned-social-verifier.ts';

const ISSUER = 'http://identity-core.test';
const AUDIENCE = 'holiday-peak-hub-api';
const PASSWORD = 'Velvet-Harbor-Quietly-93';
const ADDRESS = {
  name: 'Jane Doe',
  line1: '123 Main St',
  line2: null,
  city: 'San Francisco',
  state: 'CA',
  postal_code: '94102',
  country: 'US',
  phone: null,
  type: 'shipping',
  is_default: false,
};

async function memoryIdentity() {
  let ahead = 0;
  const clock = () => new Date(Date.now() + ahead);
  /** Moves the clock forward. */
  const advance = (ms: number) => void (ahead += ms);
  const events = new InProcessEventBus(silentLogger);
  const published: string[] = [];
  events.subscribe((event) => void published.push(event.event_type));
  const signingKey = await loadSigningKey(undefined);
  const { identity, mailer, csrf } = createMemoryIdentity({
    signingKey,
    clock,
    publisher: events,
    csrfSecret: 'identity-core-test',
    jwt: { issuer: ISSUER, audience: AUDIENCE },
    appUrl: 'http://shop.test',
    attemptsPerMinute: 100,
    eventSource: 'identity-core-test',
  });
  const pipeline: PipelineDeps = {
    authenticate: createAuthenticator({
      issuers: [
        {
          issuer: ISSUER,
          audience: AUDIENCE,
          jwksUri: `${ISSUER}/.well-known/jwks.json`,
          localKeys: publishedKeys(signingKey),
          own: true,
          roleOf: (claims) => (['guest', 'customer', 'staff', 'admin'] as const).find((role) => role === claims.role),
        },
      ],
      sessionActive: identity.sessions.isActive,
      csrf,
    }),
    logger: silentLogger,
    clock,
    validateResponses: true,
    limitByIp: () => Promise.resolve({ allowed: true }),
  };
  const handlers: HandlersFor<IdentityOperationId> = identity.handlers;
  let requests = 0;

  /** One request through the pipeline, as an adapter would hand it over. */
  async function call(
    operationId: IdentityOperationId & OperationId,
    request: {
      body?: unknown;
      headers?: Record<string, string>;
      cookies?: Record<string, string>;
      params?: Record<string, string>;
    } = {},
  ): Promise<CoreResponse & { json: Record<string, unknown> }> {
    const op = [...authOperations, ...profileOperations].find((o) => o.operationId === operationId) as Operation;
    const hasBody = request.body !== undefined;
    const response = await runOperation(
      op,
      handlers[operationId] as never,
      {
        method: op.method.toUpperCase(),
        params: request.params ?? {},
        query: {},
        headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...request.headers },
        cookies: request.cookies ?? {},
        hasBody,
        body: request.body,
        ip: '127.0.0.1',
        requestId: `req-${++requests}`,
      },
      pipeline,
    );
    return { ...response, json: JSON.parse(response.body ?? 'null') as Record<string, unknown> };
  }

  /** The token of the latest emailed link. */
  const mailedToken = () => {
    const text = mailer.messages().at(-1)?.text ?? '';
    return decodeURIComponent(/[?&]token=([^\s&]+)/.exec(text)?.[1] ?? '');
  };

  return { call, mailer, mailedToken, published, advance };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('the identity core on memory adapters only', () => {
  it('signs up, verifies the email from the mailed link, signs in, reads and edits the account, signs out', async () => {
    const { call, mailer, mailedToken, published } = await memoryIdentity();
    const email = 'jane.doe@example.com';

    const signup = await call('signup', { body: { name: 'Jane Doe', email, password: PASSWORD } });
    expect(signup.status).toBe(202);
    expect(mailer.messages().at(-1)).toMatchObject({ to: email, subject: 'Confirm your email address' });

    const verified = await call('verifyEmail', { body: { token: mailedToken() } });
    expect(verified).toMatchObject({ status: 200, json: { email, email_verified: true } });

    const login = await call('login', { body: { email, password: PASSWORD, token_delivery: 'body' } });
    expect(login.status).toBe(200);
    expect(login.cookies).toEqual([]);
    const tokens = login.json.tokens as { access_token: string };

    const me = await call('getMe', { headers: bearer(tokens.access_token) });
    expect(me).toMatchObject({ status: 200, json: { email, email_verified: true, name: 'Jane Doe' } });
    expect(me.headers.ETag).toMatch(/^".+"$/);

    const address = await call('createAddress', { headers: bearer(tokens.access_token), body: ADDRESS });
    expect(address).toMatchObject({ status: 201, json: { city: 'San Francisco', is_default: true } });
    const addresses = await call('listAddresses', { headers: bearer(tokens.access_token) });
    expect((addresses.json.items as unknown[]).length).toBe(1);

    expect((await call('logout', { headers: bearer(tokens.access_token) })).status).toBe(204);
    const after = await call('getMe', { headers: bearer(tokens.access_token) });
    expect(after).toMatchObject({ status: 401, json: { error: { code: 'UNAUTHORIZED' } } });

    expect(published).toEqual(['UserCreated', 'UserUpdated']);
  });

  it('answers a cookie session with its cookies, refreshes from the cookie, and clears them on sign-out', async () => {
    const { call, mailedToken, advance } = await memoryIdentity();
    const email = 'cookie.shopper@example.com';
    await call('signup', { body: { name: 'Cookie Shopper', email, password: PASSWORD } });
    await call('verifyEmail', { body: { token: mailedToken() } });

    const login = await call('login', { body: { email, password: PASSWORD, token_delivery: 'cookie' } });
    expect(login.json).toMatchObject({ status: 'authenticated', tokens: null });
    expect(login.cookies.map((c) => [c.name, c.path, c.sameSite, c.httpOnly])).toEqual([
      [ACCESS_COOKIE, '/', 'lax', true],
      [REFRESH_COOKIE, '/api/auth', 'strict', true],
    ]);
    const cookie = (name: string) => login.cookies.find((c) => c.name === name)?.value ?? '';

    const refreshed = await call('refreshSession', { body: {}, cookies: { [REFRESH_COOKIE]: cookie(REFRESH_COOKIE) } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.cookies.map((c) => c.name)).toEqual([ACCESS_COOKIE, REFRESH_COOKIE]);

    // Inside the grace window the refresh token it rotated away answers the same new one.
    const refreshedCookie = refreshed.cookies.find((c) => c.name === REFRESH_COOKIE)?.value;
    const again = await call('refreshSession', { body: {}, cookies: { [REFRESH_COOKIE]: cookie(REFRESH_COOKIE) } });
    expect(again.status).toBe(200);
    expect(again.cookies.find((c) => c.name === REFRESH_COOKIE)?.value).toBe(refreshedCookie);

    // After the window it is refused, the session ends, and the dead cookies are cleared.
    advance(REFRESH_REUSE_GRACE_SECONDS * 1000);
    const replayed = await call('refreshSession', { body: {}, cookies: { [REFRESH_COOKIE]: cookie(REFRESH_COOKIE) } });
    expect(replayed.status).toBe(401);
    expect(replayed.cookies.map((c) => [c.name, c.value, c.maxAge])).toEqual([
      [ACCESS_COOKIE, '', 0],
      [REFRESH_COOKIE, '', 0],
    ]);
  });

  it('signs in with an unsigned ID token (the mocks’ social sign-in), creating the account', async () => {
    const { call } = await memoryIdentity();
    const id_token = unsignedIdToken({ sub: 'g-1', email: 'Social@Example.com', email_verified: true, name: 'Sol' });
    const first = await call('socialSignIn', {
      params: { provider: 'google' },
      body: { id_token, token_delivery: 'body' },
    });
    expect(first).toMatchObject({ status: 200, json: { user: { email: 'social@example.com', email_verified: true } } });
    const again = await call('socialSignIn', {
      params: { provider: 'google' },
      body: { id_token, token_delivery: 'body' },
    });
    expect(again.json.subject).toBe(first.json.subject);
    const bad = await call('socialSignIn', {
      params: { provider: 'google' },
      body: { id_token: 'not.a.valid-google-id-token', token_delivery: 'body' },
    });
    expect(bad).toMatchObject({ status: 401, json: { error: { message: 'The google ID token is not valid' } } });
  });

  it('refuses a guessable password with the server’s 422 details', async () => {
    const { call } = await memoryIdentity();
    const weak = await call('signup', {
      body: { name: 'Jane Doe', email: 'jane@example.com', password: 'password123' },
    });
    expect(weak).toMatchObject({
      status: 422,
      json: {
        error: {
          code: 'UNPROCESSABLE_ENTITY',
          message: 'The password is too easy to guess',
          details: {
            field: 'password',
            score: 0,
            warning: 'This is a very common password.',
            suggestions: ['Add another word or two. Uncommon words are better.'],
          },
        },
      },
    });
  });
});
