import { createHmac } from 'node:crypto';
import express from 'express';
import { exportSPKI } from 'jose';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelopeSchema } from '@holiday-peak-hub/contract';
import { startTestIssuer, type TestIssuer } from '../../test/support/test-issuer.ts';
import { errorMiddleware } from '../http/error-middleware.ts';
import { requestContext } from '../http/request-context.ts';
import {
  ACCESS_COOKIE,
  type CoreRequest,
  createAuthenticator,
  createCsrfTokens,
  ownRoleClaim,
  roleClaim,
} from '@holiday-peak-hub/core';
import { requestCookies } from '../http/request-cookies.ts';
import { entraRoles } from './trusted-issuers.ts';

let issuer: TestIssuer;
/** Stands in for this API's own issuer: its tokens carry a session that must be active. */
let own: TestIssuer;
let app: express.Express;
const activeSessions = new Set<string>();
const csrf = createCsrfTokens('test-secret');

/** The parts of an Express request the authenticator reads, as the Express adapter hands them to the core. */
const coreRequest = (req: express.Request): CoreRequest => ({
  method: req.method,
  params: {},
  query: {},
  headers: req.headers,
  cookies: requestCookies(req),
  hasBody: false,
  body: undefined,
  ip: req.ip ?? '',
  requestId: 'req_test',
});

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  issuer = await startTestIssuer();
  own = await startTestIssuer();
  app = express();
  const authenticate = createAuthenticator({
    issuers: [
      { issuer: issuer.issuer, audience: issuer.audience, jwksUri: issuer.jwksUri, roleOf: roleClaim },
      { issuer: own.issuer, audience: own.audience, jwksUri: own.jwksUri, roleOf: ownRoleClaim, own: true },
    ],
    sessionActive: (sid) => Promise.resolve(activeSessions.has(sid)),
    csrf,
  });
  app.use(requestContext(pino({ level: 'silent' })));
  app.get('/whoami', async (req, res) => {
    res.json(await authenticate(coreRequest(req)));
  });
  app.post('/whoami', async (req, res) => {
    res.json(await authenticate(coreRequest(req)));
  });
  app.post('/public', async (req, res) => {
    res.json(await authenticate(coreRequest(req), false));
  });
  app.use(errorMiddleware({ logger: pino({ level: 'silent' }), clock: () => new Date() }));
});

afterAll(async () => {
  await issuer.close();
  await own.close();
});

describe('authenticate', () => {
  it('lets a request without a token through as anonymous', async () => {
    const res = await request(app).get('/whoami').expect(200);
    expect(res.body).toMatchObject({ role: 'anonymous', userId: null });
  });

  it('identifies the caller of a valid token fetched through the JWKS', async () => {
    const res = await request(app)
      .get('/whoami')
      .set('Authorization', `Bearer ${await issuer.token('staff')}`)
      .expect(200);
    expect(res.body).toEqual({
      role: 'staff',
      userId: 'user_staff',
      email: 'staff@example.com',
      issuer: issuer.issuer,
      sessionId: null,
    });
  });

  it('accepts our own token only while its session is active', async () => {
    activeSessions.add('ses_a');
    const token = await own.token('customer', { payload: { sid: 'ses_a' } });
    const res = await request(app).get('/whoami').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.body).toMatchObject({ role: 'customer', sessionId: 'ses_a' });
    activeSessions.delete('ses_a');
    const after = await request(app).get('/whoami').set('Authorization', `Bearer ${token}`).expect(401);
    expect(ErrorEnvelopeSchema.parse(after.body).error.message).toMatch(/session has ended/);
  });

  it('refuses our own token without a session id', async () => {
    await request(app)
      .get('/whoami')
      .set('Authorization', `Bearer ${await own.token('admin')}`)
      .expect(401);
  });

  it('accepts a guest session of ours, and no guest role from another issuer', async () => {
    activeSessions.add('ses_g');
    const guest = await own.token('customer', { sub: 'gst_1', payload: { role: 'guest', sid: 'ses_g' } });
    const res = await request(app).get('/whoami').set('Authorization', `Bearer ${guest}`).expect(200);
    expect(res.body).toMatchObject({ role: 'guest', userId: 'gst_1' });
    const foreign = await issuer.token('customer', { payload: { role: 'guest' } });
    await request(app).get('/whoami').set('Authorization', `Bearer ${foreign}`).expect(401);
  });

  it('reads the session cookie, and lets a cookie write through only with the CSRF token', async () => {
    activeSessions.add('ses_c');
    const token = await own.token('customer', { payload: { sid: 'ses_c' } });
    const cookie = `${ACCESS_COOKIE}=${token}`;
    const read = await request(app).get('/whoami').set('Cookie', cookie).expect(200);
    expect(read.body).toMatchObject({ role: 'customer', sessionId: 'ses_c' });
    const forged = await request(app).post('/whoami').set('Cookie', cookie).expect(403);
    expect(ErrorEnvelopeSchema.parse(forged.body).error.details).toEqual({ reason: 'csrf' });
    await request(app)
      .post('/whoami')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf.tokenFor('ses_other'))
      .expect(403);
    await request(app).post('/whoami').set('Cookie', cookie).set('X-CSRF-Token', csrf.tokenFor('ses_c')).expect(200);
  });

  it('treats a cookie write without the CSRF token as anonymous on a public operation (sign-in after a reload)', async () => {
    activeSessions.add('ses_p');
    const cookie = `${ACCESS_COOKIE}=${await own.token('customer', { payload: { sid: 'ses_p' } })}`;
    const res = await request(app).post('/public').set('Cookie', cookie).expect(200);
    expect(res.body).toMatchObject({ role: 'anonymous', sessionId: null });
    const withToken = await request(app)
      .post('/public')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf.tokenFor('ses_p'));
    expect(withToken.body).toMatchObject({ role: 'customer', sessionId: 'ses_p' });
  });

  it('needs no CSRF token for a bearer write (a browser never adds the header by itself)', async () => {
    activeSessions.add('ses_b');
    const token = await own.token('customer', { payload: { sid: 'ses_b' } });
    await request(app).post('/whoami').set('Authorization', `Bearer ${token}`).expect(200);
  });

  const bad: [string, () => Promise<string>][] = [
    [
      'alg none',
      () =>
        Promise.resolve(
          `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', role: 'admin', iss: issuer.issuer, aud: issuer.audience, exp: Math.floor(Date.now() / 1000) + 60 })}.`,
        ),
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const header = b64({ alg: 'HS256', typ: 'JWT', kid: issuer.kid });
        const payload = b64({
          sub: 'x',
          role: 'admin',
          iss: issuer.issuer,
          aud: issuer.audience,
          exp: Math.floor(Date.now() / 1000) + 60,
        });
        const secret = await exportSPKI(issuer.publicKey);
        return `${header}.${payload}.${createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')}`;
      },
    ],
    ['expired', () => issuer.token('admin', { expiresInSeconds: -120 })],
    ['not yet valid', () => issuer.token('admin', { notBeforeSeconds: 600 })],
    ['wrong issuer', () => issuer.token('admin', { issuer: 'https://evil.example.com/' })],
    ['wrong audience', () => issuer.token('admin', { audience: 'another-api' })],
    ['unknown kid', () => issuer.token('admin', { kid: 'who-knows' })],
    [
      'tampered payload',
      async () => {
        const [h, , s] = (await issuer.token('customer')).split('.');
        return `${h}.${b64({ sub: 'user_customer', role: 'admin', iss: issuer.issuer, aud: issuer.audience, exp: Math.floor(Date.now() / 1000) + 60 })}.${s}`;
      },
    ],
    ['unknown role', () => issuer.token('customer', { payload: { role: 'superuser' } })],
    ['garbage', () => Promise.resolve('not.a.jwt')],
    [
      'a JSON null payload',
      () =>
        Promise.resolve(
          `${b64({ alg: 'RS256', typ: 'JWT', kid: 'test-key-1' })}.${Buffer.from('null').toString('base64url')}.c2ln`,
        ),
    ],
    [
      'a string payload',
      () => Promise.resolve(`${b64({ alg: 'RS256', typ: 'JWT' })}.${Buffer.from('"iss"').toString('base64url')}.c2ln`),
    ],
  ];

  it.each(bad)('refuses a token that is %s with 401 and the envelope', async (_name, make) => {
    const res = await request(app)
      .get('/whoami')
      .set('Authorization', `Bearer ${await make()}`)
      .expect(401);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('UNAUTHORIZED');
  });

  it('refuses a non-bearer authorization scheme', async () => {
    const res = await request(app).get('/whoami').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
    expect(ErrorEnvelopeSchema.parse(res.body).error.code).toBe('UNAUTHORIZED');
  });
});

describe('our own keys, held in process', () => {
  it('verifies by kid without fetching, and answers an unknown kid 401 rather than trying the network', async () => {
    const issuerUrl = 'http://127.0.0.1:9/'; // nothing listens there: a fetch would fail with a 500
    const signer = await startTestIssuer();
    try {
      const published = (await (await fetch(signer.jwksUri)).json()) as { keys: object[] };
      const authenticate = createAuthenticator({
        issuers: [
          {
            issuer: issuerUrl,
            audience: 'api',
            jwksUri: `${issuerUrl}.well-known/jwks.json`,
            localKeys: published.keys,
            own: true,
            roleOf: ownRoleClaim,
          },
        ],
        sessionActive: () => Promise.resolve(true),
        csrf,
      });
      const local = express();
      local.get('/whoami', async (req, res) => {
        res.json(await authenticate(coreRequest(req)));
      });
      local.use(errorMiddleware({ logger: pino({ level: 'silent' }), clock: () => new Date() }));
      const token = (kid: string) =>
        signer.token('customer', { issuer: issuerUrl, audience: 'api', kid, payload: { sid: 'ses_local' } });
      const known = await request(local)
        .get('/whoami')
        .set('Authorization', `Bearer ${await token(signer.kid)}`);
      expect(known.status).toBe(200);
      const retired = await request(local)
        .get('/whoami')
        .set('Authorization', `Bearer ${await token('retired-kid')}`);
      expect(retired.status).toBe(401);
      expect(ErrorEnvelopeSchema.parse(retired.body).error.code).toBe('UNAUTHORIZED');
    } finally {
      await signer.close();
    }
  });
});

describe('Entra ID role mapping', () => {
  it('maps app roles to ours, admin first, customer by default', () => {
    expect(entraRoles({ roles: ['HolidayPeakHub.Staff', 'HolidayPeakHub.Admin'] })).toBe('admin');
    expect(entraRoles({ roles: ['HolidayPeakHub.Staff'] })).toBe('staff');
    expect(entraRoles({ roles: ['Something.Else'] })).toBe('customer');
    expect(entraRoles({})).toBe('customer');
  });
});
