import type { AccountRole } from '@holiday-peak-hub/contract';
import type { UserDocument } from './documents.ts';
import { DEFAULT_PREFERENCES } from './user-view.ts';

/** A new account's document: unverified, no password, no second factor, default preferences. */
export function newAccount(userId: string, email: string, name: string, role: AccountRole, now: Date): UserDocument {
  return {
    id: userId,
    user_id: userId,
    doc_type: 'user',
    email,
    name,
    phone: null,
    role,
    password_hash: null,
    email_verified: false,
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
}
