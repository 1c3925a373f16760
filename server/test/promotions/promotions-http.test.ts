/** The staff operations on promo codes over HTTP, against the composed server on the Cosmos DB stand-in. */
import { parseEvent, type DomainEvent, type Promotion } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
const published: DomainEvent[] = [];

beforeAll(async () => {
  server = await startTestServer({ products: 10 });
  const events = server.composed.events;
  const publish = events.publish.bind(events);
  events.publish = async (batch) => {
    published.push(...batch);
    await publish(batch);
  };
});
afterAll(() => server.close());

type Role = 'staff' | 'admin' | 'customer' | 'guest' | 'anonymous';

async function call(
  method: string,
  path: string,
  options: { as?: Role; body?: unknown; headers?: Record<string, string> } = {},
) {
  const role = options.as ?? 'staff';
  const headers: Record<string, string> = { ...options.headers };
  if (role !== 'anonymous') headers.authorization = `Bearer ${server.tokens[role]}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const body = (await res.json()) as Promotion & {
    error?: { code: string; message: string; details: Record<string, unknown> };
  };
  return { status: res.status, body, etag: res.headers.get('etag'), location: res.headers.get('location') };
}

let serial = 0;
const percentCode = (overrides: Record<string, unknown> = {}) => ({
  code: `test${serial++}off`,
  kind: 'percent',
  percent_off: 15,
  starts_at: '2026-11-01T00:00:00Z',
  ends_at: '2026-12-31T00:00:00Z',
  ...overrides,
});

describe('staff manage promo codes', () => {
  it('creates a code, stored upper-case, and reads it in any case', async () => {
    const created = await call('POST', '/api/staff/promotions', {
      body: percentCode({ code: 'Winter15', category_slugs: ['electronics-laptops'], usage_limit_total: 100 }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'WINTER15',
      kind: 'percent',
      percent_off: 15,
      amount_off: null,
      category_slugs: ['electronics-laptops'],
      usage_limit_total: 100,
      usage_limit_per_customer: null,
      active: true,
      redemption_count: 0,
    });
    expect(created.location).toBe('/api/staff/promotions/WINTER15');
    const read = await call('GET', '/api/staff/promotions/winter15');
    expect(read.status).toBe(200);
    expect(read.body.code).toBe('WINTER15');
    expect(read.etag).toBe(created.etag);
    const event = published.find((e) => e.event_type === 'PromotionCreated' && e.data.code === 'WINTER15');
    expect(event && parseEvent(event).ok).toBe(true);
  });

  it('refuses a duplicate code in any case with 409, and exactly one of 10 parallel creates wins', async () => {
    await call('POST', '/api/staff/promotions', { body: percentCode({ code: 'ONCEONLY' }) });
    const again = await call('POST', '/api/staff/promotions', { body: percentCode({ code: 'onceonly' }) });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('CONFLICT');
    const racers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('POST', '/api/staff/promotions', { body: percentCode({ code: 'RACE10' }) }),
      ),
    );
    expect(racers.map((r) => r.status).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
  });

  it('validates bodies: 400 for shapes, 422 for unknown categories', async () => {
    const bad = async (body: unknown, status: number) => {
      const res = await call('POST', '/api/staff/promotions', { body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      return res.body.error!;
    };
    await bad(percentCode({ ends_at: '2026-10-01T00:00:00Z' }), 400);
    await bad(percentCode({ percent_off: 101 }), 400);
    await bad(percentCode({ percent_off: 0 }), 400);
    await bad(percentCode({ kind: 'fixed_amount', percent_off: null }), 400);
    await bad(percentCode({ amount_off: { amount: 5, currency: 'USD' } }), 400);
    await bad(percentCode({ code: 'no spaces' }), 400);
    await bad(percentCode({ redemption_count: 3 }), 400);
    const unknown = await bad(percentCode({ category_slugs: ['no-such-category', 'electronics-laptops'] }), 422);
    expect(unknown.code).toBe('UNPROCESSABLE_ENTITY');
    expect(unknown.details).toEqual({ category_slugs: ['no-such-category'] });
  });

  it('updates with If-Match: 412 on a stale ETag, 422 when the result is no whole promotion', async () => {
    const { body, etag } = await call('POST', '/api/staff/promotions', { body: percentCode({ code: 'PATCHME' }) });
    expect(body.code).toBe('PATCHME');
    const updated = await call('PATCH', '/api/staff/promotions/patchme', {
      headers: { 'if-match': etag! },
      body: { percent_off: 20, minimum_subtotal: { amount: 40, currency: 'USD' } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ percent_off: 20, minimum_subtotal: { amount: 40, currency: 'USD' } });
    const stale = await call('PATCH', '/api/staff/promotions/PATCHME', {
      headers: { 'if-match': etag! },
      body: { percent_off: 5 },
    });
    expect(stale.status).toBe(412);
    const window = await call('PATCH', '/api/staff/promotions/PATCHME', { body: { ends_at: '2026-10-01T00:00:00Z' } });
    expect(window.status).toBe(422);
    const kind = await call('PATCH', '/api/staff/promotions/PATCHME', { body: { kind: 'fixed_amount' } });
    expect(kind.status).toBe(422);
    const switched = await call('PATCH', '/api/staff/promotions/PATCHME', {
      body: { kind: 'fixed_amount', percent_off: null, amount_off: { amount: 5, currency: 'USD' } },
    });
    expect(switched.status).toBe(200);
    const categories = await call('PATCH', '/api/staff/promotions/PATCHME', {
      body: { category_slugs: ['nope-nope'] },
    });
    expect(categories.status).toBe(422);
    const event = published.find((e) => e.event_type === 'PromotionUpdated' && e.data.code === 'PATCHME');
    expect(event?.data).toMatchObject({ changed_fields: ['percent_off', 'minimum_subtotal'] });
    expect((await call('PATCH', '/api/staff/promotions/NOSUCHCODE', { body: { active: false } })).status).toBe(404);
  });

  it('deactivates (idempotently, publishing once) and turns a code back on with PATCH', async () => {
    const { etag } = await call('POST', '/api/staff/promotions', { body: percentCode({ code: 'SWITCH' }) });
    const off = await call('POST', '/api/staff/promotions/switch/deactivate', { headers: { 'if-match': etag! } });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const again = await call('POST', '/api/staff/promotions/SWITCH/deactivate');
    expect(again.status).toBe(200);
    expect(again.etag).toBe(off.etag);
    expect(published.filter((e) => e.event_type === 'PromotionDeactivated' && e.data.code === 'SWITCH')).toHaveLength(
      1,
    );
    const stale = await call('POST', '/api/staff/promotions/SWITCH/deactivate', { headers: { 'if-match': etag! } });
    expect(stale.status).toBe(412);
    const on = await call('PATCH', '/api/staff/promotions/SWITCH', { body: { active: true } });
    expect(on.body.active).toBe(true);
    expect((await call('POST', '/api/staff/promotions/NOSUCHCODE/deactivate')).status).toBe(404);
  });

  it('lists codes by code with cursor paging, filtered by active', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await fetch(`${server.baseUrl}/api/staff/promotions?limit=2${query}`, {
        headers: { authorization: `Bearer ${server.tokens.admin}` },
      });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: Promotion[]; next_cursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => p.code));
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    // The demo codes are seeded on the embedded default.
    expect(seen).toEqual(expect.arrayContaining(['FREESHIP', 'HOLIDAY10', 'LAPTOPS50', 'WINTER15']));
    await call('POST', '/api/staff/promotions', { body: percentCode({ code: 'LISTOFF', active: false }) });
    const inactive = await call('GET', '/api/staff/promotions?active=false&limit=100');
    const codes = (inactive.body as unknown as { items: Promotion[] }).items.map((p) => p.code);
    expect(codes).toContain('LISTOFF');
    expect(codes).not.toContain('HOLIDAY10');
    expect((await call('GET', '/api/staff/promotions?cursor=forged')).status).toBe(400);
  });

  it('lets staff and admins in; customers and guests get 403, anonymous callers 401', async () => {
    for (const role of ['customer', 'guest'] as const) {
      const res = await call('GET', '/api/staff/promotions', { as: role });
      expect(res.status).toBe(403);
      expect(res.body.error?.code).toBe('FORBIDDEN');
      const write = await call('POST', '/api/staff/promotions', { as: role, body: percentCode() });
      expect(write.status).toBe(403);
    }
    const anonymous = await call('POST', '/api/staff/promotions/HOLIDAY10/deactivate', { as: 'anonymous' });
    expect(anonymous.status).toBe(401);
    expect((await call('GET', '/api/staff/promotions/HOLIDAY10', { as: 'admin' })).status).toBe(200);
  });
});
