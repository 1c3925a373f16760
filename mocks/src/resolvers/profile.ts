import { RECENT_SIGN_IN_SECONDS } from '@holiday-peak-hub/contract';
import { etagOf } from '../http/etag.ts';
import { MockHttpError } from '../http/mock-error.ts';
import { sendLink, sendNotice } from '../identity/email-links.ts';
import { checkNewPassword } from '../identity/password-rules.ts';
import { endSessionsOf, REFRESH_TOKEN_SECONDS } from '../identity/sessions.ts';
import { enrolmentOf, MOCK_TOTP_SECRET, MOCK_TWO_FACTOR_CODE, recoveryCodesFor } from '../identity/two-factor.ts';
import { toUser } from '../identity/user-view.ts';
import { accountOf, checkPassword, EMAIL_TAKEN, eraseAccount } from './identity-lookups.ts';
import { changesNothing } from './patch.ts';
import { checkIfMatch } from './lookups.ts';
import type { MockStore } from '../store/mock-store.ts';
import type { ResolversFor } from './types.ts';

type ProfileOps =
  | 'getMe'
  | 'updateMe'
  | 'deleteMe'
  | 'changePassword'
  | 'enableTwoFactor'
  | 'verifyTwoFactor'
  | 'getPreferences'
  | 'updatePreferences';

const versioned = <T>(user: T) => ({ status: 200 as const, body: user, headers: { ETag: etagOf(user) } });

/** An account without a password (social sign-in) is deleted only from a recent sign-in, as on the server. */
function requireRecentSignIn(store: MockStore, sessionId: string | null): void {
  const session = sessionId === null ? undefined : store.identity.sessions.get(sessionId);
  const startedAt = session ? session.refreshExpiresAt - REFRESH_TOKEN_SECONDS * 1000 : -Infinity;
  if (store.now().getTime() - startedAt > RECENT_SIGN_IN_SECONDS * 1000) {
    throw new MockHttpError(
      'UNPROCESSABLE_ENTITY',
      `Sign in again: deleting an account without a password needs a sign-in within the last ${RECENT_SIGN_IN_SECONDS / 60} minutes`,
      { reason: 'recent_sign_in_required' },
    );
  }
}

export const profileResolvers: ResolversFor<ProfileOps> = {
  getMe: ({ store, userId }) => versioned(toUser(accountOf(store, userId))),

  updateMe: ({ input: { headers, body }, store, userId }) => {
    const account = accountOf(store, userId);
    const current = toUser(account);
    checkIfMatch(headers['if-match'], current, { user_id: account.id });
    const { current_password: currentPassword, ...profile } = body;
    if (changesNothing(current, profile)) return versioned(current);
    const emailChanges = body.email !== account.email;
    if (emailChanges) {
      if (account.password === null) {
        throw new MockHttpError('UNPROCESSABLE_ENTITY', 'Set a password (forgot-password) before changing the email', {
          field: 'current_password',
        });
      }
      checkPassword(account, currentPassword ?? '', 'current_password');
      const owner = store.identity.accountByEmail(body.email);
      if (owner) throw new MockHttpError('CONFLICT', EMAIL_TAKEN, { field: 'email' });
    }
    const previousEmail = account.email;
    Object.assign(account, {
      name: body.name,
      email: body.email,
      phone: body.phone,
      date_of_birth: body.date_of_birth,
      newsletter_opt_in: body.newsletter_opt_in,
      updated_at: store.now().toISOString(),
    });
    if (emailChanges) {
      account.email_verified = false;
      sendLink(store, account, 'verify-email');
      // A reset link sent to the old address must not open the account any more.
      for (const [token, link] of store.identity.links) {
        if (link.userId === account.id && link.kind !== 'verify-email') store.identity.links.delete(token);
      }
      sendNotice(store, previousEmail, 'email-changed');
    }
    return versioned(toUser(account));
  },

  deleteMe: ({ input: { body }, store, userId, sessionId }) => {
    const account = accountOf(store, userId);
    if (account.password !== null) checkPassword(account, body.password ?? '');
    else requireRecentSignIn(store, sessionId);
    eraseAccount(store, account);
    return { status: 204, body: undefined };
  },

  changePassword: ({ input: { body }, store, userId, sessionId }) => {
    const account = accountOf(store, userId);
    checkPassword(account, body.current_password);
    checkNewPassword(body.new_password, [account.name, account.email]);
    account.password = body.new_password;
    account.updated_at = store.now().toISOString();
    endSessionsOf(store, account.id, sessionId);
    sendNotice(store, account.email, 'password-changed');
    return { status: 204, body: undefined };
  },

  enableTwoFactor: ({ input: { body }, store, userId }) => {
    const account = accountOf(store, userId);
    checkPassword(account, body.password);
    if (account.twoFactor.enabled) throw new MockHttpError('CONFLICT', 'Two-factor authentication is already on');
    account.twoFactor.pendingSecret = MOCK_TOTP_SECRET;
    return { status: 200, body: enrolmentOf(account.email) };
  },

  verifyTwoFactor: ({ input: { body }, store, userId }) => {
    const account = accountOf(store, userId);
    if (account.twoFactor.enabled) throw new MockHttpError('CONFLICT', 'Two-factor authentication is already on');
    if (account.twoFactor.pendingSecret === null) {
      throw new MockHttpError('CONFLICT', 'Start the enrolment first: POST /api/users/me/2fa/enable');
    }
    if (body.code !== MOCK_TWO_FACTOR_CODE) {
      throw new MockHttpError(
        'UNPROCESSABLE_ENTITY',
        `The code is not right (the mocks accept ${MOCK_TWO_FACTOR_CODE})`,
        {
          field: 'code',
        },
      );
    }
    const at = store.now().toISOString();
    const recovery_codes = recoveryCodesFor(account.id, at);
    account.twoFactor = { enabled: true, pendingSecret: null, recoveryCodes: [...recovery_codes] };
    account.updated_at = at;
    sendNotice(store, account.email, 'two-factor-enabled');
    return { status: 200, body: { two_factor_enabled: true, recovery_codes } };
  },

  getPreferences: ({ store, userId }) => ({ status: 200, body: structuredClone(accountOf(store, userId).preferences) }),

  updatePreferences: ({ input: { body }, store, userId }) => {
    const account = accountOf(store, userId);
    account.preferences = structuredClone(body);
    account.updated_at = store.now().toISOString();
    return { status: 200, body: structuredClone(account.preferences) };
  },
};
