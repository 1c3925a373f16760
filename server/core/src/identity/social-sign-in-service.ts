import type { InputOf, OperationById, SocialProvider } from '@holiday-peak-hub/contract';
import { ConflictError, UnprocessableError } from '../pipeline/errors.ts';
import { createEvent } from '../platform/events/create-event.ts';
import { randomToken } from '../platform/random.ts';
import { eventContext, type WriteContext } from '../platform/write-context.ts';
import { createAccount } from './account-creation.ts';
import type { SocialIdentityRef, StoredUser } from './documents.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { newAccount } from './new-account.ts';
import type { SocialIdentity } from './ports.ts';
import { signInOrChallenge, type SignInAnswer } from './sign-in-answer.ts';

/**
 * Sign-in with a provider's ID token (Google, Microsoft). A known identity signs in to its
 * account; an unknown one joins the account of its email only when the provider vouches for the
 * email, else creates a customer account (or answers 409 when the email belongs to an account it
 * may not join).
 */
export class SocialSignInService {
  readonly #deps: IdentityDeps;

  constructor(deps: IdentityDeps) {
    this.#deps = deps;
  }

  async signIn(
    provider: SocialProvider,
    body: InputOf<OperationById<'socialSignIn'>>['body'],
    ctx: WriteContext,
  ): Promise<SignInAnswer> {
    const deps = this.#deps;
    const identity = await deps.verifySocial(provider, body.id_token);
    let user = await deps.users.getByIdentity(provider, identity.subject);
    if (!user) user = await this.#linkOrCreate(identity, ctx);
    return signInOrChallenge(deps, user, body.token_delivery);
  }

  async #linkOrCreate(identity: SocialIdentity, ctx: WriteContext): Promise<StoredUser> {
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
      const name = identity.name ?? identity.email.split('@')[0] ?? 'Shopper';
      return await createAccount(
        deps,
        {
          ...newAccount(userId, identity.email, name, 'customer', now),
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
  async #link(existing: StoredUser, ref: SocialIdentityRef, ctx: WriteContext): Promise<StoredUser> {
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
}
