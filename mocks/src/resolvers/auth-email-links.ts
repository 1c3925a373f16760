import { MockHttpError } from '../http/mock-error.ts';
import { openLink, sendLink, sendNotice, spendLink } from '../identity/email-links.ts';
import { checkNewPassword } from '../identity/password-rules.ts';
import { endSessionsOf } from '../identity/sessions.ts';
import { newAccount } from '../store/new-account.ts';
import type { ResolversFor } from './types.ts';

type EmailLinkOps = 'signup' | 'verifyEmail' | 'resendVerification' | 'forgotPassword' | 'resetPassword';

/** The one answer of every "we emailed you" operation, whether or not an account has the address. */
const accepted = (message: string) => ({ status: 202 as const, body: { status: 'accepted' as const, message } });

const invalidLink = () =>
  new MockHttpError('UNPROCESSABLE_ENTITY', 'This link is invalid, used or expired: ask for a new one', {
    field: 'token',
  });

export const emailLinkResolvers: ResolversFor<EmailLinkOps> = {
  signup: ({ input: { body }, store }) => {
    checkNewPassword(body.password, [body.name, body.email]);
    const existing = store.identity.accountByEmail(body.email);
    if (existing) {
      // The owner is told; the caller gets the same answer as for a new address.
      sendNotice(store, existing.email, 'account-exists');
    } else {
      const account = newAccount({
        id: store.identity.nextId('usr'),
        email: body.email,
        name: body.name,
        role: 'customer',
        password: body.password,
        email_verified: false,
        newsletter_opt_in: body.newsletter_opt_in,
        created_at: store.now().toISOString(),
      });
      store.identity.accounts.set(account.id, account);
      sendLink(store, account, 'verify-email');
    }
    return accepted('If this address can be used, a confirmation link is on its way: check your inbox.');
  },

  verifyEmail: ({ input: { body }, store }) => {
    const link = openLink(store, body.token, ['verify-email']);
    if (!link) throw invalidLink();
    spendLink(store, body.token);
    const { account } = link;
    if (!account.email_verified) {
      account.email_verified = true;
      account.updated_at = store.now().toISOString();
    }
    return { status: 200, body: { email: account.email, email_verified: true } };
  },

  resendVerification: ({ input: { body }, store }) => {
    const account = store.identity.accountByEmail(body.email);
    if (account && !account.email_verified) sendLink(store, account, 'verify-email');
    return accepted('If this address has an unverified account, a new link is on its way.');
  },

  forgotPassword: ({ input: { body }, store }) => {
    const account = store.identity.accountByEmail(body.email);
    if (account) sendLink(store, account, 'reset-password');
    return accepted('If this address has an account, a reset link is on its way.');
  },

  resetPassword: ({ input: { body }, store }) => {
    const account = openLink(store, body.token, ['reset-password', 'set-password'])?.account;
    if (!account) throw invalidLink();
    checkNewPassword(body.new_password, [account.name, account.email]);
    spendLink(store, body.token);
    account.password = body.new_password;
    // The link reached the inbox: the address is proven.
    account.email_verified = true;
    account.updated_at = store.now().toISOString();
    endSessionsOf(store, account.id);
    sendNotice(store, account.email, 'password-changed');
    return { status: 204, body: undefined };
  },
};
