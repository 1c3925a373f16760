import { defineDomain } from '../domain.ts';
import { adminUserOperations } from './admin-user-operations.ts';
import { authOperations } from './auth-operations.ts';
import { profileOperations } from './profile-operations.ts';

export const identityDomain = defineDomain({
  name: 'identity',
  tags: [
    {
      name: 'Authentication',
      description:
        'Accounts and sessions: sign up, sign in (with two-factor), guest sessions, refresh, sign out, email verification and password reset (pages 5–6).',
    },
    { name: 'Profile', description: 'Your account, password, two-factor and preferences (page 9).' },
    { name: 'Addresses', description: 'Address book and address checks.' },
    { name: 'Payment methods', description: 'Saved cards, by payment provider token.' },
    { name: 'User management', description: 'Admin: accounts and roles, audited.' },
  ],
  operations: [...authOperations, ...profileOperations, ...adminUserOperations],
});
