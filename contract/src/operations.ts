import { catalogOperations } from './catalog/operations/index.ts';
import { systemOperations } from './system/operations.ts';
import { authOperations } from './identity/auth-operations.ts';
import { profileOperations } from './identity/profile-operations.ts';
import { adminUserOperations } from './identity/admin-user-operations.ts';
import type { Operation } from './operation.ts';
import type { EventType } from './events/registry.ts';

/** Every operation of the API. The server mounts exactly these; the spec lists exactly these. */
export const operations = [
  ...systemOperations,
  ...catalogOperations,
  ...authOperations,
  ...profileOperations,
  ...adminUserOperations,
] as const satisfies readonly Operation<EventType>[];

export type AnyOperation = (typeof operations)[number];
export type OperationId = AnyOperation['operationId'];
