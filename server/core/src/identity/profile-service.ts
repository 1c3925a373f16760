import type { InputOf, OperationById, OperationId, Preferences, User } from '@holiday-peak-hub/contract';
import { RECENT_SIGN_IN_SECONDS, USER_ID_PATTERN } from '@holiday-peak-hub/contract';
import { hashToken } from '../auth/opaque-token.ts';
import { qrSvgDataUrl } from '../auth/qr-code.ts';
import { generateRecoveryCodes, generateTotpSecret, normalizeRecoveryCode, totpUri } from '../auth/totp.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../pipeline/errors.ts';
import type { Caller } from '../pipeline/handler.ts';
import { createEvent } from '../platform/events/create-event.ts';
import { httpEtag } from '../platform/storage-etag.ts';
import { checkIfMatch, eventContext, withConcurrency, type WriteContext } from '../platform/write-context.ts';
import { eraseAccount } from './account-erasure.ts';
import { afterFailure, beforeAttempt } from './attempt-guard.ts';
import type { StoredUser, UserDocument } from './documents.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { mayMail, sendMail } from './mail-sender.ts';
import { mails } from './mail-templates.ts';
import { issueOneTimeToken, VERIFICATION_SECONDS } from './one-time-tokens.ts';
import { requireStrongPassword } from './password-policy.ts';
import { toUser } from './user-view.ts';

type Body<K extends OperationId> = InputOf<OperationById<K>>['body'];

const TOTP_ISSUER = 'Holiday Peak Hub';
const PROFILE_FIELDS = ['name', 'email', 'phone', 'date_of_birth', 'newsletter_opt_in'] as const;

/** The signed-in account: profile, password, two-factor, preferences, erasure. */
export class ProfileService {
  readonly #deps: IdentityDeps;

  constructor(deps: IdentityDeps) {
    this.#deps = deps;
  }

  /**
   * The caller's account. Tokens of external issuers (Entra ID) name identities that may have no
   * account here: that is a 404, not someone else's account. Only our own tokens (the ones with a
   * session) name accounts: another issuer's `sub` is in that issuer's namespace, even when it
   * looks like one of our user ids.
   */
  async account(caller: Caller): Promise<StoredUser> {
    const id = caller.sessionId === null ? null : caller.userId;
    const user = id !== null && USER_ID_PATTERN.test(id) ? await this.#deps.users.get(id) : undefined;
    if (!user) throw new NotFoundError('Account', { reason: 'no account of this API belongs to the token' });
    return user;
  }

  async me(caller: Caller): Promise<{ user: User; etag: string }> {
    const doc = await this.account(caller);
    return { user: toUser(doc), etag: httpEtag(doc._etag) };
  }

  /**
   * Replaces the profile fields. A new email is claimed first and must be verified again. An email
   * another account uses is answered as sign-up answers it: the rest is saved, the account keeps
   * its email, and the address's owner is told by email; the answer never says the address is taken.
   */
  async update(caller: Caller, body: Body<'updateMe'>, ctx: WriteContext): Promise<{ user: User; etag: string }> {
    const deps = this.#deps;
    return withConcurrency(ctx.ifMatch, async () => {
      const current = await this.account(caller);
      checkIfMatch(ctx.ifMatch, current._etag, { user_id: current.id });
      const changed: string[] = PROFILE_FIELDS.filter((field) => current[field] !== body[field]);
      if (changed.length === 0) return { user: toUser(current), etag: httpEtag(current._etag) };
      const now = deps.clock();
      let emailChanged = changed.includes('email');
      let email = body.email;
      // The sign-in email is the account: changing it takes the password, so a stolen session cannot.
      if (emailChanged) {
        if (current.password_hash === null) {
          throw new UnprocessableError('Set a password (forgot-password) before changing the email', {
            field: 'current_password',
          });
        }
        await this.#requirePassword(current, body.current_password ?? '', 'current_password');
        try {
          await deps.users.claimEmail(body.email, current.id, now);
        } catch (err) {
          if (!(err instanceof ConflictError)) throw err;
          // Taken: keep the current email and tell the address's owner, as sign-up does.
          if (await mayMail(deps, body.email)) void sendMail(deps, mails.emailChangeAttempt(body.email, deps.links));
          emailChanged = false;
          email = current.email;
          changed.splice(changed.indexOf('email'), 1);
          if (changed.length === 0) return { user: toUser(current), etag: httpEtag(current._etag) };
        }
        if (emailChanged && current.email_verified) changed.push('email_verified');
      }
      const verification = emailChanged ? issueOneTimeToken(current.id, now, VERIFICATION_SECONDS) : undefined;
      const event = createEvent(
        'UserUpdated',
        { user_id: current.id, role: current.role, changed_fields: [...changed] },
        eventContext(deps, ctx, now),
      );
      let saved: StoredUser;
      try {
        saved = await deps.users.replace(
          {
            ...current,
            name: body.name,
            email,
            phone: body.phone,
            date_of_birth: body.date_of_birth,
            newsletter_opt_in: body.newsletter_opt_in,
            ...(verification
              ? { email_verified: false, email_verification: verification.state, password_reset: null }
              : {}),
            updated_at: now.toISOString(),
          },
          [event],
          current._etag,
          now,
        );
      } catch (err) {
        if (emailChanged) await deps.users.releaseEmail(body.email);
        throw err;
      }
      if (verification) {
        await deps.users.releaseEmail(current.email);
        await sendMail(deps, mails.emailChanged(current.email, body.email));
        if ((await deps.mailLimiter.consume(`mail:${body.email}`)).allowed) {
          await sendMail(deps, mails.verifyEmail(body.email, saved.name, verification.token, deps.links));
        }
      }
      return { user: toUser(saved), etag: httpEtag(saved._etag) };
    });
  }

  /**
   * Erases the caller's account. Proof that the owner is at the keyboard: the password, or for an
   * account without one (social sign-in) a sign-in within the last RECENT_SIGN_IN_SECONDS.
   */
  async delete(caller: Caller, password: string | undefined, ctx: WriteContext): Promise<void> {
    const user = await this.account(caller);
    if (user.password_hash !== null) await this.#requirePassword(user, password ?? '');
    else await this.#requireRecentSignIn(caller);
    await eraseAccount(this.#deps, user, ctx);
  }

  async #requireRecentSignIn(caller: Caller): Promise<void> {
    const started = caller.sessionId === null ? undefined : await this.#deps.sessions.startedAt(caller.sessionId);
    const age = started === undefined ? Infinity : this.#deps.clock().getTime() - started.getTime();
    if (age > RECENT_SIGN_IN_SECONDS * 1000) {
      throw new UnprocessableError(
        `Sign in again: deleting an account without a password needs a sign-in within the last ${RECENT_SIGN_IN_SECONDS / 60} minutes`,
        { reason: 'recent_sign_in_required' },
      );
    }
  }

  /** Sets a new password and signs every other session out. */
  async changePassword(caller: Caller, body: Body<'changePassword'>, ctx: WriteContext): Promise<void> {
    const deps = this.#deps;
    const user = await this.account(caller);
    await this.#requirePassword(user, body.current_password);
    await requireStrongPassword(deps, body.new_password, user);
    const now = deps.clock();
    const event = createEvent(
      'UserUpdated',
      { user_id: user.id, role: user.role, changed_fields: ['password'] },
      eventContext(deps, ctx, now),
    );
    const hash = await deps.hasher.hash(body.new_password);
    await deps.users.replace({ ...user, password_hash: hash, updated_at: now.toISOString() }, [event], user._etag, now);
    await deps.sessions.endAllFor(user.id, caller.sessionId ?? undefined);
    await sendMail(deps, mails.passwordChanged(user.email));
  }

  /** A new secret awaiting its first code; two-factor stays off until `confirmTwoFactor`. */
  async startTwoFactor(caller: Caller, password: string) {
    const deps = this.#deps;
    const user = await this.account(caller);
    await this.#requirePassword(user, password);
    if (user.two_factor.enabled) throw new ConflictError('Two-factor authentication is already on');
    const secret = generateTotpSecret();
    await deps.users.save(
      { ...user, two_factor: { enabled: false, secret, last_step: null, recovery_code_hashes: [] } },
      user._etag,
      deps.clock(),
    );
    const uri = totpUri(secret, user.email, TOTP_ISSUER);
    return { secret, otpauth_uri: uri, qr_code: await qrSvgDataUrl(uri) };
  }

  async confirmTwoFactor(caller: Caller, code: string, ctx: WriteContext) {
    const deps = this.#deps;
    const user = await this.account(caller);
    if (user.two_factor.enabled) throw new ConflictError('Two-factor authentication is already on');
    if (user.two_factor.secret === null) {
      throw new ConflictError('Start with POST /api/users/me/2fa/enable', { reason: 'no enrolment in progress' });
    }
    const now = deps.clock();
    const step = deps.matchTotp(user.two_factor.secret, code, now);
    if (step === null)
      throw new UnprocessableError('Wrong code: check the time on your device and try again', { field: 'code' });
    const codes = generateRecoveryCodes();
    const event = createEvent(
      'UserUpdated',
      { user_id: user.id, role: user.role, changed_fields: ['two_factor_enabled'] },
      eventContext(deps, ctx, now),
    );
    await deps.users.replace(
      {
        ...user,
        two_factor: {
          enabled: true,
          secret: user.two_factor.secret,
          last_step: step,
          recovery_code_hashes: codes.map((c) => hashToken(normalizeRecoveryCode(c))),
        },
        updated_at: now.toISOString(),
      },
      [event],
      user._etag,
      now,
    );
    await sendMail(deps, mails.twoFactorEnabled(user.email));
    return { two_factor_enabled: true as const, recovery_codes: codes };
  }

  async preferences(caller: Caller): Promise<Preferences> {
    return (await this.account(caller)).preferences;
  }

  async updatePreferences(caller: Caller, preferences: Preferences, ctx: WriteContext): Promise<Preferences> {
    const deps = this.#deps;
    return withConcurrency(undefined, async () => {
      const user = await this.account(caller);
      const now = deps.clock();
      const event = createEvent(
        'UserUpdated',
        { user_id: user.id, role: user.role, changed_fields: ['preferences'] },
        eventContext(deps, ctx, now),
      );
      const saved = await deps.users.replace(
        { ...user, preferences, updated_at: now.toISOString() },
        [event],
        user._etag,
        now,
      );
      return saved.preferences;
    });
  }

  /**
   * 422 for a wrong password (an account without one, made by an admin or by social sign-in, has
   * none to give). Not 401: that would tell clients their session ended, and they would refresh
   * and retry in vain. Counted like sign-ins: a stolen session cannot guess the password at will.
   */
  async #requirePassword(user: UserDocument, password: string, field = 'password'): Promise<void> {
    const deps = this.#deps;
    const key = `reauth:${user.id}`;
    const tooMany = 'Too many wrong passwords: try again later';
    await beforeAttempt(deps, key, tooMany);
    const ok = user.password_hash
      ? await deps.hasher.verify(password, user.password_hash)
      : await deps.hasher.verifyDummy(password);
    if (!ok) {
      await afterFailure(deps, key, tooMany);
      throw new UnprocessableError('The password is wrong', { field });
    }
    await deps.lockout.succeed(key);
  }
}
