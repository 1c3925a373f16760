import type { AccountRole, Address, PaymentMethod, Preferences, SocialProvider } from '@holiday-peak-hub/contract';

/**
 * The identity domain's documents, as the services read and write them. Storage-neutral: an
 * adapter may keep more (Cosmos DB's system fields, the outbox's pending events) and must give it
 * back unchanged in what it returns, but the services never look at it.
 */

/** A stored account with its version: `_etag` is what a conditional write names (412 when it changed). */
export type StoredUser = UserDocument & { _etag: string };

/** A single-use token of an emailed link: only its hash is stored. */
export interface OneTimeTokenState {
  token_hash: string;
  expires_at: string;
}

export interface TwoFactorState {
  enabled: boolean;
  /** Base32 TOTP secret: the confirmed one when enabled, else the one awaiting its first code. */
  secret: string | null;
  /** The last time step a code was accepted for: a code is never accepted twice. */
  last_step: number | null;
  recovery_code_hashes: string[];
}

/** An account (the design document's shape plus our security state); on Cosmos DB, in `users` (partition key `/user_id`). */
export interface UserDocument {
  id: string;
  user_id: string;
  doc_type: 'user';
  email: string;
  name: string;
  phone: string | null;
  role: AccountRole;
  /** Null until the owner of an account created by an admin sets one. */
  password_hash: string | null;
  email_verified: boolean;
  newsletter_opt_in: boolean;
  date_of_birth: string | null;
  created_at: string;
  updated_at: string;
  last_login: string | null;
  preferences: Preferences;
  two_factor: TwoFactorState;
  email_verification: OneTimeTokenState | null;
  password_reset: OneTimeTokenState | null;
  /** Social sign-in identities linked to the account (absent on accounts that never used one). */
  identities?: SocialIdentityRef[];
}

export interface SocialIdentityRef {
  provider: SocialProvider;
  /** The provider's `sub` for this app. */
  subject: string;
}

/**
 * A saved address. Which address is the default is not stored on it but on the owner's roster
 * (`ItemRoster`): one document holds it, so it is changed in one conditional write.
 */
export type AddressDocument = Omit<Address, 'id' | 'is_default'> & {
  id: string;
  address_id: string;
  user_id: string;
};

/** A saved card; like addresses, the default is on the owner's roster. */
export type PaymentMethodDocument = Omit<PaymentMethod, 'id' | 'is_default'> & {
  id: string;
  payment_method_id: string;
  user_id: string;
  stripe_payment_method_id: string;
  updated_at: string;
};

/** The design document's audit_logs entry (partition key `/entity_type`). */
export interface AuditLogDocument {
  id: string;
  audit_id: string;
  entity_type: 'user';
  entity_id: string;
  action: 'user_created' | 'role_changed' | 'user_deleted';
  actor_id: string;
  actor_type: string;
  actor_email: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
  metadata: { ip_address: string; user_agent: string | null; request_id: string };
  timestamp: string;
}
