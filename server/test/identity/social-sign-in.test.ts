/** Sign-in with Microsoft and Google ID tokens, against local JWKS issuers standing in for the providers. */
import { AuthProviderListSchema, ErrorEnvelopeSchema, type AuthSession, type User } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSocialVerifier } from '../../src/identity/social-verifier.ts';
import { api, newCustomer, recordEvents } from '../support/identity-client.ts';
import { STRONG_PASSWORD } from '../support/sample-requests.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let google: TestIssuer;
let microsoft: TestIssuer;

beforeAll(async () => {
  google = await startTestIssuer();
  microsoft = await startTestIssuer();
  server = await startTestServer({
    products: 4,
    configure: (config) => {
      config.social = {
        google: { issuer: google.issuer, jwksUri: google.jwksUri, clientId: 'google-client-id' },
        microsoft: { issuer: microsoft.issuer, jwksUri: microsoft.jwksUri, clientId: 'entra-client-id' },
      };
    },
  });
});
afterAll(async () => {
  await server.close();
  await google.close();
  await microsoft.close();
});

let n = 0;
const person = () => {
  n += 1;
  return { sub: `subject-${Date.now()}-${n}`, email: `social-${Date.now()}-${n}@example.com` };
};

const googleToken = (
  p: { sub: string; email: string },
  extra: Record<string, unknown> = {},
  audience = 'google-client-id',
) =>
  google.token('customer', {
    sub: p.sub,
    audience,
    payload: { email: p.email, email_verified: true, name: 'Gina Google', role: undefined, ...extra },
  });

const signIn = (provider: string, idToken: string) =>
  api<AuthSession>(server, 'POST', `/api/auth/social/${provider}`, {
    body: { id_token: idToken, token_delivery: 'body' },
  });

describe('social sign-in', () => {
  it('lists the configured providers for clients', async () => {
    const res = await api(server, 'GET', '/api/auth/providers');
    const { items } = AuthProviderListSchema.parse(res.body);
    expect(items.map((p) => [p.provider, p.client_id]).sort()).toEqual([
      ['google', 'google-client-id'],
      ['microsoft', 'entra-client-id'],
    ]);
  });

  it('creates a customer at the first Google sign-in and signs the same one in afterwards', async () => {
    const events = recordEvents(server);
    const p = person();
    const first = await signIn('google', await googleToken(p));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      role: 'customer',
      user: { email: p.email, email_verified: true, name: 'Gina Google' },
    });
    const created = events.find((e) => e.event_type === 'UserCreated');
    expect(created?.data).toMatchObject({ origin: 'social', user_id: first.body.subject });
    const again = await signIn('google', await googleToken(p, { email: 'changed@example.com' }));
    expect(again.body.subject).toBe(first.body.subject);
  });

  it('joins an existing password account only when the provider vouches for the email', async () => {
    const { email, id } = await newCustomer(server);
    const unverifiedMs = await microsoft.token('customer', {
      sub: `ms-${Date.now()}`,
      audience: 'entra-client-id',
      payload: { email, role: undefined },
    });
    const refused = await signIn('microsoft', unverifiedMs);
    expect(refused.status).toBe(409);
    expect(ErrorEnvelopeSchema.parse(refused.body).error.code).toBe('CONFLICT');

    const vouched = await microsoft.token('customer', {
      sub: `ms-${Date.now()}-v`,
      audience: 'entra-client-id',
      payload: { email, xms_edov: true, role: undefined },
    });
    const joined = await signIn('microsoft', vouched);
    expect(joined.status).toBe(200);
    expect(joined.body.subject).toBe(id);
  });

  it('takes an unverified account away from whoever made it when the owner signs in with a vouching provider', async () => {
    const p = person();
    // Someone signs up with the victim's address and never verifies it, keeping a session.
    await api(server, 'POST', '/api/auth/signup', {
      body: { name: 'Squatter', email: p.email, password: STRONG_PASSWORD },
    });
    const squatter = await api<AuthSession>(server, 'POST', '/api/auth/login', {
      body: { email: p.email, password: STRONG_PASSWORD, token_delivery: 'body' },
    });
    expect(squatter.status).toBe(200);

    const owner = await signIn('google', await googleToken(p));
    expect(owner.status).toBe(200);
    expect(owner.body.subject).toBe(squatter.body.subject);
    expect(owner.body.user?.email_verified).toBe(true);
    // The squatter's password and session are gone; the owner's session works.
    expect((await api(server, 'GET', '/api/users/me', { token: squatter.body.tokens!.access_token })).status).toBe(401);
    const again = await api(server, 'POST', '/api/auth/login', { body: { email: p.email, password: STRONG_PASSWORD } });
    expect(again.status).toBe(401);
    expect((await api(server, 'GET', '/api/users/me', { token: owner.body.tokens!.access_token })).status).toBe(200);
  });

  it('refuses ID tokens for another app, from another issuer, expired, or unsigned by the provider', async () => {
    const p = person();
    const wrongAudience = await googleToken(p, {}, 'someone-elses-app');
    const wrongIssuer = await microsoft.token('customer', {
      sub: p.sub,
      audience: 'google-client-id',
      payload: { email: p.email },
    });
    const expired = await google.token('customer', {
      sub: p.sub,
      audience: 'google-client-id',
      expiresInSeconds: -120,
      payload: { email: p.email, email_verified: true },
    });
    for (const token of [wrongAudience, wrongIssuer, expired, 'header.payload.signature-of-nobody']) {
      const res = await signIn('google', token);
      expect(res.status).toBe(401);
      expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('UNAUTHORIZED');
    }
    // Nothing was created for the refused identity.
    const later = await signIn('google', await googleToken(p));
    expect(later.body.user?.created_at).toBeDefined();
  });

  it('erasing the account frees the identity: the next sign-in makes a new account', async () => {
    const p = person();
    const first = await signIn('google', await googleToken(p));
    const token = first.body.tokens!.access_token;
    // A social account has no password to confirm erasure with (its owner sets one through forgot-password first): an admin erases it here.
    const me = await api<User>(server, 'GET', '/api/users/me', { token });
    expect((await api(server, 'DELETE', `/api/admin/users/${me.body.id}`, { token: server.tokens.admin })).status).toBe(
      204,
    );
    const next = await signIn('google', await googleToken(p));
    expect(next.status).toBe(200);
    expect(next.body.subject).not.toBe(first.body.subject);
  });

  it('asks a social account for a recent sign-in, not a password, to delete itself', async () => {
    const p = person();
    const session = await signIn('google', await googleToken(p));
    const token = session.body.tokens!.access_token;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 });
    try {
      // The access token has expired by then; refresh keeps the session's sign-in time.
      const refreshed = await api<AuthSession>(server, 'POST', '/api/auth/refresh', {
        body: { refresh_token: session.body.tokens!.refresh_token },
      });
      const late = await api(server, 'DELETE', '/api/users/me', {
        token: refreshed.body.tokens!.access_token,
        body: {},
      });
      expect(late.status).toBe(422);
      expect(ErrorEnvelopeSchema.parse(late.body).error.details).toEqual({ reason: 'recent_sign_in_required' });
    } finally {
      vi.useRealTimers();
    }
    expect((await api(server, 'GET', '/api/users/me', { token })).status).toBe(200);
  });

  it('answers 422 for a provider this server does not accept', async () => {
    const verify = createSocialVerifier({});
    await expect(verify('google', 'a.b.c')).rejects.toMatchObject({ code: 'UNPROCESSABLE_ENTITY' });
  });
});

describe('issuer metadata', () => {
  it('publishes the OpenID configuration of our own tokens', async () => {
    const res = await api<Record<string, unknown>>(server, 'GET', '/.well-known/openid-configuration');
    expect(res.status).toBe(200);
    expect(res.body.jwks_uri).toBe(new URL('/.well-known/jwks.json', String(res.body.issuer)).href);
    expect(res.body.id_token_signing_alg_values_supported).toEqual(['RS256']);
  });
});
