import {
  GUEST_ID_PATTERN,
  type AuthSession,
  type InputOf,
  type OperationById,
  type OperationId,
  type SocialProvider,
} from '@holiday-peak-hub/contract';
import { hashToken } from '@holiday-peak-hub/core';
import { matchTotp, normalizeRecoveryCode } from '@holiday-peak-hub/core';
import { ConflictError, PreconditionFailedError, UnauthorizedError, UnprocessableError } from '@holiday-peak-hub/core';
import type { Caller } from '@holiday-peak-hub/core';
import type { Exchange as HttpExchange } from '@holiday-peak-hub/core';
import { createEvent } from '@holiday-peak-hub/core';
import type { Stored } from '../platform/events/outbox.ts';
import { randomToken } from '@holiday-peak-hub/core';
import { eventContext, type WriteContext } from '@holiday-peak-hub/core';
import type { SocialIdentityRef, UserDocument } from './documents.ts';
import { afterFailure, beforeAttempt } from './attempt-guard.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { sendMail } from './mail-sender.ts';
import { mails } from './mail-templates.ts';
import {
  issueOneTimeToken,
  redeemable,
  RESET_SECONDS,
  userIdOfToken,
  VERIFICATION_SECONDS,
} from './one-time-tokens.ts';
import { requireStrongPassword } from './password-policy.ts';
import { newAccount } from './new-account.ts';
import type { TokenDelivery } from './session-service.ts';
import type { SocialIdentity } from './social-verifier.ts';
import { toUser } from './user-view.ts';

type Body<K extends OperationId> = InputOf<OperationById<K>>['body'];

const ACCEPTED = (message: string) => ({ status: 'accepted' as const, message });
const BAD_CREDENTIALS = 'Wrong email or password';

/**
 * Accounts and sessions: sign-up, sign-in (with the second factor), email verification, password
 * reset, guest sessions, refresh and sign-out. Answers never tell whether an email has an account:
 * sign-up, resend and forgot-password answer 202 alike, a wrong email and a wrong password the same
 * 401 after the same hashing work.
 */
export class AuthService {
  readonly #deps: IdentityDeps;

  constructor(deps: IdentityDeps) {
    this.#deps = deps;
  }

  async signup(body: Body<'signup'>, ctx: WriteContext) {
    const deps = this.#deps;
    const now = deps.clock();
    requireStrongPassword(deps, body.password, body);
    const passwordHash = await deps.hasher.hash(body.password);
    const existing = await deps.users.getByEmail(body.email);
    const accepted = ACCEPTED('If this address can be used, a confirmation link is on its way: check your inbox.');
    if (existing) {
      // Not awaited here or below where an answer must not tell known from unknown emails: waiting for
      // the mail relay would make the known ones slower.
      if (await this.#mayMail(body.email)) void sendMail(deps, mails.alreadyRegistered(body.email, deps.links));
      return accepted;
    }
    const userId = `usr_${randomToken(16)}`;
    const { token, state } = issueOneTimeToken(userId, now, VERIFICATION_SECONDS);
    const doc: UserDocument = {
      ...newAccount(userId, body.email, body.name, 'customer', now),
      password_hash: passwordHash,
      newsletter_opt_in: body.newsletter_opt_in,
      email_verification: state,
    };
    try {
      await this.createAccount(doc, 'signup', ctx);
    } catch (err) {
      // Lost a race for the same email: the same answer as for an existing account.
      if (err instanceof ConflictError) return accepted;
      throw err;
    }
    await sendMail(deps, mails.verifyEmail(doc.email, doc.name, token, deps.links));
    return accepted;
  }

  /** Claims the email, then writes the account with its UserCreated event. */
  async createAccount(
    doc: UserDocument,
    origin: 'signup' | 'social' | 'admin',
    ctx: WriteContext,
  ): Promise<Stored<UserDocument>> {
    const deps = this.#deps;
    const now = deps.clock();
    await deps.users.claimEmail(doc.email, doc.id, now);
    try {
      const event = createEvent(
        'UserCreated',
        { user_id: doc.id, role: doc.role, origin },
        eventContext(deps, ctx, now),
      );
      return await deps.users.create(doc, [event], now);
    } catch (err) {
      await deps.users.releaseEmail(doc.email);
      throw err;
    }
  }

  async login(body: Body<'login'>, http: HttpExchange) {
    const deps = this.#deps;
    const key = `email:${body.email}`;
    await beforeAttempt(deps, key, 'Too many failed sign-ins: try again later');
    const user = await deps.users.getByEmail(body.email);
    const ok = user?.password_hash
      ? await deps.hasher.verify(body.password, user.password_hash)
      : await deps.hasher.verifyDummy(body.password);
    if (!user || !ok) {
      await afterFailure(deps, key, 'Too many failed sign-ins: try again later');
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }
    await deps.lockout.succeed(key);
    let current = user;
    if (deps.hasher.needsRehash(user.password_hash ?? '')) {
      // Upgraded while the plain password is at hand; a concurrent change wins (the next sign-in upgrades).
      const upgraded = { ...user, password_hash: await deps.hasher.hash(body.password) };
      current = await deps.users.save(upgraded, user._etag, deps.clock()).catch((err: unknown) => {
        if (err instanceof PreconditionFailedError) return user;
        throw err;
      });
    }
    return this.#signInOrChallenge(current, body.token_delivery, http);
  }

  async loginTwoFactor(body: Body<'loginTwoFactor'>, http: HttpExchange): Promise<AuthSession> {
    const deps = this.#deps;
    const userId = await deps.sessions.challengeSubject(body.challenge_token);
    const key = `2fa:${userId}`;
    await beforeAttempt(deps, key, 'Too many wrong codes: try again later');
    const user = await deps.users.get(userId);
    if (!user?.two_factor.enabled || user.two_factor.secret === null) {
      throw new UnauthorizedError('The sign-in challenge is invalid or expired: sign in again');
    }
    const now = deps.clock();
    const step = matchTotp(user.two_factor.secret, body.code, now);
    const recoveryHash = hashToken(normalizeRecoveryCode(body.code));
    const fresh = step !== null && (user.two_factor.last_step === null || step > user.two_factor.last_step);
    const recovery = !fresh && user.two_factor.recovery_code_hashes.includes(recoveryHash);
    if (!fresh && !recovery) {
      await afterFailure(deps, key, 'Too many wrong codes: try again later');
      throw new UnauthorizedError('Wrong or already used code');
    }
    await deps.lockout.succeed(key);
    // Conditional on the version read: two sign-ins racing with one code or one recovery code cannot both pass.
    const saved = await deps.users.save(
      {
        ...user,
        two_factor: {
          ...user.two_factor,
          last_step: fresh ? step : user.two_factor.last_step,
          recovery_code_hashes: user.two_factor.recovery_code_hashes.filter((h) => !recovery || h !== recoveryHash),
        },
      },
      user._etag,
      now,
    );
    return this.#startFor(saved, body.token_delivery, http);
  }

  /**
   * Signs in with a provider's ID token. A known identity signs in to its account; an unknown one
   * joins the account of its email only when the provider vouches for the email, else creates a
   * customer account (or answers 409 when the email belongs to an account it may not join).
   */
  async socialSignIn(provider: SocialProvider, body: Body<'socialSignIn'>, http: HttpExchange, ctx: WriteContext) {
    const deps = this.#deps;
    const identity = await deps.verifySocial(provider, body.id_token);
    let user = await deps.users.getByIdentity(provider, identity.subject);
    if (!user) user = await this.#linkOrCreate(identity, ctx);
    return this.#signInOrChallenge(user, body.token_delivery, http);
  }

  async #linkOrCreate(identity: SocialIdentity, ctx: WriteContext): Promise<Stored<UserDocument>> {
    const deps = this.#deps;
    const now = deps.clock();
    if (identity.email === null) {
      throw new UnprocessableError(`The ${identity.provider} account shares no email address: allow the email scope`, {
        provider: identity.provider,
      });
    }
    const ref = { provider: identity.provider, subject: identity.subject };
    const existing = await deps.users.getByEmail(identity.email);
    if (existing) {
      if (!identity.emailVerified) {
        throw new ConflictError(
          'An account already uses this email: sign in with its password, since the provider does not vouch for the address',
          { provider: identity.provider },
        );
      }
      return this.#link(existing, ref, ctx);
    }
    const userId = `usr_${randomToken(16)}`;
    await deps.users.claimIdentity(identity.provider, identity.subject, userId, now);
    try {
      return await this.createAccount(
        {
          ...newAccount(
            userId,
            identity.email,
            identity.name ?? identity.email.split('@')[0] ?? 'Shopper',
            'customer',
            now,
          ),
          email_verified: identity.emailVerified,
          identities: [ref],
        },
        'social',
        ctx,
      );
    } catch (err) {
      await deps.users.releaseIdentity(identity.provider, identity.subject);
      throw err;
    }
  }

  /**
   * Joins a vouched-for identity to the account of its email. An account whose email was never
   * verified may have been made by someone else before the real owner came (pre-hijacking): its
   * password, second factor, pending links and sessions are dropped, so only the owner remains.
   */
  async #link(
    existing: Stored<UserDocument>,
    ref: SocialIdentityRef,
    ctx: WriteContext,
  ): Promise<Stored<UserDocument>> {
    const deps = this.#deps;
    const now = deps.clock();
    const untrusted = !existing.email_verified;
    await deps.users.claimIdentity(ref.provider, ref.subject, existing.id, now);
    const event = createEvent(
      'UserUpdated',
      {
        user_id: existing.id,
        role: existing.role,
        changed_fields: untrusted ? ['identities', 'email_verified', 'password', 'two_factor_enabled'] : ['identities'],
      },
      eventContext(deps, ctx, now),
    );
    try {
      const linked = await deps.users.replace(
        {
          ...existing,
          identities: [...(existing.identities ?? []), ref],
          email_verified: true,
          ...(untrusted
            ? {
                password_hash: null,
                two_factor: { enabled: false, secret: null, last_step: null, recovery_code_hashes: [] },
                email_verification: null,
                password_reset: null,
              }
            : {}),
          updated_at: now.toISOString(),
        },
        [event],
        existing._etag,
        now,
      );
      if (untrusted) await deps.sessions.endAllFor(existing.id);
      return linked;
    } catch (err) {
      await deps.users.releaseIdentity(ref.provider, ref.subject);
      throw err;
    }
  }

  async startGuest(delivery: TokenDelivery, http: HttpExchange): Promise<AuthSession> {
    const guestId = `gst_${randomToken(16)}`;
    return this.#deps.sessions.start({ id: guestId, role: 'guest', email: null }, delivery, http, null);
  }

  refresh(refreshToken: string | undefined, http: HttpExchange): Promise<AuthSession> {
    return this.#deps.sessions.refresh(refreshToken, http, async (subjectId) => {
      if (GUEST_ID_PATTERN.test(subjectId))
        return { subject: { id: subjectId, role: 'guest', email: null }, user: null };
      const user = await this.#deps.users.get(subjectId);
      return user ? { subject: { id: user.id, role: user.role, email: user.email }, user: toUser(user) } : undefined;
    });
  }

  logout(caller: Caller, http: HttpExchange): Promise<void> {
    return this.#deps.sessions.end(caller.sessionId, http);
  }

  async verifyEmail(token: string, ctx: WriteContext) {
    const deps = this.#deps;
    const now = deps.clock();
    const parsed = userIdOfToken(token);
    const user = parsed ? await deps.users.get(parsed.userId) : undefined;
    if (!parsed || !user || !redeemable(user.email_verification, parsed.secret, now)) {
      throw new UnprocessableError('This link is invalid, used or expired: ask for a new one', { field: 'token' });
    }
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
    if (user && !user.email_verified && (await this.#mayMail(email))) {
      const now = deps.clock();
      const { token, state } = issueOneTimeToken(user.id, now, VERIFICATION_SECONDS);
      await deps.users.storeLinkToken(user.id, 'email_verification', state);
      void sendMail(deps, mails.verifyEmail(user.email, user.name, token, deps.links));
    }
    return ACCEPTED('If this address has an unverified account, a new link is on its way.');
  }

  async forgotPassword(email: string) {
    const deps = this.#deps;
    const user = await deps.users.getByEmail(email);
    if (user && (await this.#mayMail(email))) {
      const now = deps.clock();
      const { token, state } = issueOneTimeToken(user.id, now, RESET_SECONDS);
      await deps.users.storeLinkToken(user.id, 'password_reset', state);
      void sendMail(deps, mails.resetPassword(user.email, token, deps.links));
    }
    return ACCEPTED('If this address has an account, a reset link is on its way.');
  }

  /** Sets the password, proves the inbox (so the email counts as verified), ends every session. */
  async resetPassword(body: Body<'resetPassword'>, ctx: WriteContext): Promise<void> {
    const deps = this.#deps;
    const now = deps.clock();
    const parsed = userIdOfToken(body.token);
    const user = parsed ? await deps.users.get(parsed.userId) : undefined;
    if (!parsed || !user || !redeemable(user.password_reset, parsed.secret, now)) {
      throw new UnprocessableError('This link is invalid, used or expired: ask for a new one', { field: 'token' });
    }
    requireStrongPassword(deps, body.new_password, user);
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

  /** A session, or, for an account with two-factor, the challenge its second step answers. */
  async #signInOrChallenge(user: Stored<UserDocument>, delivery: TokenDelivery, http: HttpExchange) {
    if (!user.two_factor.enabled) return this.#startFor(user, delivery, http);
    const challenge = await this.#deps.sessions.challengeFor(user.id);
    return {
      status: 'two_factor_required' as const,
      challenge_token: challenge.token,
      expires_at: challenge.expiresAt.toISOString(),
    };
  }

  async #startFor(user: Stored<UserDocument>, delivery: TokenDelivery, http: HttpExchange): Promise<AuthSession> {
    const deps = this.#deps;
    const saved = await deps.users.recordLogin(user.id, deps.clock());
    return deps.sessions.start({ id: saved.id, role: saved.role, email: saved.email }, delivery, http, toUser(saved));
  }

  /** At most a few emails per address and hour, whoever asks: nobody can flood an inbox through us. */
  async #mayMail(email: string): Promise<boolean> {
    return (await this.#deps.mailLimiter.consume(`mail:${email}`)).allowed;
  }
}
