import { MockHttpError } from '../http/mock-error.ts';
import { sendLink } from '../identity/email-links.ts';
import { endSessionsOf } from '../identity/sessions.ts';
import { toUser } from '../identity/user-view.ts';
import { fingerprintOf, paginate } from '@holiday-peak-hub/core';
import { newAccount } from '../store/new-account.ts';
import { accountOr404, EMAIL_TAKEN, eraseAccount } from './identity-lookups.ts';
import type { ResolversFor } from './types.ts';

type AdminUserOps = 'adminListUsers' | 'adminCreateUser' | 'adminChangeUserRole' | 'adminDeleteUser';

export const adminUserResolvers: ResolversFor<AdminUserOps> = {
  adminListUsers: ({ input: { query }, store }) => {
    const { role, limit, cursor } = query;
    // Newest first; among equal timestamps, the one created later first.
    const newestFirst = [...store.identity.accounts.values()]
      .reverse()
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
      .filter((account) => role === undefined || account.role === role);
    const page = paginate(newestFirst, { limit, cursor }, fingerprintOf(['adminListUsers', role ?? null]));
    return { status: 200, body: { items: page.items.map(toUser), next_cursor: page.next_cursor } };
  },

  adminCreateUser: ({ input: { body }, store }) => {
    if (store.identity.accountByEmail(body.email)) {
      throw new MockHttpError('CONFLICT', EMAIL_TAKEN, { field: 'email' });
    }
    const account = newAccount({
      id: store.identity.nextId('usr'),
      email: body.email,
      name: body.name,
      role: body.role,
      password: null,
      email_verified: false,
      created_at: store.now().toISOString(),
    });
    store.identity.accounts.set(account.id, account);
    sendLink(store, account, 'set-password');
    return { status: 201, body: toUser(account) };
  },

  adminChangeUserRole: ({ input: { params, body }, store, userId }) => {
    if (params.id === userId) {
      throw new MockHttpError('UNPROCESSABLE_ENTITY', 'You cannot change your own role', { user_id: params.id });
    }
    const account = accountOr404(store, params.id);
    if (account.role !== body.role) {
      account.role = body.role;
      account.updated_at = store.now().toISOString();
      endSessionsOf(store, account.id);
    }
    return { status: 200, body: toUser(account) };
  },

  adminDeleteUser: ({ input: { params }, store, userId }) => {
    if (params.id === userId) {
      throw new MockHttpError(
        'UNPROCESSABLE_ENTITY',
        'You cannot delete your own account here: use DELETE /api/users/me',
        {
          user_id: params.id,
        },
      );
    }
    eraseAccount(store, accountOr404(store, params.id));
    return { status: 204, body: undefined };
  },
};
