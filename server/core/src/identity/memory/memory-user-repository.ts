import type { DomainEvent } from '@holiday-peak-hub/contract';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../pipeline/errors.ts';
import type { EventPublisher } from '../../platform/events/publisher.ts';
import { randomToken } from '../../platform/random.ts';
import type { Logger } from '../../ports/logger.ts';
import { emailClaimId, identityClaimId } from '../claim-ids.ts';
import type { OneTimeTokenState, StoredUser, UserDocument } from '../documents.ts';
import type { AdminRoster, StoredAdminRoster, UserListFilter, UserPage, UserRepository } from '../ports.ts';
import { jsonCopy, ownTables, type TableSource } from './tables.ts';
import { decodeUserCursor, encodeUserCursor } from './user-cursor.ts';

/** An account as kept here: with the events not yet published and, once deleted, its tombstone mark (as on Cosmos DB). */
type UserRecord = StoredUser & { pending_events?: DomainEvent[]; deleted_at?: string };

interface ClaimRecord {
  owner_id: string;
  created_at: string;
}

export interface MemoryUserRepositoryDeps {
  /** Gets the events of every successful write. */
  publisher: EventPublisher;
  logger: Logger;
  /**
   * Where the accounts (`identity.users`), claims (`identity.claims`) and the admin roster
   * (`identity.admin_roster`) are kept; own Maps by default.
   */
  tables?: TableSource;
}

/** The work's result, or its throw as a rejection (as an async adapter fails). */
const settled = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

const USER_DETAILS = (doc: UserDocument) => ({ user_id: doc.id });
const EMAIL_TAKEN = 'An account already uses this email';
const ADMIN_ROSTER_KEY = 'admins';

/**
 * Accounts in memory, with the Cosmos DB adapter's semantics: claims unique (409 with the same
 * details), a new `_etag` on every write and 412 for a stale one, 404 for a missing account, and
 * the events of a write published right after it. A delete leaves a tombstone (invisible to reads)
 * until its events are out; events whose publication failed stay with their account until
 * `publishPending` (the relay's job on the server) gets them out.
 */
export class MemoryUserRepository implements UserRepository {
  readonly #users: Map<string, UserRecord>;
  readonly #claims: Map<string, ClaimRecord>;
  readonly #adminRoster: Map<string, StoredAdminRoster>;
  readonly #publisher: EventPublisher;
  readonly #logger: Logger;

  constructor(deps: MemoryUserRepositoryDeps) {
    const tables = deps.tables ?? ownTables();
    this.#users = tables.table<UserRecord>('identity.users');
    this.#claims = tables.table<ClaimRecord>('identity.claims');
    this.#adminRoster = tables.table<StoredAdminRoster>('identity.admin_roster');
    this.#publisher = deps.publisher;
    this.#logger = deps.logger;
  }

  get(userId: string): Promise<StoredUser | undefined> {
    return Promise.resolve(this.#read(userId));
  }

  getByEmail(email: string): Promise<StoredUser | undefined> {
    return this.#byClaim(emailClaimId(email));
  }

  getByIdentity(provider: string, subject: string): Promise<StoredUser | undefined> {
    return this.#byClaim(identityClaimId(provider, subject));
  }

  claimEmail(email: string, ownerId: string, now: Date): Promise<void> {
    return this.#claim(emailClaimId(email), ownerId, now, EMAIL_TAKEN, { field: 'email' });
  }

  releaseEmail(email: string): Promise<void> {
    this.#claims.delete(emailClaimId(email));
    return Promise.resolve();
  }

  claimIdentity(provider: string, subject: string, ownerId: string, now: Date): Promise<void> {
    return this.#claim(identityClaimId(provider, subject), ownerId, now, 'This sign-in is linked to another account', {
      field: 'id_token',
    });
  }

  releaseIdentity(provider: string, subject: string): Promise<void> {
    this.#claims.delete(identityClaimId(provider, subject));
    return Promise.resolve();
  }

  list(filter: UserListFilter): Promise<UserPage> {
    return settled(() => this.#page(filter));
  }

  #page(filter: UserListFilter): UserPage {
    const role = filter.role ?? null;
    const after = filter.cursor === undefined ? undefined : decodeUserCursor(filter.cursor, role);
    const newestFirst = [...this.#users.values()]
      .filter((user) => !user.deleted_at && (role === null || user.role === role))
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id))
      .filter(
        (user) =>
          !after || user.created_at < after.created_at || (user.created_at === after.created_at && user.id < after.id),
      );
    const items = newestFirst.slice(0, filter.limit);
    const last = items.at(-1);
    const nextCursor =
      last && newestFirst.length > items.length
        ? encodeUserCursor({ created_at: last.created_at, id: last.id, role })
        : null;
    return { items: items.map((user) => this.#view(user)), nextCursor };
  }

  recordLogin(userId: string, at: Date): Promise<StoredUser> {
    return settled(() => this.#patch(userId, { last_login: at.toISOString() }));
  }

  storeLinkToken(
    userId: string,
    field: 'email_verification' | 'password_reset',
    state: OneTimeTokenState,
  ): Promise<void> {
    return settled(() => void this.#patch(userId, { [field]: state }));
  }

  save(doc: UserDocument, etag: string, now: Date): Promise<StoredUser> {
    return this.replace(doc, [], etag, now);
  }

  async create(doc: UserDocument, events: readonly DomainEvent[], _now: Date): Promise<StoredUser> {
    if (this.#users.has(doc.id)) throw new ConflictError(EMAIL_TAKEN, USER_DETAILS(doc));
    return this.#write(doc, [], events);
  }

  async replace(doc: UserDocument, events: readonly DomainEvent[], etag: string, _now: Date): Promise<StoredUser> {
    const current = this.#current(doc, etag);
    return this.#write(doc, current.pending_events ?? [], events);
  }

  async delete(doc: UserDocument, events: readonly DomainEvent[], etag: string, now: Date): Promise<void> {
    const current = this.#current(doc, etag);
    await this.#write({ ...doc, deleted_at: now.toISOString() }, current.pending_events ?? [], events);
  }

  adminRoster(): Promise<StoredAdminRoster | undefined> {
    const roster = this.#adminRoster.get(ADMIN_ROSTER_KEY);
    return Promise.resolve(roster && jsonCopy(roster));
  }

  /** Checked and written in one step, as Cosmos DB's `If-Match` does. */
  saveAdminRoster(roster: AdminRoster, etag: string | null): Promise<boolean> {
    const current = this.#adminRoster.get(ADMIN_ROSTER_KEY);
    if ((current?._etag ?? null) !== etag) return Promise.resolve(false);
    this.#adminRoster.set(ADMIN_ROSTER_KEY, { admin_ids: [...roster.admin_ids], _etag: randomToken(16) });
    return Promise.resolve(true);
  }

  /** Publishes the events still waiting (a failed publication); tombstones go once theirs are out. */
  async publishPending(): Promise<void> {
    for (const record of [...this.#users.values()]) {
      if (record.pending_events?.length) await this.#flush(record.id);
    }
  }

  #read(userId: string): StoredUser | undefined {
    const record = this.#users.get(userId);
    return record && !record.deleted_at ? this.#view(record) : undefined;
  }

  /** What the services see: no outbox bookkeeping. */
  #view(record: UserRecord): StoredUser {
    const user = jsonCopy(record);
    delete user.pending_events;
    delete user.deleted_at;
    return user;
  }

  #byClaim(claimId: string): Promise<StoredUser | undefined> {
    const claim = this.#claims.get(claimId);
    return Promise.resolve(claim ? this.#read(claim.owner_id) : undefined);
  }

  #claim(id: string, ownerId: string, now: Date, conflict: string, details: Record<string, unknown>): Promise<void> {
    if (this.#claims.has(id)) return Promise.reject(new ConflictError(conflict, details));
    this.#claims.set(id, { owner_id: ownerId, created_at: now.toISOString() });
    return Promise.resolve();
  }

  /** The stored record a conditional write replaces: 404 when there is none, 412 when `etag` is not its version. */
  #current(doc: UserDocument, etag: string): UserRecord {
    const current = this.#users.get(doc.id);
    if (!current) throw new NotFoundError('User', USER_DETAILS(doc));
    if (current._etag !== etag) throw new PreconditionFailedError(undefined, USER_DETAILS(doc));
    return current;
  }

  /** An unconditional write of some fields (Cosmos DB's patch): the account must exist. */
  #patch(userId: string, fields: Partial<UserDocument>): StoredUser {
    const current = this.#users.get(userId);
    if (!current) throw new Error(`patch of ${userId}: no such account`);
    const record: UserRecord = { ...current, ...jsonCopy(fields), _etag: randomToken(16) };
    this.#users.set(userId, record);
    return this.#view(record);
  }

  async #write(
    doc: UserDocument & { deleted_at?: string },
    pending: readonly DomainEvent[],
    events: readonly DomainEvent[],
  ): Promise<StoredUser> {
    const waiting = [...pending, ...events].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    const record: UserRecord = { ...jsonCopy(doc), _etag: randomToken(16), pending_events: jsonCopy(waiting) };
    if (waiting.length === 0) delete record.pending_events;
    this.#users.set(doc.id, record);
    const view = this.#view(record);
    await this.#flush(doc.id);
    return this.#read(doc.id) ?? view;
  }

  /** Publishes the account's waiting events, then clears them (or drops its tombstone); a failed publish is logged, the write stands. */
  async #flush(userId: string): Promise<void> {
    const record = this.#users.get(userId);
    const events = record?.pending_events ?? [];
    if (!record || (events.length === 0 && !record.deleted_at)) return;
    try {
      if (events.length > 0) await this.#publisher.publish(events);
    } catch (err) {
      this.#logger.warn(
        { err, id: userId, events: events.map((event) => event.event_id) },
        'memory users: publish failed, events stay pending',
      );
      return;
    }
    const latest = this.#users.get(userId);
    if (latest?._etag !== record._etag) return; // changed meanwhile: the newer version carries these events too
    if (record.deleted_at) this.#users.delete(userId);
    else {
      const published = { ...record };
      delete published.pending_events;
      this.#users.set(userId, published);
    }
  }
}
