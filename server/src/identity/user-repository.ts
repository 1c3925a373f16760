import type { Container } from '@azure/cosmos';
import type { DomainEvent } from '@holiday-peak-hub/contract';
import {
  type AdminRoster,
  emailClaimId,
  identityClaimId,
  type OneTimeTokenState,
  type StoredAdminRoster,
  type UserDocument,
  type UserListFilter,
  type UserRepository,
} from '@holiday-peak-hub/core';
import { isNotFound } from '../platform/cosmos/cosmos-errors.ts';
import { writeIfUnchanged } from '../platform/cosmos/write-if-unchanged.ts';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { DocumentStore } from '../platform/cosmos/document-store.ts';
import { queryPage, type Page } from '../platform/cosmos/query-page.ts';
import { asApiError } from '../platform/cosmos/write-errors.ts';
import type { OutboxDeps, OutboxFields, Stored } from '../platform/events/outbox.ts';

/** An account as stored: the core's document with the events still waiting for publication (outbox). */
type CosmosUserDocument = UserDocument & OutboxFields;

/**
 * Claims an email, or a social sign-in identity, for one account. Cosmos DB unique keys hold per
 * logical partition, and users are partitioned by user id, so uniqueness across accounts comes
 * from this document: its id (and partition key) is derived from what it claims (`emailClaimId`,
 * `identityClaimId`), so a second claim of the same email is a 409 on create, and a sign-in finds
 * the account by a point read instead of a cross-partition query.
 */
interface ClaimDocument {
  id: string;
  user_id: string;
  doc_type: 'claim';
  owner_id: string;
  created_at: string;
}

/**
 * The admin roster (the core's `admin-roster.ts`): one document in its own partition of the users
 * container, written with `If-Match` on the version read (a create when there is none).
 */
export const ADMIN_ROSTER_ID = 'admin_roster';

interface AdminRosterDocument extends AdminRoster {
  id: typeof ADMIN_ROSTER_ID;
  user_id: typeof ADMIN_ROSTER_ID;
  doc_type: 'admin_roster';
}

/** Every Cosmos DB access for accounts: point reads by id or by email claim, outbox writes, one listing. */
export class CosmosUserRepository extends DocumentStore<CosmosUserDocument> implements UserRepository {
  readonly #cursors: CursorCodec;

  constructor(container: Container, outbox: OutboxDeps, cursors: CursorCodec) {
    super(container, outbox, {
      name: 'User',
      conflict: 'An account already uses this email',
      partitionOf: (doc) => doc.user_id,
      detailsOf: (doc) => ({ user_id: doc.id }),
    });
    this.#cursors = cursors;
  }

  get(userId: string): Promise<Stored<CosmosUserDocument> | undefined> {
    return this.read(userId, userId);
  }

  /** Two point reads: the email's claim, then its account. */
  getByEmail(email: string): Promise<Stored<CosmosUserDocument> | undefined> {
    return this.#byClaim(emailClaimId(email));
  }

  /** The account a social sign-in identity belongs to: two point reads. */
  getByIdentity(provider: string, subject: string): Promise<Stored<CosmosUserDocument> | undefined> {
    return this.#byClaim(identityClaimId(provider, subject));
  }

  /** Claims an email for an account: 409 CONFLICT when another account holds it. */
  claimEmail(email: string, ownerId: string, now: Date): Promise<void> {
    return this.#claim(emailClaimId(email), ownerId, now, 'An account already uses this email', { field: 'email' });
  }

  /** Gives up an email claim (after a failed create, an email change, an erasure). Idempotent. */
  releaseEmail(email: string): Promise<void> {
    return this.#release(emailClaimId(email));
  }

  claimIdentity(provider: string, subject: string, ownerId: string, now: Date): Promise<void> {
    return this.#claim(identityClaimId(provider, subject), ownerId, now, 'This sign-in is linked to another account', {
      field: 'id_token',
    });
  }

  releaseIdentity(provider: string, subject: string): Promise<void> {
    return this.#release(identityClaimId(provider, subject));
  }

  async #byClaim(id: string): Promise<Stored<CosmosUserDocument> | undefined> {
    try {
      const { resource } = await this.container.item(id, id).read<ClaimDocument>();
      return resource ? await this.get(resource.owner_id) : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async #claim(
    id: string,
    ownerId: string,
    now: Date,
    conflict: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    const claim: ClaimDocument = {
      id,
      user_id: id,
      doc_type: 'claim',
      owner_id: ownerId,
      created_at: now.toISOString(),
    };
    try {
      await this.container.items.create(claim);
    } catch (err) {
      throw asApiError(err, { name: 'Account', conflict }, details);
    }
  }

  async #release(id: string): Promise<void> {
    try {
      await this.container.item(id, id).delete();
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Accounts newest first, optionally of one role: a cross-partition query (admins only, paged). */
  list(filter: UserListFilter): Promise<Page<Stored<CosmosUserDocument>>> {
    const where = ["c.doc_type = 'user'", 'NOT IS_DEFINED(c.deleted_at)'];
    const parameters: { name: string; value: string }[] = [];
    if (filter.role !== undefined) {
      where.push('c.role = @role');
      parameters.push({ name: '@role', value: filter.role });
    }
    return queryPage<Stored<CosmosUserDocument>>(
      this.container,
      { query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC`, parameters },
      { limit: filter.limit, cursor: filter.cursor, shape: { op: 'adminListUsers', role: filter.role ?? null } },
      this.#cursors,
    );
  }

  /**
   * Records a sign-in. A patch of one field without a version condition: concurrent sign-ins of one
   * account (two devices, a retry) must not fail each other, and the last writer wins.
   */
  async recordLogin(userId: string, at: Date): Promise<Stored<CosmosUserDocument>> {
    const { resource } = await this.container
      .item(userId, userId)
      .patch<CosmosUserDocument>([{ op: 'set', path: '/last_login', value: at.toISOString() }]);
    if (!resource) throw new Error(`sign-in record of ${userId} returned no document`);
    return resource;
  }

  /**
   * Stores a new emailed-link token (it replaces the previous one). Unconditional, like
   * `recordLogin`: two requests for a link at once must both answer 202 alike; the newer link wins.
   */
  async storeLinkToken(
    userId: string,
    field: 'email_verification' | 'password_reset',
    state: OneTimeTokenState,
  ): Promise<void> {
    await this.container.item(userId, userId).patch([{ op: 'set', path: `/${field}`, value: state }]);
  }

  async adminRoster(): Promise<StoredAdminRoster | undefined> {
    try {
      const { resource } = await this.container
        .item(ADMIN_ROSTER_ID, ADMIN_ROSTER_ID)
        .read<AdminRosterDocument & { _etag: string }>();
      return resource ? { admin_ids: resource.admin_ids, _etag: resource._etag } : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  saveAdminRoster(roster: AdminRoster, etag: string | null): Promise<boolean> {
    const doc: AdminRosterDocument = {
      id: ADMIN_ROSTER_ID,
      user_id: ADMIN_ROSTER_ID,
      doc_type: 'admin_roster',
      admin_ids: roster.admin_ids,
    };
    return writeIfUnchanged(this.container, doc, ADMIN_ROSTER_ID, etag);
  }

  /** Writes without events (bookkeeping); 412 when it changed meanwhile. */
  save(doc: UserDocument, etag: string, now: Date): Promise<Stored<CosmosUserDocument>> {
    return this.replace(doc, [] as DomainEvent[], etag, now);
  }
}
