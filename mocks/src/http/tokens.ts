/**
 * Fixed bearer tokens the mocks accept, bound to the demo accounts (and one guest session): send
 * `Authorization: Bearer mock.staff`. They never expire and survive `logout`; the tokens that
 * sign-in answers (`mock.session.…`) behave like the server's. None of them mean anything to the
 * real server.
 */
export const mockTokens = {
  guest: 'mock.guest',
  customer: 'mock.customer',
  staff: 'mock.staff',
  admin: 'mock.admin',
} as const;

/** The bearer token of an `Authorization` header; `undefined` when the header is not `Bearer <token>`. */
export function bearerTokenOf(header: string): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
}
