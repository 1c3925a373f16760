import type { Preferences, User } from '@holiday-peak-hub/contract';
import type { UserDocument } from './documents.ts';

export const DEFAULT_PREFERENCES: Preferences = {
  language: 'en',
  currency: 'USD',
  notifications: { email_marketing: false, email_orders: true, sms_shipping: false },
};

/** The account as the API shows it: never the password hash, tokens or the 2FA secret. */
export function toUser(doc: UserDocument): User {
  return {
    id: doc.id,
    email: doc.email,
    name: doc.name,
    phone: doc.phone,
    role: doc.role,
    email_verified: doc.email_verified,
    newsletter_opt_in: doc.newsletter_opt_in,
    two_factor_enabled: doc.two_factor.enabled,
    date_of_birth: doc.date_of_birth,
    created_at: doc.created_at,
    updated_at: doc.updated_at,
    last_login: doc.last_login,
  };
}
