/**
 * "At least one admin remains" on the core's memory adapters, through the services (the server's
 * HTTP tests prove it with parallel requests on Cosmos DB's stand-in).
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import { describe, expect, it } from 'vitest';
import { loadSigningKey } from '../auth/signing-key.ts';
import type { Caller } from '../pipeline/handler.ts';
import { adminIds, LAST_ADMIN_MESSAGE } from './admin-roster.ts';
import type { AdminContext } from './admin-user-service.ts';
import { newAccount } from './new-account.ts';
import { createMemoryIdentity } from './memory/memory-identity-core.ts';
import { seedDemoAccounts } from './seed-demo-accounts.ts';

const DEMO_ADMIN = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;

async function core(seed = true) {
  const clock = () => new Date();
  const memory = createMemoryIdentity({
    signingKey: await loadSigningKey(undefined),
    clock,
    jwt: { issuer: 'http://admin-roster.test', audience: 'holiday-peak-hub-api' },
    attemptsPerMinute: 1000,
    eventSource: 'admin-roster-test',
  });
  const { storage } = memory;
  if (seed) await seedDemoAccounts(storage.users, memory.hasher, clock());
  const identity = memory.identity;
  return { ...identity, users: storage.users };
}

const asAdmin = (userId: string): AdminContext => ({
  caller: { role: 'admin', userId, email: `${userId}@example.com`, issuer: 'test', sessionId: `ses_${userId}` },
  client: { ip: '127.0.0.1', userAgent: 'test' },
  requestId: 'req_test',
});
const callerOf = (userId: string): Caller => asAdmin(userId).caller;

/** A second admin, created by the demo admin (on the roster before its account exists). */
async function secondAdmin(identity: Awaited<ReturnType<typeof core>>) {
  return identity.services.admin.create(
    { email: `admin-${Math.random().toString(36).slice(2)}@example.com`, name: 'Second Admin', role: 'admin' },
    asAdmin(DEMO_ADMIN.id),
  );
}

const refusal = { code: 'UNPROCESSABLE_ENTITY', message: LAST_ADMIN_MESSAGE };

describe('the admin roster (memory adapters)', () => {
  it('the demo seed and admin-created admins are on it', async () => {
    const identity = await core();
    expect(await adminIds(identity.users)).toEqual([DEMO_ADMIN.id]);
    const second = await secondAdmin(identity);
    expect(await adminIds(identity.users)).toEqual([DEMO_ADMIN.id, second.id]);
    // A staff account created by an admin is not.
    await identity.services.admin.create(
      { email: 'staff-2@example.com', name: 'Staff', role: 'staff' },
      asAdmin(DEMO_ADMIN.id),
    );
    expect(await adminIds(identity.users)).toHaveLength(2);
  });

  it('sequentially: demoting, then deleting, the last admin is refused (422); another admin can be demoted', async () => {
    const identity = await core();
    const second = await secondAdmin(identity);
    const demoted = await identity.services.admin.changeRole(second.id, 'staff', asAdmin(DEMO_ADMIN.id));
    expect(demoted.role).toBe('staff');
    expect(await adminIds(identity.users)).toEqual([DEMO_ADMIN.id]);
    // Promote again, let the second admin demote the first, then try the other way round.
    await identity.services.admin.changeRole(second.id, 'admin', asAdmin(DEMO_ADMIN.id));
    await identity.services.admin.changeRole(DEMO_ADMIN.id, 'customer', asAdmin(second.id));
    await expect(
      identity.services.admin.changeRole(second.id, 'customer', asAdmin(DEMO_ADMIN.id)),
    ).rejects.toMatchObject(refusal);
    await expect(identity.services.admin.delete(second.id, asAdmin(DEMO_ADMIN.id))).rejects.toMatchObject(refusal);
    expect((await identity.users.get(second.id))?.role).toBe('admin');
    expect(await adminIds(identity.users)).toEqual([second.id]);
  });

  it('deleting oneself (DELETE /api/users/me) as the last admin is refused, and the account stays whole', async () => {
    const identity = await core();
    await expect(
      identity.services.profiles.delete(callerOf(DEMO_ADMIN.id), DEMO_PASSWORD, asAdmin(DEMO_ADMIN.id)),
    ).rejects.toMatchObject({ ...refusal, details: { reason: 'last_admin', user_id: DEMO_ADMIN.id } });
    expect((await identity.users.get(DEMO_ADMIN.id))?.role).toBe('admin');
    const second = await secondAdmin(identity);
    // With another admin, the admin deletes the first one, and then itself is the last.
    await identity.services.admin.delete(DEMO_ADMIN.id, asAdmin(second.id));
    expect(await identity.users.get(DEMO_ADMIN.id)).toBeUndefined();
    expect(await adminIds(identity.users)).toEqual([second.id]);
  });

  it('two admins demoting each other at once: exactly one succeeds, one admin remains', async () => {
    for (let round = 0; round < 20; round += 1) {
      const identity = await core();
      const second = await secondAdmin(identity);
      const results = await Promise.allSettled([
        identity.services.admin.changeRole(second.id, 'customer', asAdmin(DEMO_ADMIN.id)),
        identity.services.admin.changeRole(DEMO_ADMIN.id, 'customer', asAdmin(second.id)),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.reason).toMatchObject(refusal);
      const admins = (await identity.users.list({ role: 'admin', limit: 10 })).items;
      expect(admins).toHaveLength(1);
      expect(await adminIds(identity.users)).toEqual([admins[0]?.id]);
    }
  });

  it('two admins deleting themselves at once: one is deleted, one refused', async () => {
    for (let round = 0; round < 20; round += 1) {
      const identity = await core();
      const second = await secondAdmin(identity);
      const results = await Promise.allSettled([
        identity.services.profiles.delete(callerOf(DEMO_ADMIN.id), DEMO_PASSWORD, asAdmin(DEMO_ADMIN.id)),
        identity.services.admin.delete(second.id, asAdmin(DEMO_ADMIN.id)),
        identity.services.admin.delete(DEMO_ADMIN.id, asAdmin(second.id)),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
      // The others: the last admin's refusal, or an account another call erased first.
      const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: string }).code] : []));
      for (const code of codes) expect(['UNPROCESSABLE_ENTITY', 'RESOURCE_NOT_FOUND']).toContain(code);
      expect((await identity.users.list({ role: 'admin', limit: 10 })).items).toHaveLength(1);
    }
  });

  it('data older than the roster: it is built from the admin accounts on first use', async () => {
    const identity = await core(false);
    const now = new Date();
    for (const id of ['usr_oldadmina000000a', 'usr_oldadminb000000b']) {
      await identity.users.create(newAccount(id, `${id}@example.com`, 'Old Admin', 'admin', now), [], now);
    }
    expect(await identity.users.adminRoster()).toBeUndefined();
    await identity.services.admin.changeRole('usr_oldadmina000000a', 'customer', asAdmin('usr_oldadminb000000b'));
    expect(await adminIds(identity.users)).toEqual(['usr_oldadminb000000b']);
    await expect(
      identity.services.admin.delete('usr_oldadminb000000b', asAdmin('usr_oldadmina000000a')),
    ).rejects.toMatchObject(refusal);
  });
});
