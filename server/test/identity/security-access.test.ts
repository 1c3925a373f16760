/** One account's data is out of every other caller's reach, whatever ids they send, over real HTTP. */
import { DEMO_ACCOUNTS } from '@holiday-peak-hub/contract/fixtures';
import type { Address, PaymentMethod, User } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectError, newCustomer, type Account } from '../support/identity-http.ts';
import { ADDRESS } from '../support/sample-requests.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let alice: Account;
let bob: Account;
let aliceAddresses: Address[];
let aliceCard: PaymentMethod;

const api = (method: string, path: string, options?: Parameters<typeof call>[3]) =>
  call(server.baseUrl, method, path, options);

async function created<T>(path: string, token: string, body: unknown): Promise<T> {
  const reply = await api('POST', path, { token, body });
  expect(reply.status, reply.text).toBe(201);
  return reply.json as T;
}

/** Alice's whole account as she sees it: profile, address book, cards. */
async function aliceData() {
  const token = alice.access;
  const [me, addresses, cards] = await Promise.all([
    api('GET', '/api/users/me', { token }),
    api('GET', '/api/users/me/addresses', { token }),
    api('GET', '/api/users/me/payment-methods', { token }),
  ]);
  expect([me.status, addresses.status, cards.status]).toEqual([200, 200, 200]);
  return { me: me.json, addresses: addresses.json, cards: cards.json };
}

beforeAll(async () => {
  server = await startTestServer({ products: 1 });
  alice = await newCustomer(server.baseUrl, server.mailbox, 'alice');
  bob = await newCustomer(server.baseUrl, server.mailbox, 'bob');
  const home = await created<Address>('/api/users/me/addresses', alice.access, { ...ADDRESS, type: 'shipping' });
  const office = await created<Address>('/api/users/me/addresses', alice.access, {
    ...ADDRESS,
    line1: '1 Market St',
    type: 'billing',
  });
  aliceAddresses = [home, office];
  aliceCard = await created<PaymentMethod>('/api/users/me/payment-methods', alice.access, {
    provider_token: 'pm_card_visa',
    billing_address_id: office.id,
  });
  await created('/api/users/me/addresses', bob.access, { ...ADDRESS, name: 'Bob B', type: 'shipping' });
});
afterAll(() => server.close());

describe("another customer's address book and cards", () => {
  it('answer 404 to every write by id, and stay as they were', async () => {
    const before = await aliceData();
    const [home, office] = aliceAddresses;
    for (const target of [home!, office!]) {
      const path = `/api/users/me/addresses/${target.id}`;
      const body = { ...ADDRESS, name: 'Mallory', type: 'shipping' };
      expectError(await api('PUT', path, { token: bob.access, body }), 404, 'RESOURCE_NOT_FOUND');
      expectError(await api('PUT', `${path}/default`, { token: bob.access }), 404, 'RESOURCE_NOT_FOUND');
      expectError(await api('DELETE', path, { token: bob.access }), 404, 'RESOURCE_NOT_FOUND');
    }
    const card = `/api/users/me/payment-methods/${aliceCard.id}`;
    expectError(await api('DELETE', card, { token: bob.access }), 404, 'RESOURCE_NOT_FOUND');
    // Nor can Bob point a card of his at Alice's billing address.
    const borrowed = await api('POST', '/api/users/me/payment-methods', {
      token: bob.access,
      body: { provider_token: 'pm_card_mastercard', billing_address_id: office!.id },
    });
    expectError(borrowed, 404, 'RESOURCE_NOT_FOUND');
    expect(await aliceData()).toEqual(before);
    expect((before.addresses as { items: Address[] }).items.map((a) => a.id).sort()).toEqual(
      aliceAddresses.map((a) => a.id).sort(),
    );
  });

  it("never show up in another caller's listings, staff and admin included", async () => {
    const aliceIds = [...aliceAddresses.map((a) => a.id), aliceCard.id];
    for (const token of [bob.access, server.tokens.staff, server.tokens.admin]) {
      for (const path of ['/api/users/me/addresses', '/api/users/me/payment-methods']) {
        const reply = await api('GET', path, { token });
        expect(reply.status, reply.text).toBe(200);
        for (const id of aliceIds) expect(reply.text).not.toContain(id);
      }
      const path = `/api/users/me/addresses/${aliceAddresses[0]!.id}/default`;
      expectError(await api('PUT', path, { token }), 404, 'RESOURCE_NOT_FOUND');
    }
  });

  it("Alice's own token still reaches them (the 404s above are about the owner)", async () => {
    const reply = await api('PUT', `/api/users/me/addresses/${aliceAddresses[1]!.id}/default`, { token: alice.access });
    expect(reply.status, reply.text).toBe(200);
    expect((reply.json as Address).is_default).toBe(true);
  });
});

describe('/api/users/me', () => {
  it("answers each caller's own account, whatever else the request says", async () => {
    const callers: [string, string][] = [
      [alice.access, alice.id],
      [bob.access, bob.id],
      [server.tokens.customer, DEMO_ACCOUNTS.find((a) => a.role === 'customer')!.id],
      [server.tokens.admin, DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.id],
    ];
    for (const [token, id] of callers) {
      const me = await api('GET', '/api/users/me', { token });
      expect(me.status, me.text).toBe(200);
      expect((me.json as User).id).toBe(id);
    }
    const steered = await api('GET', `/api/users/me?id=${alice.id}&user_id=${alice.id}`, {
      token: bob.access,
      headers: { 'x-user-id': alice.id },
    });
    if (steered.status === 200) expect((steered.json as User).id).toBe(bob.id);
    else expectError(steered, 400, 'INVALID_REQUEST');
  });

  it('does not hand an account of ours to an external issuer token whose subject looks like its id', async () => {
    for (const sub of [alice.id, DEMO_ACCOUNTS.find((a) => a.role === 'customer')!.id]) {
      const token = await server.issuer.token('customer', { sub, payload: { email: alice.email } });
      expectError(await api('GET', '/api/users/me', { token }), 404, 'RESOURCE_NOT_FOUND');
      expectError(await api('GET', '/api/users/me/addresses', { token }), 404, 'RESOURCE_NOT_FOUND');
      const rename = {
        name: 'Mallory',
        email: 'mallory@example.com',
        phone: null,
        date_of_birth: null,
        newsletter_opt_in: false,
      };
      expectError(await api('PUT', '/api/users/me', { token, body: rename }), 404, 'RESOURCE_NOT_FOUND');
    }
    expect((await aliceData()).me).toMatchObject({ id: alice.id, email: alice.email });
  });
});

describe('/api/admin/users', () => {
  it('is 403 FORBIDDEN for a customer and for staff, on every operation, and changes nothing', async () => {
    const calls: [string, string, unknown][] = [
      ['GET', '/api/admin/users', undefined],
      ['GET', '/api/admin/users?role=customer&limit=5', undefined],
      ['POST', '/api/admin/users', { email: 'intruder@example.com', name: 'Intruder', role: 'admin' }],
      ['PUT', `/api/admin/users/${alice.id}/role`, { role: 'admin' }],
      ['PUT', `/api/admin/users/${bob.id}/role`, { role: 'admin' }],
      ['DELETE', `/api/admin/users/${alice.id}`, undefined],
    ];
    for (const token of [bob.access, server.tokens.customer, server.tokens.staff]) {
      for (const [method, path, body] of calls) {
        expectError(await api(method, path, { token, body }), 403, 'FORBIDDEN');
      }
    }
    expect((await aliceData()).me).toMatchObject({ id: alice.id, role: 'customer' });
    const bobNow = await api('GET', '/api/users/me', { token: bob.access });
    expect(bobNow.json).toMatchObject({ id: bob.id, role: 'customer' });
    const admins = await api('GET', '/api/admin/users?role=admin&limit=50', { token: server.tokens.admin });
    expect(admins.status).toBe(200);
    expect(admins.text).not.toContain('intruder@example.com');
  });
});
