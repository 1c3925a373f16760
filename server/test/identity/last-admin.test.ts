/**
 * "At least one admin remains" under real parallel requests over HTTP, against the composed server
 * on the Cosmos DB stand-in: two admins demoting each other, or deleting themselves, at the same
 * time leave exactly one admin; the last admin is refused with the 422 the operations declare.
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import type { User } from '@holiday-peak-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Account } from '../support/identity-http.ts';
import { api, newCustomer, type Answer } from '../support/identity-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { ADMIN_ROSTER_ID } from '../../src/identity/user-repository.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ products: 0 });
});
afterAll(() => server.close());

const DEMO_ADMIN = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
const LAST_ADMIN = {
  error: {
    code: 'UNPROCESSABLE_ENTITY',
    message: 'The last admin cannot be demoted or deleted: make another account an admin first',
    details: { reason: 'last_admin' },
  },
};

const tally = (answers: readonly Answer<unknown>[]) =>
  answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});

/** The admin accounts, as an admin lists them. */
async function admins(token: string): Promise<User[]> {
  const page = await api<{ items: User[] }>(server, 'GET', '/api/admin/users?role=admin&limit=100', { token });
  expect(page.status).toBe(200);
  return page.body.items;
}

/** The admin roster as stored. */
async function roster(): Promise<string[]> {
  const { resource } = await server.composed.cosmos.database
    .container('users')
    .item(ADMIN_ROSTER_ID, ADMIN_ROSTER_ID)
    .read<{ admin_ids: string[] }>();
  return resource?.admin_ids ?? [];
}

/** A new customer that `admin` makes an admin, signed in again (the role change ended its sessions). */
async function promoted(admin: Account, label: string): Promise<Account> {
  const customer = await newCustomer(server, label);
  const made = await api(server, 'PUT', `/api/admin/users/${customer.id}/role`, {
    token: admin.access,
    body: { role: 'admin' },
  });
  expect(made.status).toBe(200);
  return login(server.baseUrl, customer.email, customer.password);
}

/** The one admin left after each test, signed in. */
let sole: Account;

describe('the last admin', () => {
  it('sequentially: the last admin can neither delete itself nor be deleted; another admin can be', async () => {
    const first = await login(server.baseUrl, DEMO_ADMIN.email, DEMO_PASSWORD);
    expect(await roster()).toEqual([first.id]);
    const alone = await api(server, 'DELETE', '/api/users/me', {
      token: first.access,
      body: { password: DEMO_PASSWORD },
    });
    expect(alone.status).toBe(422);
    expect(alone.body).toMatchObject(LAST_ADMIN);

    const second = await promoted(first, 'second-admin');
    expect((await roster()).sort()).toEqual([first.id, second.id].sort());
    const demoted = await api(server, 'PUT', `/api/admin/users/${second.id}/role`, {
      token: first.access,
      body: { role: 'staff' },
    });
    expect(demoted.status).toBe(200);
    expect(await roster()).toEqual([first.id]);
    expect((await admins(first.access)).map((u) => u.id)).toEqual([first.id]);
    // Still the only admin: refused again, and the account is whole (it still signs in and lists).
    const again = await api(server, 'DELETE', '/api/users/me', {
      token: first.access,
      body: { password: DEMO_PASSWORD },
    });
    expect(again.body).toMatchObject(LAST_ADMIN);
    expect(await admins(first.access)).toHaveLength(1);
    sole = first;
  });

  it('two admins demoting each other at once: exactly one succeeds, one admin remains (5 rounds)', async () => {
    let admin = sole;
    for (let round = 0; round < 5; round += 1) {
      const other = await promoted(admin, `mutual-${round}`);
      const answers = await Promise.all([
        api(server, 'PUT', `/api/admin/users/${other.id}/role`, { token: admin.access, body: { role: 'customer' } }),
        api(server, 'PUT', `/api/admin/users/${admin.id}/role`, { token: other.access, body: { role: 'customer' } }),
      ]);
      console.info(`round ${round}: two admins demoting each other:`, tally(answers));
      expect(tally(answers)).toEqual({ 200: 1, 422: 1 });
      expect(answers.find((a) => a.status === 422)?.body).toMatchObject(LAST_ADMIN);
      const winner = answers[0]?.status === 200 ? admin : other;
      const remaining = await admins(winner.access);
      expect(remaining.map((u) => u.id)).toEqual([winner.id]);
      expect(await roster()).toEqual([winner.id]);
      admin = winner;
    }
    sole = admin;
  });

  it('two admins deleting themselves at once: one 204, one refused, one admin remains (5 rounds)', async () => {
    let admin = sole;
    for (let round = 0; round < 5; round += 1) {
      const other = await promoted(admin, `leaving-${round}`);
      const password = (who: Account) => (who.id === DEMO_ADMIN.id ? DEMO_PASSWORD : who.password);
      const answers = await Promise.all(
        [admin, other].map((who) =>
          api(server, 'DELETE', '/api/users/me', { token: who.access, body: { password: password(who) } }),
        ),
      );
      console.info(`round ${round}: two admins deleting themselves:`, tally(answers));
      expect(tally(answers)).toEqual({ 204: 1, 422: 1 });
      expect(answers.find((a) => a.status === 422)?.body).toMatchObject(LAST_ADMIN);
      const survivor = answers[0]?.status === 422 ? admin : other;
      expect((await admins(survivor.access)).map((u) => u.id)).toEqual([survivor.id]);
      expect(await roster()).toEqual([survivor.id]);
      admin = survivor;
    }
    sole = admin;
  });
});
