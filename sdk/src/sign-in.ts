import { isHolidayPeakApiError, toApiError } from './api-error.js';
import { sessionOf } from './client-session.js';
import type { Client } from './gen/client/index.js';
import { login, loginTwoFactor, logout, socialSignIn, startGuestSession } from './gen/sdk.gen.js';
import type { AuthSession, Login, LoginResult, LoginTwoFactor, SocialProvider, SocialSignIn } from './gen/types.gen.js';
import type { HolidayPeakSession } from './session.js';
import { unwrap } from './unwrap.js';

/*
 * Thin wrappers over the generated sign-in operations for a client created with a `session`: they ask for the
 * session's token delivery, and the client feeds the answer to the session. Failures throw `HolidayPeakApiError`.
 */

export type SignInCredentials = Omit<Login, 'token_delivery'>;
export type TwoFactorInput = Omit<LoginTwoFactor, 'token_delivery'>;
export type ProviderSignInInput = Omit<SocialSignIn, 'token_delivery'>;

function requireSession(client: Client, helper: string): HolidayPeakSession {
  const session = sessionOf(client);
  if (!session) {
    throw new TypeError(
      `${helper} needs a client made with createHolidayPeakClient({ session: createBrowserSession() }) or createTokenSession()`,
    );
  }
  return session;
}

/**
 * Signs in with email and password. Resolves to the session (`status: 'authenticated'`), or, for an account with
 * two-factor authentication, to `{ status: 'two_factor_required', challenge_token }`: then call `completeTwoFactor`.
 * A wrong email or password rejects with `UNAUTHORIZED`; too many failures with `RATE_LIMIT_EXCEEDED`.
 */
export function signIn(client: Client, credentials: SignInCredentials): Promise<LoginResult> {
  const { tokenDelivery } = requireSession(client, 'signIn');
  return unwrap(login({ client, body: { ...credentials, token_delivery: tokenDelivery } }));
}

/**
 * Signs in with the ID token of a social provider (`listAuthProviders` names the ones this deployment accepts). Resolves
 * like `signIn`: the session, or the two-factor challenge.
 */
export function signInWithProvider(
  client: Client,
  provider: SocialProvider,
  input: ProviderSignInInput,
): Promise<LoginResult> {
  const { tokenDelivery } = requireSession(client, 'signInWithProvider');
  return unwrap(socialSignIn({ client, path: { provider }, body: { ...input, token_delivery: tokenDelivery } }));
}

/** Second step of a sign-in that answered `two_factor_required`: the challenge token and an authenticator or recovery code. */
export function completeTwoFactor(client: Client, input: TwoFactorInput): Promise<AuthSession> {
  const { tokenDelivery } = requireSession(client, 'completeTwoFactor');
  return unwrap(loginTwoFactor({ client, body: { ...input, token_delivery: tokenDelivery } }));
}

/** Starts a guest session (cart, checkout and order tracking without an account). */
export function startGuest(client: Client): Promise<AuthSession> {
  const { tokenDelivery } = requireSession(client, 'startGuest');
  return unwrap(startGuestSession({ client, body: { token_delivery: tokenDelivery } }));
}

/**
 * Ends the session on the server (its tokens stop working at once, the cookies are cleared) and forgets it locally,
 * whatever the server answered. A 401 means it had already ended; any other failure rejects, after the local clear.
 */
export async function signOut(client: Client): Promise<void> {
  const session = requireSession(client, 'signOut');
  const { error, response } = await logout({ client, throwOnError: false });
  if (error === undefined) return; // the client cleared the session when the server confirmed
  await session.clear();
  if (!(isHolidayPeakApiError(error) && error.status === 401)) throw toApiError(error, response);
}
