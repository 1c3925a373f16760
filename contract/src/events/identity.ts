import * as z from 'zod';
import { eventEnvelope } from './envelope.ts';
import { AccountRoleSchema } from '../common/roles.ts';
import { UserIdSchema } from '../identity/ids.ts';

/* User events carry ids and roles, not personal data: consumers that need the profile read it. */

export const UserCreatedSchema = eventEnvelope(
  'UserCreated',
  z.strictObject({ user_id: UserIdSchema, role: AccountRoleSchema, origin: z.enum(['signup', 'social', 'admin']) }),
  'An account was created.',
);
export const UserUpdatedSchema = eventEnvelope(
  'UserUpdated',
  z.strictObject({ user_id: UserIdSchema, role: AccountRoleSchema, changed_fields: z.array(z.string()) }),
  'An account changed: profile fields, email verification, password, two-factor, preferences or role.',
);
export const UserDeletedSchema = eventEnvelope(
  'UserDeleted',
  z.strictObject({ user_id: UserIdSchema }),
  'An account was erased; consumers erase what they hold about it.',
);

export const IDENTITY_EVENTS = {
  UserCreated: { topic: 'user-events', schema: UserCreatedSchema },
  UserUpdated: { topic: 'user-events', schema: UserUpdatedSchema },
  UserDeleted: { topic: 'user-events', schema: UserDeletedSchema },
} as const;

export type IdentityEventType = keyof typeof IDENTITY_EVENTS;
