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
import { createAuthenticator } from './authenticate.ts';
import { entraRoles, roleClaim } from './trusted-issuers.ts';

let issuer: TestIssuer;
let app: express.Express;

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  issuer = await startTestIssuer();
  app = express();
  const authenticate = createAuthenticator([
    { issuer: issuer.issuer, audience: issuer.audience, jwksUri: issuer.jwksUri, roleOf: roleClaim },
  ]);
  app.use(requestContext(pino({ level: 'silent' })));
  app.get('/whoami', async (req, res) => {
    res.json(await authenticate(req, res));
  });
  app.use(errorMiddleware(pino({ level: 'silent' })));
});

afterAll(() => issuer.close());

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
    });
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

describe('Entra ID role mapping', () => {
  it('maps app roles to ours, admin first, customer by default', () => {
    expect(entraRoles({ roles: ['HolidayPeakHub.Staff', 'HolidayPeakHub.Admin'] })).toBe('admin');
    expect(entraRoles({ roles: ['HolidayPeakHub.Staff'] })).toBe('staff');
    expect(entraRoles({ roles: ['Something.Else'] })).toBe('customer');
    expect(entraRoles({})).toBe('customer');
  });
});
