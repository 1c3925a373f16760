import * as z from 'zod';
import { defineOperation, type Operation } from '../operation.ts';
import type { IdentityEventType } from '../events/identity.ts';
import { AccountRoleSchema } from '../common/roles.ts';
import { CursorQuerySchema, LimitQuerySchema, pageOf } from '../common/paging.ts';
import { UserIdSchema } from './ids.ts';
import { AdminUserCreateSchema, RoleChangeSchema, UserSchema } from './schemas/index.ts';

const ADMIN = ['admin'] as const;
const userParams = z.strictObject({ id: UserIdSchema });

export const UserPageSchema = pageOf(UserSchema, 'UserPage');

export const adminListUsers = defineOperation({
  operationId: 'adminListUsers',
  method: 'get',
  path: '/api/admin/users',
  tags: ['User management'],
  summary: 'List users',
  description: 'Accounts, newest first, optionally of one role.',
  access: ADMIN,
  request: {
    query: z.strictObject({ role: AccountRoleSchema.optional(), limit: LimitQuerySchema, cursor: CursorQuerySchema }),
  },
  responses: { 200: { description: 'A page of users.', schema: UserPageSchema } },
  errors: [],
});

export const adminCreateUser = defineOperation({
  operationId: 'adminCreateUser',
  method: 'post',
  path: '/api/admin/users',
  tags: ['User management'],
  summary: 'Create a user with a role',
  description:
    'Creates an account (staff, for example) and emails its owner a link to set a password (valid 7 days). Audited.',
  access: ADMIN,
  request: { body: AdminUserCreateSchema },
  responses: { 201: { description: 'Created.', schema: UserSchema } },
  errors: ['CONFLICT'],
  publishes: ['UserCreated'],
});

export const adminChangeUserRole = defineOperation({
  operationId: 'adminChangeUserRole',
  method: 'put',
  path: '/api/admin/users/{id}/role',
  tags: ['User management'],
  summary: "Change a user's role",
  description:
    "Sets the role and signs the user's sessions out, so no token keeps the old role. You cannot change your own role. Audited.",
  access: ADMIN,
  request: { params: userParams, body: RoleChangeSchema },
  responses: { 200: { description: 'The user.', schema: UserSchema } },
  errors: ['RESOURCE_NOT_FOUND', 'UNPROCESSABLE_ENTITY'],
  publishes: ['UserUpdated'],
});

export const adminDeleteUser = defineOperation({
  operationId: 'adminDeleteUser',
  method: 'delete',
  path: '/api/admin/users/{id}',
  tags: ['User management'],
  summary: 'Delete a user',
  description: 'Erases the account as `DELETE /api/users/me` does. You cannot delete yourself here. Audited.',
  access: ADMIN,
  request: { params: userParams },
  responses: { 204: { description: 'Deleted.' } },
  errors: ['RESOURCE_NOT_FOUND', 'UNPROCESSABLE_ENTITY'],
  publishes: ['UserDeleted'],
});

export const adminUserOperations = [
  adminListUsers,
  adminCreateUser,
  adminChangeUserRole,
  adminDeleteUser,
] as const satisfies readonly Operation<IdentityEventType>[];
