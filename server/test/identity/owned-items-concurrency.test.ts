/**
 * The limits and "exactly one default" of the address book and saved cards under real parallel
 * requests over HTTP, against the composed server on the Cosmos DB stand-in: every answer is one
 * the operation declares (201 or the 422 of a full set; 200 for set-default), never 409, 412 or 500.
 */
import { MAX_ADDRESSES, MAX_PAYMENT_METHODS, type Address, type PaymentMethod } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, newCustomer, type Answer } from '../support/identity-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ products: 4 });
});
afterAll(() => server.close());

const ADDRESS = {
  name: 'Jane Doe',
  line1: '123 Main St',
  city: 'San Francisco',
  state: 'CA',
  postal_code: '94102',
  country: 'US',
};

/** How many answers had each status. */
const tally = (answers: readonly Answer<unknown>[]) =>
  answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});

const cards = async (token: string) =>
  (await api<{ items: PaymentMethod[] }>(server, 'GET', '/api/users/me/payment-methods', { token })).body.items;
const addresses = async (token: string) =>
  (await api<{ items: Address[] }>(server, 'GET', '/api/users/me/addresses', { token })).body.items;

/** Every document of the owner in a container: its items and its roster, nothing left behind. */
async function storedFor(container: string, userId: string): Promise<{ id: string }[]> {
  const { resources } = await server.composed.cosmos.database
    .container(container)
    .items.query<{ id: string }>({
      query: 'SELECT c.id FROM c WHERE c.user_id = @u',
      parameters: [{ name: '@u', value: userId }],
    })
    .fetchAll();
  return resources;
}

describe('saved cards under parallel requests', () => {
  it('10 parallel default cards on an account with 4: 6 saved (201), 4 refused (422), one default', async () => {
    const { token, id } = await newCustomer(server);
    for (let i = 0; i < 4; i += 1) {
      const made = await api(server, 'POST', '/api/users/me/payment-methods', {
        token,
        body: { provider_token: 'pm_card_visa' },
      });
      expect(made.status).toBe(201);
    }
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api(server, 'POST', '/api/users/me/payment-methods', {
          token,
          body: { provider_token: 'pm_card_mastercard', is_default: true },
        }),
      ),
    );
    console.info('10 parallel add-card (4 saved before):', tally(answers));
    expect(tally(answers)).toEqual({ 201: 6, 422: 4 });
    for (const refused of answers.filter((a) => a.status === 422)) {
      expect(refused.body).toMatchObject({
        error: {
          code: 'UNPROCESSABLE_ENTITY',
          message: `At most ${MAX_PAYMENT_METHODS} saved cards`,
          details: { limit: MAX_PAYMENT_METHODS },
        },
      });
    }
    const list = await cards(token);
    expect(list).toHaveLength(MAX_PAYMENT_METHODS);
    expect(list.filter((c) => c.is_default)).toHaveLength(1);
    expect(list[0]?.is_default).toBe(true);
    // The ten cards and the roster: refused additions left no document behind.
    expect(await storedFor('payment_methods', id)).toHaveLength(MAX_PAYMENT_METHODS + 1);
  });

  it('30 parallel default cards on a new account: 10 saved, 20 refused, one default', async () => {
    const { token } = await newCustomer(server);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        api(server, 'POST', '/api/users/me/payment-methods', {
          token,
          body: { provider_token: 'pm_card_visa', is_default: true },
        }),
      ),
    );
    console.info('30 parallel add-card (new account):', tally(answers));
    expect(tally(answers)).toEqual({ 201: MAX_PAYMENT_METHODS, 422: 20 });
    const list = await cards(token);
    expect(list).toHaveLength(MAX_PAYMENT_METHODS);
    expect(list.filter((c) => c.is_default)).toHaveLength(1);
  });
});

describe('address book under parallel requests', () => {
  it('50 parallel addresses: 20 saved (201), 30 refused (422), one default', async () => {
    const { token } = await newCustomer(server);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api(server, 'POST', '/api/users/me/addresses', { token, body: { ...ADDRESS, is_default: i % 3 === 0 } }),
      ),
    );
    console.info('50 parallel add-address:', tally(answers));
    expect(tally(answers)).toEqual({ 201: MAX_ADDRESSES, 422: 30 });
    expect(answers.find((a) => a.status === 422)?.body).toMatchObject({
      error: {
        code: 'UNPROCESSABLE_ENTITY',
        message: `An address book holds at most ${MAX_ADDRESSES} addresses`,
        details: { limit: MAX_ADDRESSES },
      },
    });
    const list = await addresses(token);
    expect(list).toHaveLength(MAX_ADDRESSES);
    expect(list.filter((a) => a.is_default)).toHaveLength(1);
  });

  it('20 parallel set-defaults on different addresses: every answer 200, one default at the end', async () => {
    const { token } = await newCustomer(server);
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      ids.push((await api<Address>(server, 'POST', '/api/users/me/addresses', { token, body: ADDRESS })).body.id);
    }
    const answers = await Promise.all(
      ids.map((id) => api<Address>(server, 'PUT', `/api/users/me/addresses/${id}/default`, { token })),
    );
    console.info('20 parallel set-default:', tally(answers));
    expect(tally(answers)).toEqual({ 200: 20 });
    expect(answers.every((a) => a.body.is_default)).toBe(true);
    const list = await addresses(token);
    expect(list).toHaveLength(20);
    expect(list.filter((a) => a.is_default)).toHaveLength(1);
  });

  it('parallel deletes (the default among them), set-defaults and additions keep exactly one default', async () => {
    const { token } = await newCustomer(server);
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      ids.push((await api<Address>(server, 'POST', '/api/users/me/addresses', { token, body: ADDRESS })).body.id);
    }
    // ids[0] is the default. 12 + 8 stays within the limit in any order.
    const answers = await Promise.all([
      ...ids.slice(0, 6).map((id) => api(server, 'DELETE', `/api/users/me/addresses/${id}`, { token })),
      ...ids.slice(6).map((id) => api(server, 'PUT', `/api/users/me/addresses/${id}/default`, { token })),
      ...Array.from({ length: 8 }, () =>
        api(server, 'POST', '/api/users/me/addresses', { token, body: { ...ADDRESS, is_default: true } }),
      ),
    ]);
    console.info('6 deletes + 6 set-default + 8 add-address in parallel:', tally(answers));
    expect(tally(answers)).toEqual({ 204: 6, 200: 6, 201: 8 });
    const list = await addresses(token);
    expect(list).toHaveLength(14);
    expect(list.filter((a) => a.is_default)).toHaveLength(1);
  });
});
