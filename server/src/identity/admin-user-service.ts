import type { AccountRole, InputOf, OperationById, User } from '@holiday-peak-hub/contract';
import { NotFoundError, UnprocessableError } from '@holiday-peak-hub/core';
import type { Caller } from '@holiday-peak-hub/core';
import type { Exchange as HttpExchange } from '@holiday-peak-hub/core';
import { createEvent } from '@holiday-peak-hub/core';
import type { Stored } from '../platform/events/outbox.ts';
import { randomToken } from '@holiday-peak-hub/core';
import { eventContext, type WriteContext } from '@holiday-peak-hub/core';
import { eraseAccount } from './account-erasure.ts';
import type { AuthService } from './auth-service.ts';
import type { UserDocument } from './documents.ts';
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
  http: HttpExchange;
}

/** Admin user management. Every write is recorded in the audit log (`audit_logs`, 90 days). */
export class AdminUserService {
  readonly #deps: IdentityDeps;
  readonly #auth: AuthService;

  constructor(deps: IdentityDeps, auth: AuthService) {
    this.#deps = deps;
    this.#auth = auth;
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
    const saved = await this.#auth.createAccount(doc, 'admin', ctx);
    await this.#audit(ctx, {
      action: 'user_created',
      entityId: userId,
      changes: { role: { before: null, after: body.role } },
    });
    await sendMail(deps, mails.invitation(body.email, body.name, body.role, invitation.token, deps.links));
    return toUser(saved);
  }

  /** Sets the role and ends the user's sessions, so no token keeps the old role. */
  async changeRole(userId: string, role: AccountRole, ctx: AdminContext): Promise<User> {
    const deps = this.#deps;
    this.#notSelf(userId, ctx, 'You cannot change your own role');
    const user = await this.#get(userId);
    if (user.role === role) return toUser(user);
    const now = deps.clock();
    const event = createEvent(
      'UserUpdated',
      { user_id: user.id, role, changed_fields: ['role'] },
      eventContext(deps, ctx, now),
    );
    const saved = await deps.users.replace({ ...user, role, updated_at: now.toISOString() }, [event], user._etag, now);
    await deps.sessions.endAllFor(user.id);
    await this.#audit(ctx, {
      action: 'role_changed',
      entityId: user.id,
      changes: { role: { before: user.role, after: role } },
    });
    return toUser(saved);
  }

  async delete(userId: string, ctx: AdminContext): Promise<void> {
    this.#notSelf(userId, ctx, 'You cannot delete your own account here: use DELETE /api/users/me');
    const user = await this.#get(userId);
    await eraseAccount(this.#deps, user, ctx);
    await this.#audit(ctx, {
      action: 'user_deleted',
      entityId: user.id,
      changes: { role: { before: user.role, after: null } },
    });
  }

  async #get(userId: string): Promise<Stored<UserDocument>> {
    const user = await this.#deps.users.get(userId);
    if (!user) throw new NotFoundError('User', { user_id: userId });
    return user;
  }

  #notSelf(userId: string, ctx: AdminContext, message: string): void {
    if (ctx.caller.userId === userId) throw new UnprocessableError(message, { user_id: userId });
  }

  #audit(ctx: AdminContext, entry: Parameters<IdentityDeps['audit']['record']>[0]): Promise<void> {
    return this.#deps.audit.record(entry, ctx.caller, ctx.http, ctx.requestId, this.#deps.clock());
  }
}
