import type { AuthProvider, SocialProvider } from '@holiday-peak-hub/contract';
import { MockHttpError } from '../http/mock-error.ts';
import { readIdToken, type MockIdTokenClaims } from '../identity/id-token.ts';
import { signInOrChallenge } from '../identity/sign-in.ts';
import type { MockAccount } from '../store/identity-store.ts';
import type { MockStore } from '../store/mock-store.ts';
import { newAccount } from '../store/new-account.ts';
import type { ResolversFor } from './types.ts';

/**
 * The providers the mocks offer. Their client ids are placeholders: a real MSAL or Google sign-in
 * needs your own app registration; against the mocks, send a `mockIdToken(...)` instead.
 */
export const MOCK_AUTH_PROVIDERS: readonly AuthProvider[] = [
  {
    provider: 'microsoft',
    issuer: 'https://login.microsoftonline.com/common/v2.0',
    client_id: 'mock-microsoft-client-id',
    scopes: ['openid', 'profile', 'email'],
  },
  {
    provider: 'google',
    issuer: 'https://accounts.google.com',
    client_id: 'mock-google-client-id.apps.googleusercontent.com',
    scopes: ['openid', 'profile', 'email'],
  },
];

/** The account of a provider identity: already joined, joined now by a vouched email, or new. */
function accountOfIdentity(store: MockStore, provider: SocialProvider, claims: MockIdTokenClaims): MockAccount {
  const { accounts } = store.identity;
  for (const account of accounts.values()) {
    if (account.identities.some((id) => id.provider === provider && id.subject === claims.sub)) return account;
  }
  if (claims.email === undefined) {
    throw new MockHttpError(
      'UNPROCESSABLE_ENTITY',
      `The ${provider} account shares no email address: allow the email scope`,
      {
        provider,
      },
    );
  }
  const vouched = claims.email_verified === true;
  const existing = store.identity.accountByEmail(claims.email);
  if (existing) {
    if (!vouched) {
      throw new MockHttpError(
        'CONFLICT',
        'An account already uses this email: sign in with its password, since the provider does not vouch for the address',
        { provider },
      );
    }
    existing.identities.push({ provider, subject: claims.sub });
    existing.email_verified = true;
    return existing;
  }
  const account = newAccount({
    id: store.identity.nextId('usr'),
    email: claims.email,
    name: claims.name ?? claims.email.split('@')[0] ?? 'Shopper',
    role: 'customer',
    password: null,
    email_verified: vouched,
    created_at: store.now().toISOString(),
  });
  account.identities.push({ provider, subject: claims.sub });
  accounts.set(account.id, account);
  return account;
}

export const socialResolvers: ResolversFor<'socialSignIn' | 'listAuthProviders'> = {
  socialSignIn: ({ input: { params, body }, store }) => {
    const claims = readIdToken(body.id_token);
    if (!claims) throw new MockHttpError('UNAUTHORIZED', `The ${params.provider} ID token is not valid`);
    const account = accountOfIdentity(store, params.provider, claims);
    return { status: 200, ...signInOrChallenge(store, account, body.token_delivery) };
  },

  listAuthProviders: () => ({ status: 200, body: { items: MOCK_AUTH_PROVIDERS.map((p) => ({ ...p })) } }),
};
