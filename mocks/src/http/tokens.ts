import type { Role } from '@holiday-peak-hub/contract';

/**
 * Bearer tokens the mocks accept, one per account role: send `Authorization: Bearer mock.staff`.
 * They mean nothing to the real server.
 */
export const mockTokens = {
  customer: 'mock.customer',
  staff: 'mock.staff',
  admin: 'mock.admin',
} as const;

/** The caller's role from an `Authorization` header; `undefined` for a header that is not a mock token. */
export function roleOfAuthorization(header: string | null): Role | undefined {
  if (header === null || header.trim() === '') return 'anonymous';
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const token = match?.[1];
  const entry = Object.entries(mockTokens).find(([, value]) => value === token);
  return entry?.[0] as Role | undefined;
}
