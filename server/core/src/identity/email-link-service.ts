import type { InputOf, OperationById } from '@holiday-peak-hub/contract';
import { UnprocessableError } from '../pipeline/errors.ts';
import { createEvent } from '../platform/events/create-event.ts';
import { eventContext, type WriteContext } from '../platform/write-context.ts';
import type { StoredUser } from './documents.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { accepted, mayMail, sendMail } from './mail-sender.ts';
import { mails } from './mail-templates.ts';
import {
  issueOneTimeToken,
  redeemable,
  RESET_SECONDS,
  userIdOfToken,
  VERIFICATION_SECONDS,
} from './one-time-tokens.ts';
import { requireStrongPassword } from './password-policy.ts';

const INVALID_LINK = 'This link is invalid, used or expired: ask for a new one';

/**
 * The flows of emailed links: email verification and password reset, and asking for them again.
 * Asking answers 202 whether the email has an account or not.
 */
export class EmailLinkService {
  readonly #deps: IdentityDeps;

  constructor(deps: IdentityDeps) {
    this.#deps = deps;
  }

  async verifyEmail(token: string, ctx: WriteContext) {
    const deps = this.#deps;
    const now = deps.clock();
    const user = await this.#redeem(token, 'email_verification', now);
    const event = createEvent(
      'UserUpdated',
      { user_id: user.id, role: user.role, changed_fields: ['email_verified'] },
      eventContext(deps, ctx, now),
    );
    await deps.users.replace(
      { ...user, email_verified: true, email_verification: null, updated_at: now.toISOString() },
      [event],
      user._etag,
      now,
    );
    return { email: user.email, email_verified: true as const };
  }

  async resendVerification(email: string) {
    const deps = this.#deps;
    const user = await deps.users.getByEmail(email);
    if (user && !user.email_verified && (await mayMail(deps, email))) {
      const now = deps.clock();
      const { token, state } = issueOneTimeToken(user.id, now, VERIFICATION_SECONDS);
      await deps.users.storeLinkToken(user.id, 'email_verification', state);
      void sendMail(deps, mails.verifyEmail(user.email, user.name, token, deps.links));
    }
    return accepted('If this address has an unverified account, a new link is on its way.');
  }

  async forgotPassword(email: string) {
    const deps = this.#deps;
    const user = await deps.users.getByEmail(email);
    if (user && (await mayMail(deps, email))) {
      const now = deps.clock();
      const { token, state } = issueOneTimeToken(user.id, now, RESET_SECONDS);
      await deps.users.storeLinkToken(user.id, 'password_reset', state);
      void sendMail(deps, mails.resetPassword(user.email, token, deps.links));
    }
    return accepted('If this address has an account, a reset link is on its way.');
  }

  /** Sets the password, proves the inbox (so the email counts as verified), ends every session. */
  async resetPassword(body: InputOf<OperationById<'resetPassword'>>['body'], ctx: WriteContext): Promise<void> {
    const deps = this.#deps;
    const now = deps.clock();
    const user = await this.#redeem(body.token, 'password_reset', now);
    await requireStrongPassword(deps, body.new_password, user);
    const event = createEvent(
      'UserUpdated',
      {
        user_id: user.id,
        role: user.role,
        changed_fields: user.email_verified ? ['password'] : ['password', 'email_verified'],
      },
      eventContext(deps, ctx, now),
    );
    await deps.users.replace(
      {
        ...user,
        password_hash: await deps.hasher.hash(body.new_password),
        password_reset: null,
        email_verified: true,
        email_verification: null,
        updated_at: now.toISOString(),
      },
      [event],
      user._etag,
      now,
    );
    await deps.sessions.endAllFor(user.id);
    await sendMail(deps, mails.passwordChanged(user.email));
  }

  /** The account a link's token belongs to, while the token is its pending one of that kind: else 422. */
  async #redeem(token: string, kind: 'email_verification' | 'password_reset', now: Date): Promise<StoredUser> {
    const parsed = userIdOfToken(token);
    const user = parsed ? await this.#deps.users.get(parsed.userId) : undefined;
    if (!parsed || !user || !redeemable(user[kind], parsed.secret, now)) {
      throw new UnprocessableError(INVALID_LINK, { field: 'token' });
    }
    return user;
  }
}
