/** The claims of a provider ID token the mocks read. */
export type MockIdTokenClaims = {
  /** The user's id at the provider. */
  sub: string;
  email?: string;
  /** `true` when the provider vouches for the email (Google's claim; the mocks read it for both providers). */
  email_verified?: boolean;
  name?: string;
};

const base64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

function fromBase64url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

/**
 * An unsigned ID token (`alg: none`) with the given claims, for `POST /api/auth/social/{provider}`
 * against the mocks: use it where the UI would get `idToken` from MSAL or `credential` from Google.
 */
export function mockIdToken(claims: MockIdTokenClaims): string {
  const header = base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  return `${header}.${base64url(JSON.stringify(claims))}.mock`;
}

/**
 * The claims of a JWT-shaped ID token, read without checking its signature, issuer or audience: the
 * mocks cannot reach the providers' keys. `undefined` when it is not a JWT with a string `sub`.
 */
export function readIdToken(token: string): MockIdTokenClaims | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined || !/^[A-Za-z0-9_-]+$/.test(payload)) return undefined;
  try {
    const claims = JSON.parse(fromBase64url(payload)) as Record<string, unknown>;
    if (typeof claims.sub !== 'string' || claims.sub === '') return undefined;
    return {
      sub: claims.sub,
      ...(typeof claims.email === 'string' ? { email: claims.email.toLowerCase() } : {}),
      ...(typeof claims.email_verified === 'boolean' ? { email_verified: claims.email_verified } : {}),
      ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    };
  } catch {
    return undefined;
  }
}
