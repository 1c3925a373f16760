/**
 * Input rules over HTTP: hostile free text, dates of birth, links, attributes and variant prices are
 * refused with field errors and nothing is stored; an email change to another account's address is
 * answered as sign-up answers it, and the email stays unique under parallel requests.
 */
import { ErrorEnvelopeSchema, UserSchema, type User } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, newCustomer } from './support/identity-client.ts';
import { ADDRESS, discoverIds, productBody, STRONG_PASSWORD, type SampleIds } from './support/sample-requests.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

let server: TestServer;
let ids: SampleIds;

beforeAll(async () => {
  server = await startTestServer({ products: 20 });
  ids = await discoverIds(server.baseUrl, server.tokens.staff);
});
afterAll(() => server.close());

const HOSTILE_TEXT = ['a\u0000b', 'a\u0007b', '\u001b[2Jx', 'a\u0085b', 'a\u007fb', 'x\uD800', '\uDC00x', 'a\nb'];

/** A 400 (schema) or 422 (rule) in the envelope, naming `field` (or a path under it). */
function expectFieldError(reply: { status: number; body: unknown }, field: string): void {
  expect([400, 422], JSON.stringify(reply.body)).toContain(reply.status);
  const { error } = ErrorEnvelopeSchema.parse(reply.body);
  const named =
    reply.status === 400
      ? ((error.details as { issues?: { path: string }[] }).issues ?? []).map((i) => i.path)
      : [String((error.details as { field?: string }).field)];
  expect(
    named.some((path) => path === field || path.startsWith(`${field}.`)),
    `${field} in ${JSON.stringify(error.details)}`,
  ).toBe(true);
}

describe('free text', () => {
  it('sign-up refuses a hostile name, and no account or mail is made', async () => {
    for (const name of HOSTILE_TEXT) {
      const email = `hostile-${Math.random().toString(36).slice(2)}@example.com`;
      const reply = await api(server, 'POST', '/api/auth/signup', { body: { name, email, password: STRONG_PASSWORD } });
      expectFieldError(reply, 'name');
      expect(server.mailbox.messages().filter((m) => m.to === email)).toEqual([]);
    }
  });

  it('the profile refuses hostile names and impossible dates of birth; nothing changes', async () => {
    const { token, email } = await newCustomer(server, 'texts');
    const before = (await api<User>(server, 'GET', '/api/users/me', { token })).body;
    const profile = { name: 'Ok Name', email, phone: null, date_of_birth: null, newsletter_opt_in: false };
    for (const name of HOSTILE_TEXT) {
      expectFieldError(await api(server, 'PUT', '/api/users/me', { token, body: { ...profile, name } }), 'name');
    }
    for (const date_of_birth of ['2999-01-01', '1000-01-01', '1899-12-31', '9999-12-31']) {
      expectFieldError(
        await api(server, 'PUT', '/api/users/me', { token, body: { ...profile, date_of_birth } }),
        'date_of_birth',
      );
    }
    expect((await api<User>(server, 'GET', '/api/users/me', { token })).body).toEqual(before);
    const ok = await api<User>(server, 'PUT', '/api/users/me', {
      token,
      body: { ...profile, name: 'Zoë 💥', date_of_birth: '1900-01-01' },
    });
    expect(ok.status).toBe(200);
    expect(UserSchema.parse(ok.body)).toMatchObject({ name: 'Zoë 💥', date_of_birth: '1900-01-01' });
  });

  it('addresses refuse hostile lines; none is saved', async () => {
    const { token } = await newCustomer(server, 'addresses');
    for (const field of ['name', 'line1', 'line2', 'city', 'state', 'postal_code', 'phone'] as const) {
      for (const text of ['12\u0000', '12\uD800']) {
        const body = { ...ADDRESS, [field]: text };
        expectFieldError(await api(server, 'POST', '/api/users/me/addresses', { token, body }), field);
        expectFieldError(await api(server, 'POST', '/api/addresses/validate', { token, body }), field);
      }
    }
    expect((await api<{ items: unknown[] }>(server, 'GET', '/api/users/me/addresses', { token })).body.items).toEqual(
      [],
    );
  });

  it('search refuses control characters in q (a lone surrogate cannot be written in a URL)', async () => {
    for (const q of ['ab\u0000', 'ab\u001b', 'ab\u0085', 'ab\ncd']) {
      const reply = await api(server, 'GET', `/api/products/search?q=${encodeURIComponent(q)}`);
      expectFieldError(reply, 'q');
    }
  });
});

describe('catalog data', () => {
  const staff = () => server.tokens.staff;

  it('refuses hostile product text, prototype keys, non-string attributes and negative variant prices; nothing is stored', async () => {
    const base = productBody(ids.categorySlug);
    const variant = base.variants[0]!;
    const cases: [string, Record<string, unknown>][] = [
      ['name', { name: 'Parka\u0000' }],
      ['brand', { brand: 'Peak\uDC00' }],
      ['description', { description: 'Warm\u0007' }],
      ['attributes', { attributes: JSON.parse('{"__proto__":{"polluted":"yes"}}') as unknown }],
      ['attributes', { attributes: { constructor: 'x' } }],
      ['attributes', { attributes: { weight: 12 } }],
      ['attributes', { attributes: { tags: ['a'] } }],
      ['variants.0.attributes', { variants: [{ ...variant, attributes: { prototype: 'x' } }] }],
      ['variants.0.price_adjustment', { variants: [{ ...variant, price_adjustment: -20 }] }],
      ['images.0.url', { images: [{ url: '//evil.example/x.jpg', alt: 'x', order: 0 }] }],
      ['images.0.url', { images: [{ url: '/\\evil.example/x.jpg', alt: 'x', order: 0 }] }],
      ['seo.canonical_url', { seo: { meta_title: 't', meta_description: 'd', canonical_url: '//evil.example' } }],
    ];
    for (const [field, patch] of cases) {
      // Sent as JSON text: a `__proto__` own key (from JSON.parse) reaches the server as written.
      const reply = await fetch(`${server.baseUrl}/api/staff/products`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staff()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...base, ...patch }),
      });
      expectFieldError({ status: reply.status, body: await reply.json() }, field);
    }
    const proto = await fetch(`${server.baseUrl}/api/staff/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff()}`, 'content-type': 'application/json' },
      body: JSON.stringify(base).replace('"attributes":{', '"attributes":{"__proto__":{"polluted":"yes"},'),
    });
    expectFieldError({ status: proto.status, body: await proto.json() }, 'variants.0.attributes');
    const listed = await api<{ items: { sku: string }[] }>(server, 'GET', `/api/staff/products?limit=100`, {
      token: staff(),
    });
    expect(listed.body.items.some((p) => p.sku === base.sku)).toBe(false);
  });

  it('an update that would make a variant price negative is refused with the field; the product stays', async () => {
    const created = await api<{ id: string; price: { amount: number } }>(server, 'POST', '/api/staff/products', {
      token: staff(),
      body: {
        ...productBody(ids.categorySlug),
        variants: [{ variant_id: 'v1', sku: `NEG-${Date.now()}`, attributes: {}, price_adjustment: -15, stock: 1 }],
      },
    });
    expect(created.status).toBe(201);
    const path = `/api/staff/products/${created.body.id}`;
    const before = await api(server, 'GET', path, { token: staff() });
    const lower = await api(server, 'PATCH', path, {
      token: staff(),
      body: { price: { amount: 10, currency: 'USD', compare_at: null, tax_rate: 0.08 } },
    });
    expectFieldError(lower, 'variants.0.price_adjustment');
    const after = await api(server, 'GET', path, { token: staff() });
    expect(after.body).toEqual(before.body);
  });

  it('refuses protocol-relative banner links and category images; nothing is stored', async () => {
    const banner = {
      title: 'Winter',
      image_url: 'https://cdn.holidaypeakhub.com/b.jpg',
      link_url: '/deals',
      placement: 'home-hero',
      starts_at: '2026-01-01T00:00:00Z',
    };
    const before = await api<{ items: unknown[] }>(server, 'GET', '/api/staff/banners', { token: staff() });
    for (const [field, value] of [
      ['link_url', '//evil.example/x'],
      ['link_url', '/\\evil.example'],
      ['link_url', 'https:///evil.example'],
      ['image_url', '//evil.example/b.jpg'],
      ['title', 'Winter\u0000'],
      ['subtitle', 'x\uD800'],
    ] as const) {
      expectFieldError(
        await api(server, 'POST', '/api/staff/banners', { token: staff(), body: { ...banner, [field]: value } }),
        field,
      );
      expectFieldError(
        await api(server, 'PATCH', `/api/staff/banners/${ids.bannerId}`, { token: staff(), body: { [field]: value } }),
        field,
      );
    }
    const after = await api<{ items: unknown[] }>(server, 'GET', '/api/staff/banners', { token: staff() });
    expect(after.body).toEqual(before.body);
    expectFieldError(
      await api(server, 'POST', '/api/staff/categories', {
        token: staff(),
        body: { slug: `evil-${Date.now()}`, name: 'Evil', image_url: '//evil.example/c.png' },
      }),
      'image_url',
    );
  });
});

describe('email change', () => {
  const profileOf = (user: User) => ({
    name: user.name,
    email: user.email,
    phone: user.phone,
    date_of_birth: user.date_of_birth,
    newsletter_opt_in: user.newsletter_opt_in,
  });

  it('to a taken address: 200, the email stays, the owner is told, nothing names the address', async () => {
    const owner = await newCustomer(server, 'owner');
    const other = await newCustomer(server, 'other');
    const me = (await api<User>(server, 'GET', '/api/users/me', { token: other.token })).body;
    const reply = await api<User>(server, 'PUT', '/api/users/me', {
      token: other.token,
      body: { ...profileOf(me), email: owner.email.toUpperCase(), current_password: STRONG_PASSWORD },
    });
    expect(reply.status).toBe(200);
    expect(UserSchema.parse(reply.body)).toEqual(me);
    expect(JSON.stringify(reply.body)).not.toContain(owner.email);
    const told = server.mailbox.messages().filter((m) => m.to === owner.email && /tried to use/.test(m.subject));
    expect(told).toHaveLength(1);
    expect(server.mailbox.messages().filter((m) => m.to === other.email && /changed/.test(m.subject))).toEqual([]);
    const login = await api(server, 'POST', '/api/auth/login', {
      body: { email: owner.email, password: STRONG_PASSWORD, token_delivery: 'body' },
    });
    expect(login.status).toBe(200);
  });

  it('a wrong password is still 422 for a taken address, as for a free one', async () => {
    const owner = await newCustomer(server, 'owner2');
    const other = await newCustomer(server, 'other2');
    const me = (await api<User>(server, 'GET', '/api/users/me', { token: other.token })).body;
    for (const email of [owner.email, `free-${Date.now()}@example.com`]) {
      const reply = await api(server, 'PUT', '/api/users/me', {
        token: other.token,
        body: { ...profileOf(me), email, current_password: 'not-it' },
      });
      expectFieldError(reply, 'current_password');
    }
  });

  it('exactly one of several accounts moving to one free address at once gets it; the others keep theirs', async () => {
    const accounts = await Promise.all([1, 2, 3, 4, 5].map((n) => newCustomer(server, `race${n}`)));
    const target = `race-target-${Date.now()}@example.com`;
    const replies = await Promise.all(
      accounts.map(async (account) => {
        const me = (await api<User>(server, 'GET', '/api/users/me', { token: account.token })).body;
        return { account, me };
      }),
    ).then((list) =>
      Promise.all(
        list.map(({ account, me }) =>
          api<User>(server, 'PUT', '/api/users/me', {
            token: account.token,
            body: { ...profileOf(me), email: target, current_password: STRONG_PASSWORD },
          }),
        ),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const winners = replies.filter((r) => r.body.email === target);
    expect(winners).toHaveLength(1);
    const losers = replies.filter((r) => r.body.email !== target);
    expect(losers.map((r) => r.body.email).sort()).toEqual(
      accounts
        .map((a) => a.email)
        .filter((e) => replies.some((r) => r.body.email === e))
        .sort(),
    );
    const now = await Promise.all(accounts.map((a) => api<User>(server, 'GET', '/api/users/me', { token: a.token })));
    expect(now.filter((r) => r.body.email === target)).toHaveLength(1);
    // The address's new owner is told of the others' attempts (as sign-up tells of a taken address).
    expect(server.mailbox.messages().filter((m) => m.to === target && /tried to use/.test(m.subject))).toHaveLength(4);
  });
});
