import { roleSatisfies, type Role } from '../common/roles.ts';
import type { Operation } from '../operation.ts';

/**
 * Why a caller holding `role` may not call `op`: `UNAUTHORIZED` (no token, and the operation is
 * not public), `FORBIDDEN` (a token whose role the operation does not allow), or `undefined`.
 */
export function authorizationFailure(
  op: Pick<Operation, 'access'>,
  role: Role,
): 'UNAUTHORIZED' | 'FORBIDDEN' | undefined {
  if (op.access === 'public') return undefined;
  if (role === 'anonymous') return 'UNAUTHORIZED';
  return roleSatisfies(role, op.access) ? undefined : 'FORBIDDEN';
}
