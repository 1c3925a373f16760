import { z } from '../zod.ts';

/**
 * Roles of the design document (ADR-015). `anonymous` is anyone without a token.
 * Admin may do everything staff may do; staff and customer are separate kinds of account.
 */
export const ROLES = ['anonymous', 'customer', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type AccountRole = Exclude<Role, 'anonymous'>;

export const RoleSchema = z.enum(ROLES).openapi('Role');
export const AccountRoleSchema = z.enum(['customer', 'staff', 'admin']).openapi('AccountRole');

/** Which roles a caller's role stands in for: admin ⊇ staff. */
const IMPLIED: Record<Role, readonly Role[]> = {
  anonymous: ['anonymous'],
  customer: ['customer'],
  staff: ['staff'],
  admin: ['admin', 'staff'],
};

/** True when a caller holding `held` may call an operation open to `allowed`. */
export function roleSatisfies(held: Role, allowed: readonly Role[]): boolean {
  return IMPLIED[held].some((role) => allowed.includes(role));
}
