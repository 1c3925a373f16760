import * as z from 'zod';

/**
 * Roles of the design document (ADR-015), plus `guest`: a shopper with a guest session (cart,
 * checkout, order tracking) but no account. `anonymous` is anyone without a token.
 * Admin may do everything staff may do; guest, customer and staff are separate kinds of caller.
 */
export const ROLES = ['anonymous', 'guest', 'customer', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** The roles an account can hold. */
export type AccountRole = 'customer' | 'staff' | 'admin';
/** The roles a session of this API can carry: an account's, or a guest's. */
export type SessionRole = Exclude<Role, 'anonymous'>;

export const ACCOUNT_ROLES = ['customer', 'staff', 'admin'] as const satisfies readonly AccountRole[];

export const RoleSchema = z.enum(ROLES).meta({ id: 'Role' });
export const AccountRoleSchema = z.enum(ACCOUNT_ROLES).meta({ id: 'AccountRole' });
export const SessionRoleSchema = z.enum(['guest', ...ACCOUNT_ROLES]).meta({
  id: 'SessionRole',
  description: 'The role a session carries: `guest` for a guest session, else the account role.',
});

/** Which roles a caller's role stands in for: admin ⊇ staff. */
const IMPLIED: Record<Role, readonly Role[]> = {
  anonymous: ['anonymous'],
  guest: ['guest'],
  customer: ['customer'],
  staff: ['staff'],
  admin: ['admin', 'staff'],
};

/** True when a caller holding `held` may call an operation open to `allowed`. */
export function roleSatisfies(held: Role, allowed: readonly Role[]): boolean {
  return IMPLIED[held].some((role) => allowed.includes(role));
}

/** Every caller with an account: the `/api/users/me` operations (guests have no profile). */
export const ACCOUNT_HOLDERS = ['customer', 'staff'] as const satisfies readonly Role[];
/** Every caller with a session of ours, guests included. */
export const SESSION_HOLDERS = ['guest', 'customer', 'staff'] as const satisfies readonly Role[];
