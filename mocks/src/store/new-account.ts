import type { AccountRole, Preferences } from '@holiday-peak-hub/contract';
import type { MockAccount } from './identity-store.ts';

/** The preferences of a new account. */
export function defaultPreferences(): Preferences {
  return {
    language: 'en',
    currency: 'USD',
    notifications: { email_marketing: false, email_orders: true, sms_shipping: false },
  };
}

/** A new account: no phone, no 2FA, default preferences, no addresses or cards. */
export function newAccount(fields: {
  id: string;
  email: string;
  name: string;
  role: AccountRole;
  password: string | null;
  email_verified: boolean;
  newsletter_opt_in?: boolean;
  created_at: string;
}): MockAccount {
  return {
    ...fields,
    phone: null,
    newsletter_opt_in: fields.newsletter_opt_in ?? false,
    date_of_birth: null,
    updated_at: fields.created_at,
    last_login: null,
    twoFactor: { enabled: false, pendingSecret: null, recoveryCodes: [] },
    preferences: defaultPreferences(),
    identities: [],
    addresses: [],
    paymentMethods: [],
  };
}
