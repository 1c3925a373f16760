/**
 * Writes racing for one document, with real parallel requests over HTTP against the composed
 * server on the Cosmos DB stand-in. An operation the caller sends no `If-Match` to never answers
 * 412: the conflict is retried on a fresh read. A version named by `If-Match` is claimed by exactly
 * one request, even when another request's body changes nothing.
 */
import type { AuthSession, Preferences } from '@holiday-peak-hub/contract';
import { totpCode } from '@holiday-peak-hub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, newCustomer, type Answer } from './support/identity-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ products: 4 });
});
afterAll(() => server.close());

/** How many answers had each status. */
const tally = (answers: readonly Answer<unknown>[]) =>
  answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});

describe('writes without If-Match retry their conflicts', () => {
  it('20 parallel preference updates of one account: all 200, the stored one is one of them', async () => {
    const { token } = await newCustomer(server);
    const wanted = (i: number): Preferences => ({
      language: i % 2 === 0 ? 'fr' : 'de',
      currency: 'EUR',
      notifications: { email_marketing: i % 3 === 0, email_orders: true, sms_shipping: i % 5 === 0 },
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api<Preferences>(server, 'PUT', '/api/users/me/preferences', { token, body: wanted(i) }),
      ),
    );
    console.info('20 parallel PUT /api/users/me/preferences:', tally(answers));
    expect(tally(answers)).toEqual({ 200: 20 });
    answers.forEach((answer, i) => expect(answer.body).toEqual(wanted(i)));
    const stored = await api<Preferences>(server, 'GET', '/api/users/me/preferences', { token });
    expect(answers.map((a) => a.body)).toContainEqual(stored.body);
  });

  it('one recovery code sent 4 times at once: one session (200), three 401', async () => {
    const { email, password, token } = await newCustomer(server);
    const enrol = await api<{ secret: string }>(server, 'POST', '/api/users/me/2fa/enable', {
      token,
      body: { password },
      shows: ['secret'],
    });
    expect(enrol.status).toBe(200);
    const confirm = await api<{ recovery_codes: string[] }>(server, 'POST', '/api/users/me/2fa/verify', {
      token,
      body: { code: totpCode(enrol.body.secret, new Date()) },
    });
    expect(confirm.status).toBe(200);
    const step1 = await api<{ challenge_token: string }>(server, 'POST', '/api/auth/login', {
      body: { email, password, token_delivery: 'body' },
    });
    const code = confirm.body.recovery_codes[0]!;
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        api<AuthSession>(server, 'POST', '/api/auth/login/2fa', {
          body: { challenge_token: step1.body.challenge_token, code, token_delivery: 'body' },
        }),
      ),
    );
    console.info('4 parallel POST /api/auth/login/2fa with one recovery code:', tally(answers));
    expect(tally(answers)).toEqual({ 200: 1, 401: 3 });
    for (const refused of answers.filter((a) => a.status === 401)) {
      expect(refused.body).toMatchObject({ error: { code: 'UNAUTHORIZED', message: 'Wrong or already used code' } });
    }
    // The other nine codes still work.
    const next = await api(server, 'POST', '/api/auth/login/2fa', {
      body: {
        challenge_token: step1.body.challenge_token,
        code: confirm.body.recovery_codes[1]!,
        token_delivery: 'body',
      },
    });
    expect(next.status).toBe(200);
  });
});

describe('If-Match names one version, claimed once', () => {
  it('50 parallel stock updates with one If-Match, one of them a no-op: exactly one 200, 49 × 412', async () => {
    const staff = server.tokens.staff;
    const list = await api<{ items: { id: string; variants: { variant_id: string; stock: number }[] }[] }>(
      server,
      'GET',
      '/api/staff/products?limit=1',
      { token: staff },
    );
    const product = list.body.items[0]!;
    const variant = product.variants[0]!;
    const read = await api(server, 'GET', `/api/staff/products/${product.id}`, { token: staff });
    const etag = read.headers.get('etag')!;
    const path = `/api/staff/products/${product.id}/variants/${variant.variant_id}/stock`;
    // Request 0 sets the stock it already has; the others each set another value.
    const stocks = Array.from({ length: 50 }, (_, i) => (i === 0 ? variant.stock : variant.stock + 1 + i));
    const answers = await Promise.all(
      stocks.map((stock) =>
        api<{ variants: { variant_id: string; stock: number }[] }>(server, 'PUT', path, {
          token: staff,
          headers: { 'if-match': etag },
          body: { stock },
        }),
      ),
    );
    console.info('50 parallel PUT …/stock with one If-Match (one a no-op):', tally(answers));
    expect(tally(answers)).toEqual({ 200: 1, 412: 49 });
    const winner = answers.findIndex((a) => a.status === 200);
    const after = await api(server, 'GET', `/api/staff/products/${product.id}`, { token: staff });
    const stored = (after.body as { variants: { variant_id: string; stock: number }[] }).variants.find(
      (v) => v.variant_id === variant.variant_id,
    );
    // The one 200 answers what is stored, and its ETag is the current one.
    expect(stored?.stock).toBe(stocks[winner]);
    expect(answers[winner]!.headers.get('etag')).toBe(after.headers.get('etag'));
    expect(answers[winner]!.body.variants.find((v) => v.variant_id === variant.variant_id)?.stock).toBe(stocks[winner]);
  });

  it('a no-op with a stale If-Match is a 412; with the current one a 200', async () => {
    const staff = server.tokens.staff;
    const list = await api<{ items: { id: string; variants: { variant_id: string; stock: number }[] }[] }>(
      server,
      'GET',
      '/api/staff/products?limit=2',
      { token: staff },
    );
    const product = list.body.items[1]!;
    const variant = product.variants[0]!;
    const path = `/api/staff/products/${product.id}/variants/${variant.variant_id}/stock`;
    const stale = (await api(server, 'GET', `/api/staff/products/${product.id}`, { token: staff })).headers.get(
      'etag',
    )!;
    const changed = await api(server, 'PUT', path, { token: staff, body: { stock: variant.stock + 7 } });
    expect(changed.status).toBe(200);
    const refused = await api(server, 'PUT', path, {
      token: staff,
      headers: { 'if-match': stale },
      body: { stock: variant.stock + 7 },
    });
    expect(refused.status).toBe(412);
    const current = changed.headers.get('etag')!;
    const same = await api(server, 'PUT', path, {
      token: staff,
      headers: { 'if-match': current },
      body: { stock: variant.stock + 7 },
    });
    expect(same.status).toBe(200);
  });
});
