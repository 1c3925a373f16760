import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@holiday-peak-hub/contract/fixtures';
import type { PasswordHasher } from '../auth/password-hasher.ts';
import type { UserDocument } from './documents.ts';
import type { UserRepository } from './user-repository.ts';
import { DEFAULT_PREFERENCES } from './user-view.ts';

/**
 * The embedded default's demo customer, staff and admin (verified, no second factor), created
 * when missing. Written without events: they are fixtures, not sign-ups.
 */
export async function seedDemoAccounts(users: UserRepository, hasher: PasswordHasher, now: Date): Promise<number> {
  let created = 0;
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    if (await users.getByEmail(account.email)) continue;
    const doc: UserDocument = {
      id: account.id,
      user_id: account.id,
      doc_type: 'user',
      email: account.email,
      name: account.name,
      phone: null,
      role: account.role,
      password_hash: passwordHash,
      email_verified: true,
      newsletter_opt_in: false,
      date_of_birth: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      last_login: null,
      preferences: DEFAULT_PREFERENCES,
      two_factor: { enabled: false, secret: null, last_step: null, recovery_code_hashes: [] },
      email_verification: null,
      password_reset: null,
    };
    await users.claimEmail(account.email, account.id, now);
    await users.create(doc, [], now);
    created += 1;
  }
  return created;
}
