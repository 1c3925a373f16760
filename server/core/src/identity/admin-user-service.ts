import type { AccountRole, EventActor, InputOf, OperationById, User } from '@holiday-peak-hub/contract';
import { NotFoundError, UnprocessableError } from '../pipeline/errors.ts';
import type { Exchange } from '../pipeline/exchange.ts';
import type { Caller } from '../pipeline/handler.ts';
import { createEvent } from '../platform/events/create-event.ts';
import { randomToken } from '../platform/random.ts';
import { eventContext, retryOnConflict, type WriteContext } from '../platform/write-context.ts';
import { createAccount } from './account-creation.ts';
import { eraseAccount } from './account-erasure.ts';
import { changingAdmin } from './admin-roster.ts';
import type { StoredUser, UserDocument } from './documents.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { sendMail } from './mail-sender.ts';
import { mails } from './mail-templates.ts';
import { INVITATION_SECONDS, issueOneTimeToken } from './one-time-tokens.ts';
import { newAccount } from './new-account.ts';
import { toUser } from './user-view.ts';

type Query = InputOf<OperationById<'adminListUsers'>>['query'];
type CreateBody = InputOf<OperationById<'adminCreateUser'>>['body'];

/** What an admin's write needs besides its input: who, from where, under which request. */
export interface AdminContext extends WriteContext {
  caller: Caller;
  /** The client's address and user agent, for the audit log. */
  client: Pick<Exchange, 'ip' | 'userAgent'>;
}

/** The admin and the request, as the events of their changes name them (the audit trail is written from those). */
function actorOf(ctx: AdminContext): EventActor {
  return {
    user_id: ctx.caller.userId ?? 'unknown',
    role: ctx.caller.role,
    email: ctx.caller.email,
    ip_address: ctx.client.ip,
    user_agent: ctx.client.userAgent,
  };
}

/**
 * Admin user management. Every write's event names the admin (`actor`); the audit trail
 * (`audit_logs`, 90 days) is written from those events (`audit-trail.ts`).
 */
export class AdminUserService {
  readonly #deps: IdentityDeps;

  constructor(deps: IdentityDeps) {
    this.#deps = deps;
  }

  async list(query: Query): Promise<{ items: User[]; next_cursor: string | null }> {
    const page = await this.#deps.users.list(query);
    return { items: page.items.map(toUser), next_cursor: page.nextCursor };
  }

  /** An account without a password: its owner sets one through the emailed link (7 days). */
  async create(body: CreateBody, ctx: AdminContext): Promise<User> {
    const deps = this.#deps;
    const now = deps.clock();
    const userId = `usr_${randomToken(16)}`;
    const invitation = issueOneTimeToken(userId, now, INVITATION_SECONDS);
    const doc: UserDocument = {
      ...newAccount(userId, body.email, body.name, body.role, now),
      password_reset: invitation.state,
    };
    // An admin is on the admin roster before the account exists (`admin-roster.ts`).
    const saved = await changingAdmin(deps.users, userId, { wasAdmin: false, isAdmin: body.role === 'admin' }, () =>
      createAccount(deps, doc, 'admin', ctx, actorOf(ctx)),
    );
    await sendMail(deps, mails.invitation(body.email, body.name, body.role, invitation.token, deps.links));
    return toUser(saved);
  }

  /**
   * Sets the role and ends the user's sessions, so no token keeps the old role. The last admin
   * cannot be demoted (422): the admin roster is changed first (`admin-roster.ts`), and a write
   * that loses to a concurrent one starts again from a fresh read.
   */
  async changeRole(userId: string, role: AccountRole, ctx: AdminContext): Promise<User> {
    const deps = this.#deps;
    this.#notSelf(userId, ctx, 'You cannot change your own role');
    const { user, saved } = await retryOnConflict(async () => {
      const user = await this.#get(userId);
      if (user.role === role) return { user, saved: undefined };
      const now = deps.clock();
      const event = createEvent(
        'UserUpdated',
        { user_id: user.id, role, changed_fields: ['role'], previous_role: user.role, actor: actorOf(ctx) },
        eventContext(deps, ctx, now),
      );
      const change = { wasAdmin: user.role === 'admin', isAdmin: role === 'admin' };
      const saved = await changingAdmin(deps.users, user.id, change, () =>
        deps.users.replace({ ...user, role, updated_at: now.toISOString() }, [event], user._etag, now),
      );
      return { user, saved };
    });
    if (!saved) return toUser(user);
    await deps.sessions.endAllFor(user.id);
    return toUser(saved);
  }

  async delete(userId: string, ctx: AdminContext): Promise<void> {
    this.#notSelf(userId, ctx, 'You cannot delete your own account here: use DELETE /api/users/me');
    const user = await this.#get(userId);
    await eraseAccount(this.#deps, user, ctx, actorOf(ctx));
  }

  async #get(userId: string): Promise<StoredUser> {
    const user = await this.#deps.users.get(userId);
    if (!user) throw new NotFoundError('User', { user_id: userId });
    return user;
  }

  #notSelf(userId: string, ctx: AdminContext, message: string): void {
    if (ctx.caller.userId === userId) throw new UnprocessableError(message, { user_id: userId });
  }
}
