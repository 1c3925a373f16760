import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../common/roles.ts';
import { authorizationFailure } from './authorization.ts';

describe('authorizationFailure', () => {
  it('lets anyone call a public operation', () => {
    for (const role of ROLES) expect(authorizationFailure({ access: 'public' }, role)).toBeUndefined();
  });

  it('is UNAUTHORIZED for an anonymous caller of a protected operation', () => {
    expect(authorizationFailure({ access: ['staff'] }, 'anonymous')).toBe('UNAUTHORIZED');
    expect(authorizationFailure({ access: ['customer'] }, 'anonymous')).toBe('UNAUTHORIZED');
  });

  it('is FORBIDDEN for a role the operation does not allow; admin stands in for staff', () => {
    const table: [readonly [Role, ...Role[]], Role, 'FORBIDDEN' | undefined][] = [
      [['staff'], 'customer', 'FORBIDDEN'],
      [['staff'], 'staff', undefined],
      [['staff'], 'admin', undefined],
      [['admin'], 'staff', 'FORBIDDEN'],
      [['customer'], 'admin', 'FORBIDDEN'],
      [['customer', 'staff'], 'customer', undefined],
    ];
    for (const [access, role, expected] of table) {
      expect(authorizationFailure({ access }, role), `${role} → ${access.join('|')}`).toBe(expected);
    }
  });
});
