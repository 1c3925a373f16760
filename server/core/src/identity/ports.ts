import type { AccountRole, DomainEvent, SocialProvider } from '@holiday-peak-hub/contract';
import type { AuditLogDocument, OneTimeTokenState, StoredUser, UserDocument } from './documents.ts';

/**
 * The storage and the server-only capabilities the identity services use. The server implements
 * them over Cosmos DB, scrypt, zxcvbn and the providers' JWKS; `memory/` and the browser-safe
 * stand-ins next to this file implement them for the mocks and unit tests.
 */

/** One page of a listing; `nextCursor` resumes it, null on the last page. */
export interface UserPage {
  items: StoredUser[];
  nextCursor: string | null;
}

export interface UserListFilter {
  role?: AccountRole | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Accounts. Writes that carry events publish them right after the write succeeds (an adapter
 * that can lose them in between keeps them with the document until they are out: the outbox).
 * Errors are the API's: 412 (`PreconditionFailedError`, details `{ user_id }`) when `etag` no
 * longer names the stored version, 404 when the account is gone, 409 when a claim is taken.
 */
export interface UserRepository {
  /** The account, or undefined (never a deleted one). */
  get(userId: string): Promise<StoredUser | undefined>;
  /** The account that claimed this email (case-insensitive). */
  getByEmail(email: string): Promise<StoredUser | undefined>;
  /** The account a social sign-in identity belongs to. */
  getByIdentity(provider: string, subject: string): Promise<StoredUser | undefined>;
  /** Claims an email for an account: 409 `An account already uses this email`, details `{ field: 'email' }`, when taken. */
  claimEmail(email: string, ownerId: string, now: Date): Promise<void>;
  /** Gives up an email claim (after a failed create, an email change, an erasure). Idempotent. */
  releaseEmail(email: string): Promise<void>;
  /** 409 `This sign-in is linked to another account`, details `{ field: 'id_token' }`, when taken. */
  claimIdentity(provider: string, subject: string, ownerId: string, now: Date): Promise<void>;
  releaseIdentity(provider: string, subject: string): Promise<void>;
  /** Accounts newest first (`created_at`, then id), optionally of one role. A bad cursor is a 400. */
  list(filter: UserListFilter): Promise<UserPage>;
  /** Sets `last_login`, unconditionally: concurrent sign-ins must not fail each other. */
  recordLogin(userId: string, at: Date): Promise<StoredUser>;
  /** Stores a new emailed-link token, replacing the previous one, unconditionally (the newer link wins). */
  storeLinkToken(
    userId: string,
    field: 'email_verification' | 'password_reset',
    state: OneTimeTokenState,
  ): Promise<void>;
  /** Writes without events (bookkeeping); 412 when it changed meanwhile. */
  save(doc: UserDocument, etag: string, now: Date): Promise<StoredUser>;
  /** 409 when the id is taken. */
  create(doc: UserDocument, events: readonly DomainEvent[], now: Date): Promise<StoredUser>;
  replace(doc: UserDocument, events: readonly DomainEvent[], etag: string, now: Date): Promise<StoredUser>;
  /** Deletes the account; `doc` is what may be kept until its events are out (a tombstone, nothing personal). */
  delete(doc: UserDocument, events: readonly DomainEvent[], etag: string, now: Date): Promise<void>;
  /** The roster of admin accounts; undefined when none was written yet (data older than rosters). */
  adminRoster(): Promise<StoredAdminRoster | undefined>;
  /**
   * Writes the admin roster only if the stored one is still the version `etag` names (`null`: only
   * if there is none). False, writing nothing, when it is not: the caller reads it again.
   */
  saveAdminRoster(roster: AdminRoster, etag: string | null): Promise<boolean>;
}

/**
 * The ids of the admin accounts: the single document every change of who is an admin goes through
 * (`admin-roster.ts`), so "at least one admin remains" is checked and written in one conditional
 * write. It names every admin (and, for a moment or after a crash, perhaps an account that is not
 * one: the rule reads the accounts it counts).
 */
export interface AdminRoster {
  admin_ids: string[];
}

/** An admin roster with the version a conditional write names. */
export type StoredAdminRoster = AdminRoster & { _etag: string };

/** One item on a roster: what the rules need without reading the item itself. */
export interface RosterEntry {
  id: string;
  /** The item's `created_at`: "the newest remaining" is decided from the roster alone. */
  created_at: string;
  /** When the item last became or stopped being the default; null if never since it was added. */
  default_changed_at: string | null;
}

/**
 * Which of one owner's items exist and which one is the default: the single document every
 * change of the set goes through (the limit and "exactly one default" are checked on it and it
 * is written only if it is still the version read). An item is part of the set once it is on the
 * roster: its document is written before it is added and deleted after it is removed.
 */
export interface ItemRoster {
  user_id: string;
  items: RosterEntry[];
  /** Null only when `items` is empty. */
  default_id: string | null;
}

/** A roster with the version a conditional write names. */
export type StoredRoster = ItemRoster & { _etag: string };

/**
 * Small sets of documents one user owns (addresses, saved cards), plus the owner's roster of them.
 * Every access names the owner, so nobody reaches another user's item by its id.
 */
export interface OwnedItems<D extends { id: string; user_id: string; created_at: string }> {
  /** Every stored item of the owner, newest first, on the roster or not (the services filter). */
  list(userId: string): Promise<D[]>;
  get(userId: string, id: string): Promise<D | undefined>;
  create(doc: D): Promise<void>;
  replace(doc: D): Promise<void>;
  /** Idempotent: an item already gone is fine. */
  delete(userId: string, id: string): Promise<void>;
  /** The owner's items and roster. */
  deleteAll(userId: string): Promise<void>;
  /** The owner's roster; undefined when none was written yet (or it was deleted). */
  roster(userId: string): Promise<StoredRoster | undefined>;
  /**
   * Writes the roster only if the stored one is still the version `etag` names (`null`: only if
   * there is none). False, writing nothing, when it is not: the caller reads it again.
   */
  saveRoster(roster: ItemRoster, etag: string | null): Promise<boolean>;
}

/** The audit trail of admin actions (on Cosmos DB, `audit_logs`, expiring after 90 days). */
export interface AuditLog {
  /** Stores the entry; false (and nothing changed) when an entry with its id is already there. */
  record(entry: AuditLogDocument): Promise<boolean>;
}

/** Password hashes: scrypt in the server; a cheap stand-in in the core (`createInsecurePasswordHasher`). */
export interface PasswordHasher {
  /** A self-describing string (algorithm, parameters, salt, hash). */
  hash(password: string): Promise<string>;
  /** Constant-time comparison; false (never a throw) for stored values this hasher cannot read. */
  verify(password: string, stored: string): Promise<boolean>;
  /** Runs the same work as a verify against a fixed dummy hash: answers for unknown emails take as long as for known ones. */
  verifyDummy(password: string): Promise<false>;
  /** True when the stored hash was made with weaker parameters than the current ones (or cannot be read). */
  needsRehash(stored: string): boolean;
}

export interface StrengthVerdict {
  ok: boolean;
  score: 0 | 1 | 2 | 3 | 4;
  /** Why the password is weak, in English, or null. */
  warning: string | null;
  suggestions: string[];
}

/**
 * How guessable a new password is, given the owner's own details (name, email): zxcvbn in the
 * server, a few rules in the core (`createRuleBasedStrengthCheck`). It may answer later: the
 * server's check takes up to ~1 s of CPU, so it runs on worker threads, and refuses with 503
 * (`ServiceUnavailableError`) when too many checks are waiting.
 */
export type PasswordStrengthCheck = (
  password: string,
  userInputs: readonly string[],
) => StrengthVerdict | Promise<StrengthVerdict>;

/** Who a provider's ID token says signed in. */
export interface SocialIdentity {
  provider: SocialProvider;
  subject: string;
  email: string | null;
  /** True only when the provider vouches that the person controls the email. */
  emailVerified: boolean;
  name: string | null;
}

/**
 * Verifies a provider's ID token: 422 when the provider is not enabled, 401 when the token fails
 * a check. The server checks signatures by the providers' keys; the mocks read unsigned tokens.
 */
export type SocialVerifier = (provider: SocialProvider, idToken: string) => Promise<SocialIdentity>;

/** The TOTP time step a code matches at `at`, or null (the core's `matchTotp`; the mocks also accept a fixed code). */
export type TotpMatcher = (secret: string, code: string, at: Date) => number | null;
