import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFakeAuthApi, PASSWORD } from '../test/fake-auth-api.ts';
import { IDEMPOTENT_ROUTES } from './idempotency.ts';
import {
  cancelOrder,
  confirmPayment,
  createHolidayPeakClient,
  createIdempotencyKey,
  createTokenSession,
  getOrder,
  isHolidayPeakApiError,
  placeOrder,
  refundPayment,
  type RetryOptions,
  signIn,
  withIdempotencyKey,
} from './index.ts';

const BASE_URL = 'http://api.test';
const body = {
  shipping_address: { name: 'Jane', line1: '1 Market St', city: 'SF', postal_code: '94105', country: 'US' },
};

interface Sent {
  path: string;
  key: string | null;
  body: string;
}

/** A fetch that records each request and answers from `answers` in turn (the last one repeats). */
function recorder(...answers: Array<() => Response | Promise<Response>>) {
  const sent: Sent[] = [];
  const requestIds: Array<string | null> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requestIds.push(request.headers.get('x-request-id'));
    sent.push({
      path: new URL(request.url).pathname,
      key: request.headers.get('idempotency-key'),
      body: await request.text(),
    });
    const answer = answers[Math.min(sent.length - 1, answers.length - 1)];
    if (!answer) throw new Error('no answer');
    return answer();
  };
  return { sent, requestIds, fetch };
}

const created = () => Response.json({ order: { id: 'ord_1' } }, { status: 201 });
const keyInUse = () =>
  Response.json(
    { error: { code: 'IDEMPOTENCY_KEY_IN_USE', message: 'running', details: {}, timestamp: '', request_id: 'r' } },
    { status: 409, headers: { 'retry-after': '0' } },
  );
const offline = () => Promise.reject(new TypeError('fetch failed'));

function client(fetch: typeof globalThis.fetch, retry?: RetryOptions) {
  return createHolidayPeakClient({ baseUrl: BASE_URL, getToken: () => 'token', fetch, ...(retry && { retry }) });
}

describe('Idempotency-Key', () => {
  it('lists exactly the operations of contract/openapi.json that take an Idempotency-Key header', () => {
    const document = JSON.parse(readFileSync(new URL('../../contract/openapi.json', import.meta.url), 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string; parameters?: Array<{ in: string; name: string }> }>>;
    };
    const declared = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'))
        .map(([method, op]) => [op.operationId, `${method.toUpperCase()} ${path}`]),
    );
    expect(declared.length).toBeGreaterThan(0);
    expect(Object.fromEntries(declared)).toEqual(IDEMPOTENT_ROUTES);
  });

  it('adds a new UUID to each call of an idempotent operation that has none', async () => {
    const api = recorder(created);
    const c = client(api.fetch);
    await placeOrder({ client: c, body });
    await placeOrder({ client: c, body });
    await confirmPayment({ client: c, body: { order_id: 'ord_1', payment_method: 'pm_card_visa' } });
    await refundPayment({ client: c, body: { order_id: 'ord_1', reason: 'damaged' } });
    const keys = api.sent.map((sent) => sent.key);
    for (const key of keys)
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(keys).size).toBe(4);
  });

  it('adds none to other operations', async () => {
    const api = recorder(() => Response.json({}));
    const c = client(api.fetch);
    await getOrder({ client: c, path: { id: 'ord_1' } });
    await cancelOrder({ client: c, path: { id: 'ord_1' }, body: {} });
    expect(api.sent.map((sent) => [sent.path, sent.key])).toEqual([
      ['/api/orders/ord_1', null],
      ['/api/orders/ord_1/cancel', null],
    ]);
  });

  it("keeps the caller's own key, across calls (createIdempotencyKey, withIdempotencyKey)", async () => {
    const api = recorder(created);
    const c = client(api.fetch);
    const key = createIdempotencyKey();
    await placeOrder({ client: c, body, headers: { 'idempotency-key': key } });
    await placeOrder(withIdempotencyKey({ client: c, body }, key));
    await placeOrder(withIdempotencyKey({ client: c, body, headers: { 'x-request-id': 'r1' } }, 'my-key'));
    await placeOrder(withIdempotencyKey({ client: c, body, headers: new Headers({ 'x-request-id': 'r2' }) }, 'k2'));
    expect(api.sent.map((sent) => sent.key)).toEqual([key, key, 'my-key', 'k2']);
    expect(api.requestIds).toEqual([null, null, 'r1', 'r2']);
  });

  it('re-sends the same key and body when no response arrived', async () => {
    const api = recorder(offline, created);
    const { data, error } = await placeOrder({ client: client(api.fetch, { maxDelayMs: 0 }), body });
    expect(error).toBeUndefined();
    expect(data).toEqual({ order: { id: 'ord_1' } });
    expect(api.sent).toHaveLength(2);
    expect(api.sent[1]?.key).toBe(api.sent[0]?.key);
    expect(JSON.parse(api.sent[1]?.body ?? '')).toEqual(body);
  });

  it('waits Retry-After and retries with the same key on 409 IDEMPOTENCY_KEY_IN_USE, up to `attempts`', async () => {
    const api = recorder(keyInUse, keyInUse, created);
    const { error } = await placeOrder({ client: client(api.fetch), body });
    expect(error).toBeUndefined();
    expect(api.sent).toHaveLength(3);
    expect(new Set(api.sent.map((sent) => sent.key)).size).toBe(1);

    const busy = recorder(keyInUse);
    const failed = await placeOrder({ client: client(busy.fetch, { attempts: 2 }), body });
    expect(busy.sent).toHaveLength(2);
    expect(isHolidayPeakApiError(failed.error) && failed.error.code).toBe('IDEMPOTENCY_KEY_IN_USE');
  });

  it('sends a call without a key once: no retry after a network failure, nor after another 409', async () => {
    const api = recorder(offline);
    const { error } = await getOrder({ client: client(api.fetch), path: { id: 'ord_1' } });
    expect(isHolidayPeakApiError(error) && error.status).toBe(0);
    expect(api.sent).toHaveLength(1);

    const conflict = recorder(() =>
      Response.json(
        { error: { code: 'CONFLICT', message: 'placed', details: {}, timestamp: '', request_id: 'r' } },
        { status: 409 },
      ),
    );
    await placeOrder({ client: client(conflict.fetch), body });
    expect(conflict.sent).toHaveLength(1);
  });

  it('does not retry an aborted call', async () => {
    const controller = new AbortController();
    const api = recorder(() => {
      controller.abort();
      return Promise.reject(new DOMException('aborted', 'AbortError'));
    }, created);
    const { error } = await placeOrder({ client: client(api.fetch), body, signal: controller.signal });
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(api.sent).toHaveLength(1);
  });

  it('keeps the key when the session refreshes its token and sends the call again', async () => {
    const auth = createFakeAuthApi();
    const orders: Sent[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname !== '/api/orders') return auth.fetch(request);
      orders.push({ path: '/api/orders', key: request.headers.get('idempotency-key'), body: await request.text() });
      // Valid credentials are the fake's to judge: ask it with the same headers.
      const me = await auth.fetch(new Request(`${BASE_URL}/api/users/me`, { headers: request.headers }));
      return me.status === 401 ? me : created();
    };
    const c = createHolidayPeakClient({ baseUrl: BASE_URL, fetch, session: createTokenSession() });
    await signIn(c, { email: 'jane@example.com', password: PASSWORD });
    auth.expireAccessTokens();

    const { error } = await placeOrder({ client: c, body });
    expect(error).toBeUndefined();
    expect(auth.calls('/api/auth/refresh')).toHaveLength(1);
    expect(orders).toHaveLength(2);
    expect(orders[0]?.key).toBeTruthy();
    expect(orders[1]?.key).toBe(orders[0]?.key);
    expect(orders[1]?.body).toBe(orders[0]?.body);
  });
});
