import type { User } from '@holiday-peak-hub/contract';
import type { MockAccount } from '../store/identity-store.ts';

/** The `User` representation of an account: no password, no secrets. */
export function toUser(account: MockAccount): User {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    phone: account.phone,
    role: account.role,
    email_verified: account.email_verified,
    newsletter_opt_in: account.newsletter_opt_in,
    two_factor_enabled: account.twoFactor.enabled,
    date_of_birth: account.date_of_birth,
    created_at: account.created_at,
    updated_at: account.updated_at,
    last_login: account.last_login,
  };
}
