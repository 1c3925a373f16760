import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import type { UserDocument } from './documents.ts';
import { enrolAdmin } from './admin-roster.ts';
import { newAccount } from './new-account.ts';
import type { PasswordHasher, UserRepository } from './ports.ts';

/**
 * The embedded default's demo customer, staff and admin (verified, no second factor), created
 * when missing; the admin on the admin roster. Written without events: they are fixtures, not sign-ups.
 */
export async function seedDemoAccounts(users: UserRepository, hasher: PasswordHasher, now: Date): Promise<number> {
  let created = 0;
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    if (await users.getByEmail(account.email)) continue;
    const doc: UserDocument = {
      ...newAccount(account.id, account.email, account.name, account.role, now),
      password_hash: passwordHash,
      email_verified: true,
    };
    // An admin is on the admin roster before its account exists (`admin-roster.ts`).
    if (account.role === 'admin') await enrolAdmin(users, account.id);
    await users.claimEmail(account.email, account.id, now);
    await users.create(doc, [], now);
    created += 1;
  }
  return created;
}
