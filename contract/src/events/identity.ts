import * as z from 'zod';
import { eventEnvelope } from './envelope.ts';
import { AccountRoleSchema, RoleSchema } from '../common/roles.ts';
import { UserIdSchema } from '../identity/ids.ts';

/*
 * User events carry ids and roles, not the account's personal data: consumers that need the
 * profile read it. The one exception is `actor` on an admin's change to someone else's account:
 * the admin's id, role, email and request metadata, which the audit trail (`audit_logs`) is written from.
 */

export const EventActorSchema = z
  .strictObject({
    user_id: z.string(),
    role: RoleSchema,
    email: z.union([z.string(), z.null()]),
    ip_address: z.string(),
    user_agent: z.union([z.string(), z.null()]),
  })
  .meta({
    id: 'EventActor',
    description: 'The admin who made this change to another account, and from where (for the audit trail).',
  });

export const UserCreatedSchema = eventEnvelope(
  'UserCreated',
  z.strictObject({
    user_id: UserIdSchema,
    role: AccountRoleSchema,
    origin: z.enum(['signup', 'social', 'admin']),
    actor: EventActorSchema.optional(),
  }),
  'An account was created.',
);
export const UserUpdatedSchema = eventEnvelope(
  'UserUpdated',
  z.strictObject({
    user_id: UserIdSchema,
    role: AccountRoleSchema,
    changed_fields: z.array(z.string()),
    previous_role: AccountRoleSchema.optional().meta({ description: 'Set when the role changed: the role before.' }),
    actor: EventActorSchema.optional(),
  }),
  'An account changed: profile fields, email verification, password, two-factor, preferences or role.',
);
export const UserDeletedSchema = eventEnvelope(
  'UserDeleted',
  z.strictObject({ user_id: UserIdSchema, role: AccountRoleSchema, actor: EventActorSchema.optional() }),
  'An account was erased; consumers erase what they hold about it.',
);

export const IDENTITY_EVENTS = {
  UserCreated: { topic: 'user-events', key: 'user_id', schema: UserCreatedSchema },
  UserUpdated: { topic: 'user-events', key: 'user_id', schema: UserUpdatedSchema },
  UserDeleted: { topic: 'user-events', key: 'user_id', schema: UserDeletedSchema },
} as const;

export type EventActor = z.infer<typeof EventActorSchema>;
export type IdentityEventType = keyof typeof IDENTITY_EVENTS;
