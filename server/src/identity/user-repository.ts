import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { AccountRole, DomainEvent } from '@holiday-peak-hub/contract';
import { isNotFound } from '../platform/cosmos/cosmos-errors.ts';
import type { CursorCodec } from '../platform/cosmos/cursor.ts';
import { DocumentStore } from '../platform/cosmos/document-store.ts';
import { queryPage, type Page } from '../platform/cosmos/query-page.ts';
import { asApiError } from '../platform/cosmos/write-errors.ts';
import type { OutboxDeps, Stored } from '../platform/events/outbox.ts';
import type { ClaimDocument, OneTimeTokenState, UserDocument } from './documents.ts';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 40);

/** The id (and partition key) of an email's claim document. */
export function emailClaimId(email: string): string {
  return `email_${digest(email.toLowerCase())}`;
}

/** The id of the claim of a social sign-in identity (provider and its subject). */
export function identityClaimId(provider: string, subject: string): string {
  return `idp_${digest(`${provider}\n${subject}`)}`;
}

/** Every Cosmos DB access for accounts: point reads by id or by email claim, outbox writes, one listing. */
export class UserRepository extends DocumentStore<UserDocument> {
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

  get(userId: string): Promise<Stored<UserDocument> | undefined> {
    return this.read(userId, userId);
  }

  /** Two point reads: the email's claim, then its account. */
  getByEmail(email: string): Promise<Stored<UserDocument> | undefined> {
    return this.#byClaim(emailClaimId(email));
  }

  /** The account a social sign-in identity belongs to: two point reads. */
  getByIdentity(provider: string, subject: string): Promise<Stored<UserDocument> | undefined> {
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

  async #byClaim(id: string): Promise<Stored<UserDocument> | undefined> {
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
  list(filter: {
    role?: AccountRole | undefined;
    limit: number;
    cursor?: string | undefined;
  }): Promise<Page<Stored<UserDocument>>> {
    const where = ["c.doc_type = 'user'", 'NOT IS_DEFINED(c.deleted_at)'];
    const parameters: { name: string; value: string }[] = [];
    if (filter.role !== undefined) {
      where.push('c.role = @role');
      parameters.push({ name: '@role', value: filter.role });
    }
    return queryPage<Stored<UserDocument>>(
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
  async recordLogin(userId: string, at: Date): Promise<Stored<UserDocument>> {
    const { resource } = await this.container
      .item(userId, userId)
      .patch<UserDocument>([{ op: 'set', path: '/last_login', value: at.toISOString() }]);
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

  /** Writes without events (bookkeeping); 412 when it changed meanwhile. */
  save(doc: UserDocument, etag: string, now: Date): Promise<Stored<UserDocument>> {
    return this.replace(doc, [] as DomainEvent[], etag, now);
  }
}
